import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

function selectionSetHas(set: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo, seen: Set<string>): boolean {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD && selection.name.value === name) return true;
    if (selection.kind === Kind.INLINE_FRAGMENT && selectionSetHas(selection.selectionSet, name, info, seen)) return true;
    if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      if (selectionSetHas(info.fragments[selection.name.value]?.selectionSet, name, info, seen)) return true;
    }
  }
  return false;
}

/**
 * Whether the operation asks for `name` directly under the field being resolved (through
 * fragments too; `@skip`/`@include` are not evaluated, so a skipped field counts as asked for).
 * For work worth starting early, never for what to answer.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  return info.fieldNodes.some((node) => selectionSetHas(node.selectionSet, name, info, seen));
}
