import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  Kind,
  getNamedType,
  graphql,
  isObjectType,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLSchema,
} from 'graphql';
import {
  AUTHENTICATED,
  combineAll,
  normalizeRequirement,
  requiredScopesFor,
  type ScopeRequirement,
} from '../../directives';
import { buildSchema, loadTypeDefs } from '../../src/graphql/schema';
import { printRequiresScopesSdl, printSubgraphSdl } from '../../src/graphql/schema-print';

const typeDefs = loadTypeDefs();
const authSchema = buildSubgraphSchema({ typeDefs: parse(typeDefs) });

/** Authorization directives of a printed SDL, by `Type` and `Type.field` (extensions merged). */
function authorizationDirectives(sdl: string): Map<string, ScopeRequirement> {
  const found = new Map<string, ScopeRequirement>();
  const read = (directives: readonly ConstDirectiveNode[] | undefined): ScopeRequirement | undefined =>
    combineAll(
      (directives ?? []).map((directive) => {
        if (directive.name.value === 'authenticated') return AUTHENTICATED;
        if (directive.name.value !== 'requiresScopes') return undefined;
        const scopes = directive.arguments?.find((argument) => argument.name.value === 'scopes');
        return scopes ? (valueFromASTUntyped(scopes.value) as string[][]) : undefined;
      }),
    );
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const onType = read(definition.directives);
    if (onType) found.set(definition.name.value, onType);
    for (const field of definition.fields ?? []) {
      const onField = read(field.directives);
      if (onField) found.set(`${definition.name.value}.${field.name.value}`, onField);
    }
  }
  return found;
}

/** Canonical form for comparing requirements; `null` for none. */
const canonical = (requirement: ScopeRequirement | undefined) =>
  requirement === undefined
    ? null
    : normalizeRequirement(requirement)
        .map((alternative) => alternative.join(' '))
        .sort();

/** Every field of the subgraph's own object types, as `[type, field, named return type]`. */
function objectFields(schema: GraphQLSchema): [string, string, string][] {
  return Object.values(schema.getTypeMap()).flatMap((type) =>
    isObjectType(type) && !type.name.startsWith('_')
      ? Object.values(type.getFields())
          .filter((field) => !field.name.startsWith('_'))
          .map((field): [string, string, string] => [type.name, field.name, getNamedType(field.type).name])
      : [],
  );
}

async function serviceSdl(schema: GraphQLSchema): Promise<unknown> {
  const result = await graphql({ schema, source: '{ _service { sdl } }' });
  expect(result.errors).toBeUndefined();
  return (result.data?._service as { sdl: unknown }).sdl;
}

function compose(sdl: string) {
  return composeServices([{ name: 'looker', typeDefs: parse(sdl), url: 'http://127.0.0.1:4000/graphql' }]);
}

