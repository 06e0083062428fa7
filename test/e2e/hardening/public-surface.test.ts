import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Nothing public that should not be: with introspection off (as in production), `_service` needs a
 * token or the gateway credential, errors suggest no field names, and `ftv1` inline traces go
 * only to the gateway.
 */
const gatewaySecret = 'gateway-secret-for-the-router-0123456789';
let stack: SubgraphStack;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack({ env: { INTROSPECTION: 'false', GATEWAY_SECRET: gatewaySecret } });
  token = await stack.token('demo-analyst');
});

afterAll(async () => {
  await stack?.stop();
  // The gateway credential is a secret too: it never comes back in any answer or log line.
  expect([...(stack?.responses ?? []), ...(stack?.logLines ?? [])].some((text) => text.includes(gatewaySecret))).toBe(
    false,
  );
});

const ftv1 = { 'apollo-federation-include-trace': 'ftv1' };

test('_service without a token is refused 401', async () => {
  const answer = await stack.graphql('{ _service { sdl } }', { headers: { 'x-request-id': 'service-anon' } });
  expect(answer.status).toBe(401);
  expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="looker-subgraph"');
  expect(answer.body).toEqual({
    errors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }],
  });
  expect(stack.auditEvents().filter((e) => e.requestId === 'service-anon')).toEqual([
    expect.objectContaining({ outcome: 'unauthenticated', reason: 'missing' }),
  ]);
});

test('_service with a wrong gateway credential is refused 401', async () => {
  const answer = await stack.graphql('{ _service { sdl } }', { headers: { 'x-gateway-secret': `${gatewaySecret}x` } });
  expect(answer.status).toBe(401);
});

test('_service with the gateway credential, or with a token, answers the SDL', async () => {
  for (const options of [{ headers: { 'x-gateway-secret': gatewaySecret } }, { token }]) {
    const answer = await stack.graphql('{ _service { sdl } }', options);
    expect(answer.status).toBe(200);
    expect((answer.body.data?._service as { sdl: string }).sdl).toContain('type Look');
  }
});

test('introspection stays off, for the gateway too', async () => {
  const answer = await stack.graphql('{ __schema { queryType { name } } }', {
    token,
    headers: { 'x-gateway-secret': gatewaySecret },
  });
  expect(answer.status).toBe(400);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

test('errors suggest no field names', async () => {
  const answer = await stack.graphql('{ look(id: "1") { titel } loks { nodes { id } } }', { token });
  expect(answer.status).toBe(400);
  expect(answer.body.errors?.length).toBeGreaterThan(0);
  expect(JSON.stringify(answer.body)).not.toMatch(/Did you mean/);
});

test('ftv1 traces go to the gateway only', async () => {
  const query = '{ look(id: "1") { title } }';
  const ordinary = await stack.graphql(query, { token, headers: ftv1 });
  expect(ordinary.status).toBe(200);
  expect(ordinary.body.data?.look).toEqual({ title: expect.any(String) });
  expect(JSON.stringify(ordinary.body)).not.toContain('ftv1');

  const refused = await stack.graphql(query, { token: 'a.b.c', headers: ftv1 });
  expect(refused.status).toBe(401);
  expect(JSON.stringify(refused.body)).not.toContain('ftv1');

  const wrong = await stack.graphql(query, { token, headers: { ...ftv1, 'x-gateway-secret': 'not-the-secret' } });
  expect(JSON.stringify(wrong.body)).not.toContain('ftv1');

  const gateway = await stack.graphql(query, { token, headers: { ...ftv1, 'x-gateway-secret': gatewaySecret } });
  expect(gateway.status).toBe(200);
  expect((gateway.body as { extensions?: { ftv1?: unknown } }).extensions?.ftv1).toEqual(expect.any(String));
});

test('with introspection off and no gateway credential configured, ftv1 goes to nobody', async () => {
  const closed = await startSubgraphStack({ env: { INTROSPECTION: 'false' } });
  try {
    const answer = await closed.graphql('{ look(id: "1") { title } }', {
      token: await closed.token('demo-analyst'),
      headers: { ...ftv1, 'x-gateway-secret': '' },
    });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).not.toContain('ftv1');
    const service = await closed.graphql('{ _service { sdl } }');
    expect(service.status).toBe(401);
  } finally {
    await closed.stop();
  }
});
