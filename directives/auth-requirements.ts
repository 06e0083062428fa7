import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { declaredRequirement } from './auth-arguments';
import { combineAll, type ScopeRequirement } from './scope-requirement';

/** Federation's own root fields: public by definition; entities are checked per reference instead. */
const FEDERATION_ROOT_FIELDS: ReadonlySet<string> = new Set(['_service', '_entities']);

type Memo = Map<string, ScopeRequirement | undefined>;
/** Requirements depend only on the schema's SDL, so they are computed once per schema. */
const memos = new WeakMap<GraphQLSchema, Memo>();

function memoized(
  schema: GraphQLSchema,
  key: string,
  compute: () => ScopeRequirement | undefined,
): ScopeRequirement | undefined {
  let memo = memos.get(schema);
  if (memo === undefined) {
    memo = new Map();
    memos.set(schema, memo);
  }
  if (memo.has(key)) return memo.get(key);
  const value = compute();
  memo.set(key, value);
  return value;
}

/**
 * The type-level requirement of an object or interface type: the AND of its own `@auth` and that
 * of every interface it implements. `undefined` when none of them carries `@auth`, and for other
 * kinds of types (scalars, enums, unions, inputs cannot carry `@auth`).
 */
export function requiredScopesForType(schema: GraphQLSchema, typeName: string): ScopeRequirement | undefined {
  return memoized(schema, typeName, () => {
    const type = schema.getType(typeName);
    if (!isObjectType(type) && !isInterfaceType(type)) return undefined;
    return combineAll([
      declaredRequirement(schema, type, `type ${typeName}`),
      ...type.getInterfaces().map((face) => declaredRequirement(schema, face, `type ${face.name}`)),
    ]);
  });
}

/**
 * The effective requirement of a field, checked before its resolver runs:
 * 1. the field's own `@auth` (for an object field without one: the `@auth` of the same field on the
 *    interfaces it implements), which overrides every type-level `@auth`; else
 * 2. the AND of the parent type's requirement and that of the field's named return type.
 * `undefined` means the field is not guarded: introspection fields, `__typename`, Federation's
 * `_service` and `_entities`, and fields nobody put a requirement on.
 * Throws a `TypeError` for a type or field the schema does not have.
 */
export function requiredScopesFor(
  schema: GraphQLSchema,
  typeName: string,
  fieldName: string,
): ScopeRequirement | undefined {
  if (typeName.startsWith('__') || fieldName.startsWith('__')) return undefined;
  if (typeName === schema.getQueryType()?.name && FEDERATION_ROOT_FIELDS.has(fieldName)) return undefined;
  return memoized(schema, `${typeName}.${fieldName}`, () => {
    const parent = schema.getType(typeName);
    if (!isObjectType(parent) && !isInterfaceType(parent)) {
      throw new TypeError(`requiredScopesFor: ${typeName} is not an object or interface type of this schema`);
    }
    const field = parent.getFields()[fieldName];
    if (field === undefined) throw new TypeError(`requiredScopesFor: ${typeName} has no field ${fieldName}`);
    const own = fieldLevelRequirement(schema, parent, field);
    if (own !== undefined) return own;
    return combineAll([
      requiredScopesForType(schema, typeName),
      requiredScopesForType(schema, getNamedType(field.type).name),
    ]);
  });
}

/**
 * The `@auth` written on the field itself or, failing that, on the same field of the implemented
 * interfaces. Selecting the field through an interface must not be a way around its requirement.
 */
function fieldLevelRequirement(
  schema: GraphQLSchema,
  parent: GraphQLObjectType | GraphQLInterfaceType,
  field: GraphQLField<unknown, unknown>,
): ScopeRequirement | undefined {
  const own = declaredRequirement(schema, field, `field ${parent.name}.${field.name}`);
  if (own !== undefined) return own;
  return combineAll(
    parent.getInterfaces().map((face) => {
      const inherited = face.getFields()[field.name];
      return inherited && declaredRequirement(schema, inherited, `field ${face.name}.${field.name}`);
    }),
  );
}
