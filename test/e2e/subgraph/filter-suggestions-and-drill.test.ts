import { startSubgraphStack, testAudience, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Dashboard filter suggestions (Looker's `model_fieldname_suggestions` on the filter's dimension,
 * narrowed by the filters it listens to) and explore fields' drill fields and links, end to end.
 * Demo dashboard 3 has a Brand filter that listens to its Category filter.
 */
let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack();
});

afterAll(() => stack?.stop());

interface Filter {
  name: string;
  listensTo: string[];
  suggestions: string[];
}

const filtersOf = async (args: string, token: string): Promise<Filter[]> => {
  const answer = await stack.graphql(`{ dashboard(id: "3") { filters { name listensTo suggestions${args} } } }`, {
    token,
  });
  expect(answer.body.errors ?? []).toEqual([]);
  return (answer.body.data?.dashboard as { filters: Filter[] }).filters;
};

/** The brands of one category, from an ad-hoc query: a path independent of suggestions. */
const brandsIn = async (category: string): Promise<string[]> => {
  const answer = await stack.graphql(
    `query($c: String!) { runQuery(input: { model: "ecommerce", view: "order_items", fields: ["products.brand"], filters: [{ field: "products.category", expression: $c }], sorts: ["products.brand"], limit: 5000 }) { rows } }`,
    { token: await stack.token('demo-analyst'), variables: { c: category } },
  );
  expect(answer.body.errors ?? []).toEqual([]);
  return (answer.body.data?.runQuery as { rows: Record<string, string>[] }).rows.map(
    (r) => r['products.brand'] as string,
  );
};

test("a filter that listens to another says so, and its suggestions follow that filter's value", async () => {
  const token = await stack.token('demo-analyst');
  const all = await filtersOf('', token);
  expect(all.map((f) => [f.name, f.listensTo])).toEqual([
    ['Category', []],
    ['Brand', ['Category']],
  ]);
  const categories = all[0]?.suggestions ?? [];
  const brands = all[1]?.suggestions ?? [];
  expect(categories.length).toBeGreaterThan(1);

  const category = categories[0] as string;
  const narrowed = await filtersOf(`(values: [{ name: "Category", value: ${JSON.stringify(category)} }])`, token);
  const brandsOfCategory = narrowed[1]?.suggestions ?? [];
  // The Category filter listens to nothing: its own suggestions do not change.
  expect(narrowed[0]?.suggestions).toEqual(categories);
  expect(brandsOfCategory.length).toBeGreaterThan(0);
  expect(brandsOfCategory.length).toBeLessThan(brands.length);
  expect(brandsOfCategory).toEqual(await brandsIn(category));
});

/** Looker's suggestion match: the value or one of its words starts with the term. */
const startsAWord = (value: string, term: string) =>
  value.toLowerCase().startsWith(term) || value.toLowerCase().includes(` ${term}`);

test('suggestions start with the term (or a word does), and combine it with the listened filter', async () => {
  const token = await stack.token('demo-analyst');
  const byTerm = await filtersOf('(term: "c")', token);
  for (const f of byTerm) {
    expect(f.suggestions.length).toBeGreaterThan(0);
    for (const s of f.suggestions) expect(startsAWord(s, 'c')).toBe(true);
  }
  const category = (await filtersOf('', token))[0]?.suggestions[0] as string;
  const both = await filtersOf(
    `(term: "a", values: [{ name: "Category", value: ${JSON.stringify(category)} }])`,
    token,
  );
  expect(both[1]?.suggestions).toEqual((await brandsIn(category)).filter((b) => startsAWord(b, 'a')));
});

test('suggestions are one model_fieldname_suggestions call per filter, and a value for no filter is BAD_USER_INPUT', async () => {
  const token = await stack.token('demo-analyst');
  await stack.resetLookerStats();
  await filtersOf('(term: "b")', token);
  const stats = await stack.lookerStats();
  expect(stats.byRoute['GET /api/4.0/models/:model_name/views/:view_name/fields/:field_name/suggestions']).toBe(2);

  const answer = await stack.graphql(
    '{ dashboard(id: "3") { filters { suggestions(values: [{ name: "Colour", value: "red" }]) } } }',
    { token },
  );
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(answer.body.errors?.[0]?.message).toContain('Colour');
});

test.each([
  ['looker:content:read', 'looker:models:read looker:data:read'],
  ['looker:data:read', 'looker:content:read looker:models:read'],
])('suggestions need %s (a token with only %s is refused)', async (missing, scope) => {
  const token = await stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub: 'm',
    scope,
    exp: Math.floor(Date.now() / 1000) + 600,
  });
  const answer = await stack.graphql('{ dashboard(id: "3") { filters { suggestions } } }', { token });
  expect(answer.body.errors?.[0]?.extensions).toEqual(
    expect.objectContaining({ code: 'FORBIDDEN', requiredScopes: [expect.arrayContaining([missing])] }),
  );
  expect(answer.body.data?.dashboard ?? null).toBeNull();
});

test('explore fields carry their drill fields and links as Looker defines them', async () => {
  const answer = await stack.graphql(
    '{ explore(model: "ecommerce", name: "order_items") { dimensions { name drillFields links { label url iconUrl } } measures { name drillFields links { label } } } }',
    { token: await stack.token('demo-viewer') },
  );
  expect(answer.body.errors ?? []).toEqual([]);
  type Field = {
    name: string;
    drillFields: string[];
    links: { label: string; url?: string; iconUrl?: string | null }[];
  };
  const explore = answer.body.data?.explore as { dimensions: Field[]; measures: Field[] };
  const byName = new Map([...explore.dimensions, ...explore.measures].map((f) => [f.name, f]));
  expect(byName.get('products.brand')?.drillFields).toEqual(['products.name', 'products.category']);
  expect(byName.get('products.brand')?.links).toEqual([
    {
      label: 'Search the web',
      url: 'https://www.google.com/search?q={{ value | url_encode }}',
      iconUrl: 'https://www.google.com/favicon.ico',
    },
    { label: 'Brand Overview', url: '/dashboards/3?Brand={{ value | url_encode }}', iconUrl: null },
  ]);
  expect(byName.get('order_items.count')?.drillFields).toEqual([
    'order_items.id',
    'order_items.status',
    'products.name',
    'order_items.sale_price',
  ]);
  expect(byName.get('order_items.count')?.links).toEqual([]);
  // Fields without drills or links answer empty lists, never null.
  expect(byName.get('products.category')).toEqual(expect.objectContaining({ drillFields: [], links: [] }));
});
