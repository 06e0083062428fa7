import { createPublicKey, createHmac } from 'node:crypto';
import { base64url, type JWK } from 'jose';
import { startSubgraphStack, testAudience, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Hostile tokens sent over HTTP: each is answered 401 with the same generic body, and the log
 * says only why. (The verifier's own suite, test/e2e/auth/hostile-tokens.test.ts, covers more.)
 */
let stack: SubgraphStack;
const sent: string[] = [];

beforeAll(async () => {
  stack = await startSubgraphStack({ env: { OIDC_REQUIRE_ACCESS_TOKEN_TYPE: 'true' } });
});

afterAll(() => stack?.stop());

const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
const now = () => Math.floor(Date.now() / 1000);
const goodClaims = () => ({
  iss: stack.issuer.issuer.issuer,
  aud: testAudience,
  sub: 'mallory',
  scope: 'looker:content:read',
  exp: now() + 600,
});

async function publicKeyPem(): Promise<string> {
  const { keys } = (await (await fetch(`${stack.issuer.issuer.issuer}/jwks`)).json()) as { keys: JWK[] };
  return createPublicKey({ key: keys[0] as JWK & { kty: 'RSA' }, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

const hostile: [string, () => Promise<string>, string][] = [
  ['alg none', async () => `${encode({ alg: 'none', typ: 'JWT' })}.${encode(goodClaims())}.`, 'algorithm'],
  [
    'HS256 signed with the issuer public key',
    async () => {
      const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(goodClaims())}`;
      return `${input}.${base64url.encode(
        createHmac('sha256', await publicKeyPem())
          .update(input)
          .digest(),
      )}`;
    },
    'algorithm',
  ],
  ['expired', () => stack.forgeToken({ ...goodClaims(), iat: now() - 7200, exp: now() - 3600 }), 'expired'],
  ['not yet valid', () => stack.forgeToken({ ...goodClaims(), nbf: now() + 3600 }), 'not_yet_valid'],
  ['wrong audience', () => stack.forgeToken({ ...goodClaims(), aud: 'another-api' }), 'audience'],
  ['wrong issuer', () => stack.forgeToken({ ...goodClaims(), iss: 'https://evil.example.com' }), 'issuer'],
  ['an ID token', () => stack.forgeToken({ ...goodClaims(), nonce: 'n-0S6_WzA2Mj' }), 'token_type'],
  [
    'tampered payload',
    async () => {
      const [header, , signature] = (await stack.forgeToken(goodClaims())).split('.');
      return `${header}.${encode({ ...goodClaims(), scope: 'looker:sql:read looker:data:read' })}.${signature}`;
    },
    'signature',
  ],
  ['truncated', async () => (await stack.forgeToken(goodClaims())).slice(0, 60), 'malformed'],
  ['garbage', async () => 'a.b.c', 'malformed'],
  // Over the verifier's 8 KiB bound, under Node's 16 KiB header limit: refused before any parsing.
  [
    'oversized header',
    async () => `${encode({ alg: 'RS256', pad: 'x'.repeat(10_000) })}.${encode(goodClaims())}.sig`,
    'malformed',
  ],
];

test.each(hostile)('%s is refused with 401 and only the reason is logged', async (name, make, reason) => {
  const token = await make();
  sent.push(token);
  const requestId = `hostile-${name.replace(/\W+/g, '-')}`;
  const answer = await stack.graphql('{ looks { nodes { title } } }', {
    token,
    headers: { 'x-request-id': requestId },
  });
  expect(answer.status).toBe(401);
  expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="looker-subgraph", error="invalid_token"');
  expect(answer.body).toEqual({
    errors: [{ message: 'Invalid access token', extensions: { code: 'UNAUTHENTICATED' } }],
  });
  const logged = stack.logLines
    .filter((line) => line.includes(requestId))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(logged).toEqual([expect.objectContaining({ msg: 'access token refused', reason })]);
  expect(stack.auditEvents().find((e) => e.requestId === requestId)).toEqual(
    expect.objectContaining({ outcome: 'unauthenticated', reason }),
  );
});

test('headers beyond the HTTP server limit never reach the application', async () => {
  const response = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${'x'.repeat(20_000)}`, 'content-type': 'application/json' },
    body: '{"query":"{ looks { nodes { title } } }"}',
  });
  expect(response.status).toBe(431);
});

test('no hostile token appears in any log line or response', () => {
  const captured = [...stack.logLines, ...stack.responses, ...stack.auditEvents().map((e) => JSON.stringify(e))].join(
    '\n',
  );
  for (const token of sent) expect(captured.includes(token)).toBe(false);
});
