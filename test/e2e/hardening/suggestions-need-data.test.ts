import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectMcp, textOf } from '../../support/mcp-client';
import { startSubgraphStack, testAudience, type GraphQLAnswer, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Filter suggestions are values from the database (a dimension's distinct values, narrowed by
 * filters), so they need `looker:data:read` like any result. A token without it is refused before
 * Looker is asked: the emulator's own counter sees no suggestion call.
 */
let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack();
});

afterAll(() => stack?.stop());

const suggestionRoute = 'GET /api/4.0/models/:model_name/views/:view_name/fields/:field_name/suggestions';

const tokenWith = (scopes: string[]) =>
  stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub: 'suggester',
    scope: scopes.join(' '),
    exp: Math.floor(Date.now() / 1000) + 600,
  });

/** Runs `send` and answers what it returned with how many suggestion calls Looker received meanwhile. */
async function countingSuggestions<T>(send: () => Promise<T>): Promise<{ answer: T; calls: number }> {
  const before = (await stack.lookerStats()).byRoute[suggestionRoute] ?? 0;
  const answer = await send();
  const after = (await stack.lookerStats()).byRoute[suggestionRoute] ?? 0;
  return { answer, calls: after - before };
}

/** Every error is FORBIDDEN, names `looker:data:read`, and sits on a `suggestions` field whose value is withheld. */
function expectRefusedForData(answer: GraphQLAnswer): void {
  expect(answer.body.errors?.length).toBeGreaterThan(0);
  for (const error of answer.body.errors ?? []) {
    expect(error.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(error.extensions?.requiredScopes)).toContain('looker:data:read');
    expect(error.message).toContain('looker:data:read');
    expect(error.path?.[error.path.length - 1]).toMatch(/^(s\d+|suggestions)$/);
  }
  // The denied fields are non-null: their explore or dashboard is withheld whole, values and all.
  expect(Object.values(answer.body.data ?? {})).toEqual([null]);
}

/** A user's email and city, read through an ad-hoc query (a path independent of suggestions). */
async function someUser(): Promise<{ email: string; city: string }> {
  const answer = await stack.graphql(
    '{ runQuery(input: { model: "ecommerce", view: "users", fields: ["users.email", "users.city"], sorts: ["users.email"], limit: 1 }) { rows } }',
    { token: await stack.token('demo-analyst') },
  );
  expect(answer.body.errors ?? []).toEqual([]);
  const row = (answer.body.data?.runQuery as { rows: Record<string, string>[] }).rows[0] as Record<string, string>;
  return { email: row['users.email'] as string, city: row['users.city'] as string };
}

const manyAliases = `{ explore(model: "ecommerce", name: "users") { ${Array.from({ length: 30 }, (_, i) => `s${i}: suggestions(field: "users.email", term: "${String.fromCharCode(97 + (i % 26))}")`).join(' ')} } }`;
const lookup = (email: string) =>
  `{ explore(model: "ecommerce", name: "users") { suggestions(field: "users.city", filters: [{ field: "users.email", expression: ${JSON.stringify(email)} }]) } }`;

test('Explore.suggestions with looker:models:read only is refused, naming looker:data:read, before Looker is asked', async () => {
  const token = await tokenWith(['looker:models:read']);
  const { answer, calls } = await countingSuggestions(() => stack.graphql(manyAliases, { token }));
  expectRefusedForData(answer);
  expect(calls).toBe(0);
});

test('a suggestion narrowed by a filter cannot look up one customer without looker:data:read', async () => {
  const user = await someUser();
  const token = await tokenWith(['looker:content:read', 'looker:models:read', 'looker:sql:read', 'looker:embed']);
  const { answer, calls } = await countingSuggestions(() => stack.graphql(lookup(user.email), { token }));
  expectRefusedForData(answer);
  expect(JSON.stringify(answer.body)).not.toContain(user.city);
  expect(calls).toBe(0);
});

test('DashboardFilter.suggestions(values:) with looker:content:read only is refused before Looker is asked', async () => {
  const token = await tokenWith(['looker:content:read']);
  const { answer, calls } = await countingSuggestions(() =>
    stack.graphql(
      '{ dashboard(id: "3") { filters { name suggestions(term: "a", values: [{ name: "Category", value: "Jeans" }]) } } }',
      { token },
    ),
  );
  expectRefusedForData(answer);
  expect(calls).toBe(0);
});

test('MCP suggest_values with content and models scopes is a tool error naming looker:data:read, with no values and no Looker call', async () => {
  const viewer: Client = await connectMcp(
    stack.url,
    await tokenWith(['looker:content:read', 'looker:models:read']),
    stack.responses,
  );
  try {
    const { answer, calls } = await countingSuggestions(
      async () =>
        (await viewer.callTool({
          name: 'suggest_values',
          arguments: { model: 'ecommerce', explore: 'users', field: 'users.email' },
        })) as CallToolResult,
    );
    expect(answer.isError).toBe(true);
    expect(textOf(answer)).toContain('suggest_values needs the scope looker:data:read');
    expect(textOf(answer)).not.toContain('@');
    expect(answer.structuredContent).toBeUndefined();
    expect(calls).toBe(0);
    const { tools } = await viewer.listTools();
    expect(tools.find((t) => t.name === 'suggest_values')?.description).toContain('looker:data:read');
  } finally {
    await viewer.close();
  }
});

test('a caller with looker:data:read (demo-analyst) is still served, through GraphQL and MCP', async () => {
  const token = await stack.token('demo-analyst');
  const user = await someUser();
  const { answer, calls } = await countingSuggestions(() => stack.graphql(lookup(user.email), { token }));
  expect(answer.body.errors ?? []).toEqual([]);
  expect(answer.body.data).toEqual({ explore: { suggestions: [user.city] } });
  expect(calls).toBe(1);

  const filters = await stack.graphql(
    '{ dashboard(id: "3") { filters { name suggestions(values: [{ name: "Category", value: "Jeans" }]) } } }',
    { token },
  );
  expect(filters.body.errors ?? []).toEqual([]);
  for (const filter of (filters.body.data?.dashboard as { filters: { suggestions: string[] }[] }).filters)
    expect(filter.suggestions.length).toBeGreaterThan(0);

  const analyst = await connectMcp(stack.url, token, stack.responses);
  try {
    const suggested = (await analyst.callTool({
      name: 'suggest_values',
      arguments: { model: 'ecommerce', explore: 'users', field: 'users.email', term: user.email },
    })) as CallToolResult;
    expect(suggested.isError).toBeFalsy();
    expect((suggested.structuredContent as { values: string[] }).values).toEqual([user.email]);
    // In the text an agent reads, each value is quoted as data.
    expect(textOf(suggested).split('\n')).toContain(JSON.stringify(user.email));
  } finally {
    await analyst.close();
  }
});
