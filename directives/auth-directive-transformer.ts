import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  GraphQLInterfaceType,
  GraphQLObjectType,
  defaultFieldResolver,
  isInterfaceType,
  isObjectType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { AUTH_DIRECTIVE_NAME } from './auth-directive-sdl';
import { authorizationError, principalOf } from './auth-errors';
import { requiredScopesFor, requiredScopesForType } from './auth-requirements';
import { satisfiedAlternative, type ScopeRequirement } from './scope-requirement';
import type { AuthContext } from '../src/auth/principal';

/** How `@apollo/subgraph` stores `__resolveReference`: `type.extensions.apollo.subgraph`. */
type ReferenceResolver = (reference: object, context: unknown, info: GraphQLResolveInfo) => unknown;

/**
 * Enforces `@auth` on a built schema and returns the new schema. Every field with an effective
 * requirement (see `requiredScopesFor`) gets its resolver wrapped, the default resolver included;
 * a denied field's resolver is never called and the field fails with `FORBIDDEN` (or
 * `UNAUTHENTICATED` without a caller). Entity references of guarded types are checked in
 * `__resolveReference`, so `_entities` cannot bypass type-level `@auth`.
 * Throws an `AuthDirectiveError` when an `@auth` argument is malformed.
 */
export function authDirectiveTransformer(schema: GraphQLSchema): GraphQLSchema {
  if (!schema.getDirective(AUTH_DIRECTIVE_NAME)) {
    throw new Error(
      `The schema does not define @${AUTH_DIRECTIVE_NAME}: include authDirectiveTypeDefs in its type definitions`,
    );
  }
  validateEverywhere(schema);
  return mapSchema(schema, {
    [MapperKind.OBJECT_TYPE]: (type) => {
      const requirement = requiredScopesForType(schema, type.name);
      if (requirement === undefined) return type;
      const config = type.toConfig();
      // A guarded entity without its own resolver still gets one, or `_entities` would echo the
      // representation back unchecked.
      const resolveReference = referenceResolverOf(config.extensions) ?? ((reference: object) => reference);
      return new GraphQLObjectType({
        ...config,
        extensions: withReferenceResolver(config.extensions, guardReference(requirement, resolveReference)),
      });
    },
    [MapperKind.INTERFACE_TYPE]: (type) => {
      const requirement = requiredScopesForType(schema, type.name);
      const config = type.toConfig();
      const resolveReference = referenceResolverOf(config.extensions);
      // Without a resolver of its own, Federation hands the reference to the implementing object's resolver.
      // That resolver already checks this interface's requirement, as it inherits it.
      if (requirement === undefined || resolveReference === undefined) return type;
      return new GraphQLInterfaceType({
        ...config,
        extensions: withReferenceResolver(config.extensions, guardReference(requirement, resolveReference)),
      });
    },
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const requirement = requiredScopesFor(schema, typeName, fieldName);
      return requirement === undefined ? fieldConfig : guardField(fieldConfig, requirement);
    },
  });
}

/** Reads every `@auth` once, so a malformed one stops the start rather than the first request. */
function validateEverywhere(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    requiredScopesForType(schema, type.name);
    for (const fieldName of Object.keys(type.getFields())) requiredScopesFor(schema, type.name, fieldName);
  }
}

function guardField(
  fieldConfig: GraphQLFieldConfig<unknown, unknown>,
  requirement: ScopeRequirement,
): GraphQLFieldConfig<unknown, unknown> {
  const guard =
    (resolver: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> =>
    (source, args, context, info) => {
      const denied = admit(requirement, context);
      if (denied) throw denied;
      return resolver(source, args, context, info);
    };
  return {
    ...fieldConfig,
    resolve: guard(fieldConfig.resolve ?? defaultFieldResolver),
    // A subscription is refused when it is set up, not only on each event.
    ...(fieldConfig.subscribe ? { subscribe: guard(fieldConfig.subscribe) } : {}),
  };
}

function guardReference(requirement: ScopeRequirement, resolveReference: ReferenceResolver): ReferenceResolver {
  return (reference, context, info) => {
    const denied = admit(requirement, context);
    // Rejected, not thrown: `_entities` maps all representations in one call.
    // A synchronous throw would fail the whole list instead of the one entity at ["_entities", i].
    if (denied) return Promise.reject(denied);
    return resolveReference(reference, context, info);
  };
}

/**
 * The caller checked against the requirement, once: the refusal, or undefined once the scopes the
 * pass relied on are added to the request's `scopesUsed` (for the audit trail).
 */
function admit(requirement: ScopeRequirement, context: unknown): GraphQLError | undefined {
  const principal = principalOf(context);
  const alternative = principal ? satisfiedAlternative(requirement, principal.scopes) : undefined;
  if (alternative === undefined) return authorizationError(requirement, principal);
  const used = (context as AuthContext).scopesUsed;
  if (used) for (const scope of alternative) used.add(scope);
  return undefined;
}

function referenceResolverOf(extensions: unknown): ReferenceResolver | undefined {
  const subgraph = record(record(extensions)?.['apollo'])?.['subgraph'];
  const resolveReference = record(subgraph)?.['resolveReference'];
  return typeof resolveReference === 'function' ? (resolveReference as ReferenceResolver) : undefined;
}

function withReferenceResolver(
  extensions: Readonly<Record<string, unknown>> | null | undefined,
  resolveReference: ReferenceResolver,
): Record<string, unknown> {
  const apollo = record(extensions?.['apollo']);
  const subgraph = record(apollo?.['subgraph']);
  return { ...extensions, apollo: { ...apollo, subgraph: { ...subgraph, resolveReference } } };
}

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}
