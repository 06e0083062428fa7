/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { JsonObject } from '../json';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A value for one dashboard filter, by the filter's name. */
export type DashboardFilterValue = {
  name: string;
  /** A Looker filter expression; empty to filter nothing. */
  value: string;
};

export type RevenueByCategoryQueryVariables = Exact<{
  limit: number;
}>;

export type RevenueByCategoryQuery = {
  runQuery: {
    rows: Array<JsonObject>;
    totals: JsonObject | null;
    rowCount: number;
    fields: Array<{ name: string; label: string | null; isMeasure: boolean }>;
  } | null;
};

export type DashboardTilesQueryVariables = Exact<{
  id: string | number;
  filters?: Array<DashboardFilterValue> | DashboardFilterValue | null | undefined;
}>;

export type DashboardTilesQuery = {
  dashboard: {
    title: string;
    updatedAt: string | null;
    filters: Array<{ name: string; title: string | null; defaultValue: string | null; suggestions: Array<string> }>;
    tiles: Array<{
      id: string;
      title: string | null;
      result: { rows: Array<JsonObject>; totals: JsonObject | null } | null;
    }> | null;
  } | null;
};

export const RevenueByCategoryDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'RevenueByCategory' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'limit' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'runQuery' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'model' },
                      value: { kind: 'StringValue', value: 'ecommerce', block: false },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'view' },
                      value: { kind: 'StringValue', value: 'order_items', block: false },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'fields' },
                      value: {
                        kind: 'ListValue',
                        values: [
                          { kind: 'StringValue', value: 'products.category', block: false },
                          { kind: 'StringValue', value: 'order_items.total_sale_price', block: false },
                        ],
                      },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'sorts' },
                      value: {
                        kind: 'ListValue',
                        values: [{ kind: 'StringValue', value: 'order_items.total_sale_price desc', block: false }],
                      },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'limit' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'limit' } },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'total' },
                      value: { kind: 'BooleanValue', value: true },
                    },
                  ],
                },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fields' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'label' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'isMeasure' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'rows' } },
                { kind: 'Field', name: { kind: 'Name', value: 'totals' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rowCount' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RevenueByCategoryQuery, RevenueByCategoryQueryVariables>;
export const DashboardTilesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DashboardTiles' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filters' } },
          type: {
            kind: 'ListType',
            type: {
              kind: 'NonNullType',
              type: { kind: 'NamedType', name: { kind: 'Name', value: 'DashboardFilterValue' } },
            },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'dashboard' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                { kind: 'Field', name: { kind: 'Name', value: 'updatedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'filters' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'defaultValue' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'suggestions' },
                        arguments: [
                          {
                            kind: 'Argument',
                            name: { kind: 'Name', value: 'term' },
                            value: { kind: 'StringValue', value: '', block: false },
                          },
                        ],
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'tiles' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'result' },
                        arguments: [
                          {
                            kind: 'Argument',
                            name: { kind: 'Name', value: 'filters' },
                            value: { kind: 'Variable', name: { kind: 'Name', value: 'filters' } },
                          },
                          {
                            kind: 'Argument',
                            name: { kind: 'Name', value: 'limit' },
                            value: { kind: 'IntValue', value: '5' },
                          },
                        ],
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'rows' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'totals' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DashboardTilesQuery, DashboardTilesQueryVariables>;
