/** The outcome of one doctor check: one line of output, with a fix when it failed. */
export interface CheckResult {
  readonly ok: boolean;
  /** What was checked, e.g. `Looker reachable`. */
  readonly name: string;
  /** What was found; never a secret. */
  readonly detail: string;
  /** What to change, when `ok` is false. */
  readonly fix?: string;
}

/** A passed check. */
export const pass = (name: string, detail: string): CheckResult => ({ ok: true, name, detail });

/** A failed check and its fix. */
export const fail = (name: string, detail: string, fix: string): CheckResult => ({ ok: false, name, detail, fix });

/** One line per check: `✓ name: detail` or `✗ name: detail — fix: …`. */
export function formatResult(result: CheckResult): string {
  return result.ok
    ? `✓ ${result.name}: ${result.detail}`
    : `✗ ${result.name}: ${result.detail} — fix: ${result.fix ?? 'see docs/operations.md'}`;
}

/** A short reason from anything thrown, without stack or cause chain. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
