import { extractBearerToken, MAX_TOKEN_BYTES } from '../../../src/auth/bearer-token';
import { isTokenRejected, TokenRejectedError } from '../../../src/auth/token-errors';

const jwtLike = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl';

function reasonOf(header: string | string[] | undefined): string {
  try {
    extractBearerToken(header);
  } catch (error) {
    if (error instanceof TokenRejectedError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('extractBearerToken', () => {
  it('returns the token of a Bearer header, whatever the case of the scheme', () => {
    expect(extractBearerToken(`Bearer ${jwtLike}`)).toBe(jwtLike);
    expect(extractBearerToken(`bearer ${jwtLike}`)).toBe(jwtLike);
    expect(extractBearerToken(`BEARER  ${jwtLike} `)).toBe(jwtLike);
  });

  it('says missing when there is no bearer credential at all', () => {
    expect(reasonOf(undefined)).toBe('missing');
    expect(reasonOf('')).toBe('missing');
    expect(reasonOf('   ')).toBe('missing');
    expect(reasonOf('Basic ZGVtbzpzZWNyZXQ=')).toBe('missing');
  });

  it('says malformed for a Bearer header without exactly one well-formed JWS', () => {
    expect(reasonOf('Bearer')).toBe('malformed');
    expect(reasonOf(`Bearer ${jwtLike} extra`)).toBe('malformed');
    expect(reasonOf('Bearer not-a-jwt')).toBe('malformed');
    expect(reasonOf('Bearer a.b')).toBe('malformed');
    expect(reasonOf('Bearer a.b.c.d.e')).toBe('malformed');
    expect(reasonOf('Bearer ey<script>.a.b')).toBe('malformed');
    expect(reasonOf([`Bearer ${jwtLike}`, `Bearer ${jwtLike}`])).toBe('malformed');
  });

  it('refuses a token over the size limit before looking at it', () => {
    const big = `${'a'.repeat(MAX_TOKEN_BYTES)}.b.c`;
    expect(reasonOf(`Bearer ${big}`)).toBe('malformed');
    const justUnder = `${'a'.repeat(MAX_TOKEN_BYTES - 4)}.b.c`;
    expect(extractBearerToken(`Bearer ${justUnder}`)).toBe(justUnder);
  });

  it('never repeats the credential in its error message', () => {
    const secretish = 'eyJzZWNyZXQiOiJ4In0.eyJzdWIiOiJ4In0';
    try {
      extractBearerToken(`Bearer ${secretish} trailing`);
      throw new Error('expected a rejection');
    } catch (error) {
      expect(isTokenRejected(error, 'malformed')).toBe(true);
      expect(String(error)).not.toContain('eyJ');
      expect(JSON.stringify(error)).not.toContain('eyJ');
    }
  });
});
