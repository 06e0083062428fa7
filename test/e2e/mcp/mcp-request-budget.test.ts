import { postMcp, toolCallMessage } from '../../support/mcp-client';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

// Small bounds, so one batch of dashboards crosses the request's budget several times over.
const budget = 20;
const maxToolCalls = 12;

let stack: SubgraphStack;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack({
    env: { LOOKER_REQUEST_MAX_CALLS: String(budget), MCP_MAX_TOOL_CALLS: String(maxToolCalls) },
  });
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

interface ToolAnswer {
  id: number;
  result?: { isError?: boolean; content: { type: string; text: string }[] };
  error?: { code: number; message: string };
}

const batch = (calls: unknown[]) => postMcp(stack.url, calls, { authorization: `Bearer ${token}` }, stack.responses);
const mcpEvents = (from: number) =>
  stack
    .auditEvents()
    .slice(from)
    .filter((e) => e.channel === 'mcp');

test('the tool calls of one request share one Looker budget: a batch of dashboards stops at it, the rest fail typed', async () => {
  // One dashboard alone fits the budget (and the service login is done before counting).
  const single = await batch([toolCallMessage(1, 'get_dashboard', { id: '1' })]);
  expect((JSON.parse(single.body) as ToolAnswer[])[0]?.result?.isError).toBeFalsy();

  await stack.resetLookerStats();
  const before = stack.auditEvents().length;
  const answer = await batch(
    Array.from({ length: maxToolCalls }, (_, i) => toolCallMessage(i + 1, 'get_dashboard', { id: '1' })),
  );
  expect(answer.status).toBe(200);
  const results = JSON.parse(answer.body) as ToolAnswer[];
  expect(results).toHaveLength(maxToolCalls);

  // Looker saw no more than one request's budget, however many calls the batch carried.
  expect((await stack.lookerStats()).total).toBeLessThanOrEqual(budget);
  const served = results.filter((r) => r.result && !r.result.isError);
  const cut = results.filter((r) => r.result?.isError);
  expect(served.length).toBeGreaterThanOrEqual(1);
  expect(cut.length).toBeGreaterThanOrEqual(1);
  expect(served.length + cut.length).toBe(maxToolCalls);
  for (const r of cut) expect(r.result?.content[0]?.text).toMatch(/LOOKER_BUDGET_EXCEEDED/);

  // One audit event per tool call; together they account for what Looker saw.
  const events = mcpEvents(before);
  expect(events).toHaveLength(maxToolCalls);
  expect(events.every((e) => e.tool === 'get_dashboard')).toBe(true);
  expect(events.reduce((sum, e) => sum + Number(e.lookerCalls), 0)).toBeLessThanOrEqual(budget);
});

test('a request carrying more tool calls than MCP_MAX_TOOL_CALLS is refused before any runs, audited once', async () => {
  await stack.resetLookerStats();
  const before = stack.auditEvents().length;
  const answer = await batch(Array.from({ length: maxToolCalls + 1 }, (_, i) => toolCallMessage(i + 1, 'list_models')));
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.body)).toMatchObject({
    jsonrpc: '2.0',
    error: { code: -32600, message: expect.stringContaining(String(maxToolCalls)) },
  });
  expect((await stack.lookerStats()).total).toBe(0);
  expect(mcpEvents(before)).toEqual([
    expect.objectContaining({
      subject: 'demo-analyst',
      outcome: 'refused',
      reason: 'too_many_tool_calls',
      status: 400,
    }),
  ]);
});
