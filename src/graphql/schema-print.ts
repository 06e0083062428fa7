import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import {
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  parse,
  visit,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type NameNode,
} from 'graphql';
import {
  AUTH_DIRECTIVE_NAME,
  combineAll,
  isAuthenticationOnly,
  normalizeRequirement,
  requiredScopesFor,
  requiredScopesForType,
  type ScopeRequirement,
} from '../../directives';

/** Federation's spec URL up to the version number, as `@link(url:)` names it. */
const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v';
/** `@requiresScopes` and `@authenticated` came with Federation v2.5. */
const FIRST_VERSION_WITH_SCOPES = { major: 2, minor: 5 };

/**
 * The subgraph's SDL as a schema registry expects it (`rover subgraph publish --schema`): the
 * Federation `@link`, the `@key`s, and the `@auth` definition and usages. It builds the same
 * subgraph as the running server, whose `_service { sdl }` it matches in meaning, without the
 * definitions Federation adds by itself (`_entities`, `_Any`, `federation__*`).
 */
export function printSubgraphSdl(typeDefs: string): string {
  return printSubgraphSchema(buildSubgraphSchema({ typeDefs: parse(typeDefs) }));
}

/** The `--requires-scopes` variant and what it could not mirror exactly. */
export interface RequiresScopesSdl {
  readonly sdl: string;
  /**
   * Fields (`Type.field`) where the Router will ask for more than the subgraph: their own `@auth`
   * does not imply their return type's requirement, and the Router ANDs the two. Empty when the
   * mirror is exact.
   */
  readonly stricterAtTheEdge: readonly string[];
}

/**
 * The subgraph's SDL with every `@auth` mirrored as Federation's `@requiresScopes` (a bare `@auth`
 * as `@authenticated`), so a GraphOS Router enforces the same scopes at the edge.
 *
 * The Router decides a field by the field's own directive AND its return type's; a parent type's
 * directive counts only where the parent is returned. `@auth` instead lets a field's own
 * requirement override its types'. So types keep their requirement (it guards every field that
 * returns them, in any subgraph, as `_entities` does here), and each field whose effective
 * requirement (`requiredScopesFor`) differs from its return type's carries that requirement itself.
 * Interfaces carry none (Federation forbids it there); their implementing objects inherit theirs.
 */
export function printRequiresScopesSdl(typeDefs: string): RequiresScopesSdl {
  const document = parse(typeDefs);
  const schema = buildSubgraphSchema({ typeDefs: document });
  const stricterAtTheEdge: string[] = [];
  const used = new Set<string>();
  const mirror = (requirement: ScopeRequirement | undefined): ConstDirectiveNode[] => {
    if (requirement === undefined) return [];
    const directive = scopesDirective(requirement);
    used.add(directive.name.value);
    return [directive];
  };

  const carriers = typeDirectiveCarriers(document);
  const mirrored = document.definitions.map((definition): DefinitionNode => {
    if (!isCompositeTypeNode(definition)) return definition;
    const typeName = definition.name.value;
    if (!isObjectTypeNode(definition)) {
      // Federation rejects authorization directives on interfaces and their fields.
      // The implementing objects carry the interfaces' requirements (the helpers inherit them).
      const fields = definition.fields?.map((field) => ({ ...field, directives: withoutAuth(field.directives) }));
      return { ...definition, fields, directives: withoutAuth(definition.directives) };
    }
    const fields = definition.fields?.map((field): FieldDefinitionNode => {
      const effective = requiredScopesFor(schema, typeName, field.name.value);
      const atTheEdge = returnTypeRequirement(schema, typeName, field.name.value);
      const routerWould = combineAll([effective, atTheEdge]);
      if (!sameRequirement(routerWould, effective)) stricterAtTheEdge.push(`${typeName}.${field.name.value}`);
      const needed = sameRequirement(effective, atTheEdge) ? undefined : effective;
      return { ...field, directives: [...withoutAuth(field.directives), ...mirror(needed)] };
    });
    const typeLevel = carriers.get(typeName) === definition ? requiredScopesForType(schema, typeName) : undefined;
    return { ...definition, fields, directives: [...withoutAuth(definition.directives), ...mirror(typeLevel)] };
  });

  const withoutAuthDefinition = mirrored.filter(
    (definition) => !(definition.kind === Kind.DIRECTIVE_DEFINITION && definition.name.value === AUTH_DIRECTIVE_NAME),
  );
  const linked = importIntoFederationLink(
    { kind: Kind.DOCUMENT, definitions: withoutAuthDefinition },
    [...used].sort(),
  );
  return { sdl: printSubgraphSchema(buildSubgraphSchema({ typeDefs: linked })), stricterAtTheEdge };
}

type CompositeTypeNode = Extract<
  DefinitionNode,
  {
    kind:
      | Kind.OBJECT_TYPE_DEFINITION
      | Kind.OBJECT_TYPE_EXTENSION
      | Kind.INTERFACE_TYPE_DEFINITION
      | Kind.INTERFACE_TYPE_EXTENSION;
  }
