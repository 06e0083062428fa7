/**
 * The explorer's starting document: one named operation per area of the schema, so a newcomer can
 * run each from the ▶ button's menu and see the shape of looks, dashboards, explores and results.
 */
export const exampleOperations = `# Looker subgraph explorer. Every request needs a token:
# "Authorization": "Bearer …" in the Headers tab below.
# Run an operation from the ▶ button's menu.

query Looks {
  looks(first: 10) {
    nodes { id title folder { name } }
    pageInfo { hasNextPage endCursor }
  }
}

query LookResult {
  look(id: "1") {
    title
    result(limit: 5) { fields { name label isMeasure } rows rowCount }
  }
}

query DashboardTiles {
  dashboard(id: "1") {
    title
    filters { name title defaultValue }
    tiles {
      title
      type
      result(limit: 5) { rowCount rows }
    }
  }
}

query ExploreFields {
  explore(model: "ecommerce", name: "order_items") {
    label
    dimensions { name label type }
    measures { name label type }
  }
}

query RevenueByCategory {
  runQuery(input: {
    model: "ecommerce"
    view: "order_items"
    fields: ["products.category", "order_items.total_sale_price"]
    sorts: ["order_items.total_sale_price desc"]
    limit: 10
  }) {
    fields { name label }
    rows
  }
}

query Me {
  viewer { subject clientId scopes }
}
`;
