import { DEMO_LOGINS, DEMO_USER_IDS } from '../../../emulator';
import { lookIdsSeenBy } from './direct-looker';
import { startUserStack, type UserStack } from './user-stack';

/**
 * In per-user mode a list's `totalCount` is the count of what the caller's own Looker user may see
 * (Looker counts after its access checks), never the service account's, and it is cached per user.
 */
let stack: UserStack;
const seen: Record<'analyst' | 'viewer', string[]> = { analyst: [], viewer: [] };

beforeAll(async () => {
  stack = await startUserStack();
  seen.analyst = await lookIdsSeenBy(stack.emulator.url, DEMO_USER_IDS.analyst);
  seen.viewer = await lookIdsSeenBy(stack.emulator.url, DEMO_USER_IDS.viewer);
});

afterAll(() => stack?.stop());

async function firstPage(login: string): Promise<{ totalCount: number | null; nodes: unknown[] }> {
  const answer = await stack.graphql('{ looks(first: 5) { totalCount nodes { id } } }', {
    token: await stack.tokenFor(login),
  });
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data?.looks as { totalCount: number | null; nodes: unknown[] };
}

test("each person's first page counts the looks Looker shows that person", async () => {
  expect(seen.viewer.length).toBeGreaterThan(5);
  expect(seen.viewer.length).toBeLessThan(seen.analyst.length);
  // Twice each, interleaved: the second answers may come from the cache, which must keep them apart.
  for (let round = 0; round < 2; round += 1) {
    const analyst = await firstPage(DEMO_LOGINS.analyst);
    const viewer = await firstPage(DEMO_LOGINS.viewer);
    expect(analyst).toMatchObject({ totalCount: seen.analyst.length });
    expect(viewer).toMatchObject({ totalCount: seen.viewer.length });
    expect(viewer.nodes).toHaveLength(5);
  }
});