>;

function isCompositeTypeNode(definition: DefinitionNode): definition is CompositeTypeNode {
  return (
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_EXTENSION
  );
}

function isObjectTypeNode(definition: CompositeTypeNode): boolean {
  return definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION;
}

/** Per type, the one node that gets the type-level directive: its definition, else its first extension. */
function typeDirectiveCarriers(document: DocumentNode): Map<string, CompositeTypeNode> {
  const isDefinition = (node: CompositeTypeNode) =>
    node.kind === Kind.OBJECT_TYPE_DEFINITION || node.kind === Kind.INTERFACE_TYPE_DEFINITION;
  const carriers = new Map<string, CompositeTypeNode>();
  for (const definition of document.definitions) {
    if (!isCompositeTypeNode(definition)) continue;
    const current = carriers.get(definition.name.value);
    if (current === undefined || (isDefinition(definition) && !isDefinition(current)))
      carriers.set(definition.name.value, definition);
  }
  return carriers;
}

/** The type-level requirement of a field's named return type: what the Router checks on the field anyway. */
function returnTypeRequirement(
  schema: GraphQLSchema,
  typeName: string,
  fieldName: string,
): ScopeRequirement | undefined {
  const parent = schema.getType(typeName);
  if (!isObjectType(parent) && !isInterfaceType(parent)) return undefined;
  const field = parent.getFields()[fieldName];
  if (field === undefined) return undefined;
  return requiredScopesForType(schema, getNamedType(field.type).name);
}

/** Equal as boolean formulas: same alternatives once normalized, in any order. */
function sameRequirement(left: ScopeRequirement | undefined, right: ScopeRequirement | undefined): boolean {
  const key = (requirement: ScopeRequirement | undefined) =>
    requirement === undefined
      ? 'none'
      : JSON.stringify(
          normalizeRequirement(requirement)
            .map((a) => a.join(' '))
            .sort(),
        );
  return key(left) === key(right);
}

function withoutAuth(directives: readonly ConstDirectiveNode[] | undefined): ConstDirectiveNode[] {
  return (directives ?? []).filter((directive) => directive.name.value !== AUTH_DIRECTIVE_NAME);
}

const name = (value: string): NameNode => ({ kind: Kind.NAME, value });
const stringList = (values: readonly string[]): ConstValueNode => ({
  kind: Kind.LIST,
  values: values.map((value) => ({ kind: Kind.STRING, value })),
});

/** `@authenticated` for "any authenticated caller", else `@requiresScopes(scopes: [[…]])`. */
function scopesDirective(requirement: ScopeRequirement): ConstDirectiveNode {
  if (isAuthenticationOnly(requirement)) return { kind: Kind.DIRECTIVE, name: name('authenticated') };
  return {
    kind: Kind.DIRECTIVE,
    name: name('requiresScopes'),
    arguments: [
      { kind: Kind.ARGUMENT, name: name('scopes'), value: { kind: Kind.LIST, values: requirement.map(stringList) } },
    ],
  };
}

/**
 * Adds `@names` to the `import:` of the Federation `@link`, keeping its version. Throws when the
 * SDL links no Federation spec, or one older than v2.5 (which has no `@requiresScopes`).
 */
function importIntoFederationLink(document: DocumentNode, names: readonly string[]): DocumentNode {
  let found = false;
  const linked = visit(document, {
    Directive(directive: DirectiveNode): DirectiveNode | undefined {
      if (directive.name.value !== 'link') return undefined;
      const url = directive.arguments?.find((argument) => argument.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !url.value.startsWith(FEDERATION_SPEC_URL)) return undefined;
      const [major = 0, minor = 0] = url.value.slice(FEDERATION_SPEC_URL.length).split('.').map(Number);
      const { major: needMajor, minor: needMinor } = FIRST_VERSION_WITH_SCOPES;
      if (major < needMajor || (major === needMajor && minor < needMinor)) {
        throw new Error(`${url.value} has no @requiresScopes: link Federation v${needMajor}.${needMinor} or later`);
      }
      found = true;
      const others = (directive.arguments ?? []).filter((argument) => argument.name.value !== 'import');
      const current = directive.arguments?.find((argument) => argument.name.value === 'import')?.value;
      const imported = current?.kind === Kind.LIST ? current.values : [];
      const present = new Set(imported.flatMap((value) => (value.kind === Kind.STRING ? [value.value] : [])));
      const added = names.map((directiveName) => `@${directiveName}`).filter((entry) => !present.has(entry));
      const values = [...imported, ...added.map((value) => ({ kind: Kind.STRING as const, value }))];
      return {
        ...directive,
        arguments: [...others, { kind: Kind.ARGUMENT, name: name('import'), value: { kind: Kind.LIST, values } }],
      };
    },
  });
  if (!found) throw new Error(`The SDL has no @link to ${FEDERATION_SPEC_URL}2.x: it is not a Federation 2 subgraph`);
  return linked;
}
