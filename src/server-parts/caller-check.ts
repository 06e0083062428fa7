import { extractBearerToken } from '../auth/bearer-token';
import { createTokenVerifier, type TokenVerifier } from '../auth/token-verifier';
import type { Config } from '../config';
import { authenticateRequests, type FrontHandler } from '../http';
import { recordTokenRefusal } from '../observability';
import type { Logger } from '../observability/logger';
import { effectivePrincipal, type EffectivePrincipal, type Policy } from '../policy';

/** How every door knows its caller: the token verified, with the scopes the policy grants. */
export interface CallerCheck {
  /** The caller of an `Authorization` header. */
  readonly verify: (authorization: string | readonly string[]) => Promise<EffectivePrincipal>;
  /** The front handler that verifies the token before any body is read. */
  readonly authenticate: FrontHandler;
}

/** A verifier for the configured OIDC issuer. */
function oidcVerifier(config: Config): TokenVerifier {
  return createTokenVerifier({
    issuer: config.oidc.issuer,
    audience: config.oidc.audience,
    jwksUri: config.oidc.jwksUri,
    algorithms: config.oidc.algorithms,
    scopeClaim: config.oidc.scopeClaim,
    requireAccessTokenType: config.oidc.requireAccessTokenType,
  });
}

/**
 * The verifier given (tests, the demo), else one for the configured OIDC issuer. Scopes follow the
 * IdP: the token's own plus what the policy grants for its claims now.
 */
export function callerCheck(
  config: Config,
  parts: {
    readonly verifier: TokenVerifier | undefined;
    readonly policy: { current(): Policy };
    readonly logger: Logger;
  },
): CallerCheck {
  const verifier = parts.verifier ?? oidcVerifier(config);
  const verify = async (authorization: string | readonly string[]) =>
    effectivePrincipal(parts.policy.current(), await verifier.verify(extractBearerToken(authorization)));
  const authenticate = authenticateRequests({ verify, logger: parts.logger, onRefused: recordTokenRefusal });
  return { verify, authenticate };
}
