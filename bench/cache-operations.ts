import { postGraphql, type GraphqlTarget } from './graphql-load';

/** The hot dashboard of scenario C(a). */
export const hotDashboardId = '1';

/** Scenario C(a): every tile of the hot dashboard with its result. */
export const hotDashboardQuery = `query HotDashboard { dashboard(id: "${hotDashboardId}") { tiles { id result { rowCount rows } } } }`;

/** Scenario C(b): an explore's fields (Looker's `lookml_model_explore`). */
export const exploreFieldsQuery =
  'query ExploreMetadata { explore(model: "ecommerce", name: "order_items") { dimensions { name } measures { name } } }';

/** Scenario C(c): one look's title, one cache key per look. */
export function lookTitleQuery(id: string): string {
  return `query LookTitle { look(id: "${id}") { title } }`;
}

/** The look ids of the emulator's data set (56 looks, ids 1–56). */
export const lookIds: readonly string[] = Array.from({ length: 56 }, (_, i) => String(i + 1));

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} is missing`);
  return value as Record<string, unknown>;
}

/** Checks the hot dashboard's answer: tiles, some with a result. Returns the counts. */
export function checkDashboard(data: Record<string, unknown>): { tiles: number; withResult: number } {
  const tiles = record(data['dashboard'], 'dashboard')['tiles'];
  if (!Array.isArray(tiles) || tiles.length === 0) throw new Error('the dashboard has no tiles');
  const withResult = tiles.filter((t) => record(t, 'tile')['result'] !== null).length;
  if (withResult === 0) throw new Error('no tile has a result');
  return { tiles: tiles.length, withResult };
}

/** Checks the explore's answer: dimensions and measures. */
export function checkExplore(data: Record<string, unknown>): void {
  const explore = record(data['explore'], 'explore');
  if (!Array.isArray(explore['dimensions']) || explore['dimensions'].length === 0)
    throw new Error('the explore has no dimensions');
  if (!Array.isArray(explore['measures']) || explore['measures'].length === 0)
    throw new Error('the explore has no measures');
}

/** Checks a look's answer: a title. */
export function checkLook(data: Record<string, unknown>): void {
  if (typeof record(data['look'], 'look')['title'] !== 'string') throw new Error('the look has no title');
}

/**
 * Sends each target once, one after another, and returns each request's wall time, ms. `before`
 * runs ahead of each request, outside the timed part (e.g. an operator's flush).
 */
export async function timedSequence(
  targets: readonly GraphqlTarget[],
  check: (data: Record<string, unknown>) => void,
  before?: () => Promise<void>,
): Promise<number[]> {
  const samples: number[] = [];
  for (const target of targets) {
    if (before) await before();
    const t0 = performance.now();
    const data = await postGraphql(target);
    samples.push(performance.now() - t0);
    check(data);
  }
  return samples;
}

/** `POST /admin/cache/flush` on a subgraph with the operator credential. */
export async function flushCache(graphqlUrl: string, operatorToken: string): Promise<void> {
  const response = await fetch(new URL('/admin/cache/flush', graphqlUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}` },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`cache flush answered ${response.status}: ${text.slice(0, 200)}`);
}
