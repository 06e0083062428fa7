import { type ApolloClient, gql, type TypedDocumentNode } from '@apollo/client';
import { apolloClient } from '../../support/apollo-client';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * What a dashboard UI reads from a query result, through Apollo Client, the subgraph and the
 * Looker emulator (which answers as Looker does: drill links on unless a run turns them off,
 * `rendered` only for formatted fields, row totals under `$$$_row_total_$$$`).
 */

let stack: SubgraphStack;
let client: ApolloClient;

beforeAll(async () => {
  stack = await startSubgraphStack();
  const token = await stack.token('demo-analyst');
  client = apolloClient(`${stack.url}/graphql`, token);
});

afterAll(() => stack?.stop());

type Json = Record<string, unknown>;
interface Pivot {
  key: string;
  values: Json;
  labels: Record<string, string>;
  label: string;
  isTotal: boolean;
}
interface Result {
  rows: Json[];
  renderedRows: Json[];
  totals: Record<string, Json> | null;
  rowTotals: Record<string, { value: unknown; rendered: string | null }>[] | null;
  pivots: Pivot[];
}

const selection = `
      rows
      renderedRows
      totals
      pivots {
        key
        values
        labels
        label
        isTotal
      }`;
const run: TypedDocumentNode<{ runQuery: Result | null }, { input: Json; refresh?: boolean }> = gql(
  `query Run($input: QueryInput!, $refresh: Boolean) { runQuery(input: $input, refresh: $refresh) { ${selection} } }`,
);
const runWithRowTotals: TypedDocumentNode<{ runQuery: Result | null }, { input: Json; refresh?: boolean }> = gql(
  `query RunWithRowTotals($input: QueryInput!) { runQuery(input: $input) { ${selection} rowTotals } }`,
);

const runQuery = async (input: Json, refresh = false, query = run): Promise<Result> => {
  const answer = await client.query({ query, variables: { input, refresh }, fetchPolicy: 'no-cache' });
  expect(answer.error).toBeUndefined();
  if (!answer.data?.runQuery) throw new Error('no result');
  return answer.data.runQuery;
};

const byStatus = {
  model: 'ecommerce',
  view: 'order_items',
  fields: ['products.category', 'order_items.status', 'order_items.count', 'order_items.total_sale_price'],
  pivots: ['order_items.status'],
  sorts: ['products.category'],
  limit: 5,
  total: true,
};

test('no drill-menu HTML reaches a client: pivot labels are the rendered values, totals carry no links', async () => {
  const result = await runQuery(byStatus);
  expect(result.pivots.length).toBeGreaterThan(1);
  for (const pivot of result.pivots) {
    expect(pivot.labels['order_items.status']).toBe(pivot.values['order_items.status']);
    expect(pivot.label).not.toMatch(/[<>]/);
  }
  const text = JSON.stringify(result);
  expect(text).not.toContain('drillmenu');
  expect(text).not.toContain('"links"');
  // Totals are `{ value, rendered }` per measure and pivot key, nothing else.
  const countTotals = result.totals?.['order_items.count'] as Record<string, Json>;
  for (const cell of Object.values(countTotals)) expect(Object.keys(cell).sort()).toEqual(['rendered', 'value']);
});

test('the subgraph asks Looker for no drill links and for table calculations on every run', async () => {
  await stack.control('reset', { faults: false, latency: false, queryTime: false });
  await runQuery(byStatus, true);
  const { requests } = (await (await fetch(`${stack.emulator.url}/__emulator/requests`)).json()) as {
    requests: {
      method: string;
      path: string;
      cache: string | null;
      generate_drill_links: string | null;
      server_table_calcs: string | null;
    }[];
  };
  const runs = requests.filter((r) => r.path.startsWith('/api/4.0/queries/run/') || r.path.includes('/run/'));
  expect(runs.length).toBeGreaterThan(0);
  for (const r of runs) {
    expect(r.generate_drill_links).toBe('false');
    expect(r.server_table_calcs).toBe('true');
    // `refresh: true` bypasses Looker's cache too.
    expect(r.cache).toBe('false');
  }
});

test('query tasks ask for no drill links and for table calculations too', async () => {
  await stack.control('reset', { faults: false, latency: false, queryTime: false });
  const started = await client.mutate({
    mutation: gql`
      mutation Start($input: QueryInput!) {
        startQuery(input: $input) {
          id
        }
      }
    `,
    variables: { input: byStatus },
  });
  expect(started.error).toBeUndefined();
  const { requests } = (await (await fetch(`${stack.emulator.url}/__emulator/requests`)).json()) as {
    requests: {
      method: string;
      path: string;
      generate_drill_links: string | null;
      server_table_calcs: string | null;
    }[];
  };
  const tasks = requests.filter((r) => r.method === 'POST' && r.path === '/api/4.0/query_tasks');
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toEqual(expect.objectContaining({ generate_drill_links: 'false', server_table_calcs: 'true' }));
});

