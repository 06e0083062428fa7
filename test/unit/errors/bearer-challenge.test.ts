import { bearerChallenge, tokenChallenge } from '../../../src/errors';

test('a challenge names the realm first, then what is given, in RFC 6750 order', () => {
  expect(bearerChallenge()).toBe('Bearer realm="looker-subgraph"');
  expect(
    bearerChallenge({
      resourceMetadata: 'https://a.example/.well-known/oauth-protected-resource',
      scope: 'looker:data:read looker:content:read',
      errorDescription: 'needs more',
      error: 'insufficient_scope',
    }),
  ).toBe(
    'Bearer realm="looker-subgraph", error="insufficient_scope", error_description="needs more", scope="looker:data:read looker:content:read", resource_metadata="https://a.example/.well-known/oauth-protected-resource"',
  );
  expect(tokenChallenge(true)).toBe('Bearer realm="looker-subgraph", error="invalid_token"');
  expect(tokenChallenge(false, { resourceMetadata: 'https://a.example/m' })).toBe(
    'Bearer realm="looker-subgraph", resource_metadata="https://a.example/m"',
  );
});

test('no value can close its quoted-string and add a parameter of its own', () => {
  const crafted = 'x", error="insufficient_scope\\';
  expect(bearerChallenge({ errorDescription: crafted })).toBe(
    'Bearer realm="looker-subgraph", error_description="x\\", error=\\"insufficient_scope\\\\"',
  );
  expect(bearerChallenge({ errorDescription: 'a\r\nSet-Cookie: b' })).toBe(
    'Bearer realm="looker-subgraph", error_description="a  Set-Cookie: b"',
  );
});
