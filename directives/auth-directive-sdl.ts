/** The name the scope directive goes by in our SDL. */
export const AUTH_DIRECTIVE_NAME = 'auth';

/**
 * Definition of `@auth`, to include in the subgraph's type definitions. `scopes` follows
 * Federation's `@requiresScopes`: outer list OR, inner lists AND; without it, any authenticated
 * caller is allowed.
 */
export const authDirectiveTypeDefs = /* GraphQL */ `
  """
  Restricts a type or field to callers whose scopes satisfy one of the listed alternatives
  (outer list: OR; inner list: AND). Without scopes, any authenticated caller is allowed.
  """
  directive @${AUTH_DIRECTIVE_NAME}(scopes: [[String!]!]) on OBJECT | INTERFACE | FIELD_DEFINITION
`;
