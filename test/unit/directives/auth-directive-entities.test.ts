import type { GraphQLSchema } from 'graphql';
import { callerWith, errorSummary, guardedSubgraph, run } from './subgraph-fixture';

const SDL = `
  type Query {
    health: String
  }

  type Look @key(fields: "id") @auth(scopes: [["looker:content:read"]]) {
    id: ID!
    title: String
  }

  "Not guarded: proves __resolveReference survives the transform."
  type Folder @key(fields: "id") {
    id: ID!
    name: String
  }

  "Guarded, with no __resolveReference of its own."
  type Dashboard @key(fields: "id") @auth(scopes: [["looker:content:read"]]) {
    id: ID!
    title: String
  }

  "Interface entity with its own __resolveReference."
  interface Content @key(fields: "id") @auth(scopes: [["looker:content:read"]]) {
    id: ID!
  }

  type Board implements Content @key(fields: "id") {
    id: ID!
    name: String
  }

  "Interface entity without one: the implementation's resolver runs."
  interface Tile @key(fields: "id") @auth(scopes: [["looker:data:read"]]) {
    id: ID!
  }

  type ChartTile implements Tile @key(fields: "id") {
    id: ID!
    kind: String
  }
`;

const ENTITIES = `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Look { id title }
      ... on Folder { id name }
      ... on Dashboard { id title }
      ... on Board { id name }
      ... on ChartTile { id kind }
    }
  }
`;

let calls: Record<string, number>;
let schema: GraphQLSchema;

function count(name: string): void {
  calls[name] = (calls[name] ?? 0) + 1;
}

beforeAll(() => {
  schema = guardedSubgraph(SDL, {
    Query: { health: () => 'ok' },
    Look: {
      __resolveReference: (reference: { id: string }) => {
        count('Look');
        return { id: reference.id, title: `Look ${reference.id}` };
      },
    },
    Folder: {
      __resolveReference: (reference: { id: string }) => {
        count('Folder');
        return { id: reference.id, name: `Folder ${reference.id}` };
      },
    },
    Content: {
      __resolveReference: (reference: { id: string }) => {
        count('Content');
        return { __typename: 'Board', id: reference.id, name: `Board ${reference.id}` };
      },
    },
    Tile: { __resolveType: () => 'ChartTile' },
    ChartTile: {
      __resolveReference: (reference: { id: string }) => {
        count('ChartTile');
        return { id: reference.id, kind: 'bar' };
      },
    },
  });
});

beforeEach(() => {
  calls = {};
});

const representations = [
  { __typename: 'Look', id: '1' },
  { __typename: 'Folder', id: '2' },
  { __typename: 'Look', id: '3' },
  { __typename: 'Dashboard', id: '4', title: 'from the representation' },
];

describe('@auth and federation entities', () => {
  it('nulls denied references at their index and resolves the allowed ones', async () => {
    const result = await run(schema, ENTITIES, callerWith('looker:data:read'), { representations });
    expect(result.data).toEqual({
      _entities: [null, { __typename: 'Folder', id: '2', name: 'Folder 2' }, null, null],
    });
    const forbidden = { code: 'FORBIDDEN', requiredScopes: [['looker:content:read']] };
    expect(errorSummary(result)).toEqual([
      { path: '_entities.0', ...forbidden },
      { path: '_entities.2', ...forbidden },
      { path: '_entities.3', ...forbidden },
    ]);
    expect(calls).toEqual({ Folder: 1 });
  });

  it('resolves guarded references through __resolveReference for a caller with the scope', async () => {
    const result = await run(schema, ENTITIES, callerWith('looker:content:read'), { representations });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { __typename: 'Look', id: '1', title: 'Look 1' },
        { __typename: 'Folder', id: '2', name: 'Folder 2' },
        { __typename: 'Look', id: '3', title: 'Look 3' },
        { __typename: 'Dashboard', id: '4', title: 'from the representation' },
      ],
    });
    expect(calls).toEqual({ Look: 2, Folder: 1 });
  });

  it('answers UNAUTHENTICATED per guarded reference when there is no caller', async () => {
    const result = await run(schema, ENTITIES, null, { representations });
    expect(result.data).toEqual({
      _entities: [null, { __typename: 'Folder', id: '2', name: 'Folder 2' }, null, null],
    });
    expect(errorSummary(result).map((error) => [error.path, error.code])).toEqual([
      ['_entities.0', 'UNAUTHENTICATED'],
      ['_entities.2', 'UNAUTHENTICATED'],
      ['_entities.3', 'UNAUTHENTICATED'],
    ]);
  });

  it('checks interface entities, with or without their own __resolveReference', async () => {
    const interfaceRepresentations = [
      { __typename: 'Content', id: 'b1' },
      { __typename: 'Tile', id: 't1' },
    ];
    const contentOnly = await run(schema, ENTITIES, callerWith('looker:content:read'), {
      representations: interfaceRepresentations,
    });
    expect(contentOnly.data).toEqual({ _entities: [{ __typename: 'Board', id: 'b1', name: 'Board b1' }, null] });
    expect(errorSummary(contentOnly)).toEqual([
      { path: '_entities.1', code: 'FORBIDDEN', requiredScopes: [['looker:data:read']] },
    ]);
    expect(calls).toEqual({ Content: 1 });

    const dataOnly = await run(schema, ENTITIES, callerWith('looker:data:read'), {
      representations: interfaceRepresentations,
    });
    expect(dataOnly.data).toEqual({ _entities: [null, { __typename: 'ChartTile', id: 't1', kind: 'bar' }] });
    expect(errorSummary(dataOnly)).toEqual([
      { path: '_entities.0', code: 'FORBIDDEN', requiredScopes: [['looker:content:read']] },
    ]);
    expect(calls).toEqual({ Content: 1, ChartTile: 1 });
  });

  it('answers _service { sdl } without a caller', async () => {
    const result = await run(schema, '{ _service { sdl } }', null);
    expect(result.errors).toBeUndefined();
    const sdl = (result.data?.['_service'] as { sdl: string }).sdl;
    expect(sdl).toMatch(/type Look\s+@key\(fields: "id"\)\s+@auth\(scopes: \[\["looker:content:read"\]\]\)/);
    expect(sdl).toMatch(/directive @auth\(scopes: \[\[String!\]!\]\) on OBJECT \| INTERFACE \| FIELD_DEFINITION/);
  });
});
