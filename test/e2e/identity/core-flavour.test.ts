import { DEMO_LOGINS, DEMO_USER_IDS } from '../../../emulator';
import {
  createTestEngine,
  startSubgraphStack,
  type GraphQLAnswer,
  type SubgraphStack,
} from '../../support/subgraph-stack';
import { captureLogger } from '../../support/log-capture';
import type { Engine } from '../../../emulator/engine/types';
import { lookIdsSeenBy } from './direct-looker';
import { startUserStack, type UserStack } from './user-stack';

// Looker (Google Cloud core): "this call will be denied unless … The target user is an Embed User
// type" (spec of login_user); user_for_credential "may be denied". The emulator's core flavour
// enforces both; the subgraph must answer FORBIDDEN, log why, and never act as anyone else.

let engine: Engine;
let stack: UserStack;
let analystLooks: string[];

beforeAll(async () => {
  engine = await createTestEngine();
  stack = await startUserStack({ engine, emulator: { flavor: 'core' } });
  analystLooks = await lookIdsSeenBy(stack.emulator.url, DEMO_USER_IDS.analyst);
});

afterAll(async () => {
  await stack?.stop();
  await engine?.close();
});

beforeEach(() => stack.control('reset'));

const looksQuery = '{ looks(first: 200) { nodes { id } } }';
const lookIds = (answer: GraphQLAnswer) => {
  expect(answer.body.errors).toBeUndefined();
  return (answer.body.data?.looks as { nodes: { id: string }[] }).nodes.map((n) => n.id).sort();
};
/** Routes other than the API user's login, lookups and login_user: any of them would be data read as someone. */
const dataRoutes = (byRoute: Record<string, number>) =>
  Object.keys(byRoute).filter(
    (r) =>
      ![
        'POST /api/4.0/login',
        'POST /api/4.0/login/:user_id',
        'GET /api/4.0/users/credential/:credential_type/:credential_id',
        'GET /api/4.0/user',
      ].includes(r),
  );
const warnings = (lines: string[]) =>
  lines
    .map((l) => JSON.parse(l) as { level: number; msg: string })
    .filter((l) => l.level === 40)
    .map((l) => l.msg);

test('embed users are served as themselves on Google Cloud core', async () => {
  stack.useProvider();
  const answer = await stack.graphql(looksQuery, { token: await stack.tokenFor(DEMO_LOGINS.analyst) });
  expect(lookIds(answer)).toEqual(analystLooks);
});

test('a policy naming a standard user: FORBIDDEN, the log names the cause, nothing is read as anyone', async () => {
  const { logger, lines } = captureLogger();
  stack.useProvider({
    logger,
    policy: {
      rules: [{ when: { claim: 'groups', includes: ['admins'] }, grant: [], lookerUser: { id: DEMO_USER_IDS.admin } }],
    },
  });
  const token = await stack.tokenFor('idp-admin-1', { groups: ['admins'] });
  const answer = await stack.graphql(looksQuery, { token });
  expect(answer.body.data).toBeNull();
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(answer.body.errors?.[0]?.message).toMatch(/only as embed users/);
  expect(warnings(lines)).toContain(
    `Looker (Google Cloud core) allows login_user only for embed users; user ${DEMO_USER_IDS.admin} is not one`,
  );
  expect(dataRoutes((await stack.lookerStats()).byRoute)).toEqual([]);
});

test('mapping by email: the lookup is denied, FORBIDDEN with the cause logged, never the service account', async () => {
  const { logger, lines } = captureLogger();
  stack.useProvider({ logger, mapping: { by: 'email' } });
  const token = await stack.tokenFor('idp-user-1', { email: 'ada.analyst@example.com' });
  const answer = await stack.graphql(looksQuery, { token });
  expect(answer.body.data).toBeNull();
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(answer.body.errors?.[0]?.message).toMatch(
    /^No Looker user is mapped to this identity \(Looker does not allow looking users up by email here\)/,
  );
  expect(
    warnings(lines).some((w) =>
      w.startsWith('Looker (Google Cloud core) denies user_for_credential for email credentials'),
    ),
  ).toBe(true);
  expect(dataRoutes((await stack.lookerStats()).byRoute)).toEqual([]);
});

