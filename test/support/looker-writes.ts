import type { SubgraphStack } from './subgraph-stack';

/** What `send` made Looker do, by the emulator's own counter. */
export interface WritesDuring<T> {
  readonly answer: T;
  /** Routes that change Looker (POST, PATCH, DELETE; logins aside) called meanwhile, with their counts. */
  readonly writes: Record<string, number>;
  /** Every Looker request meanwhile, reads and logins included. */
  readonly total: number;
}

/** Runs `send` and reports the Looker writes it caused (the stack's requests run one at a time). */
export async function writesDuring<T>(
  stack: Pick<SubgraphStack, 'lookerStats'>,
  send: () => Promise<T>,
): Promise<WritesDuring<T>> {
  const before = await stack.lookerStats();
  const answer = await send();
  const after = await stack.lookerStats();
  const writes = Object.fromEntries(
    Object.entries(after.byRoute)
      .filter(
        ([route, n]) =>
          /^(POST|PATCH|DELETE) /.test(route) && !route.includes('/login') && n > (before.byRoute[route] ?? 0),
      )
      .map(([route, n]) => [route, n - (before.byRoute[route] ?? 0)]),
  );
  return { answer, writes, total: after.total - before.total };
}
