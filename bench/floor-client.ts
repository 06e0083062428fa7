/**
 * The floor: a separate process that calls `@looker/sdk-node` directly, as a hand-written client
 * would, with no GraphQL, no token verification and no loaders. Driven by the benchmark over IPC.
 */
import type { Looker40SDK } from '@looker/sdk';
import { floorOperations, floorSdk, type FloorOperation } from './floor-operations';
import type { FloorReply, FloorRequest } from './floor-protocol';
import { summarizeLatencies, type LoadOutcome } from './latency-stats';

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'object' ? JSON.stringify(error) : String(error);
}

/** Runs `loops` concurrent loops of the operation until `durationS` has passed; each loop waits for its answer. */
async function drive(sdk: Looker40SDK, operation: FloorOperation, loops: number, deadline: number): Promise<LoadOutcome> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const begin = performance.now();
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await operation(sdk);
        latencies.push(performance.now() - t0);
      } catch (error) {
        failures += 1;
        firstFailure ??= describe(error);
      }
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  const elapsedMs = performance.now() - begin;
  return {
    started: latencies.length + failures,
    completed: latencies.length,
    failures,
    elapsedMs,
    requestsPerSecond: latencies.length / (elapsedMs / 1000),
    latency: summarizeLatencies(latencies),
    ...(firstFailure === undefined ? {} : { firstFailure }),
  };
}

async function sequential(sdk: Looker40SDK, operation: FloorOperation, count: number): Promise<LoadOutcome> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const begin = performance.now();
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    try {
      await operation(sdk);
      latencies.push(performance.now() - t0);
    } catch (error) {
      failures += 1;
      firstFailure ??= describe(error);
    }
  }
  const elapsedMs = performance.now() - begin;
  return {
    started: latencies.length + failures,
    completed: latencies.length,
    failures,
    elapsedMs,
    requestsPerSecond: latencies.length / (elapsedMs / 1000),
    latency: summarizeLatencies(latencies),
    ...(firstFailure === undefined ? {} : { firstFailure }),
  };
}

let sdk: Looker40SDK | undefined;

async function handle(request: FloorRequest): Promise<FloorReply> {
  if (request.kind === 'init') {
    sdk = floorSdk(request.baseUrl, request.clientId, request.clientSecret);
    // Log in once before any loop starts: concurrent first calls would each log in.
    await sdk.authSession.login();
    return { kind: 'ready' };
  }
  if (!sdk) throw new Error('the floor was not initialised');
  const operation = floorOperations[request.scenario];
  const outcome =
    request.kind === 'load'
      ? await drive(sdk, operation, request.connections, performance.now() + request.durationS * 1000)
      : await sequential(sdk, operation, request.count);
  return { kind: 'outcome', outcome };
}

process.on('message', (message: FloorRequest) => {
  handle(message).then(
    (reply) => process.send?.(reply),
    (error: unknown) => process.send?.({ kind: 'failed', message: describe(error) } satisfies FloorReply),
  );
});
// Leave when the benchmark goes away (its IPC channel closes).
process.on('disconnect', () => process.exit(0));
