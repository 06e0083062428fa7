import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * Reports an operation whose type (`mutation`, `subscription`) the schema has no root type for.
 * graphql-js 16 does not validate this; 17's `KnownOperationTypesRule` does. Such an operation would
 * pass validation and fail in execution, where the error is masked as an internal one.
 */
export function knownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (!schema.getRootType(node.operation)) {
        context.reportError(
          new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }),
        );
      }
    },
  };
}
