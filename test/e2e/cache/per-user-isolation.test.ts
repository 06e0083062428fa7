import { DEMO_LOGINS } from '../../../emulator';
import { startUserStack, type UserStack } from '../identity/user-stack';

/**
 * Under per-user identity, cached answers are keyed by the Looker user they were fetched as: one
 * user's cached result is never served to another, and a user Looker would refuse is still refused.
 */
let stack: UserStack;

beforeAll(async () => {
  stack = await startUserStack({ env: { CACHE_METADATA_TTL: '300', CACHE_RESULT_TTL: '60' } });
});

afterAll(() => stack?.stop());

const runs = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .filter(([route]) => route.includes('/run/'))
    .reduce((sum, [, n]) => sum + n, 0);

test('the analyst’s cached result is not served to the viewer: the viewer’s own Looker user runs it', async () => {
  // A look both may see and run: the first of the viewer's own that is not look 23.
  const viewersLooks = await stack.graphql('{ looks(first: 5) { nodes { id } } }', {
    token: await stack.tokenFor(DEMO_LOGINS.viewer),
  });
  const id = (viewersLooks.body.data as { looks: { nodes: { id: string }[] } }).looks.nodes
    .map((n) => n.id)
    .find((n) => n !== '23');
  const query = `{ look(id: "${id}") { result(limit: 3) { rows } } }`;
  const analyst = await stack.graphql(query, { token: await stack.tokenFor(DEMO_LOGINS.analyst) });
  expect(analyst.body.errors).toBeUndefined();
  await stack.control('reset');
  const again = await stack.graphql(query, { token: await stack.tokenFor(DEMO_LOGINS.analyst) });
  expect(again.body.errors).toBeUndefined();
  expect(runs((await stack.lookerStats()).byRoute)).toBe(0);
  const viewer = await stack.graphql(query, { token: await stack.tokenFor(DEMO_LOGINS.viewer) });
  expect(viewer.body.errors).toBeUndefined();
  expect((viewer.body.data as { look: { result: { rows: unknown[] } } }).look.result.rows.length).toBeGreaterThan(0);
  expect(runs((await stack.lookerStats()).byRoute)).toBe(1);
});

test('a look the viewer may see but not run stays FORBIDDEN for the viewer while the analyst’s result is cached', async () => {
  // Look 23 is on the inventory model, which the viewer's Looker user lacks (emulator/README.md).
  const query = '{ look(id: "23") { title result(limit: 3) { rowCount } } }';
  const analyst = await stack.graphql(query, { token: await stack.tokenFor(DEMO_LOGINS.analyst) });
  expect(analyst.body.errors).toBeUndefined();
  expect((analyst.body.data as { look: { result: { rowCount: number } } }).look.result.rowCount).toBeGreaterThan(0);
  const viewer = await stack.graphql(query, { token: await stack.tokenFor(DEMO_LOGINS.viewer) });
  expect((viewer.body.data as { look: { title: string; result: unknown } }).look.title.length).toBeGreaterThan(0);
  expect((viewer.body.data as { look: { result: unknown } }).look.result).toBeNull();
  expect(viewer.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
});

test('answers carry Cache-Control: private with the shortest TTL served, no-store with errors', async () => {
  const token = await stack.tokenFor(DEMO_LOGINS.analyst);
  const metadata = await stack.graphql('{ look(id: "2") { title } }', { token });
  expect(metadata.headers.get('cache-control')).toBe('private, max-age=300');
  const withResult = await stack.graphql('{ look(id: "2") { title result(limit: 1) { rowCount } } }', { token });
  expect(withResult.headers.get('cache-control')).toBe('private, max-age=60');
  const viewer = await stack.graphql('{ look(id: "23") { title result(limit: 1) { rowCount } } }', {
    token: await stack.tokenFor(DEMO_LOGINS.viewer),
  });
  expect(viewer.body.errors?.length).toBeGreaterThan(0);
  expect(viewer.headers.get('cache-control')).toBe('no-store');
  const me = await stack.graphql('{ viewer { subject } }', { token });
  expect(me.headers.get('cache-control')).toBe('no-store');
});
