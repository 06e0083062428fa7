import { z } from 'zod';
import { maxIdempotencyKeyLength, maxTitleLength } from '../input/write-bounds';
import { cleanText, quoted } from './looker-text';
import { ToolInputProblem } from './tool-definition';

/**
 * What every write tool tells an agent before it writes: the policy decides where, a dry run
 * shows what, and a refusal names its rule (retrying the same call cannot pass it).
 */
export const writeGuidance =
  "Writes only where this server's policy lets your token write (folders it names, with their subfolders); " +
  'a refusal (FORBIDDEN) names the policy rule and what it allows: change the call to fit it, or ask a person — the same call will be refused again. ' +
  'Call with dry_run: true first: everything is checked and the answer says what would be written, with nothing written. Every write is audited.';

/** `dry_run`: every write tool takes it. */
export const dryRunArgument = z
  .boolean()
  .default(false)
  .describe('Check everything and answer what would be written, without writing (default false). Use it first.');

/** `idempotency_key`: creates take it, so a retry answers the first create instead of making a second. */
export const idempotencyKeyArgument = z
  .string()
  .min(1)
  .max(maxIdempotencyKeyLength)
  .regex(/^[\x21-\x7E]+$/, 'must be printable ASCII without spaces')
  .optional()
  .describe(
    `A key of your choosing (at most ${maxIdempotencyKeyLength} printable characters, no spaces) that makes retries safe: a repeat with the same key and arguments answers the first create and writes nothing; with other arguments it is refused (CONFLICT).`,
  );

/** A title or name of new content, bounded as the GraphQL input is. */
export const titleArgument = (what: string) =>
  z.string().min(1).max(maxTitleLength).describe(`The ${what} (at most ${maxTitleLength} characters).`);

/** One changed value as the payload reports it. */
interface ChangedValue {
  readonly old: unknown;
  readonly new: unknown;
}

/** `WriteChange` as a write tool selects it. */
export interface WriteChangeData {
  readonly dryRun: boolean;
  readonly replayed: boolean;
  readonly body: Record<string, unknown> | null;
  readonly changed: Record<string, ChangedValue> | null;
}

/** The selection of `WriteChange` in every write tool's document. */
export const changeSelection = 'change { dryRun replayed body changed }';

/** The structured shape of `WriteChange`. */
export const changeShape = z.object({
  dryRun: z.boolean().describe('True when nothing was written: the answer says what would be.'),
  replayed: z
    .boolean()
    .describe('True when an earlier create with the same idempotency_key answered, and nothing was written now.'),
  body: z.record(z.string(), z.unknown()).nullable().describe('What Looker was (or would be) sent, in its own names.'),
  changed: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('Each changed field with its old and new value (`{ "title": { "old": …, "new": … } }`).'),
});

/** Folder as the write tools select it. */
export const folderShape = z.object({ id: z.string(), name: z.string() }).nullable();

/** A value of a change, as a model reads it: strings quoted as data, the rest as short JSON. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return quoted(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  const json = JSON.stringify(value);
  return cleanText(json.length > 200 ? `${json.slice(0, 200)}…` : json);
}

/** The changed fields, one line each (`- title: "Old" → "New"`); empty when nothing changes. */
function changeLines(change: WriteChangeData): string[] {
  return Object.entries(change.changed ?? {})
    .slice(0, 20)
    .map(([field, value]) => `- ${cleanText(field)}: ${valueText(value.old)} → ${valueText(value.new)}`);
}

/**
 * The text of a write's answer: what was written (or, in a dry run, would be; or, for a repeat of
 * an idempotent create, was written before), the changed fields, and what to do next.
 */
export function writeText(
  tool: string,
  change: WriteChangeData,
  said: { readonly done: string; readonly wouldDo: string; readonly next?: string },
): string {
  const lines = changeLines(change);
  const changes = lines.length > 0 ? `\nChanges:\n${lines.join('\n')}` : '';
  if (change.dryRun)
    return `Dry run, nothing was written: ${tool} would ${said.wouldDo}.${changes}\nCall ${tool} again with dry_run false to write it.`;
  if (change.replayed)
    return `${said.done} (by an earlier call with this idempotency_key: nothing new was written now).${said.next ? `\n${said.next}` : ''}`;
  return `${said.done}.${changes}${said.next ? `\n${said.next}` : ''}`;
}

/** The mutation's payload in the operation's data; a tool problem when it is missing. */
export function payloadOf<T>(data: Record<string, unknown>, field: string): T {
  const payload = data[field];
  if (payload === null || payload === undefined) throw new ToolInputProblem(`${field} answered nothing.`);
  return payload as T;
}

/** `folder "Sandbox" (7)`, or the id alone when the folder was not read. */
export function folderText(folder: { id: string; name: string } | null | undefined, id?: string): string {
  if (folder) return `folder ${quoted(folder.name)} (${cleanText(folder.id)})`;
  return `folder ${cleanText(id ?? '?')}`;
}
