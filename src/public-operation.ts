import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

const federationPublic = new Set(['_service', '__typename']);
const introspection = new Set(['__schema', '__type']);

/**
 * True when every root field of the operation may be served without a token: Federation's
 * `_service` (a gateway composing the supergraph) and, when enabled, introspection.
 */
export function isPublicOperation(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  introspectionEnabled: boolean,
): boolean {
  const visit = (selectionSet: SelectionSetNode, seen: Set<string>): boolean =>
    selectionSet.selections.every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return federationPublic.has(selection.name.value) || (introspectionEnabled && introspection.has(selection.name.value));
        case Kind.INLINE_FRAGMENT:
          return visit(selection.selectionSet, seen);
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments[name];
          if (!fragment || seen.has(name)) return false;
          return visit(fragment.selectionSet, new Set([...seen, name]));
        }
      }
    });
  return operation.operation === 'query' && visit(operation.selectionSet, new Set());
}
