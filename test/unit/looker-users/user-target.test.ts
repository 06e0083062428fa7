import type { JWTPayload } from 'jose';
import type { Principal } from '../../../src/auth/principal';
import { lookerUserTarget, mappingKey } from '../../../src/looker-users';

const caller = (subject: string, claims: JWTPayload = {}): Principal => ({
  subject,
  clientId: undefined,
  scopes: new Set(),
  claims: { iss: 'https://idp.example.com', sub: subject, ...claims },
});

describe('lookerUserTarget', () => {
  test('by default the embed credential named by the subject', () => {
    expect(lookerUserTarget(caller('ext-1'), undefined, { by: 'embed' })).toEqual({
      kind: 'credential',
      type: 'embed',
      id: 'ext-1',
    });
  });

  test('by email, from the configured claim', () => {
    const principal = caller('x', { email: ' a@example.com ', upn: 'b@example.com' });
    expect(lookerUserTarget(principal, undefined, { by: 'email' })).toEqual({
      kind: 'credential',
      type: 'email',
      id: 'a@example.com',
    });
    expect(lookerUserTarget(principal, undefined, { by: 'email', emailClaim: 'upn' })).toEqual({
      kind: 'credential',
      type: 'email',
      id: 'b@example.com',
    });
  });

  test('no usable email, or an unverified one, is unmappable', () => {
    expect(lookerUserTarget(caller('x'), undefined, { by: 'email' })).toMatchObject({ kind: 'unmappable' });
    expect(lookerUserTarget(caller('x', { email: ['a@example.com'] }), undefined, { by: 'email' })).toMatchObject({
      kind: 'unmappable',
    });
    expect(
      lookerUserTarget(caller('x', { email: 'a@example.com', email_verified: false }), undefined, { by: 'email' }),
    ).toEqual({
      kind: 'unmappable',
      reason: 'the token says its email is not verified',
    });
    // Only an explicit `false` refuses: many access tokens carry no email_verified at all.
    expect(
      lookerUserTarget(caller('x', { email: 'a@example.com', email_verified: true }), undefined, { by: 'email' }),
    ).toMatchObject({ kind: 'credential' });
  });

  test('a Looker user named by the policy wins over the mapping', () => {
    const principal = caller('ext-1', { email: 'a@example.com' });
    expect(lookerUserTarget(principal, { id: '42' }, { by: 'email' })).toEqual({ kind: 'id', id: '42' });
    expect(lookerUserTarget(principal, { email: 'team@example.com' }, { by: 'embed' })).toEqual({
      kind: 'credential',
      type: 'email',
      id: 'team@example.com',
    });
    expect(lookerUserTarget(principal, { externalUserId: 'team-ext' }, { by: 'email' })).toEqual({
      kind: 'credential',
      type: 'embed',
      id: 'team-ext',
    });
  });
});

describe('mappingKey', () => {
  test('differs between subjects naming the same credential, and between issuers', () => {
    const target = { kind: 'credential', type: 'embed', id: 'team-ext' } as const;
    const a = mappingKey(caller('alice'), target);
    expect(mappingKey(caller('bob'), target)).not.toBe(a);
    expect(mappingKey({ ...caller('alice'), claims: { iss: 'https://other.example.com' } }, target)).not.toBe(a);
    expect(mappingKey(caller('alice'), target)).toBe(a);
  });

  test('cannot be forged by separators inside values', () => {
    const target = (id: string) => ({ kind: 'credential', type: 'embed', id }) as const;
    expect(mappingKey(caller('a","embed'), target('x'))).not.toBe(mappingKey(caller('a'), target('embed","x')));
  });
});
