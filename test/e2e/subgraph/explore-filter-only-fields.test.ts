import { type ApolloClient, gql, type TypedDocumentNode } from '@apollo/client';
import { apolloClient } from '../../support/apollo-client';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * An explore's filter-only fields (LookML `filter:`) and parameters (LookML `parameter:`, with
 * their allowed values), read through Apollo Client as a frontend builds a filter bar from them,
 * and used in an ad-hoc query's filters. The demo `order_items` explore has the filter-only field
 * `order_items.product_brand` and the parameter `order_items.sale_price_metric`.
 */
let stack: SubgraphStack;
let client: ApolloClient;

beforeAll(async () => {
  stack = await startSubgraphStack();
  const token = await stack.token('demo-analyst');
  client = apolloClient(`${stack.url}/graphql`, token);
});

afterAll(() => stack?.stop());

type Field = { name: string; label: string | null; type: string };
type Parameter = Field & { allowedValues: { label: string; value: string }[]; defaultValue: string | null };
type ExploreData = {
  explore: { dimensions: Field[]; filterOnlyFields: Field[]; parameters: Parameter[] } | null;
};

const exploreQuery: TypedDocumentNode<ExploreData, Record<string, never>> = gql`
  query FilterBar {
    explore(model: "ecommerce", name: "order_items") {
      model
      name
      dimensions {
        name
        label
        type
      }
      filterOnlyFields {
        name
        label
        type
      }
      parameters {
        name
        label
        type
        allowedValues {
          label
          value
        }
        defaultValue
      }
    }
  }
`;

type RowsData = { runQuery: { rows: Record<string, unknown>[] } | null };
type RowsVariables = { filters: { field: string; expression: string }[] };

const countQuery: TypedDocumentNode<RowsData, RowsVariables> = gql`
  query ItemCount($filters: [FilterInput!]) {
    runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.count"], filters: $filters }) {
      rows
    }
  }
`;

const countWith = async (filters: RowsVariables['filters']): Promise<number> => {
  const { data, error } = await client.query({ query: countQuery, variables: { filters }, fetchPolicy: 'no-cache' });
  expect(error).toBeUndefined();
  return Number(data?.runQuery?.rows[0]?.['order_items.count']);
};

test('an explore lists its filter-only fields and its parameters, with allowed values and default, apart from its dimensions', async () => {
  const { data, error } = await client.query({ query: exploreQuery });
  expect(error).toBeUndefined();
  const explore = data?.explore;
  expect(explore?.filterOnlyFields).toEqual([
    {
      __typename: 'ExploreField',
      name: 'order_items.product_brand',
      label: 'Order Items Product Brand Filter',
      type: 'string',
    },
  ]);
  expect(explore?.parameters).toEqual([
    {
      __typename: 'ExploreParameter',
      name: 'order_items.sale_price_metric',
      label: 'Order Items Sale Price Metric',
      type: 'unquoted',
      allowedValues: [
        { __typename: 'ParameterAllowedValue', label: 'Total', value: 'sum' },
        { __typename: 'ParameterAllowedValue', label: 'Average', value: 'average' },
        { __typename: 'ParameterAllowedValue', label: 'Largest', value: 'max' },
      ],
      defaultValue: 'sum',
    },
  ]);
  const dimensions = (explore?.dimensions ?? []).map((d) => d.name);
  expect(dimensions).toContain('order_items.status');
  expect(dimensions).not.toContain('order_items.product_brand');
  expect(dimensions).not.toContain('order_items.sale_price_metric');
});

test('a query filters on the filter-only field and passes the parameter in its filters', async () => {
  const all = await countWith([]);
  const brands = await client.query({
    query: gql`
      query Brands {
        runQuery(
          input: {
            model: "ecommerce"
            view: "order_items"
            fields: ["products.brand", "order_items.count"]
            sorts: ["products.brand"]
            limit: 1
          }
        ) {
          rows
        }
      }
    ` as TypedDocumentNode<RowsData, Record<string, never>>,
  });
  const first = brands.data?.runQuery?.rows[0] ?? {};
  const brand = String(first['products.brand']);
  const ofBrand = Number(first['order_items.count']);
  expect(ofBrand).toBeLessThan(all);

  expect(
    await countWith([
      { field: 'order_items.product_brand', expression: brand },
      { field: 'order_items.sale_price_metric', expression: 'average' },
    ]),
  ).toBe(ofBrand);
  expect(await countWith([{ field: 'order_items.sale_price_metric', expression: 'max' }])).toBe(all);
});
