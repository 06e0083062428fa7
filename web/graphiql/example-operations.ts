/** One example operation the explorer offers. */
export interface ExampleOperation {
  /** The operation's name, as written in its document. */
  readonly name: string;
  /** One line saying what it shows. */
  readonly summary: string;
  /** The document: exactly one operation, so ▶ runs it without asking which. */
  readonly document: string;
}

/** The example the editor starts with: it reads data, so the first run shows some. */
const looksExample: ExampleOperation = {
  name: 'Looks',
  summary: 'The first ten saved looks with their folders, and the cursor for the next page.',
  document: `query Looks {
  looks(first: 10) {
    nodes { id title folder { name } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
};

/**
 * One operation per area of the schema, shown in the Examples plugin: a newcomer sees the shape of
 * looks, dashboards, explores and results by clicking one and pressing ▶.
 */
export const exampleOperations: readonly ExampleOperation[] = [
  looksExample,
  {
    name: 'LookResult',
    summary: "A look's result: its fields and first five rows (needs looker:data:read).",
    document: `query LookResult {
  look(id: "1") {
    title
    result(limit: 5) { fields { name label isMeasure } rows rowCount }
  }
}
`,
  },
  {
    name: 'DashboardTiles',
    summary: "A dashboard's filters and each tile with its first rows.",
    document: `query DashboardTiles {
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
`,
  },
  {
    name: 'ExploreFields',
    summary: "An explore's dimensions and measures: what a query of your own can ask for.",
    document: `query ExploreFields {
  explore(model: "ecommerce", name: "order_items") {
    label
    dimensions { name label type }
    measures { name label type }
  }
}
`,
  },
  {
    name: 'RevenueByCategory',
    summary: 'A query of your own on an explore: revenue per product category, largest first.',
    document: `query RevenueByCategory {
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
`,
  },
  {
    name: 'Me',
    summary: 'Who the token says you are, and the scopes it grants.',
    document: `query Me {
  viewer { subject clientId scopes }
}
`,
  },
];

/**
 * The editor's starting document: only the first example, so the first press of ▶ runs it at once
 * (with several operations GraphiQL's ▶ asks which one to run).
 */
export const startingDocument = `# Looker subgraph explorer. Every request needs a token:
# "Authorization": "Bearer …" in the Headers tab below;
# in the demo, the identity chosen top right sets it.
# The run button (or Ctrl-Enter) runs this query. More
# examples (a look's result, dashboards, explores, a query
# of your own): the Examples button in the left sidebar.

${looksExample.document}`;
