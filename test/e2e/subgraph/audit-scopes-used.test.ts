import { validatePolicy } from '../../../src/policy';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * For access reviews the operation's audit event says which scopes its `@auth` checks relied on
 * (beside the scopes held) and which policy rules matched the caller: a grant nobody uses shows as
 * held, never used.
 */
let stack: SubgraphStack;
let analyst: string;

beforeAll(async () => {
  const validated = validatePolicy({
    rules: [{ name: 'analysts-sql', when: { claim: 'groups', includes: ['analysts'] }, grant: ['looker:sql:read'] }],
  });
  if (!validated.ok) throw new Error(validated.problems.join('; '));
  const policy = validated.policy;
  stack = await startSubgraphStack({ policy: { current: () => policy } });
  analyst = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

const lastOperation = () =>
  stack
    .auditEvents()
    .filter((e) => e.type === 'graphql.operation')
    .at(-1);

test('a metadata read used the content scope only, though the caller held more', async () => {
  await stack.graphql('{ look(id: "1") { title } }', { token: analyst });
  expect(lastOperation()).toMatchObject({
    scopes: expect.arrayContaining(['looker:content:read', 'looker:data:read', 'looker:sql:read']),
    scopesUsed: ['looker:content:read'],
    rules: ['analysts-sql'],
  });
});

test('a query run used the data scope; the SQL, the policy-granted scope; its rows are counted', async () => {
  const answer = await stack.graphql(
    '{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.status", "order_items.count"] }) { rowCount sql } }',
    { token: analyst },
  );
  const rowCount = (answer.body.data as { runQuery: { rowCount: number } }).runQuery.rowCount;
  expect(rowCount).toBeGreaterThan(1);
  expect(lastOperation()).toMatchObject({ scopesUsed: ['looker:data:read', 'looker:sql:read'], rows: rowCount });
});

test('a denied field adds nothing to the scopes used', async () => {
  const viewer = await stack.token('demo-viewer');
  await stack.graphql('{ look(id: "1") { title result { rowCount } } }', { token: viewer });
  expect(lastOperation()).toMatchObject({ scopesUsed: ['looker:content:read'], outcome: 'partial' });
  expect(lastOperation()?.rules).toBeUndefined();
});
