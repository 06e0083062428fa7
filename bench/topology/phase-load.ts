import { setTimeout as delay } from 'node:timers/promises';
import type { CallOutcome } from '../graphql-call';
import { dueAtMs } from '../rate-pacer';
import { dealOperations, type LoadTarget, type TopologyOperation } from './topology-mix';

/** One request of a phase: when it was sent (ms from the phase's start), what, and how it ended. */
export interface SentRequest {
  readonly sentAtMs: number;
  readonly operation: string;
  readonly outcome: CallOutcome;
}

/** How a phase's load is made. */
export interface PhaseLoadSettings {
  readonly ratePerSecond: number;
  /** The shortest the load lasts; it goes on while the phase's action runs. */
  readonly minDurationMs: number;
  readonly maxInFlight: number;
  readonly requestTimeoutMs: number;
  readonly mix: readonly TopologyOperation[];
  /** The public endpoint, without a token. */
  readonly endpoint: Omit<LoadTarget, 'token'>;
  /** The callers' tokens, used in turn. */
  readonly tokens: readonly string[];
}

/** What a phase's load recorded. */
export interface PhaseLoad {
  readonly requests: readonly SentRequest[];
  /** Sends dropped because `maxInFlight` requests were unanswered. */
  readonly skipped: number;
  readonly elapsedMs: number;
}

/**
 * An open loop at a fixed rate (as independent users send, whatever the latency), bounded in
 * flight, from the phase's start until both `minDurationMs` has passed and `action` has ended;
 * then waits for the requests still in flight. `action` gets the phase's clock (ms since start).
 */
export async function runPhaseLoad<T>(
  settings: PhaseLoadSettings,
  action: (elapsedMs: () => number) => Promise<T>,
): Promise<{ load: PhaseLoad; result: T }> {
  const deal = dealOperations(settings.mix);
  const begin = performance.now();
  const elapsed = (): number => performance.now() - begin;
  const requests: SentRequest[] = [];
  const inFlight = new Set<Promise<void>>();
  let actionDone = false;
  const acting = action(elapsed).finally(() => {
    actionDone = true;
  });
  // A failing action still lets the loop end; its error is thrown below.
  acting.catch(() => undefined);
  let next = 0;
  let skipped = 0;
  while (!actionDone || elapsed() < settings.minDurationMs) {
    for (; dueAtMs(next, settings.ratePerSecond) <= elapsed(); next += 1) {
      if (inFlight.size >= settings.maxInFlight) {
        skipped += 1;
        continue;
      }
      const { operation, n } = deal();
      const target = { ...settings.endpoint, token: settings.tokens[next % settings.tokens.length] as string };
      const sentAtMs = elapsed();
      const request = operation
        .send(target, n, settings.requestTimeoutMs)
        .then((outcome) => void requests.push({ sentAtMs, operation: operation.name, outcome }))
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await delay(Math.max(1, dueAtMs(next, settings.ratePerSecond) - elapsed()));
  }
  await Promise.all(inFlight);
  const result = await acting;
  return { load: { requests, skipped, elapsedMs: elapsed() }, result };
}
