import { DEMO_LOGINS, DEMO_USER_IDS } from '../../../emulator';
import type { Policy } from '../../../src/policy';
import { type GraphQLAnswer } from '../../support/subgraph-stack';
import { lookIdsSeenBy } from './direct-looker';
import { startUserStack, type UserStack } from './user-stack';

let stack: UserStack;
let viewerLooks: string[];
let analystLooks: string[];

beforeAll(async () => {
  stack = await startUserStack();
  viewerLooks = await lookIdsSeenBy(stack.emulator.url, DEMO_USER_IDS.viewer);
  analystLooks = await lookIdsSeenBy(stack.emulator.url, DEMO_USER_IDS.analyst);
});

afterAll(() => stack?.stop());

beforeEach(() => stack.control('reset'));

const looksQuery = '{ looks(first: 200) { nodes { id } } }';
const lookIds = (answer: GraphQLAnswer) => {
  expect(answer.body.errors).toBeUndefined();
  return (answer.body.data?.looks as { nodes: { id: string }[] }).nodes.map((n) => n.id).sort();
};
const expectUnmapped = (answer: GraphQLAnswer, detail: RegExp) => {
  expect(answer.body.data).toBeNull();
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(answer.body.errors?.[0]?.message).toMatch(/^No Looker user is mapped to this identity/);
  expect(answer.body.errors?.[0]?.message).toMatch(detail);
};
const lookup = 'GET /api/4.0/users/credential/:credential_type/:credential_id';

describe('mapping by email', () => {
  beforeEach(() => stack.useProvider({ mapping: { by: 'email' } }));

  test('the token’s email claim names the Looker user', async () => {
    const token = await stack.tokenFor('idp-user-7781', { email: 'Victor.Viewer@example.com' });
    expect(lookIds(await stack.graphql(looksQuery, { token }))).toEqual(viewerLooks);
  });

  test('the claim name is configurable, dotted paths included', async () => {
    stack.useProvider({ mapping: { by: 'email', emailClaim: 'profile.mail' } });
    const token = await stack.tokenFor('idp-user-7782', {
      email: 'victor.viewer@example.com',
      profile: { mail: 'ada.analyst@example.com' },
    });
    expect(lookIds(await stack.graphql(looksQuery, { token }))).toEqual(analystLooks);
  });

  test('no email claim, or one the token marks unverified, maps to nobody', async () => {
    expectUnmapped(
      await stack.graphql(looksQuery, { token: await stack.tokenFor(DEMO_LOGINS.viewer) }),
      /no "email" claim/,
    );
    const unverified = await stack.tokenFor('idp-user-7783', {
      email: 'victor.viewer@example.com',
      email_verified: false,
    });
    expectUnmapped(await stack.graphql(looksQuery, { token: unverified }), /not verified/);
    expect((await stack.lookerStats()).total).toBe(0);
  });
});

describe('a Looker user named by the policy wins over the token', () => {
  const policy: Policy = {
    rules: [
      {
        when: { claim: 'groups', includes: ['support-embed'] },
        grant: [],
        lookerUser: { externalUserId: DEMO_LOGINS.viewer },
      },
      {
        when: { claim: 'groups', includes: ['support-email'] },
        grant: [],
        lookerUser: { email: 'victor.viewer@example.com' },
      },
      { when: { claim: 'groups', includes: ['support-id'] }, grant: [], lookerUser: { id: DEMO_USER_IDS.viewer } },
      { when: { claim: 'groups', includes: ['retired'] }, grant: [], lookerUser: { id: '999' } },
    ],
  };
  beforeEach(() => stack.useProvider({ policy }));

  test.each(['support-embed', 'support-email', 'support-id'])('named through %s', async (group) => {
    // The analyst's own subject would map to the analyst; the policy says to act as the viewer.
    const token = await stack.tokenFor(DEMO_LOGINS.analyst, { groups: [group] });
    expect(lookIds(await stack.graphql(looksQuery, { token }))).toEqual(viewerLooks);
    expect(stack.auditEvents().at(-1)).toMatchObject({
      subject: DEMO_LOGINS.analyst,
      lookerUser: DEMO_USER_IDS.viewer,
    });
  });

  test('callers without a matching rule keep their own mapping', async () => {
    const token = await stack.tokenFor(DEMO_LOGINS.analyst, { groups: ['elsewhere'] });
    expect(lookIds(await stack.graphql(looksQuery, { token }))).toEqual(analystLooks);
  });

  test('two subjects naming the same Looker user share its token but not a mapping entry', async () => {
    const first = await stack.tokenFor('support-agent-1', { groups: ['support-embed'] });
    const second = await stack.tokenFor('support-agent-2', { groups: ['support-embed'] });
    expect(lookIds(await stack.graphql(looksQuery, { token: first }))).toEqual(viewerLooks);
    expect(lookIds(await stack.graphql(looksQuery, { token: second }))).toEqual(viewerLooks);
    const { byRoute } = await stack.lookerStats();
    expect(byRoute[lookup]).toBe(2);
    expect(byRoute['POST /api/4.0/login/:user_id']).toBe(1);
  });

  test('a named Looker user that does not exist maps to nobody', async () => {
    const token = await stack.tokenFor(DEMO_LOGINS.analyst, { groups: ['retired'] });
    expectUnmapped(await stack.graphql(looksQuery, { token }), /identity$/);
    expect(Object.keys((await stack.lookerStats()).byRoute).filter((r) => r.includes('/looks'))).toEqual([]);
  });
});
