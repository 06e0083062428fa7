import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Context } from './context';
import { isPublicOperation } from './public-operation';

/** The realm named in `WWW-Authenticate` challenges. */
export const authRealm = 'looker-subgraph';

/**
 * Ends a request with HTTP 401 when it has no valid token and touches anything but public fields.
 * It runs once the operation is known, so a gateway can fetch `_service` without a token. Per
 * RFC 6750 §3.1 a request without credentials gets a bare challenge and a refused token gets
 * `error="invalid_token"`.
 */
export function authGatePlugin(options: { introspection: boolean }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          if (contextValue.principal) return;
          const fragments = Object.fromEntries(
            document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])),
          );
          if (operation && isPublicOperation(operation, fragments, options.introspection)) return;
          const refused = contextValue.tokenRejection !== undefined;
          throw new GraphQLError(refused ? 'Invalid access token' : 'Authentication required', {
            extensions: {
              code: 'UNAUTHENTICATED',
              http: {
                status: 401,
                headers: new Map([
                  ['www-authenticate', refused ? `Bearer realm="${authRealm}", error="invalid_token"` : `Bearer realm="${authRealm}"`],
                ]),
              },
            },
          });
        },
      };
    },
  };
}
