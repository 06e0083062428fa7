import type { Principal } from '../../../src/auth/principal';
import { EmbedAttributeError, embedSsoParams } from '../../../src/embed';
import { parsePolicyText, PolicyFileError } from '../../../src/policy';

/** The problems parsePolicyText reports for `text`. */
function problemsOf(text: string): readonly string[] {
  try {
    parsePolicyText(text, 'policy.yaml');
  } catch (error) {
    if (error instanceof PolicyFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

const embedYaml = `
rules: []
embed:
  permissions: [access_data, see_looks, access_data]
  models: [ecommerce]
  groupIds: [7]
  userAttributes: { region: org.region, teams: groups, level: level, missing: nowhere }
  dashboards: [1, "ecommerce::sales_overview"]
  host: https://company.looker.com/
`;

const principal = (claims: Record<string, unknown>): Principal =>
  ({
    subject: 'dana-42',
    clientId: 'app',
    scopes: new Set(['looker:embed']),
    claims: { sub: 'dana-42', ...claims },
  }) as Principal;

describe("the policy file's embed: section", () => {
  it('is read with defaults: a 300 s session, lists de-duplicated, ids as strings, the host without its trailing slash', () => {
    const policy = parsePolicyText(embedYaml, 'policy.yaml');
    expect(policy.embed).toEqual({
      permissions: ['access_data', 'see_looks'],
      models: ['ecommerce'],
      groupIds: ['7'],
      userAttributes: { region: 'org.region', teams: 'groups', level: 'level', missing: 'nowhere' },
      sessionLength: 300,
      dashboards: ['1', 'ecommerce::sales_overview'],
      host: 'https://company.looker.com',
    });
    expect(Object.isFrozen(policy.embed)).toBe(true);
    expect(parsePolicyText('rules: []\n', 'policy.yaml').embed).toBeUndefined();
  });

  it('needs permissions and models, or groupIds, as Looker does; bounds the session; names unknown keys', () => {
    expect(problemsOf('rules: []\nembed: { permissions: [see_looks] }\n')).toEqual([
      'embed: give both "permissions" and "models", or "groupIds"',
    ]);
    expect(problemsOf('rules: []\nembed: { groupIds: [1], sessionLength: 2592001 }\n')).toEqual([
      'embed.sessionLength: must be at most 2592000 seconds (30 days)',
    ]);
    expect(problemsOf('rules: []\nembed: { groupIds: [1], secret: x }\n')).toEqual([
      expect.stringContaining('embed: unknown key "secret" (allowed: permissions, models, groupIds'),
    ]);
  });

  it('makes the create_sso_embed_url body: the caller as external_user_id, attributes from claims, absent claims left out', () => {
    const policy = parsePolicyText(embedYaml, 'policy.yaml');
    if (!policy.embed) throw new Error('no embed section');
    const body = embedSsoParams(
      principal({ org: { region: 'EMEA' }, groups: ['sales', 'emea'], level: 3, given_name: 'Dana' }),
      policy.embed,
      'http://api:19999',
      { kind: 'dashboard', id: 'ecommerce::sales_overview' },
    );
    expect(body).toEqual({
      target_url: 'https://company.looker.com/embed/dashboards/ecommerce%3A%3Asales_overview',
      session_length: 300,
      force_logout_login: true,
      external_user_id: 'dana-42',
      first_name: 'Dana',
      last_name: null,
      permissions: ['access_data', 'see_looks'],
      models: ['ecommerce'],
      group_ids: ['7'],
      user_attributes: { region: 'EMEA', teams: 'sales,emea', level: '3' },
    });
  });
});

describe('user attribute values from claims', () => {
  const policy = parsePolicyText(
    'rules: []\nembed:\n  groupIds: [7]\n  userAttributes: { region: org.region, teams: groups }\n',
    'policy.yaml',
  ).embed;
  if (!policy) throw new Error('no embed section');
  const paramsFor = (claims: Record<string, unknown>) =>
    embedSsoParams(principal(claims), policy, 'http://api:19999', { kind: 'look', id: '1' });

  it('a comma inside one string claim does not become several values: the URL is refused, naming the attribute only', () => {
    // Looker reads "EMEA,APAC" in a user attribute as two values (an access filter's IN list).
    expect(() => paramsFor({ org: { region: 'EMEA,APAC' }, groups: ['sales'] })).toThrow(EmbedAttributeError);
    expect(() => paramsFor({ org: { region: 'EMEA' }, groups: ['sales', 'emea,apac'] })).toThrow(
      'user attribute "teams"',
    );
    try {
      paramsFor({ org: { region: 'EMEA,APAC' } });
    } catch (error) {
      expect((error as EmbedAttributeError).attribute).toBe('region');
      expect((error as Error).message).not.toContain('APAC');
    }
    // A list claim is several values on purpose.
    expect(paramsFor({ org: { region: 'EMEA' }, groups: ['sales', 'emea'] }).user_attributes).toEqual({
      region: 'EMEA',
      teams: 'sales,emea',
    });
  });

  it('a dotted name is the nested claim only: a top-level claim named "org.region" neither shadows it nor stands in for it', () => {
    expect(paramsFor({ 'org.region': 'ALL', org: { region: 'EMEA' } }).user_attributes).toEqual({ region: 'EMEA' });
    expect(paramsFor({ 'org.region': 'ALL' }).user_attributes).toEqual({});
  });
});
