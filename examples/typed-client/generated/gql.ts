/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query RevenueByCategory($limit: Int!) {\n    runQuery(\n      input: {\n        model: "ecommerce"\n        view: "order_items"\n        fields: ["products.category", "order_items.total_sale_price"]\n        sorts: ["order_items.total_sale_price desc"]\n        limit: $limit\n        total: true\n      }\n    ) {\n      fields {\n        name\n        label\n        isMeasure\n      }\n      rows\n      totals\n      rowCount\n    }\n  }\n': typeof types.RevenueByCategoryDocument;
  '\n  query DashboardTiles($id: ID!, $filters: [DashboardFilterValue!]) {\n    dashboard(id: $id) {\n      title\n      updatedAt\n      filters {\n        name\n        title\n        defaultValue\n        suggestions(term: "")\n      }\n      tiles {\n        id\n        title\n        result(filters: $filters, limit: 5) {\n          rows\n          totals\n        }\n      }\n    }\n  }\n': typeof types.DashboardTilesDocument;
};
const documents: Documents = {
  '\n  query RevenueByCategory($limit: Int!) {\n    runQuery(\n      input: {\n        model: "ecommerce"\n        view: "order_items"\n        fields: ["products.category", "order_items.total_sale_price"]\n        sorts: ["order_items.total_sale_price desc"]\n        limit: $limit\n        total: true\n      }\n    ) {\n      fields {\n        name\n        label\n        isMeasure\n      }\n      rows\n      totals\n      rowCount\n    }\n  }\n':
    types.RevenueByCategoryDocument,
  '\n  query DashboardTiles($id: ID!, $filters: [DashboardFilterValue!]) {\n    dashboard(id: $id) {\n      title\n      updatedAt\n      filters {\n        name\n        title\n        defaultValue\n        suggestions(term: "")\n      }\n      tiles {\n        id\n        title\n        result(filters: $filters, limit: 5) {\n          rows\n          totals\n        }\n      }\n    }\n  }\n':
    types.DashboardTilesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RevenueByCategory($limit: Int!) {\n    runQuery(\n      input: {\n        model: "ecommerce"\n        view: "order_items"\n        fields: ["products.category", "order_items.total_sale_price"]\n        sorts: ["order_items.total_sale_price desc"]\n        limit: $limit\n        total: true\n      }\n    ) {\n      fields {\n        name\n        label\n        isMeasure\n      }\n      rows\n      totals\n      rowCount\n    }\n  }\n',
): (typeof documents)['\n  query RevenueByCategory($limit: Int!) {\n    runQuery(\n      input: {\n        model: "ecommerce"\n        view: "order_items"\n        fields: ["products.category", "order_items.total_sale_price"]\n        sorts: ["order_items.total_sale_price desc"]\n        limit: $limit\n        total: true\n      }\n    ) {\n      fields {\n        name\n        label\n        isMeasure\n      }\n      rows\n      totals\n      rowCount\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query DashboardTiles($id: ID!, $filters: [DashboardFilterValue!]) {\n    dashboard(id: $id) {\n      title\n      updatedAt\n      filters {\n        name\n        title\n        defaultValue\n        suggestions(term: "")\n      }\n      tiles {\n        id\n        title\n        result(filters: $filters, limit: 5) {\n          rows\n          totals\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query DashboardTiles($id: ID!, $filters: [DashboardFilterValue!]) {\n    dashboard(id: $id) {\n      title\n      updatedAt\n      filters {\n        name\n        title\n        defaultValue\n        suggestions(term: "")\n      }\n      tiles {\n        id\n        title\n        result(filters: $filters, limit: 5) {\n          rows\n          totals\n        }\n      }\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
