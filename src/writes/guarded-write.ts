import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { auditOriginOf } from '../audit/audit-channel';
import type { ChangedValue } from '../audit/audit-event';
import type { Context } from '../context/context';
import { graphqlError } from '../errors';
import { LookerError } from '../looker/errors';
import { fingerprintOf } from './idempotency-store';
import { writeCaller, type WriteCaller } from './write-grants';

/** What a write will change, found by its checks before anything is written. */
export interface WritePreview {
  /** What Looker will be sent (the request's body, in Looker's field names). */
  readonly body: Record<string, unknown>;
  /** Old and new values of what changes. */
  readonly changed: Record<string, ChangedValue>;
  /** The content written, for the audit trail (`look:12`, `folder:7`). */
  readonly resources: readonly string[];
  /** Cache tags the write makes stale (see `contentTags`). */
  readonly evict: readonly string[];
  /** The policy rules that allowed it. */
  readonly rules: readonly string[];
}

/** One write: its checks, then its Looker calls. */
export interface WritePlan<T> {
  /** The mutation, for the rate, the audit trail and errors. */
  readonly mutation: string;
  readonly dryRun: boolean;
  readonly idempotencyKey?: string;
  /** What makes two attempts with one key the same attempt. */
  readonly input: unknown;
  /**
   * Every check (policy, bounds, the query against its explore, Looker's reads they need), with
   * no write: refusals throw. Returns the preview.
   */
  check(caller: WriteCaller): Promise<WritePreview>;
  /** The Looker writes; the written object. */
  write(preview: WritePreview): Promise<T>;
  /** What a dry run answers as the object: the object as it is now (updates), or null (creates). */
  current?(): Promise<T | null>;
  /** Resources only known once written (a new look's id), for the audit trail. */
  written?(value: T): readonly string[];
}

/** What the payload says of the change (`WriteChange`). */
export interface WriteChangeView {
  readonly dryRun: boolean;
  readonly replayed: boolean;
  readonly body: Record<string, unknown>;
  readonly changed: Record<string, ChangedValue>;
}

/** A write's answer: the object and what changed. */
export interface WriteOutcome<T> {
  readonly value: T | null;
  readonly change: WriteChangeView;
}

/** What an idempotent create keeps for its repeats. */
interface Remembered<T> {
  readonly value: T;
  readonly change: WriteChangeView;
}

function codeOf(error: unknown): string {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return error.extensions.code;
  if (error instanceof LookerError) return error.code;
  return 'INTERNAL_SERVER_ERROR';
}

/**
 * Runs a write with its guardrails, in this order: who may write (policy `writes:`, the MCP door),
 * a repeat of an idempotent create (answered from the first, nothing written), the caller's write
 * rate, every check of the plan (refusals before any Looker write), then — unless a dry run — the
 * Looker writes, the eviction of what they made stale on every replica, and the answer kept for
 * repeats. Every outcome, refusals and dry runs included, writes one audit event.
 */
export async function guardedWrite<T>(ctx: Context, plan: WritePlan<T>): Promise<WriteOutcome<T>> {
  const origin = auditOriginOf(ctx);
  const callsBefore = ctx.looker.calls;
  const keyHash = plan.idempotencyKey ? createHash('sha256').update(plan.idempotencyKey).digest('base64url') : null;
  let preview: WritePreview | undefined;
  let replayed = false;
  const audit = (outcome: 'ok' | 'refused' | 'error', extra: { reason?: string; resources?: readonly string[] }) => {
    ctx.writes?.audit({
      type: 'write',
      time: new Date().toISOString(),
      requestId: ctx.requestId,
      subject: ctx.principal?.subject ?? null,
      clientId: ctx.principal?.clientId ?? null,
      lookerUser: ctx.looker.lookerUserId ?? null,
      channel: origin.channel,
      ...(origin.tool !== undefined && { tool: origin.tool }),
      mutation: plan.mutation,
      resources: [...new Set([...(preview?.resources ?? []), ...(extra.resources ?? [])])],
      change: preview?.changed ?? {},
      dryRun: plan.dryRun,
      idempotencyKeyHash: keyHash,
      replayed,
      outcome,
      ...(extra.reason !== undefined && { reason: extra.reason.toLowerCase() }),
      ...(preview && preview.rules.length > 0 && { rules: preview.rules }),
      lookerCalls: ctx.looker.calls - callsBefore,
    });
  };

  let caller: WriteCaller;
  try {
    caller = writeCaller(ctx);
  } catch (error) {
    audit('refused', { reason: codeOf(error) });
    throw error;
  }
  const key = plan.dryRun ? undefined : plan.idempotencyKey;
  const fingerprint = key ? fingerprintOf([plan.mutation, plan.input]) : '';
  let claimed = false;
  try {
    if (key) {
      const claim = await caller.services.idempotency.claim<Remembered<T>>(caller.subject, key, fingerprint);
      if (claim.kind === 'replay') {
        replayed = true;
        audit('ok', { resources: plan.written?.(claim.value.value) });
        return { value: claim.value.value, change: { ...claim.value.change, replayed: true } };
      }
      if (claim.kind === 'running')
        throw graphqlError(
          'CONFLICT',
          'A create with this idempotencyKey is still running: retry in a few seconds to get its result',
          { argumentName: 'idempotencyKey' },
        );
      if (claim.kind === 'other-input')
        throw graphqlError(
          'CONFLICT',
          'This idempotencyKey was used with other input: use a new key for a new create',
          { argumentName: 'idempotencyKey' },
        );
      claimed = true;
    }
    await caller.services.charge(caller.subject, plan.mutation);
    preview = await plan.check(caller);
    const change: WriteChangeView = {
      dryRun: plan.dryRun,
      replayed: false,
      body: preview.body,
      changed: preview.changed,
    };
    if (plan.dryRun) {
      const value = plan.current ? await plan.current() : null;
      audit('ok', {});
      return { value, change };
    }
    const value = await plan.write(preview);
    // Before the answer is read back: its fields resolve through the same caches.
    await caller.services.evict(preview.evict);
    if (key) await caller.services.idempotency.complete(caller.subject, key, fingerprint, { value, change });
    claimed = false;
    audit('ok', { resources: plan.written?.(value) });
    return { value, change };
  } catch (error) {
    if (claimed && key) await caller.services.idempotency.release(caller.subject, key);
    // Refused: nothing was sent to Looker to write (a check failed); error: a Looker write failed.
    audit(preview === undefined || plan.dryRun ? 'refused' : 'error', { reason: codeOf(error) });
    throw error;
  }
}
