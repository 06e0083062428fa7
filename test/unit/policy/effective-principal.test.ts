import { effectivePrincipal, emptyPolicy, parsePolicyText, readClaim, type Policy } from '../../../src/policy';
import { examplePolicyYaml, principalWith } from './policy-fixtures';

const policy: Policy = parsePolicyText(examplePolicyYaml, 'policy.yaml');
const scopesOf = (claims: Record<string, unknown>, token: string[] = []) =>
  [...effectivePrincipal(policy, principalWith(claims, token)).principal.scopes].sort();

describe('effectivePrincipal', () => {
  it('grants the scopes of rules matching the groups array and the roles claim', () => {
    expect(scopesOf({ groups: ['analysts'] })).toEqual([
      'looker:content:read',
      'looker:data:read',
      'looker:models:read',
    ]);
    expect(scopesOf({ roles: ['bi-admin'] })).toEqual(['looker:sql:read']);
    const both = effectivePrincipal(policy, principalWith({ groups: ['data-team'], roles: ['bi-admin'] }));
    expect(both.matchedRules).toEqual([1, 2]);
    expect(both.principal.scopes.has('looker:sql:read')).toBe(true);
    expect(both.principal.scopes.has('looker:data:read')).toBe(true);
  });

  it('leaves a caller no rule matches with exactly the token scopes', () => {
    const caller = principalWith({ groups: ['marketing'], roles: 'bi-viewer' }, ['looker:content:read']);
    const result = effectivePrincipal(policy, caller);
    expect(result.matchedRules).toEqual([]);
    expect([...result.principal.scopes]).toEqual(['looker:content:read']);
    expect(result.lookerUser).toBeUndefined();
    expect(effectivePrincipal(emptyPolicy, caller).principal.scopes).toEqual(new Set(['looker:content:read']));
  });

  it('unions token and granted scopes without duplicates, keeping the rest of the principal', () => {
    const caller = principalWith({ groups: ['viewers', 'analysts'] }, ['looker:content:read', 'openid']);
    const { principal } = effectivePrincipal(policy, caller);
    expect([...principal.scopes].sort()).toEqual([
      'looker:content:read',
      'looker:data:read',
      'looker:models:read',
      'openid',
    ]);
    expect(principal.subject).toBe('user-1');
    expect(principal.claims).toBe(caller.claims);
    expect(caller.scopes).toEqual(new Set(['looker:content:read', 'openid']));
  });

  it('follows a caller moving from viewers to analysts on the next evaluation', () => {
    const onlyViewers = parsePolicyText(
      'rules:\n  - when: { claim: groups, includes: viewers }\n    grant: [looker:content:read, looker:viewer:extra]\n' +
        '  - when: { claim: groups, includes: analysts }\n    grant: [looker:content:read, looker:data:read]\n',
      'p.yaml',
    );
    const before = effectivePrincipal(onlyViewers, principalWith({ groups: ['viewers'] })).principal.scopes;
    const after = effectivePrincipal(onlyViewers, principalWith({ groups: ['analysts'] })).principal.scopes;
    expect([...before].sort()).toEqual(['looker:content:read', 'looker:viewer:extra']);
    expect([...after].sort()).toEqual(['looker:content:read', 'looker:data:read']);
  });

  it('names the Looker user of the first matching rule that has one', () => {
    expect(effectivePrincipal(policy, principalWith({ groups: ['analysts'], roles: ['bi-admin'] })).lookerUser).toEqual(
      {
        email: 'ada.analyst@example.com',
      },
    );
    expect(effectivePrincipal(policy, principalWith({ groups: ['viewers'], roles: ['bi-admin'] })).lookerUser).toEqual({
      id: '42',
    });
  });

  it('reads a space-separated string claim, matching whole values only', () => {
    expect(scopesOf({ groups: 'marketing analysts' })).toContain('looker:data:read');
    expect(scopesOf({ groups: 'analysts-archive' })).toEqual([]);
    expect(scopesOf({ groups: 'Analysts' })).toEqual([]);
  });

  it('ignores claims of other types instead of matching them loosely', () => {
    expect(scopesOf({ groups: { analysts: true } })).toEqual([]);
    expect(scopesOf({ groups: [7, null, 'x'] })).toEqual([]);
    expect(scopesOf({ roles: true })).toEqual([]);
  });

  it('reads nested claims by dotted path and dotted claim names literally', () => {
    const nested = parsePolicyText(
      JSON.stringify({
        rules: [
          { when: { claim: 'realm_access.roles', includes: 'bi-admin' }, grant: ['looker:sql:read'] },
          { when: { claim: 'https://example.com/groups', includes: 'analysts' }, grant: ['looker:data:read'] },
          { when: { claim: 'constructor.name', includes: 'Object' }, grant: ['looker:proto:read'] },
        ],
      }),
      'p.json',
    );
    const keycloak = principalWith({ realm_access: { roles: ['bi-admin'] } });
    expect([...effectivePrincipal(nested, keycloak).principal.scopes]).toEqual(['looker:sql:read']);
    const auth0 = principalWith({ 'https://example.com/groups': ['analysts'] });
    expect([...effectivePrincipal(nested, auth0).principal.scopes]).toEqual(['looker:data:read']);
    // Only the token's own properties count, never what every object inherits.
    expect(effectivePrincipal(nested, principalWith({})).matchedRules).toEqual([]);
  });

  it('reads a dotted name as the nested path only, so a top-level claim spelled "org.region" cannot stand in for it', () => {
    const byRegion = parsePolicyText(
      'rules:\n  - when: { claim: org.region, includes: hq }\n    grant: [looker:data:read]\n',
      'p.yaml',
    );
    const match = (claims: Record<string, unknown>) => effectivePrincipal(byRegion, principalWith(claims)).matchedRules;
    expect(match({ org: { region: 'hq' } })).toEqual([0]);
    // A caller who can add a claim of their own naming does not shadow the nested one…
    expect(match({ 'org.region': 'hq', org: { region: 'branch' } })).toEqual([]);
    // …nor supply it when the IdP gave none.
    expect(match({ 'org.region': 'hq' })).toEqual([]);
    expect(readClaim({ 'org.region': 'hq', org: { region: 'branch' } }, 'org.region')).toBe('branch');
    // Names with a slash (namespaced claims) are one top-level name, never a path.
    expect(
      readClaim(
        { 'https://example.com/groups': ['a'], 'https://example': { 'com/groups': ['b'] } },
        'https://example.com/groups',
      ),
    ).toEqual(['a']);
  });
});
