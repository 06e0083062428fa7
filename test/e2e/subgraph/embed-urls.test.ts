import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPolicyStore, type PolicyStore } from '../../../src/policy';
import { startSubgraphStack, testAudience, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * `Dashboard.embedUrl` and `Look.embedUrl`: signed Looker SSO embed URLs for the caller, per the
 * policy file's `embed:` section, checked by the emulator (signature, one use) and logging in the
 * embed user it records.
 */
let stack: SubgraphStack;
let store: PolicyStore;
let file: string;

const noEmbed = 'rules: []\n';
const withEmbed = `
rules: []
embed:
  permissions: [access_data, see_user_dashboards, see_looks]
  models: [ecommerce]
  userAttributes:
    region: org.region
    teams: groups
  sessionLength: 600
  dashboards: [1, 2]
`;

beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'embed-policy-')), 'policy.yaml');
  writeFileSync(file, noEmbed);
  store = createPolicyStore({ file, watch: false, pollIntervalMs: 0 });
  stack = await startSubgraphStack({ policy: store });
});

afterAll(async () => {
  store?.close();
  await stack?.stop();
});

const usePolicy = async (text: string) => {
  writeFileSync(file, text);
  expect((await store.reloadNow()).ok).toBe(true);
};

/** A token as the IdP would issue it for Dana, in two teams and one region (or with other claims). */
const tokenWith = (scope: string, claims: Record<string, unknown> = {}) =>
  stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub: 'dana-42',
    given_name: 'Dana',
    family_name: 'Scully',
    scope,
    groups: ['sales', 'emea'],
    org: { region: 'EMEA' },
    exp: Math.floor(Date.now() / 1000) + 600,
    ...claims,
  });

const embedQuery = '{ dashboard(id: "1") { title embedUrl } look(id: "1") { embedUrl } }';

const emulatorGet = async (path: string) => {
  const response = await fetch(`${stack.emulator.url}${path}`);
  return { status: response.status, text: await response.text() };
};

test('without looker:embed the field is FORBIDDEN naming the scope, and the rest is served', async () => {
  await usePolicy(withEmbed);
  const answer = await stack.graphql(embedQuery, { token: await tokenWith('looker:content:read') });
  expect((answer.body.data?.dashboard as { title: string }).title).toBeTruthy();
  expect(answer.body.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.requiredScopes])).toEqual([
    [['dashboard', 'embedUrl'], 'FORBIDDEN', [['looker:content:read', 'looker:embed']]],
    [['look', 'embedUrl'], 'FORBIDDEN', [['looker:content:read', 'looker:embed']]],
  ]);
});

test('without an embed: section in the policy it is FORBIDDEN naming what is missing, with no Looker call', async () => {
  await usePolicy(noEmbed);
  await stack.resetLookerStats();
  const answer = await stack.graphql('{ dashboard(id: "1") { embedUrl } }', {
    token: await tokenWith('looker:content:read looker:embed'),
  });
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(answer.body.errors?.[0]?.message).toContain('"embed:" section');
  expect((await stack.lookerStats()).byRoute['POST /api/4.0/embed/sso_url']).toBeUndefined();
});

