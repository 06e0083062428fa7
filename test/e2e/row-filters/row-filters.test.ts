import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { decodeJwt } from 'jose';
import { validatePolicy, type Policy } from '../../../src/policy';
import { connectMcp, textOf } from '../../support/mcp-client';
import { startSubgraphStack, testAudience, type SubgraphStack } from '../../support/subgraph-stack';
import { download } from '../exports/export-download';

/**
 * Rows limited by the caller's `countries` claim, through every path that reads rows or values,
 * with the shared caches on: two analysts of different countries never see each other's rows.
 */
function policyOf(): Policy {
  const validated = validatePolicy({
    // `hq` reads every country; embedding is configured, for the embed check below.
    rules: [{ name: 'hq', when: { claim: 'sub', includes: ['hq'] }, allRows: ['users.country'] }],
    embed: { permissions: ['access_data', 'see_user_dashboards'], models: ['ecommerce'] },
    rowFilters: [
      { explores: ['ecommerce::*'], field: 'users.country', fromClaim: 'countries' },
      // An explore without the field: refused, never served unfiltered.
      { explores: ['inventory::inventory_items'], field: 'users.country', fromClaim: 'countries' },
    ],
  });
  if (!validated.ok) throw new Error(validated.problems.join('; '));
  return validated.policy;
}

let stack: SubgraphStack;
let germany: string;
let france: string;
let noClaim: string;
const clients: Client[] = [];

const now = () => Math.floor(Date.now() / 1000);
const tokenOf = (sub: string, extra: Record<string, unknown>) =>
  stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub,
    scope: 'looker:content:read looker:models:read looker:data:read',
    exp: now() + 600,
    ...extra,
  });

beforeAll(async () => {
  const policy = policyOf();
  stack = await startSubgraphStack({
    policy: { current: () => policy },
    env: { CACHE_RESULT_TTL: '300', CACHE_METADATA_TTL: '300' },
  });
  germany = await tokenOf('analyst-de', { countries: ['Germany'] });
  france = await tokenOf('analyst-fr', { countries: 'France' });
  noClaim = await tokenOf('analyst-none', {});
});

afterAll(async () => {
  for (const client of clients) await client.close();
  await stack?.stop();
});

type Row = Record<string, unknown>;
interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function ask(query: string, token: string, variables?: Record<string, unknown>): Promise<Answer> {
  const answer = await stack.graphql(query, { token, ...(variables && { variables }) });
  return answer.body as Answer;
}

/** The distinct values of `users.country` in rows. */
const countries = (rows: readonly Row[]) => [...new Set(rows.map((r) => r['users.country']))].sort();

const byCountry = {
  model: 'ecommerce',
  view: 'users',
  fields: ['users.country', 'users.count'],
  sorts: ['users.country'],
  total: true,
};
const runQuery = `query ($input: QueryInput!) { runQuery(input: $input) { rows totals } }`;

test('runQuery: each analyst reads only their country, totals included, and no cached answer crosses over', async () => {
  const de = await ask(runQuery, germany, { input: byCountry });
  const fr = await ask(runQuery, france, { input: byCountry });
  const deAgain = await ask(runQuery, germany, { input: byCountry });
  const result = (a: Answer) => a.data?.runQuery as { rows: Row[]; totals: Record<string, { value: number }> };
  expect(de.errors).toBeUndefined();
  expect(countries(result(de).rows)).toEqual(['Germany']);
  expect(countries(result(fr).rows)).toEqual(['France']);
  expect(result(deAgain)).toEqual(result(de));
  // Totals are the filtered query's: the country's count, not every country's.
  const count = (a: Answer) => result(a).rows.reduce((sum, r) => sum + Number(r['users.count']), 0);
  expect(result(de).totals['users.count']?.value).toBe(count(de));
  expect(result(fr).totals['users.count']?.value).toBe(count(fr));
  expect(count(de)).not.toBe(count(fr));
});

