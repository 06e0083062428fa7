import type { FaultSpec } from '../emulator/http/control-schemas';

/** How injected faults are split: shares of the total fault rate, summing to 1. */
export interface FaultShares {
  /** Answered 503 Service Unavailable. */
  readonly unavailable: number;
  /** Answered 429 Too Many Requests with `Retry-After: 1`. */
  readonly rateLimited: number;
  /** Held open without an answer until the subgraph gives up (its `LOOKERSDK_TIMEOUT`). */
  readonly hang: number;
}

/**
 * The default split: mostly 503s, some 429s, and a few hangs, kept rare because each one holds a
 * Looker slot of the subgraph for its whole timeout.
 */
export const defaultFaultShares: FaultShares = { unavailable: 0.75, rateLimited: 0.23, hang: 0.02 };

/**
 * The emulator's fault rules that together fail `totalRate` of all Looker calls, split by `shares`.
 * The emulator applies the first rule whose draw passes, in order, so each rule's rate is
 * conditional on the rules before it having passed the request by.
 */
export function faultRules(totalRate: number, shares: FaultShares = defaultFaultShares): FaultSpec[] {
  if (!(totalRate >= 0 && totalRate <= 1)) throw new RangeError(`a fault rate is between 0 and 1, got ${totalRate}`);
  const sum = shares.unavailable + shares.rateLimited + shares.hang;
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`fault shares must sum to 1, got ${sum}`);
  const wanted: [FaultSpec, number][] = [
    [{ status: 503 }, shares.unavailable * totalRate],
    [{ status: 429, retryAfter: 1 }, shares.rateLimited * totalRate],
    [{ status: 504, hang: true }, shares.hang * totalRate],
  ];
  const rules: FaultSpec[] = [];
  let passedBy = 1;
  for (const [rule, fraction] of wanted) {
    if (fraction <= 0) continue;
    rules.push({ ...rule, rate: Math.min(1, fraction / passedBy) });
    passedBy -= fraction;
  }
  return rules;
}
