import { collectSubFields } from '@graphql-tools/utils';
import { getNamedType, isObjectType, type FieldNode, type GraphQLResolveInfo } from 'graphql';

/**
 * Whether the operation asks for `name` directly under the field being resolved, through fragments
 * and aliases, with `@skip`/`@include` applied (graphql-tools' `collectSubFields`, memoized per
 * operation). For work worth starting early, never for what to answer.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return false;
  // The same array, not a copy: graphql-tools memoizes by reference (the function only reads it).
  const { fields } = collectSubFields(
    info.schema,
    info.fragments,
    info.variableValues,
    type,
    info.fieldNodes as FieldNode[],
  );
  for (const nodes of fields.values()) if (nodes.some((node) => node.name.value === name)) return true;
  return false;
}