describe('printSubgraphSdl', () => {
  const sdl = printSubgraphSdl(typeDefs);

  test('is the subgraph the server runs: the same _service { sdl } once built', async () => {
    expect(await serviceSdl(buildSubgraphSchema({ typeDefs: parse(sdl) }))).toBe(await serviceSdl(buildSchema()));
  });

  test('carries the Federation link, the keys, and @auth with its definition', () => {
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])');
    expect(sdl).toContain('directive @auth(scopes: [[String!]!]) on OBJECT | INTERFACE | FIELD_DEFINITION');
    for (const [type, key] of [
      ['Look', 'id'],
      ['Dashboard', 'id'],
      ['Folder', 'id'],
      ['LookmlModel', 'name'],
      ['Explore', 'model name'],
    ]) {
      expect(sdl).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "${key}"\\)`));
    }
    expect(sdl).toContain('sql: String @auth(scopes: [["looker:sql:read"]])');
    expect(sdl).not.toContain('_entities');
  });

  test('composes into a supergraph', () => {
    const composed = compose(sdl);
    expect(composed.errors).toBeUndefined();
    expect(composed.supergraphSdl).toContain('type Dashboard');
  });
});

describe('printRequiresScopesSdl', () => {
  const { sdl, stricterAtTheEdge } = printRequiresScopesSdl(typeDefs);
  const directives = authorizationDirectives(sdl);

  test('has no @auth, and imports the Router directives into the same Federation link', () => {
    expect(sdl).not.toMatch(/@auth\b/);
    expect(sdl).toContain(
      '@link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@authenticated", "@requiresScopes"])',
    );
  });

  test('puts the effective requirement on fields whose own @auth or parent type asks more than the return type', () => {
    expect(directives.get('Look.result')).toEqual([['looker:content:read', 'looker:data:read']]);
    expect(directives.get('DashboardTile.result')).toEqual([['looker:content:read', 'looker:data:read']]);
    // The field's own @auth overrides the type's: the Router must not AND looker:data:read into it.
    expect(directives.get('QueryResult.sql')).toEqual([['looker:sql:read']]);
    expect(directives.get('QueryResult')).toEqual([['looker:data:read']]);
    expect(directives.get('Query.viewer')).toEqual([[]]);
    expect(sdl).toContain('viewer: Viewer! @authenticated');
  });

  test('keeps type-level requirements, which guard fields of other subgraphs that return our entities', () => {
    for (const type of ['Look', 'Dashboard', 'Folder']) expect(directives.get(type)).toEqual([['looker:content:read']]);
    for (const type of ['LookmlModel', 'Explore']) expect(directives.get(type)).toEqual([['looker:models:read']]);
  });

  test('the Router decides every field as @auth does (field directive AND return type directive)', () => {
    const fields = objectFields(authSchema);
    expect(fields.length).toBeGreaterThan(50);
    const mismatches = fields.flatMap(([type, field, returned]) => {
      // apollo-router's ScopeFilteringVisitor::is_field_authorized: the field's own directive AND
      // its return type's; the parent type's counts where the parent is returned.
      const router = combineAll([directives.get(`${type}.${field}`), directives.get(returned)]);
      const subgraph = requiredScopesFor(authSchema, type, field);
      return JSON.stringify(canonical(router)) === JSON.stringify(canonical(subgraph)) ? [] : [`${type}.${field}`];
    });
    expect(mismatches).toEqual([]);
    expect(stricterAtTheEdge).toEqual([]);
  });

  test('composes, and the supergraph carries the scopes', () => {
    const composed = compose(sdl);
    expect(composed.errors).toBeUndefined();
    const supergraph = authorizationDirectives(composed.supergraphSdl ?? '');
    expect(supergraph.get('QueryResult.sql')).toEqual([['looker:sql:read']]);
    expect(supergraph.get('Look.result')).toEqual([['looker:content:read', 'looker:data:read']]);
  });
});

describe('printRequiresScopesSdl on other schemas', () => {
  const header = `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
    directive @auth(scopes: [[String!]!]) on OBJECT | INTERFACE | FIELD_DEFINITION
  `;

  test('reports a field whose own @auth the Router would AND with its return type', () => {
    const { stricterAtTheEdge } = printRequiresScopesSdl(`${header}
      type Query { look: Look }
      type Look @key(fields: "id") @auth(scopes: [["a"]]) { id: ID! result: R @auth(scopes: [["b"]]) }
      type R @auth(scopes: [["c"]]) { x: Int }
    `);
    expect(stricterAtTheEdge).toEqual(['Look.result']);
  });

  test('leaves interfaces bare (Federation forbids it) and gives their requirement to implementations', () => {
    const { sdl } = printRequiresScopesSdl(`${header}
      type Query { items: [Content!]! }
      interface Content @auth(scopes: [["a"]]) { id: ID! secret: String @auth(scopes: [["s"]]) }
      type Look implements Content @key(fields: "id") { id: ID! secret: String }
    `);
    expect(sdl).toMatch(/interface Content {/);
    const directives = authorizationDirectives(sdl);
    expect(directives.get('Look')).toEqual([['a']]);
    expect(directives.get('Look.secret')).toEqual([['s']]);
    expect(compose(sdl).errors).toBeUndefined();
  });

  test('refuses a Federation link older than v2.5', () => {
    const old = header.replace('v2.6', 'v2.3');
    expect(() => printRequiresScopesSdl(`${old} type Query { a: String @auth }`)).toThrow(
      /v2\.3 has no @requiresScopes/,
    );
  });
});
