import { ApolloClient, HttpLink, InMemoryCache, gql, type TypedDocumentNode } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { filter, firstValueFrom } from 'rxjs';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * A dashboard UI on Apollo Client, as frontends build one: an InMemoryCache that normalises
 * filters by id and keeps their controls inside them, and a list paged with Apollo's own
 * `relayStylePagination`, which merges pages and keeps the connection's `totalCount`.
 */

let stack: SubgraphStack;
let token: string;
/** Requests Apollo Client sent over the network (its cache answers the others). */
let sent = 0;

beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

function apolloClient(cache = new InMemoryCache()): ApolloClient {
  return new ApolloClient({
    cache,
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

type Control = { type: string; rawType: string | null; display: string; options: string[] };
type FilterBarData = {
  dashboard: {
    id: string;
    filters: { id: string; name: string; allowMultipleValues: boolean; required: boolean; control: Control }[];
  } | null;
};

const filterBar: TypedDocumentNode<FilterBarData, { id: string }> = gql`
  query FilterBar($id: ID!) {
    dashboard(id: $id) {
      id
      filters {
        id
        name
        allowMultipleValues
        required
        control {
          type
          rawType
          display
          options
        }
      }
    }
  }
`;

test('a filter bar reads each control, and reads it again from the cache', async () => {
  const client = apolloClient();
  const first = await client.query({ query: filterBar, variables: { id: '1' } });
  expect(first.data?.dashboard?.filters.map((f) => ({ name: f.name, control: f.control }))).toEqual([
    {
      name: 'Date',
      control: {
        __typename: 'DashboardFilterControl',
        type: 'RELATIVE_TIMEFRAMES',
        rawType: 'relative_timeframes',
        display: 'INLINE',
        options: [],
      },
    },
    {
      name: 'Department',
      control: {
        __typename: 'DashboardFilterControl',
        type: 'BUTTON_GROUP',
        rawType: 'button_group',
        display: 'INLINE',
        options: ['Men', 'Women'],
      },
    },
  ]);
  const before = sent;
  const again = await client.query({ query: filterBar, variables: { id: '1' } });
  expect(sent).toBe(before);
  expect(again.data).toEqual(first.data);
  // The filter is normalised by id; its control (no id of its own) lives inside it.
  const department = first.data?.dashboard?.filters.find((f) => f.name === 'Department');
  const stored = (client.cache.extract() as Record<string, unknown>)[`DashboardFilter:${department?.id}`];
  expect(stored).toMatchObject({ allowMultipleValues: true, required: false, control: { type: 'BUTTON_GROUP' } });
});

type LooksPage = {
  looks: {
    totalCount: number | null;
    edges: { cursor: string; node: { id: string; title: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

const looksPage: TypedDocumentNode<LooksPage, { first: number; after?: string | null }> = gql`
  query LooksPage($first: Int, $after: String) {
    looks(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          title
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

test("a paged list shows 'n of total' on every page, merged by relayStylePagination", async () => {
  const cache = new InMemoryCache({
    typePolicies: { Query: { fields: { looks: relayStylePagination(['search', 'folderId']) } } },
  });
  const client = apolloClient(cache);
  const observable = client.watchQuery({ query: looksPage, variables: { first: 20 } });
  // A component's subscription, as `useQuery` keeps one while the list is on screen.
  const shown = observable.subscribe(() => undefined);
  try {
    const first = await firstValueFrom(observable.pipe(filter((r) => r.dataState === 'complete')));
    expect(first.data.looks.edges).toHaveLength(20);
    const total = first.data.looks.totalCount as number;
    expect(total).toBe(56);
    let page = first.data as LooksPage;
    const counts: (number | null)[] = [];
    // At most a few more pages of 20 (bounded, so a cursor that never advances fails instead of looping).
    for (let more = 0; page.looks.pageInfo.hasNextPage && more < 5; more += 1) {
      const next = await observable.fetchMore({ variables: { after: page.looks.pageInfo.endCursor } });
      page = next.data as LooksPage;
      counts.push(page.looks.totalCount);
    }
    expect(counts).toEqual([total, total]);
    // What the list component renders: every page merged in the cache, with the count kept.
    const shownList = client.readQuery({ query: looksPage, variables: { first: 20 } }) as LooksPage;
    expect(shownList.looks.totalCount).toBe(total);
    expect(shownList.looks.edges).toHaveLength(total);
    expect(new Set(shownList.looks.edges.map((e) => e.node.id)).size).toBe(total);
  } finally {
    shown.unsubscribe();
  }
});