test('a standard user has no embed credential there: unmapped, as Looker says', async () => {
  stack.useProvider();
  const answer = await stack.graphql(looksQuery, { token: await stack.tokenFor(DEMO_LOGINS.admin) });
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(answer.body.errors?.[0]?.message).toBe('No Looker user is mapped to this identity');
});

test('the probe tells Google Cloud core and which mappings work, changing nothing', async () => {
  const provider = stack.useProvider({ mapping: { by: 'email' } });
  // The API user logged in first, so every token issued from here on would come from the probe.
  await stack.service.sdk.ok(stack.service.sdk.me('id'));
  const tokensBefore = stack.emulator.issuedTokens().length;
  const caps = await provider.capabilities();
  expect(caps).toMatchObject({
    flavor: 'core',
    loginUser: 'works',
    lookup: { embed: 'works', email: 'denied' },
    serviceAccount: true,
  });
  const report = await provider.announce();
  expect(report.ok).toBe(false);
  expect(report.works).toContain('embed credential (LOOKER_USER_MAPPING=embed)');
  expect(report.fix).toMatch(/LOOKER_USER_MAPPING=embed/);
  // No token was issued for anyone by the probe: its login_user names a user who does not exist.
  expect(stack.emulator.issuedTokens()).toHaveLength(tokensBefore);
});

describe('the start-up line of a configured server', () => {
  let server: SubgraphStack | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  // The line follows the start-up probe's Looker calls: give a loaded machine 20 s to print it.
  const startLine = async (s: SubgraphStack) => {
    const giveUp = Date.now() + 20_000;
    while (Date.now() < giveUp) {
      const line = s.logLines.find((l) => l.includes('Per-user Looker identity'));
      if (line) return JSON.parse(line) as { level: number; msg: string };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('no start-up line about per-user identity within 20 s');
  };

  test('core flavour with email mapping: a warning naming the mode, what works and the fix', async () => {
    server = await startSubgraphStack({
      engine,
      emulator: { flavor: 'core' },
      env: { LOOKER_IDENTITY: 'user', LOOKER_USER_MAPPING: 'email' },
    });
    const line = await startLine(server);
    expect(line.level).toBe(40);
    expect(line.msg).toContain('on Looker (Google Cloud core): login_user only for embed users');
    expect(line.msg).toContain(
      'works: embed credential (LOOKER_USER_MAPPING=embed), policy lookerUser naming an embed user',
    );
    expect(line.msg).toContain('does not work: email');
    expect(line.msg).toContain('the configured mapping fails');
  });

  test('original flavour with email mapping: an info line, every mapping works', async () => {
    server = await startSubgraphStack({ engine, env: { LOOKER_IDENTITY: 'user', LOOKER_USER_MAPPING: 'email' } });
    const line = await startLine(server);
    expect(line.level).toBe(30);
    expect(line.msg).toBe(
      'Per-user Looker identity (LOOKER_USER_MAPPING=email) on Looker (original): login_user for any user; works: embed credential (LOOKER_USER_MAPPING=embed), email (LOOKER_USER_MAPPING=email), policy lookerUser (any user)',
    );
  });

  test('an API user who is not an admin: the line says so', async () => {
    server = await startSubgraphStack({
      engine,
      emulator: { apiUserId: DEMO_USER_IDS.viewer },
      env: { LOOKER_IDENTITY: 'user' },
    });
    const line = await startLine(server);
    expect(line.level).toBe(40);
    expect(line.msg).toContain('the API user may not call login_user');
    expect(line.msg).toContain('give the API user the Admin role');
  });
});
