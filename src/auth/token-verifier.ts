import {
  createRemoteJWKSet,
  jwtVerify,
  type JWSAlgorithm,
  type JWTHeaderParameters,
  type JWTPayload,
  type JWTVerifyGetKey,
  type RemoteJWKSetOptions,
} from 'jose';
import { assertTokenShape } from './bearer-token';
import { toKeyResolutionRejection, toTokenRejection } from './jose-rejection';
import { fetchJwksUri, lazyOnce } from './oidc-discovery';
import type { Principal } from './principal';
import { TokenRejectedError } from './token-errors';
import { assertAcceptableHeader } from './token-header';
import { readTokenScopes } from './token-scopes';
import { withVerifiedTokenCache, type VerifiedTokenCacheOptions } from './verified-token-cache';

/** The asymmetric JWS algorithms accepted when no allow-list is configured. */
export const DEFAULT_ALGORITHMS: readonly JWSAlgorithm[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** Default leeway for `exp`, `nbf` and `iat`, in seconds. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

/** Options of {@link createTokenVerifier}. */
export interface TokenVerifierOptions {
  /** The expected `iss`, exactly as the issuer names itself (e.g. `https://idp.example/realms/a`). */
  readonly issuer: string;
  /** The expected `aud`: the token must name at least one of these. */
  readonly audience: string | readonly string[];
  /** Where the signing keys are; when absent, `jwks_uri` from the issuer's discovery document. */
  readonly jwksUri?: string | URL;
  /** Accepted `alg` values. Default {@link DEFAULT_ALGORITHMS}; `none` and HMAC are refused. */
  readonly algorithms?: readonly string[];
  /** Leeway for `exp`, `nbf` and `iat`, in seconds. Default 30. */
  readonly clockToleranceSeconds?: number;
  /** An extra claim to read scopes from (string or array), besides `scope` and `scp`. */
  readonly scopeClaim?: string;
  /** The clock; tests pass one to check expiry without waiting. */
  readonly currentDate?: () => Date;
  /**
   * Refuse anything but access tokens: the `typ` header must be `at+jwt` (RFC 9068),
   * `application/at+jwt`, `JWT` or absent (many IdPs mark access tokens `JWT`), and ID-token
   * claims (`nonce`, `at_hash`, `c_hash`) are refused. Off by default: many IdPs do not mark
   * their access tokens, and the audience check already keeps out ID tokens, whose `aud` is a
   * client id rather than this API.
   */
  readonly requireAccessTokenType?: boolean;
  /** Tuning of jose's remote key set: request timeout, refetch cooldown, cache age (ms). */
  readonly jwks?: Pick<RemoteJWKSetOptions, 'timeoutDuration' | 'cooldownDuration' | 'cacheMaxAge'>;
  /**
   * Remember verified tokens so that the next request with the same token costs a lookup, not a
   * signature check: on by default (10,000 tokens, each for at most 300 s and never past its
   * `exp`); `false` verifies every token in full. See {@link VerifiedTokenCacheOptions} for what
   * this means when a signing key is removed.
   */
  readonly cache?: VerifiedTokenCacheOptions | false;
}

/** Verifies bearer tokens and turns them into principals. */
export interface TokenVerifier {
  /** Verifies `token`; resolves the caller, or rejects with a {@link TokenRejectedError}. */
  verify(token: string): Promise<Principal>;
}

const accessTokenTypes = new Set(['at+jwt', 'jwt']);
const idTokenClaims = ['nonce', 'at_hash', 'c_hash'];

/**
 * Creates a verifier for the access tokens of one issuer. Keys come from the issuer's JWKS through
 * jose's remote key set, which caches them and refetches on an unknown `kid` (after a cooldown).
 * The key set is located lazily, on the first verification, so a server can start while its IdP is
 * still down; a failed discovery is retried on the next request. `jku`, `x5u` and `jwk` headers are
 * never used: keys come only from the configured or discovered JWKS; `crit` and `b64` headers are
 * refused before any key lookup. Verified tokens are cached (option `cache`). Invalid options throw
 * `TypeError`.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const algorithms = allowedAlgorithms(options.algorithms ?? DEFAULT_ALGORITHMS);
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new TypeError('clockToleranceSeconds must be a non-negative number');
  }
  const audience = typeof options.audience === 'string' ? [options.audience] : [...options.audience];
  if (audience.length === 0 || audience.some((a) => a === '')) {
    throw new TypeError('audience must name at least one non-empty audience');
  }
  if (options.issuer === '') throw new TypeError('issuer must not be empty');
  const { issuer } = options;
  const jwksUri = options.jwksUri === undefined ? undefined : new URL(options.jwksUri);

  const keySet = lazyOnce(async () => {
    const url = jwksUri ?? (await fetchJwksUri(issuer));
    return createRemoteJWKSet(url, options.jwks);
  });
  const getKey: JWTVerifyGetKey = async (header, token) => {
    const remote = await keySet();
    try {
      return await remote(header, token);
    } catch (error) {
      throw toKeyResolutionRejection(error);
    }
  };

  const currentDate = options.currentDate ?? (() => new Date());

  const verifyInFull = async (token: string): Promise<Principal> => {
    assertAcceptableHeader(token);
    const now = currentDate();
    let payload: JWTPayload;
    let protectedHeader: JWTHeaderParameters;
    try {
      ({ payload, protectedHeader } = await jwtVerify(token, getKey, {
        issuer,
        audience,
        algorithms,
        clockTolerance: tolerance,
        currentDate: now,
        // RFC 9068 §2.2: an access token without `exp` would never expire.
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw toTokenRejection(error);
    }
    // jose checks `iat` only together with maxTokenAge; a token minted in the future means a
    // skewed or forged issuer clock.
    if (typeof payload.iat === 'number' && payload.iat > now.getTime() / 1000 + tolerance) {
      throw new TokenRejectedError('not_yet_valid', 'iat');
    }
    if (options.requireAccessTokenType === true) assertAccessToken(protectedHeader, payload);
    return toPrincipal(payload, options.scopeClaim);
  };

  const cache = options.cache ?? {};
  const verifyToken =
    cache === false
      ? verifyInFull
      : withVerifiedTokenCache(verifyInFull, cache, { currentDate, clockToleranceSeconds: tolerance });
  return {
    async verify(token: string): Promise<Principal> {
      // Cheap shape and size checks first: they bound what is hashed, decoded or looked up.
      assertTokenShape(token);
      return verifyToken(token);
    },
  };
}

function allowedAlgorithms(requested: readonly string[]): string[] {
  if (requested.length === 0) throw new TypeError('algorithms must not be empty');
  for (const alg of requested) {
    // A remote JWKS publishes public keys: `none` and shared-secret algorithms make no sense here,
    // and allowing them is the classic algorithm-confusion hole.
    if (alg.toLowerCase() === 'none' || /^HS\d+$/i.test(alg)) {
      throw new TypeError(`algorithm ${alg} may not be allowed for access tokens`);
    }
  }
  return [...requested];
}

function assertAccessToken(header: JWTHeaderParameters, payload: JWTPayload): void {
  if (header.typ !== undefined) {
    const typ = header.typ.toLowerCase().replace(/^application\//, '');
    if (!accessTokenTypes.has(typ)) throw new TokenRejectedError('token_type', 'typ');
  }
  const idClaim = idTokenClaims.find((claim) => payload[claim] !== undefined);
  if (idClaim !== undefined) throw new TokenRejectedError('token_type', idClaim);
}

function toPrincipal(payload: JWTPayload, scopeClaim: string | undefined): Principal {
  const { sub } = payload;
  if (typeof sub !== 'string' || sub === '') throw new TokenRejectedError('claims', 'sub');
  const clientId = payload['client_id'] ?? payload['azp'];
  if (clientId !== undefined && typeof clientId !== 'string') {
    throw new TokenRejectedError('claims', payload['client_id'] === undefined ? 'azp' : 'client_id');
  }
  return {
    subject: sub,
    clientId,
    scopes: readTokenScopes(payload, scopeClaim),
    // Deeply frozen: the principal may be cached and shared by the requests presenting the token.
    claims: deepFreeze({ ...payload }),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
