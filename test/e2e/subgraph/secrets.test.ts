import type { Engine } from '../../../emulator/engine/types';
import { assertNoSecrets, createTestEngine, startSubgraphStack } from '../../support/subgraph-stack';

/**
 * Every suite on the test stack already fails when a credential shows up in a response or a log
 * line (see `SubgraphStack.stop`). These cases drive the paths most likely to leak one: Looker
 * refusing our credentials, Looker unreachable, and refused tokens.
 */
let engine: Engine;

beforeAll(async () => {
  engine = await createTestEngine();
});

afterAll(() => engine?.close());

test('the leak check itself finds a credential and does not print it', () => {
  expect(() => assertNoSecrets(['{"ok":true}', 'header: Bearer abc.def.ghi'], ['abc.def.ghi'])).toThrow(
    /leaked into captured output #1/,
  );
  try {
    assertNoSecrets(['x s3cr3t-value x'], ['s3cr3t-value']);
  } catch (error) {
    expect((error as Error).message).toContain('12 characters');
  }
  expect(() => assertNoSecrets(['nothing here'], ['abc'])).not.toThrow();
});

test('Looker refusing the server credentials is a masked internal error, not "not found", and leaks nothing', async () => {
  const wrongSecret = 'wrong-looker-secret-0123456789';
  const stack = await startSubgraphStack({ engine, env: { LOOKERSDK_CLIENT_SECRET: wrongSecret } });
  try {
    const answer = await stack.graphql('{ look(id: "1") { title } }', { token: await stack.token('demo-analyst') });
    expect(answer.body.data).toEqual({ look: null });
    expect(answer.body.errors).toEqual([
      {
        message: 'Internal server error',
        path: ['look'],
        locations: expect.any(Array),
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(stack.logLines.some((l) => l.includes('Looker refused the credentials of this server'))).toBe(true);
    assertNoSecrets([...stack.responses, ...stack.logLines], [wrongSecret]);
  } finally {
    await stack.stop();
  }
});

test('an unreachable Looker is LOOKER_UNAVAILABLE and leaks nothing', async () => {
  const stack = await startSubgraphStack({
    engine,
    env: { LOOKERSDK_BASE_URL: 'http://127.0.0.1:9' },
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
  });
  try {
    const answer = await stack.graphql('{ look(id: "1") { title } }', { token: await stack.token('demo-admin') });
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'LOOKER_UNAVAILABLE' });
    expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:9|stack/);
  } finally {
    await stack.stop();
  }
});

test('refused and accepted tokens never come back in responses or logs', async () => {
  const stack = await startSubgraphStack({ engine });
  try {
    const good = await stack.token('demo-admin');
    const tampered = `${good.slice(0, -4)}AAAA`;
    const otherAudience = await stack.forgeToken({
      iss: stack.issuer.issuer.issuer,
      aud: 'someone-else',
      sub: 'x',
      exp: Math.floor(Date.now() / 1000) + 60,
    });
    for (const token of [good, tampered, otherAudience, `${good}.extra`, 'x'.repeat(9000)]) {
      await stack.graphql('{ looks(first: 2) { nodes { title result { sql } } } }', { token });
    }
    assertNoSecrets(
      [...stack.responses, ...stack.logLines, ...stack.auditEvents().map((e) => JSON.stringify(e))],
      [tampered, otherAudience, good],
    );
  } finally {
    await stack.stop();
  }
});
