import type { Principal } from '../../../src/auth/principal';
import { createLookerSessionSource } from '../../../src/looker-users';
import { Secret } from '../../../src/config/secret';
import { createServiceLookerSession } from '../../../src/looker/service-looker-session';

// Building sessions does no I/O, so nothing needs to listen here.
const service = createServiceLookerSession({
  baseUrl: 'http://127.0.0.1:9',
  clientId: 'id',
  clientSecret: new Secret('s'),
  verifySsl: true,
  timeoutMs: 1_000,
});
const caller: Principal = {
  subject: 'demo-analyst',
  clientId: undefined,
  scopes: new Set(),
  claims: { sub: 'demo-analyst' },
};

test('service mode gives every request the API user’s session', () => {
  const source = createLookerSessionSource({ identity: 'service', service, timeoutMs: 1_000 });
  expect(source(caller)).toBe(service);
  expect(source(null)).toBe(service);
});

test('user mode gives each request its own session and SDK, none of them the API user’s', () => {
  const source = createLookerSessionSource({ identity: 'user', service, timeoutMs: 1_000 });
  const first = source(caller);
  const second = source(caller);
  expect(first).not.toBe(second);
  expect(first.sdk).not.toBe(second.sdk);
  expect(first.sdk).not.toBe(service.sdk);
  expect(first.sdk.authSession).not.toBe(service.sdk.authSession);
  // The Looker user is known once the first call resolves it.
  expect(first.lookerUserId).toBeUndefined();
});
