import type { Config } from '../config';
import { fetchJwksUri } from '../auth/oidc-discovery';
import { fail, pass, reasonOf, type CheckResult } from './check';

/** How long one doctor request to the IdP may take. */
const timeoutMs = 5_000;

/** A key of the issuer's JWKS, as far as algorithm checks need it. */
interface JwkSummary {
  readonly kid?: string;
  readonly kty?: string;
  readonly alg?: string;
  readonly crv?: string;
  readonly use?: string;
}

/** The JWS algorithms a key can verify: its own `alg`, else what its type and curve allow (RFC 7518). */
function algorithmsOf(key: JwkSummary): readonly string[] {
  if (key.alg) return [key.alg];
  if (key.kty === 'RSA') return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
  if (key.kty === 'EC')
    return key.crv === 'P-256' ? ['ES256'] : key.crv === 'P-384' ? ['ES384'] : key.crv === 'P-521' ? ['ES512'] : [];
  if (key.kty === 'OKP') return ['EdDSA', 'Ed25519'];
  return [];
}

/** Discovery (unless `OIDC_JWKS_URI` is set) and the JWKS: the keys tokens will be verified with. */
async function loadKeys(oidc: Config['oidc']): Promise<{ result: CheckResult; keys?: JwkSummary[] }> {
  const name = 'OIDC discovery and JWKS';
  let jwksUri: string;
  try {
    jwksUri = oidc.jwksUri ?? (await fetchJwksUri(oidc.issuer)).href;
  } catch {
    return {
      result: fail(
        name,
        `${oidc.issuer}/.well-known/openid-configuration did not answer with a document naming this issuer and a jwks_uri`,
        'OIDC_ISSUER must be exactly the "iss" of your tokens, reachable from this host; or set OIDC_JWKS_URI',
      ),
    };
  }
  try {
    const response = await fetch(jwksUri, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as { keys?: unknown };
    if (!Array.isArray(body.keys) || body.keys.length === 0) throw new Error('no keys in the set');
    const keys = (body.keys as JwkSummary[]).filter((k) => k.use !== 'enc');
    return { result: pass(name, `${jwksUri}: ${keys.length} signing key${keys.length === 1 ? '' : 's'}`), keys };
  } catch (error) {
    return {
      result: fail(
        name,
        `${jwksUri}: ${reasonOf(error)}`,
        'make the JWKS reachable from this host (or correct OIDC_JWKS_URI)',
      ),
    };
  }
}

/** Discovery, JWKS, algorithms (the keys' `alg`/`kty` vs `OIDC_ALGORITHMS`) and audience. */
export async function oidcChecks(oidc: Config['oidc']): Promise<CheckResult[]> {
  const { result, keys } = await loadKeys(oidc);
  const algorithmsName = 'OIDC algorithms';
  const allowed = oidc.algorithms;
  const algorithms = (() => {
    if (!keys) return fail(algorithmsName, 'not checked: no keys', 'fix discovery and JWKS first');
    const usable = keys.filter((k) => algorithmsOf(k).some((a) => allowed.includes(a)));
    const offered = [...new Set(keys.flatMap((k) => (k.alg ? [k.alg] : [`${k.kty ?? '?'} key without alg`])))].join(
      ', ',
    );
    if (usable.length === 0) {
      return fail(
        algorithmsName,
        `no key of the issuer can verify ${allowed.join(', ')} (keys: ${offered})`,
        `set OIDC_ALGORITHMS to the algorithm your IdP signs with (${offered})`,
      );
    }
    return pass(
      algorithmsName,
      `${usable.length} of ${keys.length} key${keys.length === 1 ? '' : 's'} verify ${allowed.join(', ')}`,
    );
  })();
  const audience =
    oidc.audience.trim() === ''
      ? fail('OIDC audience', 'empty', 'set OIDC_AUDIENCE to the "aud" your IdP puts in access tokens for this API')
      : oidc.audience === oidc.issuer
        ? fail(
            'OIDC audience',
            `equals the issuer (${oidc.audience})`,
            'set OIDC_AUDIENCE to the API identifier your tokens carry in "aud", not the issuer URL',
          )
        : pass('OIDC audience', `tokens must carry aud "${oidc.audience}"`);
  return [result, algorithms, audience];
}
