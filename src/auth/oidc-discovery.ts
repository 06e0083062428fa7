import { TokenRejectedError } from './token-errors';

/** How long one discovery request may take before it is aborted. */
const DISCOVERY_TIMEOUT_MS = 5_000;

/** The URL of an issuer's OpenID Provider Configuration document (OIDC Discovery §4). */
export function discoveryUrl(issuer: string): URL {
  // The well-known suffix is appended to the issuer's path, not to its origin, so an issuer such
  // as `https://idp.example/realms/a` keeps its path.
  return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
}

/**
 * Fetches the issuer's discovery document and returns its `jwks_uri`. The document must name the
 * same `issuer` (OIDC Discovery §4.3), else its keys could belong to someone else. Any failure →
 * `jwks_unavailable`: the caller's token is not at fault.
 */
export async function fetchJwksUri(issuer: string): Promise<URL> {
  let document: unknown;
  try {
    const response = await fetch(discoveryUrl(issuer), {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
    });
    if (response.status !== 200) throw new Error(`discovery answered ${response.status}`);
    document = await response.json();
  } catch {
    throw new TokenRejectedError('jwks_unavailable');
  }
  if (typeof document !== 'object' || document === null) throw new TokenRejectedError('jwks_unavailable');
  const { issuer: named, jwks_uri: jwksUri } = document as Record<string, unknown>;
  if (named !== issuer || typeof jwksUri !== 'string') throw new TokenRejectedError('jwks_unavailable');
  const url = URL.parse(jwksUri);
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new TokenRejectedError('jwks_unavailable');
  }
  return url;
}

/**
 * Resolves a value on first use and keeps it once it succeeded; concurrent callers share the
 * pending promise. A failure is forgotten, so the next call tries again: an IdP that is down at
 * start-up must not disable authentication until a restart.
 */
export function lazyOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
