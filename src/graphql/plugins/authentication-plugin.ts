import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../../context/context';
import { graphqlError, httpStatusOf, tokenChallenge } from '../../errors';
import { isPublicOperation } from '../validation/public-operation';

/**
 * The answer to a request without a valid token, per RFC 6750 §3.1: a request without credentials
 * gets a bare challenge, a refused token `error="invalid_token"`. One place, so the HTTP front and
 * this plugin refuse in the same words.
 */
export function authenticationRefusal(tokenRefused: boolean): { message: string; challenge: string } {
  return {
    message: tokenRefused ? 'Invalid access token' : 'Authentication required',
    challenge: tokenChallenge(tokenRefused),
  };
}

/** Options of {@link authenticationPlugin}. */
export interface AuthenticationPluginOptions {
  readonly introspection: boolean;
  /** Whether this request may read `_service` without a token (introspection on, or the gateway). */
  readonly serviceAllowed: (context: Context) => boolean;
}

/**
 * Ends a request with HTTP 401 when it has no valid token and touches anything but public fields.
 * The HTTP front refuses such requests before their body is parsed; this check, once the operation
 * is known, guards every other way into Apollo.
 */
export function authenticationPlugin(options: AuthenticationPluginOptions): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          if (contextValue.principal) return;
          const fragments = Object.fromEntries(
            document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])),
          );
          if (
            operation &&
            isPublicOperation(operation, fragments, options.introspection, options.serviceAllowed(contextValue))
          )
            return;
          const refusal = authenticationRefusal(contextValue.tokenRejection !== undefined);
          // Apollo reads `http.headers` as a Map.
          throw graphqlError('UNAUTHENTICATED', refusal.message, {
            http: {
              status: httpStatusOf('UNAUTHENTICATED'),
              headers: new Map([['www-authenticate', refusal.challenge]]),
            },
          });
        },
      };
    },
  };
}
