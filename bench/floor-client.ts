/**
 * The floor: a separate process that calls `@looker/sdk-node` directly, as a hand-written client
 * would, with no GraphQL, no token verification and no loaders. Driven by the benchmark over IPC.
 */
import type { Looker40SDK } from '@looker/sdk';
import { floorOperations, floorSdk } from './floor-operations';
import type { FloorReply, FloorRequest } from './floor-protocol';
import { describeFailure, measureLoops } from './latency-stats';

let sdk: Looker40SDK | undefined;

async function handle(request: FloorRequest): Promise<FloorReply> {
  if (request.kind === 'init') {
    sdk = floorSdk(request.baseUrl, request.clientId, request.clientSecret);
    // Log in once before any loop starts: concurrent first calls would each log in.
    await sdk.authSession.login();
    return { kind: 'ready' };
  }
  if (!sdk) throw new Error('the floor was not initialised');
  const client = sdk;
  const operation = floorOperations[request.scenario];
  const outcome =
    request.kind === 'load'
      ? await measureLoops(() => operation(client), request.connections, {
          deadline: performance.now() + request.durationS * 1000,
        })
      : await measureLoops(() => operation(client), 1, { count: request.count });
  return { kind: 'outcome', outcome };
}

process.on('message', (message: FloorRequest) => {
  handle(message).then(
    (reply) => process.send?.(reply),
    (error: unknown) => process.send?.({ kind: 'failed', message: describeFailure(error) } satisfies FloorReply),
  );
});
// Leave when the benchmark goes away (its IPC channel closes).
process.on('disconnect', () => process.exit(0));
