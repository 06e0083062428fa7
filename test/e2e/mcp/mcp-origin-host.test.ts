import { postMcp, rawRequest, toolCallMessage, type RawAnswer } from '../../support/mcp-client';
import { startSubgraphStack, type Replica, type SubgraphStack } from '../../support/subgraph-stack';

// `/mcp` without a configured public URL: only listed origins may call it from a browser.
const agentOrigin = 'https://agent.example';
// A replica that knows its public URL: its own origin is the one same origin.
const publicUrl = 'https://looker-api.example.com';

let stack: SubgraphStack;
let published: Replica;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack({ env: { MCP_ALLOWED_ORIGINS: agentOrigin } });
  published = await stack.replica({ PUBLIC_URL: publicUrl });
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

const listModels = (base: string, headers: Record<string, string>) =>
  postMcp(base, toolCallMessage(1, 'list_models'), { authorization: `Bearer ${token}`, ...headers }, stack.responses);
const mcpEvents = (from: number) =>
  stack
    .auditEvents()
    .slice(from)
    .filter((e) => e.channel === 'mcp');
const jsonOf = (answer: RawAnswer) => JSON.parse(answer.body) as Record<string, unknown>;

test('a valid token sent from a foreign Origin is refused with 403 before any tool runs, audited once', async () => {
  await stack.resetLookerStats();
  const before = stack.auditEvents().length;
  const refused = await listModels(stack.url, { origin: 'http://evil.example' });
  expect(refused.status).toBe(403);
  expect(jsonOf(refused)).toMatchObject({
    jsonrpc: '2.0',
    error: { code: -32000, message: expect.stringMatching(/Origin/) },
  });
  expect(refused.body).not.toContain('ecommerce');
  expect((await stack.lookerStats()).total).toBe(0);
  expect(mcpEvents(before)).toEqual([
    expect.objectContaining({ subject: 'demo-analyst', outcome: 'refused', reason: 'origin', status: 403 }),
  ]);
});

test("an Origin naming the request's own Host is refused too: DNS rebinding makes exactly that pair", async () => {
  const host = new URL(stack.url).host;
  const refused = await listModels(stack.url, { origin: `http://${host}` });
  expect(refused.status).toBe(403);
  const rebound = await listModels(stack.url, { origin: 'http://rebound.example:4000', host: 'rebound.example:4000' });
  expect(rebound.status).toBe(403);
});

test('no Origin (an agent), a listed Origin, and the public URL’s own origin are served', async () => {
  for (const answer of [
    await listModels(stack.url, {}),
    await listModels(stack.url, { origin: agentOrigin }),
    await listModels(published.url, { origin: publicUrl }),
  ]) {
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('ecommerce');
  }
  // Listed origins are compared as origins: a different port or scheme is another origin.
  expect((await listModels(stack.url, { origin: 'http://agent.example' })).status).toBe(403);
  expect((await listModels(published.url, { origin: 'https://looker-api.example.com:8443' })).status).toBe(403);
});

test('a Host that is not hostname[:port] is refused, never echoed into the challenge or the metadata', async () => {
  const crafted = 'evil.example", error="insufficient_scope';
  const before = stack.auditEvents().length;
  const challenge = await postMcp(stack.url, toolCallMessage(1, 'list_models'), { host: crafted }, stack.responses);
  expect(challenge.status).toBe(400);
  expect(String(challenge.headers['www-authenticate'] ?? '')).not.toContain('evil.example');
  expect(jsonOf(challenge)).toMatchObject({ error: { message: expect.stringMatching(/Host/) } });
  expect(challenge.body).not.toContain('evil.example');
  expect(mcpEvents(before)).toEqual([expect.objectContaining({ outcome: 'refused', reason: 'host', status: 400 })]);

  const metadata = await rawRequest(
    `${stack.url}/.well-known/oauth-protected-resource`,
    { headers: { host: crafted } },
    stack.responses,
  );
  expect(metadata.status).toBe(400);
  expect(metadata.body).not.toContain('evil.example');
});

test('a Host whose port is out of range is refused too', async () => {
  const metadata = await rawRequest(
    `${stack.url}/.well-known/oauth-protected-resource`,
    { headers: { host: '1.2.3.4:99999' } },
    stack.responses,
  );
  expect(metadata.status).toBe(400);
  expect(metadata.body).not.toContain('99999');
});

test('with PUBLIC_URL, the challenge and the metadata name the public URL whatever Host the request carries', async () => {
  const challenge = await postMcp(
    published.url,
    toolCallMessage(1, 'list_models'),
    { host: 'attacker.example' },
    stack.responses,
  );
  expect(challenge.status).toBe(401);
  expect(challenge.headers['www-authenticate']).toBe(
    `Bearer realm="looker-subgraph", resource_metadata="${publicUrl}/.well-known/oauth-protected-resource"`,
  );
  for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
    const metadata = await rawRequest(
      `${published.url}${path}`,
      { headers: { host: 'attacker.example' } },
      stack.responses,
    );
    expect(metadata.status).toBe(200);
    expect(jsonOf(metadata)).toMatchObject({ resource: `${publicUrl}/mcp` });
  }
});

test('the resource metadata is never stored by a cache', async () => {
  for (const base of [stack.url, published.url]) {
    const metadata = await rawRequest(`${base}/.well-known/oauth-protected-resource`, {}, stack.responses);
    expect(metadata.status).toBe(200);
    expect(metadata.headers['cache-control']).toBe('no-store');
  }
  // Without PUBLIC_URL the resource follows a well-formed Host: served, and not kept for another Host.
  const other = await rawRequest(
    `${stack.url}/.well-known/oauth-protected-resource`,
    { headers: { host: 'subgraph.internal:4000' } },
    stack.responses,
  );
  expect(jsonOf(other)).toMatchObject({ resource: 'http://subgraph.internal:4000/mcp' });
  expect(other.headers['cache-control']).toBe('no-store');
});
