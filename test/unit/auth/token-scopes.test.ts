import { TokenRejectedError } from '../../../src/auth/token-errors';
import { readTokenScopes } from '../../../src/auth/token-scopes';

describe('readTokenScopes', () => {
  it('splits the space-separated scope claim', () => {
    expect([...readTokenScopes({ scope: 'looker:content:read  looker:models:read' })]).toEqual([
      'looker:content:read',
      'looker:models:read',
    ]);
  });

  it('reads scp as an array or as a string, and merges it with scope', () => {
    expect([...readTokenScopes({ scp: ['a', 'b'] })]).toEqual(['a', 'b']);
    expect([...readTokenScopes({ scp: 'a b' })]).toEqual(['a', 'b']);
    expect([...readTokenScopes({ scope: 'a', scp: ['b', 'a'] })].sort()).toEqual(['a', 'b']);
  });

  it('reads the configured extra claim, and only when configured', () => {
    const claims = { permissions: ['looker:data:read'], scope: 'looker:content:read' };
    expect([...readTokenScopes(claims)]).toEqual(['looker:content:read']);
    expect([...readTokenScopes(claims, 'permissions')].sort()).toEqual(['looker:content:read', 'looker:data:read']);
  });

  it('grants nothing when the token names no scope', () => {
    expect(readTokenScopes({ sub: 'x' }).size).toBe(0);
  });

  it('refuses a scope claim of the wrong type instead of ignoring it', () => {
    for (const claims of [{ scope: 42 }, { scp: [1, 2] }, { scp: { a: true } }]) {
      expect(() => readTokenScopes(claims)).toThrow(TokenRejectedError);
    }
    expect(() => readTokenScopes({ roles: 'x' }, 'roles')).not.toThrow();
    expect(() => readTokenScopes({ roles: 7 }, 'roles')).toThrow(
      expect.objectContaining({ reason: 'claims', claim: 'roles' }),
    );
  });
});
