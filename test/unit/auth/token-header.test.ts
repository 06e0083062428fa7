import { base64url } from 'jose';
import { assertTokenShape } from '../../../src/auth/bearer-token';
import { TokenRejectedError } from '../../../src/auth/token-errors';
import { assertAcceptableHeader } from '../../../src/auth/token-header';

const payload = base64url.encode(JSON.stringify({ sub: 'x' }));
const tokenWith = (header: unknown): string => `${base64url.encode(JSON.stringify(header))}.${payload}.c2ln`;

function refusal(check: () => void): { reason: string; claim: string | undefined } {
  try {
    check();
  } catch (error) {
    if (error instanceof TokenRejectedError) return { reason: error.reason, claim: error.claim };
    throw error;
  }
  return { reason: 'accepted', claim: undefined };
}

describe('assertAcceptableHeader', () => {
  it('lets an ordinary header through, including key-locating parameters it never uses', () => {
    expect(() => assertAcceptableHeader(tokenWith({ alg: 'RS256', kid: 'k', typ: 'at+jwt' }))).not.toThrow();
    expect(() =>
      assertAcceptableHeader(tokenWith({ alg: 'RS256', jku: 'https://x.example/jwks', x5t: 'abc' })),
    ).not.toThrow();
  });

  it('refuses JWS extensions: any crit, any b64', () => {
    expect(refusal(() => assertAcceptableHeader(tokenWith({ alg: 'RS256', crit: ['exp'] })))).toEqual({
      reason: 'malformed',
      claim: 'crit',
    });
    expect(refusal(() => assertAcceptableHeader(tokenWith({ alg: 'RS256', crit: [] })))).toEqual({
      reason: 'malformed',
      claim: 'crit',
    });
    expect(refusal(() => assertAcceptableHeader(tokenWith({ alg: 'RS256', b64: false })))).toEqual({
      reason: 'malformed',
      claim: 'b64',
    });
    expect(refusal(() => assertAcceptableHeader(tokenWith({ alg: 'RS256', b64: true })))).toEqual({
      reason: 'malformed',
      claim: 'b64',
    });
  });

  it('refuses a header that is not a JSON object', () => {
    for (const header of ['null', '[]', '"RS256"', '{"alg":', 'not json']) {
      const token = `${base64url.encode(header)}.${payload}.c2ln`;
      expect(refusal(() => assertAcceptableHeader(token))).toEqual({ reason: 'malformed', claim: undefined });
    }
  });
});

describe('assertTokenShape', () => {
  it('refuses a value that is not a string, whatever the type says', () => {
    for (const value of [undefined, null, 42, { token: 'a.b.c' }, ['a.b.c']]) {
      expect(refusal(() => assertTokenShape(value as unknown as string)).reason).toBe('malformed');
    }
  });
});