test('rendered text is Looker’s for formatted fields; an unformatted average is its value, unrounded', async () => {
  const result = await runQuery({
    model: 'ecommerce',
    view: 'order_items',
    fields: ['products.category', 'order_items.total_sale_price', 'order_items.count', 'avg_cost', 'in_thousands'],
    sorts: ['products.category'],
    limit: 10,
    dynamicFields: JSON.stringify([
      { measure: 'avg_cost', based_on: 'products.cost', type: 'average', label: 'Average Cost' },
      {
        table_calculation: 'in_thousands',
        label: 'Sales (K/M)',
        expression: '${order_items.total_sale_price}',
        value_format: '[>=1000000]$0.00,,"M";[>=1000]$0.00,"K";$0.00',
      },
    ]),
  });
  expect(result.rows.length).toBeGreaterThan(1);
  let unrounded = 0;
  result.rows.forEach((row, i) => {
    const shown = result.renderedRows[i] as Json;
    const price = row['order_items.total_sale_price'] as number;
    expect(shown['order_items.total_sale_price']).toBe(
      `$${price.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    );
    expect(shown['order_items.count']).toBe((row['order_items.count'] as number).toLocaleString('en-US'));
    // No format: Looker sends no rendered text, and the value is served as it came.
    expect(shown.avg_cost).toBe(String(row.avg_cost));
    if (/\.\d{3,}/.test(String(row.avg_cost))) unrounded += 1;
    const k = price >= 1e6 ? `$${(price / 1e6).toFixed(2)}M` : `$${(price / 1e3).toFixed(2)}K`;
    expect(shown.in_thousands).toBe(k);
  });
  expect(unrounded).toBeGreaterThan(0);
});

test('row totals: one per row and measure, over every status, and their grand total', async () => {
  const result = await runQuery({ ...byStatus, rowTotal: 'right' }, false, runWithRowTotals);
  const flat = await runQuery({
    model: 'ecommerce',
    view: 'order_items',
    fields: ['products.category', 'order_items.count', 'order_items.total_sale_price'],
    sorts: ['products.category'],
    limit: 5,
    total: true,
  });
  expect(result.rowTotals).toHaveLength(result.rows.length);
  result.rows.forEach((row, i) => {
    const expected = flat.rows.find((r) => r['products.category'] === row['products.category']) as Json;
    const totals = result.rowTotals?.[i];
    expect(totals?.['order_items.count']?.value).toBe(expected['order_items.count']);
    expect(totals?.['order_items.count']?.rendered).toBe(
      (expected['order_items.count'] as number).toLocaleString('en-US'),
    );
    expect(Number(totals?.['order_items.total_sale_price']?.value)).toBeCloseTo(
      expected['order_items.total_sale_price'] as number,
      2,
    );
  });
  const grand = (result.totals?.['order_items.count'] as Record<string, Json>)['$$$_row_total_$$$'];
  expect(grand?.value).toBe((flat.totals?.['order_items.count'] as Json).value);
  // The row-total column is marked as such; a result without `rowTotal` has none.
  expect(result.pivots.filter((p) => p.isTotal).map((p) => p.key)).toEqual(['$$$_row_total_$$$']);
  expect((await runQuery(byStatus, false, runWithRowTotals)).rowTotals).toBeNull();
});

const suggestions: TypedDocumentNode<{ explore: { suggestions: string[] } | null }, { term: string }> = gql`
  query Brands($term: String) {
    explore(model: "ecommerce", name: "order_items") {
      suggestions(field: "products.brand", term: $term)
    }
  }
`;

test('suggestions match the start of the value or of a word, not any substring', async () => {
  const all = (
    await runQuery({
      model: 'ecommerce',
      view: 'order_items',
      fields: ['products.brand'],
      sorts: ['products.brand'],
      limit: 5000,
    })
  ).rows.map((r) => String(r['products.brand']));
  // `k`: `Allegra K` and `Calvin Klein` have a word that starts with it, `Nike` and `Quiksilver` only contain it.
  const term = 'k';
  const startsAWord = (b: string) => b.toLowerCase().startsWith(term) || b.toLowerCase().includes(` ${term}`);
  const insideOnly = all.filter((b) => b.toLowerCase().includes(term) && !startsAWord(b));
  expect(insideOnly.length).toBeGreaterThan(0);
  const answer = await client.query({ query: suggestions, variables: { term }, fetchPolicy: 'no-cache' });
  expect(answer.error).toBeUndefined();
  const got = answer.data?.explore?.suggestions ?? [];
  expect(got).toEqual(all.filter(startsAWord).slice(0, got.length));
  expect(got.length).toBeGreaterThan(0);
  for (const b of insideOnly) expect(got).not.toContain(b);
});
