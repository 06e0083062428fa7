import { inspect } from 'node:util';
import { ConfigError, loadConfig } from '../../src/config';

const configured = {
  LOOKERSDK_BASE_URL: 'https://looker.example.com',
  LOOKERSDK_CLIENT_ID: 'id',
  LOOKERSDK_CLIENT_SECRET: 'very-secret-value',
  OIDC_ISSUER: 'https://idp.example.com',
  OIDC_AUDIENCE: 'looker-subgraph',
};

test('no configuration outside production is the embedded demo', () => {
  const config = loadConfig({});
  expect(config.demo).toEqual({ emulatorPort: 4010 });
  expect(config.looker.baseUrl).toBe('http://127.0.0.1:4010');
  expect(config.oidc.issuer).toBe('http://127.0.0.1:4000/oidc');
});

test('production without settings names every missing variable', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
  try {
    loadConfig({ NODE_ENV: 'production' });
  } catch (error) {
    const message = (error as Error).message;
    for (const name of [
      'LOOKERSDK_BASE_URL',
      'LOOKERSDK_CLIENT_ID',
      'LOOKERSDK_CLIENT_SECRET',
      'OIDC_ISSUER',
      'OIDC_AUDIENCE',
    ]) {
      expect(message).toContain(name);
    }
  }
});

test('partial configuration outside production is refused too, not silently a demo', () => {
  expect(() => loadConfig({ LOOKERSDK_BASE_URL: 'https://looker.example.com' })).toThrow(/OIDC_ISSUER/);
});

test('an invalid value names the variable, never the value', () => {
  expect(() => loadConfig({ ...configured, PORT: 'eighty' })).toThrow(/PORT/);
  expect(() => loadConfig({ ...configured, OIDC_ALGORITHMS: 'HS256' })).toThrow(/OIDC_ALGORITHMS/);
});

test('the client secret does not print, serialise or inspect', () => {
  const config = loadConfig({ ...configured, NODE_ENV: 'production' });
  expect(config.demo).toBeUndefined();
  expect(config.host).toBe('0.0.0.0');
  expect(config.introspection).toBe(false);
  for (const rendered of [JSON.stringify(config), inspect(config, { depth: 10 }), String(config.looker.clientSecret)]) {
    expect(rendered).not.toContain('very-secret-value');
  }
  expect(config.looker.clientSecret.reveal()).toBe('very-secret-value');
});
