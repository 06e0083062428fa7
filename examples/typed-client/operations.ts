import { graphql } from './generated';

/** Revenue per product category: an ad-hoc query against an explore, with totals. */
export const RevenueByCategory = graphql(`
  query RevenueByCategory($limit: Int!) {
    runQuery(
      input: {
        model: "ecommerce"
        view: "order_items"
        fields: ["products.category", "order_items.total_sale_price"]
        sorts: ["order_items.total_sale_price desc"]
        limit: $limit
        total: true
      }
    ) {
      fields {
        name
        label
        isMeasure
      }
      rows
      totals
      rowCount
    }
  }
`);

/** A dashboard: its filters (with suggested values) and every tile's rows for the given filter values. */
export const DashboardTiles = graphql(`
  query DashboardTiles($id: ID!, $filters: [DashboardFilterValue!]) {
    dashboard(id: $id) {
      title
      updatedAt
      filters {
        name
        title
        defaultValue
        suggestions(term: "")
      }
      tiles {
        id
        title
        result(filters: $filters, limit: 5) {
          rows
          totals
        }
      }
    }
  }
`);
