import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const configured = {
  LOOKERSDK_BASE_URL: 'https://looker.example.com',
  LOOKERSDK_CLIENT_ID: 'id',
  LOOKERSDK_CLIENT_SECRET: 'very-secret-value',
  OIDC_ISSUER: 'https://idp.example.com',
  OIDC_AUDIENCE: 'looker-subgraph',
};

test('token and directive limits have defaults and can be set', () => {
  expect(loadConfig(configured).limits).toEqual(expect.objectContaining({ tokens: 2000, directives: 50 }));
  expect(loadConfig({ ...configured, GRAPHQL_MAX_TOKENS: '5000', GRAPHQL_MAX_DIRECTIVES: '10' }).limits).toEqual(
    expect.objectContaining({ tokens: 5000, directives: 10 }),
  );
  expect(() => loadConfig({ ...configured, GRAPHQL_MAX_TOKENS: '1000000' })).toThrow(/GRAPHQL_MAX_TOKENS/);
});

test('no gateway credential unless one is configured', () => {
  expect(loadConfig(configured).gatewaySecret).toBeUndefined();
});

test('the gateway credential comes from GATEWAY_SECRET or from the file GATEWAY_SECRET_FILE names, and never shows', () => {
  const value = 'router-credential-0123456789';
  expect(loadConfig({ ...configured, GATEWAY_SECRET: value }).gatewaySecret?.reveal()).toBe(value);
  const file = join(mkdtempSync(join(tmpdir(), 'gateway-')), 'secret');
  writeFileSync(file, `${value}\n`);
  const config = loadConfig({ ...configured, GATEWAY_SECRET_FILE: file });
  expect(config.gatewaySecret?.reveal()).toBe(value);
  expect(JSON.stringify(config)).not.toContain(value);
});

test('a short, doubled or unreadable gateway credential stops the start, naming the variable only', () => {
  const problem = (env: Record<string, string>) => {
    try {
      loadConfig({ ...configured, ...env });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };
  expect(problem({ GATEWAY_SECRET: 'short-secret' })).toContain('GATEWAY_SECRET');
  expect(problem({ GATEWAY_SECRET: 'short-secret' })).not.toContain('short-secret');
  expect(problem({ GATEWAY_SECRET: 'a'.repeat(20), GATEWAY_SECRET_FILE: '/nowhere' })).toContain('both set');
  expect(problem({ GATEWAY_SECRET_FILE: '/nowhere/secret' })).toContain('GATEWAY_SECRET_FILE');
});

test('a public Cache-Control scope is refused in per-user mode (answers differ per caller), allowed in service mode', () => {
  expect(() => loadConfig({ ...configured, LOOKER_IDENTITY: 'user', CACHE_CONTROL_SCOPE: 'public' })).toThrow(
    /CACHE_CONTROL_SCOPE=public cannot go with LOOKER_IDENTITY=user/,
  );
  expect(loadConfig({ ...configured, LOOKER_IDENTITY: 'user' }).cache.cacheControlScope).toBe('private');
  expect(loadConfig({ ...configured, CACHE_CONTROL_SCOPE: 'public' }).cache.cacheControlScope).toBe('public');
});

test('client connections are bounded by default, as a load balancer in front expects', () => {
  expect(loadConfig(configured).http).toEqual({
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    keepAliveTimeoutMs: 65_000,
    sendTimeoutMs: 30_000,
    maxConnections: 1024,
  });
  // A request cannot have less time than its headers.
  expect(
    loadConfig({ ...configured, HTTP_HEADERS_TIMEOUT: '20', HTTP_REQUEST_TIMEOUT: '5' }).http.requestTimeoutMs,
  ).toBe(20_000);
  expect(() => loadConfig({ ...configured, HTTP_MAX_CONNECTIONS: '0' })).toThrow(/HTTP_MAX_CONNECTIONS/);
});

test('the operator routes get a port of their own only when OPERATOR_PORT is set, on loopback unless told', () => {
  expect(loadConfig(configured).operator).toBeUndefined();
  expect(loadConfig({ ...configured, OPERATOR_PORT: '9464' }).operator).toEqual({ port: 9464, host: '127.0.0.1' });
});
