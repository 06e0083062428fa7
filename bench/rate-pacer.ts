import { setTimeout as delay } from 'node:timers/promises';

/** Sends planned for `durationMs` at `ratePerSecond`: one at 0 ms, then one every 1000 / rate ms before the end. */
export function plannedSends(durationMs: number, ratePerSecond: number): number {
  if (durationMs <= 0 || ratePerSecond <= 0) return 0;
  return Math.ceil((durationMs * ratePerSecond) / 1000);
}

/** When send `index` (from 0) is due, ms after the start: a fixed schedule, so late timers do not drift it. */
export function dueAtMs(index: number, ratePerSecond: number): number {
  return (index * 1000) / ratePerSecond;
}

/** How many of `planned` sends are due `elapsedMs` after the start. */
export function dueBy(elapsedMs: number, ratePerSecond: number, planned: number): number {
  if (elapsedMs < 0) return 0;
  return Math.min(planned, Math.floor((elapsedMs * ratePerSecond) / 1000) + 1);
}

/** What a paced run did. */
export interface PaceOutcome {
  /** Sends the schedule held. */
  readonly planned: number;
  readonly sent: number;
  /** Sends dropped because `maxInFlight` requests were still unanswered (the bound that keeps memory finite). */
  readonly skipped: number;
  /** From the first send to the last one due, ms. */
  readonly sendingMs: number;
  /** From the first send until every request sent had ended, ms. */
  readonly elapsedMs: number;
}

/** How to pace. */
export interface PaceSettings {
  readonly ratePerSecond: number;
  readonly durationMs: number;
  /** At most this many requests unanswered at once; a send due beyond it is skipped and counted. */
  readonly maxInFlight: number;
  /** Sends request `index`; must settle (never reject) within a bounded time. */
  readonly send: (index: number) => Promise<void>;
  /** The clock: the real one unless a test steps its own. */
  readonly clock?: PaceClock;
}

/** Where the pacer reads the time and waits. */
export interface PaceClock {
  /** Milliseconds from an arbitrary origin. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PaceClock = { now: () => performance.now(), sleep: (ms) => delay(ms) };

/**
 * An open loop: sends at a fixed rate whatever the answers' latency (as independent users do), up to
 * `maxInFlight` unanswered, for `durationMs`; then waits for the requests still in flight.
 */
export async function paceAtRate(settings: PaceSettings): Promise<PaceOutcome> {
  const { ratePerSecond, durationMs, maxInFlight, send } = settings;
  const clock = settings.clock ?? realClock;
  const planned = plannedSends(durationMs, ratePerSecond);
  const inFlight = new Set<Promise<void>>();
  let next = 0;
  let sent = 0;
  let skipped = 0;
  const begin = clock.now();
  while (next < planned) {
    const due = dueBy(clock.now() - begin, ratePerSecond, planned);
    for (; next < due; next += 1) {
      if (inFlight.size >= maxInFlight) {
        skipped += 1;
        continue;
      }
      sent += 1;
      const request = send(next).finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    if (next < planned) await clock.sleep(Math.max(0, dueAtMs(next, ratePerSecond) - (clock.now() - begin)));
  }
  const sendingMs = clock.now() - begin;
  await Promise.all(inFlight);
  return { planned, sent, skipped, sendingMs, elapsedMs: clock.now() - begin };
}
