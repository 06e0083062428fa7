import { ApolloClient, HttpLink, InMemoryCache, gql, type TypedDocumentNode } from '@apollo/client';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Apollo Client, as frontends use it: an InMemoryCache with its defaults, which stores every object
 * by `__typename` + `id` and each field by its own arguments. A value that depends on a parent
 * field's arguments but lives on an object whose id does not would be overwritten by the next
 * read with other arguments, and served from the cache for the wrong ones.
 */

let stack: SubgraphStack;
let token: string;
/** Requests Apollo Client sent over the network (its cache answers the others). */
let sent = 0;

/** "Product Deep Dive": its tiles listen to the Category filter (`products.category`). */
const dashboardId = '3';

beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

/** A new Apollo Client on the subgraph, with InMemoryCache defaults and the analyst's token. */
function apolloClient(): ApolloClient {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: new HttpLink({
      uri: `${stack.url}/graphql`,
      headers: { authorization: `Bearer ${token}` },
      fetch: (input, init) => {
        sent += 1;
        return fetch(input, init);
      },
    }),
  });
}

type FilterValue = { name: string; value: string };
type Variables = { id: string; filters: FilterValue[] };
type Tile = {
  id: string;
  result: { rows: Record<string, unknown>[] } | null;
  appliedFilters: { field: string; expression: string }[] | null;
};
type TilesData = { dashboard: { id: string; tiles: Tile[] | null } | null };

/** The filters as field arguments of the tile's own fields. */
const byFieldArguments: TypedDocumentNode<TilesData, Variables> = gql`
  query TilesByFieldArguments($id: ID!, $filters: [DashboardFilterValue!]) {
    dashboard(id: $id) {
      id
      tiles {
        id
        result(filters: $filters) {
          rows
        }
        appliedFilters(filters: $filters) {
          field
          expression
        }
      }
    }
  }
`;

/** The filters as the deprecated argument of `Dashboard.tiles`, as existing clients send them. */
const byTilesArgument: TypedDocumentNode<TilesData, Variables> = gql`
  query TilesByTilesArgument($id: ID!, $filters: [DashboardFilterValue!]) {
    dashboard(id: $id) {
      id
      tiles(filters: $filters) {
        id
        result {
          rows
        }
        appliedFilters {
          field
          expression
        }
      }
    }
  }
`;

/** Tile id → its rows and the filters applied to them, for the tiles that have a result. */
function rowsByTile(data: TilesData | undefined): Map<string, unknown> {
  const tiles = data?.dashboard?.tiles ?? [];
  return new Map(tiles.filter((t) => t.result).map((t) => [t.id, { rows: t.result?.rows, applied: t.appliedFilters }]));
}

/** What the subgraph answers for this document and filters, read anew over the network by a client of its own. */
async function networkRead(document: TypedDocumentNode<TilesData, Variables>, category: string) {
  const { data } = await apolloClient().query({
    query: document,
    variables: { id: dashboardId, filters: [{ name: 'Category', value: category }] },
    fetchPolicy: 'network-only',
  });
  return rowsByTile(data);
}

describe.each([
  ['field arguments (`result(filters:)`)', byFieldArguments],
  ['the deprecated `tiles(filters:)`', byTilesArgument],
])('Jeans, Socks, then Jeans again through one cache-first Apollo Client: %s', (_how, document) => {
  test("each read shows that filter's own rows, the last one from the cache", async () => {
    const client = apolloClient();
    const read = async (category: string) => {
      const { data } = await client.query({
        query: document,
        variables: { id: dashboardId, filters: [{ name: 'Category', value: category }] },
        fetchPolicy: 'cache-first',
      });
      return rowsByTile(data);
    };
    const jeans = await networkRead(document, 'Jeans');
    const socks = await networkRead(document, 'Socks');
    expect(jeans.size).toBeGreaterThan(0);
    for (const tile of jeans.values())
      expect((tile as { applied: unknown[] }).applied).toContainEqual(
        expect.objectContaining({ field: 'products.category', expression: 'Jeans' }),
      );
    // The filter really changes the rows: otherwise this test could not tell them apart.
    expect([...jeans.values()]).not.toEqual([...socks.values()]);

    expect(await read('Jeans')).toEqual(jeans);
    expect(await read('Socks')).toEqual(socks);
    const before = sent;
    const again = await read('Jeans');
    expect(sent).toBe(before);
    expect(again).toEqual(jeans);
  });
});

test("through Apollo Client (errorPolicy 'all'), an unknown filter name leaves the dashboard readable and says what to fix", async () => {
  const query: TypedDocumentNode<
    { dashboard: { id: string; title: string; tileCount: number; tiles: Tile[] | null } | null },
    Variables
  > = gql`
    query TilesWithUnknownFilter($id: ID!, $filters: [DashboardFilterValue!]) {
      dashboard(id: $id) {
        id
        title
        tileCount
        tiles(filters: $filters) {
          id
        }
      }
    }
  `;
  const { data, error } = await apolloClient().query({
    query,
    variables: { id: dashboardId, filters: [{ name: 'Colour', value: 'Blue' }] },
    errorPolicy: 'all',
  });
  expect(data?.dashboard?.title).toBe('Product Deep Dive');
  expect(data?.dashboard?.tileCount).toBeGreaterThan(0);
  expect(data?.dashboard?.tiles).toBeNull();
  expect(error?.message).toContain('"Colour"');
  expect(error?.message).toContain('"Category"');
});
