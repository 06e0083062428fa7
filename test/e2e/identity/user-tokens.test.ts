import { DEMO_LOGINS, DEMO_USER_IDS } from '../../../emulator';
import type { Principal } from '../../../src/auth/principal';
import { callLooker } from '../../../src/looker/looker-call';
import type { LookerSession } from '../../../src/looker/looker-session';
import { type GraphQLAnswer } from '../../support/subgraph-stack';
import { lookIdsSeenBy } from './direct-looker';
import { startUserStack, type UserStack } from './user-stack';

let stack: UserStack;
let analystLooks: string[];
let now: number;
const clock = () => now;

beforeAll(async () => {
  stack = await startUserStack();
  analystLooks = await lookIdsSeenBy(stack.emulator.url, DEMO_USER_IDS.analyst);
});

afterAll(() => stack?.stop());

beforeEach(async () => {
  now = Date.UTC(2026, 5, 15, 12);
  stack.useProvider({ clock });
  await stack.control('reset');
});

const looksQuery = '{ looks(first: 200) { nodes { id } } }';
const lookIds = (answer: GraphQLAnswer) => {
  expect(answer.body.errors).toBeUndefined();
  return (answer.body.data?.looks as { nodes: { id: string }[] }).nodes.map((n) => n.id).sort();
};
const routes = async () => (await stack.lookerStats()).byRoute;
const loginUser = 'POST /api/4.0/login/:user_id';
const lookup = 'GET /api/4.0/users/credential/:credential_type/:credential_id';
const lastAudit = () => stack.auditEvents().at(-1);

test('ten concurrent first requests of one person make one lookup and one login', async () => {
  stack.service.invalidate();
  const token = await stack.tokenFor(DEMO_LOGINS.analyst);
  const answers = await Promise.all(Array.from({ length: 10 }, () => stack.graphql(looksQuery, { token })));
  for (const answer of answers) expect(lookIds(answer)).toEqual(analystLooks);
  const byRoute = await routes();
  expect(byRoute[loginUser]).toBe(1);
  expect(byRoute[lookup]).toBe(1);
  expect(byRoute['POST /api/4.0/login']).toBe(1);
  expect(byRoute['GET /api/4.0/looks/search']).toBe(10);
});

test('a token Looker expired is renewed for the same person', async () => {
  const token = await stack.tokenFor(DEMO_LOGINS.analyst);
  expect(lookIds(await stack.graphql(looksQuery, { token }))).toEqual(analystLooks);
  await stack.control('tokens/expire');
  await stack.control('reset');
  const issuedBefore = stack.emulator.issuedTokens().length;

  const answer = await stack.graphql(looksQuery, { token });
  expect(lookIds(answer)).toEqual(analystLooks);
  const byRoute = await routes();
  // Looker refused the old token once; the retry ran with a new login_user token.
  expect(byRoute['GET /api/4.0/looks/search']).toBe(2);
  // The API user's token had expired too: its first login_user was refused (401), it logged in
  // again, and the second login_user succeeded. Two tokens issued: the API user's and the analyst's.
  expect(byRoute[loginUser]).toBe(2);
  expect(byRoute['POST /api/4.0/login']).toBe(1);
  expect(stack.emulator.issuedTokens().length - issuedBefore).toBe(2);
  // The mapping was still fresh: no new lookup, and the renewal is for the same Looker user.
  expect(byRoute[lookup]).toBeUndefined();
  expect(lastAudit()).toMatchObject({ subject: DEMO_LOGINS.analyst, lookerUser: DEMO_USER_IDS.analyst });
});

test('the renewed token acts as the same Looker user, by Looker’s own account', async () => {
  const provider = stack.useProvider({ clock });
  const analyst: Principal = {
    subject: DEMO_LOGINS.analyst,
    clientId: undefined,
    scopes: new Set(),
    claims: { sub: DEMO_LOGINS.analyst },
  };
  const me = (session: LookerSession) =>
    callLooker(() => session.sdk.me('id'), {
      operation: 'me',
      timeoutMs: 10_000,
      idempotent: true,
      onUnauthorized: () => session.invalidate(),
    });

  const first = provider.sessionFor(analyst);
  expect((await me(first)).id).toBe(DEMO_USER_IDS.analyst);
  await stack.control('tokens/expire');
  await stack.control('reset');
  const issuedBefore = stack.emulator.issuedTokens().length;
  const second = provider.sessionFor(analyst);
  expect((await me(second)).id).toBe(DEMO_USER_IDS.analyst);
  expect(second.lookerUserId).toBe(DEMO_USER_IDS.analyst);
  // One refused login_user (the API user's token had expired as well), then one that succeeded.
  expect((await routes())[loginUser]).toBe(2);
  expect(stack.emulator.issuedTokens().length - issuedBefore).toBe(2);
});

test('a token is renewed shortly before it expires, without waiting for Looker to refuse it', async () => {
  const token = await stack.tokenFor(DEMO_LOGINS.analyst);
  await stack.graphql(looksQuery, { token });
  await stack.control('reset');

  // The emulator's tokens live 3600 s; renewal is due 60 s before that.
  now += 3_540_000 - 1;
  expect(lookIds(await stack.graphql(looksQuery, { token }))).toEqual(analystLooks);
  expect((await routes())[loginUser]).toBeUndefined();

  now += 2;
  expect(lookIds(await stack.graphql(looksQuery, { token }))).toEqual(analystLooks);
  const byRoute = await routes();
  expect(byRoute[loginUser]).toBe(1);
  expect(byRoute['GET /api/4.0/looks/search']).toBe(2);
});

test('a mapping is trusted for five minutes, then looked up again', async () => {
  const token = await stack.tokenFor(DEMO_LOGINS.viewer);
  await stack.graphql(looksQuery, { token });
  await stack.control('reset');

  now += 300_000 - 1;
  await stack.graphql(looksQuery, { token });
  expect((await routes())[lookup]).toBeUndefined();
  now += 2;
  await stack.graphql(looksQuery, { token });
  const byRoute = await routes();
  expect(byRoute[lookup]).toBe(1);
  // The user's token is still good: re-mapping does not mean logging in again.
  expect(byRoute[loginUser]).toBeUndefined();
});

test('an unmapped caller is remembered briefly, then looked up again', async () => {
  const token = await stack.tokenFor('not-yet-provisioned');
  await stack.graphql(looksQuery, { token });
  await stack.graphql(looksQuery, { token });
  expect((await routes())[lookup]).toBe(1);
  now += 30_001;
  const answer = await stack.graphql(looksQuery, { token });
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await routes())[lookup]).toBe(2);
});
