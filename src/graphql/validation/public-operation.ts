import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

const alwaysPublic = new Set(['__typename']);
const introspection = new Set(['__schema', '__type']);

/**
 * True when every root field of the operation may be served without a token: `__typename`,
 * Federation's `_service` when `serviceAllowed` (introspection on, or the gateway composing the
 * supergraph with its credential), and introspection when enabled. Only queries are public.
 */
export function isPublicOperation(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  introspectionEnabled: boolean,
  serviceAllowed: boolean = true,
): boolean {
  const isPublicField = (name: string) =>
    alwaysPublic.has(name) ||
    (serviceAllowed && name === '_service') ||
    (introspectionEnabled && introspection.has(name));
  const visit = (selectionSet: SelectionSetNode, seen: Set<string>): boolean =>
    selectionSet.selections.every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return isPublicField(selection.name.value);
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
