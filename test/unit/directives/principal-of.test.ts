import type { GraphQLResolveInfo } from 'graphql';
import { authorizationError, AUTHENTICATED, principalOf, requirePrincipal } from '../../../directives';
import type { Principal } from '../../../src/auth/principal';
import type { Context } from '../../../src/context/context';
import { Query } from '../../../resolvers/Query';

const caller: Principal = { subject: 's', clientId: 'c', scopes: new Set(['looker:content:read']), claims: {} };

test('principalOf reads the caller of a context, and anything else as no caller', () => {
  expect(principalOf({ principal: caller })).toBe(caller);
  for (const context of [{ principal: null }, { principal: undefined }, {}, null, undefined, 'principal'])
    expect(principalOf(context)).toBeNull();
});

test('requirePrincipal gives the caller, or refuses with the @auth directive’s own UNAUTHENTICATED error', () => {
  expect(requirePrincipal({ principal: caller })).toBe(caller);
  const expected = authorizationError(AUTHENTICATED, null);
  expect(() => requirePrincipal({})).toThrow(expected?.message);
  try {
    requirePrincipal({ principal: null });
  } catch (error) {
    expect(error).toEqual(
      expect.objectContaining({
        message: expected?.message,
        extensions: { code: 'UNAUTHENTICATED', requiredScopes: [[]] },
      }),
    );
  }
  expect.assertions(3);
});

test('viewer without a caller refuses exactly as @auth does: one principalOf for directives and resolvers', async () => {
  const viewer = Query.viewer as (parent: unknown, args: unknown, ctx: Context, info: GraphQLResolveInfo) => unknown;
  const expected = authorizationError(AUTHENTICATED, null);
  let refused: unknown;
  try {
    await viewer({}, {}, { principal: null } as unknown as Context, {} as GraphQLResolveInfo);
  } catch (error) {
    refused = error;
  }
  expect(refused).toEqual(
    expect.objectContaining({
      message: expected?.message,
      extensions: { code: 'UNAUTHENTICATED', requiredScopes: [[]] },
    }),
  );
});