test("the operation's audit event names the forced field and how many values it allowed, never the values", async () => {
  await ask(runQuery, germany, { input: byCountry });
  const event = stack
    .auditEvents()
    .filter((e) => e.type === 'graphql.operation')
    .at(-1);
  expect(event?.rowFilters).toEqual([{ field: 'users.country', values: 1 }]);
  expect(JSON.stringify(event)).not.toContain('Germany');
});

test('a join of the filtered view (order_items) is limited too', async () => {
  const input = { model: 'ecommerce', view: 'order_items', fields: ['users.country', 'order_items.count'] };
  const fr = await ask(runQuery, france, { input });
  expect(countries((fr.data?.runQuery as { rows: Row[] }).rows)).toEqual(['France']);
});

test("a caller's own filter narrows but never widens: France for the German analyst is refused", async () => {
  const asked = await ask(runQuery, germany, {
    input: { ...byCountry, filters: [{ field: 'users.country', expression: 'France' }] },
  });
  expect(asked.data?.runQuery).toBeNull();
  expect(asked.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  // Values inside the allowed set are kept, the others dropped.
  const both = await ask(runQuery, germany, {
    input: { ...byCountry, filters: [{ field: 'users.country', expression: 'France,Germany' }] },
  });
  expect(countries((both.data?.runQuery as { rows: Row[] }).rows)).toEqual(['Germany']);
  // An expression that cannot be proven narrower (a negation, a wildcard) is refused, naming the field.
  for (const expression of ['-Germany', 'Fr%', 'NULL']) {
    const wider = await ask(runQuery, germany, {
      input: { ...byCountry, filters: [{ field: 'users.country', expression }] },
    });
    expect(wider.data?.runQuery).toBeNull();
    expect(wider.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wider.errors?.[0]?.message).toContain('users.country');
  }
});

test('a token without the claim gets FORBIDDEN naming it, never all rows; unfiltered explores still answer', async () => {
  const none = await ask(runQuery, noClaim, { input: byCountry });
  expect(none.data?.runQuery).toBeNull();
  expect(none.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(none.errors?.[0]?.message).toContain('countries');
  const products = await ask(runQuery, noClaim, {
    input: { model: 'inventory', view: 'products', fields: ['products.category'], limit: 3 },
  });
  expect(products.errors).toBeUndefined();
});

test('an explore that a row filter names but that lacks the field is refused', async () => {
  const answer = await ask(runQuery, germany, {
    input: { model: 'inventory', view: 'inventory_items', fields: ['inventory_items.count'] },
  });
  expect(answer.data?.runQuery).toBeNull();
  expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(answer.errors?.[0]?.message).toContain('users.country');
});

test("Look.result re-runs the saved query with the filter: disjoint rows, never the saved query's cached answer", async () => {
  const look = `{ look(id: "3") { result { rows } } }`;
  const de = await ask(look, germany);
  const fr = await ask(look, france);
  const rows = (a: Answer) => (a.data?.look as { result: { rows: Row[] } }).result.rows;
  expect(countries(rows(de))).toEqual(['Germany']);
  expect(countries(rows(fr))).toEqual(['France']);
  const none = await ask(look, noClaim);
  expect(none.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test('a dashboard tile result is limited like its query', async () => {
  const dashboard = `{ dashboard(id: "10") { tiles { id result { rows } } } }`;
  const tilesOf = (a: Answer) =>
    (a.data?.dashboard as { tiles: { id: string; result: { rows: Row[] } | null }[] }).tiles.filter((t) =>
      t.result?.rows.some((r) => 'users.country' in r),
    );
  const de = tilesOf(await ask(dashboard, germany));
  const fr = tilesOf(await ask(dashboard, france));
  expect(de.length).toBeGreaterThan(0);
  for (const tile of de) expect(countries(tile.result?.rows ?? [])).toEqual(['Germany']);
  for (const tile of fr) expect(countries(tile.result?.rows ?? [])).toEqual(['France']);
});

test('an export download is limited to the downloading caller’s rows', async () => {
  const linkOf = async (token: string) =>
    ((await ask(`{ look(id: "3") { exportUrl(format: JSON) } }`, token)).data?.look as { exportUrl: string }).exportUrl;
  const rowsOf = async (token: string) => {
    const file = await download(stack, await linkOf(token), token);
    expect(file.status).toBe(200);
    return JSON.parse(file.bytes.toString('utf8')) as Row[];
  };
  expect(countries(await rowsOf(germany))).toEqual(['Germany']);
  expect(countries(await rowsOf(france))).toEqual(['France']);
});

test('startQuery runs the filtered query as a task', async () => {
  const rowsOf = async (token: string) => {
    const started = await ask(`mutation ($input: QueryInput!) { startQuery(input: $input) { id } }`, token, {
      input: byCountry,
    });
    const id = (started.data?.startQuery as { id: string }).id;
    for (;;) {
      const polled = await ask(`query ($id: ID!) { queryTask(id: $id) { status result { rows } } }`, token, { id });
      const task = polled.data?.queryTask as { status: string; result: { rows: Row[] } | null };
      if (task.status !== 'RUNNING') return task.result?.rows ?? [];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  expect(countries(await rowsOf(germany))).toEqual(['Germany']);
  expect(countries(await rowsOf(france))).toEqual(['France']);
});

test('the MCP run_query tool shows only the caller’s country', async () => {
  const textFor = async (token: string) => {
    const client = await connectMcp(stack.url, token, stack.responses);
    clients.push(client);
    const result = (await client.callTool({
      name: 'run_query',
      arguments: { model: 'ecommerce', explore: 'users', fields: ['users.country', 'users.count'] },
    })) as CallToolResult;
    return textOf(result);
  };
  const de = await textFor(germany);
  const fr = await textFor(france);
  expect(de).toContain('Germany');
  expect(de).not.toContain('France');
  expect(fr).toContain('France');
  expect(fr).not.toContain('Germany');
});

test('suggestions show only the values the caller may read', async () => {
  const suggest = (field: string) =>
    `{ explore(model: "ecommerce", name: "users") { suggestions(field: "${field}") } }`;
  const values = async (field: string, token: string) =>
    ((await ask(suggest(field), token)).data?.explore as { suggestions: string[] }).suggestions;
  expect(await values('users.country', germany)).toEqual(['Germany']);
  expect(await values('users.country', france)).toEqual(['France']);
  // Another field's values come from the caller's rows only.
  expect((await values('users.city', germany)).sort()).toEqual(['Berlin', 'Munich']);
  expect(await values('users.city', france)).toEqual(['Paris']);
  const none = await ask(suggest('users.country'), noClaim);
  expect(none.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test('the demo issuer\'s demo-regional token carries countries ["Germany"]', async () => {
  const token = await stack.token('demo-regional');
  expect(decodeJwt(token).countries).toEqual(['Germany']);
  expect(
    countries(((await ask(runQuery, token, { input: byCountry })).data?.runQuery as { rows: Row[] }).rows),
  ).toEqual(['Germany']);
});

test("an embed URL, which Looker's own UI would serve unfiltered, is refused to a caller whose rows are limited", async () => {
  const embedQuery = '{ dashboard(id: "1") { embedUrl } }';
  const scope = 'looker:content:read looker:models:read looker:data:read looker:embed';
  const limited = await ask(embedQuery, await tokenOf('analyst-de-embed', { countries: ['Germany'], scope }));
  expect(limited.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(limited.errors?.[0]?.message).toContain('users.country');
  const everyRow = await ask(embedQuery, await tokenOf('hq', { scope }));
  expect(everyRow.errors).toBeUndefined();
  expect(String((everyRow.data?.dashboard as { embedUrl: string }).embedUrl)).toContain('/login/embed/');
});