test('with both: a URL Looker signed, verified by it, logging in the caller as the policy says, once', async () => {
  await usePolicy(withEmbed);
  await stack.resetLookerStats();
  const answer = await stack.graphql(embedQuery, { token: await tokenWith('looker:content:read looker:embed') });
  // Looks are unrestricted here (no embed.looks); dashboard 1 is listed.
  expect(answer.body.errors ?? []).toEqual([]);
  expect(answer.headers.get('cache-control')).toBe('no-store');
  const url = (answer.body.data?.dashboard as { embedUrl: string }).embedUrl;
  const lookUrl = (answer.body.data?.look as { embedUrl: string }).embedUrl;
  expect((await stack.lookerStats()).byRoute['POST /api/4.0/embed/sso_url']).toBe(2);
  // The audit event names each embed session minted, for access reviews.
  const event = stack
    .auditEvents()
    .filter((e) => e.type === 'graphql.operation')
    .at(-1);
  expect(event?.resources).toEqual(expect.arrayContaining(['embed:dashboard:1', 'embed:look:1']));

  expect(url.startsWith(`${stack.emulator.url}/login/embed/${encodeURIComponent('/embed/dashboards/1')}?`)).toBe(true);
  expect(lookUrl.startsWith(`${stack.emulator.url}/login/embed/${encodeURIComponent('/embed/looks/1')}?`)).toBe(true);
  // No API credential in it: the signature is Looker's, made with its embed secret.
  expect(url).not.toMatch(/client_id|client_secret|access_token|looker-admin/);

  const verified = JSON.parse(
    (await emulatorGet(`/__emulator/embed/verify?url=${encodeURIComponent(url)}`)).text,
  ) as Record<string, unknown>;
  expect(verified).toEqual({ valid: true, target: '/embed/dashboards/1', external_user_id: 'dana-42' });
  // A changed parameter breaks the signature.
  const tampered = url.replace(encodeURIComponent('"access_data"'), encodeURIComponent('"admin"'));
  expect(tampered).not.toBe(url);
  expect(JSON.parse((await emulatorGet(`/__emulator/embed/verify?url=${encodeURIComponent(tampered)}`)).text)).toEqual({
    valid: false,
    reason: 'signature',
  });

  const login = await emulatorGet(url.slice(stack.emulator.url.length));
  expect(login.status).toBe(200);
  expect(login.text).toContain('/embed/dashboards/1');
  // Looker accepts a signed URL once.
  expect((await emulatorGet(url.slice(stack.emulator.url.length))).status).toBe(403);

  const users = JSON.parse((await emulatorGet('/__emulator/embed/users')).text) as { users: Record<string, unknown>[] };
  expect(users.users).toEqual([
    expect.objectContaining({
      external_user_id: 'dana-42',
      first_name: 'Dana',
      last_name: 'Scully',
      permissions: ['access_data', 'see_user_dashboards', 'see_looks'],
      models: ['ecommerce'],
      group_ids: [],
      user_attributes: { region: 'EMEA', teams: 'sales,emea' },
      session_length: 600,
      target: '/embed/dashboards/1',
    }),
  ]);
});

test('a dashboard the policy does not list is FORBIDDEN naming the list', async () => {
  await usePolicy(withEmbed);
  const answer = await stack.graphql('{ dashboard(id: "3") { embedUrl } }', {
    token: await tokenWith('looker:content:read looker:embed'),
  });
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(answer.body.errors?.[0]?.message).toContain('embed.dashboards');
});

test('an invalid embed: section is refused with the problem, keeping the last good policy', async () => {
  await usePolicy(withEmbed);
  writeFileSync(file, 'rules: []\nembed:\n  models: [ecommerce]\n');
  const outcome = await store.reloadNow();
  expect(outcome.ok).toBe(false);
  expect(outcome.ok ? [] : outcome.problems).toEqual([
    expect.stringContaining('give both "permissions" and "models", or "groupIds"'),
  ]);
  const answer = await stack.graphql('{ dashboard(id: "2") { embedUrl } }', {
    token: await tokenWith('looker:content:read looker:embed'),
  });
  expect(answer.body.errors ?? []).toEqual([]);
});

test('a comma inside one claim value is not sent as several attribute values: the URL is refused, with no Looker call', async () => {
  await usePolicy(withEmbed);
  await stack.resetLookerStats();
  const answer = await stack.graphql('{ dashboard(id: "1") { embedUrl } }', {
    token: await tokenWith('looker:content:read looker:embed', { org: { region: 'EMEA,APAC' } }),
  });
  expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  expect(answer.body.errors?.[0]?.message).toContain('user attribute "region"');
  expect(answer.body.errors?.[0]?.message).not.toContain('APAC');
  expect((await stack.lookerStats()).byRoute['POST /api/4.0/embed/sso_url']).toBeUndefined();
});

test('a top-level claim named "org.region" does not shadow the nested org.region the policy names', async () => {
  await usePolicy(withEmbed);
  const answer = await stack.graphql('{ dashboard(id: "2") { embedUrl } }', {
    token: await tokenWith('looker:content:read looker:embed', { 'org.region': 'ALL' }),
  });
  expect(answer.body.errors ?? []).toEqual([]);
  const url = (answer.body.data?.dashboard as { embedUrl: string }).embedUrl;
  expect((await emulatorGet(url.slice(stack.emulator.url.length))).status).toBe(200);
  const users = JSON.parse((await emulatorGet('/__emulator/embed/users')).text) as {
    users: { target: string; user_attributes: unknown }[];
  };
  expect(users.users.find((u) => u.target === '/embed/dashboards/2')?.user_attributes).toEqual({
    region: 'EMEA',
    teams: 'sales,emea',
  });
});
