import { graphql, type GraphQLAnswer } from './graphql';

/** The dashboard, its filters and grid, and every tile with its data, filtered as chosen. */
export const DASHBOARD_QUERY = /* GraphQL */ `
  query DashboardViewer($id: ID!, $filters: [DashboardFilterValue!], $rowLimit: Int) {
    dashboard(id: $id) {
      id
      title
      description
      layout {
        columns
      }
      filters {
        name
        title
        type
        defaultValue
        model
        explore
        dimension
        allowMultipleValues
      }
      tiles {
        id
        title
        type
        visType
        subtitle
        note
        bodyText
        layout {
          row
          column
          width
          height
        }
        look {
          title
        }
        result(limit: $rowLimit, filters: $filters) {
          fields {
            name
            label
            type
            valueFormat
            isMeasure
            isPivot
          }
          rows
          renderedRows
          totals
          pivots {
            key
            label
            isTotal
          }
          rowCount
          truncated
        }
      }
    }
  }
`;

/** The dashboards the picker offers. */
export const DASHBOARD_LIST_QUERY = /* GraphQL */ `
  query DashboardPicker {
    dashboards(first: 100) {
      nodes {
        id
        title
      }
    }
  }
`;

/** A column of a tile's result. */
export interface ResultField {
  readonly name: string;
  readonly label: string | null;
  readonly type: string | null;
  readonly valueFormat: string | null;
  readonly isMeasure: boolean;
  readonly isPivot: boolean;
}

/** One pivot column of a pivoted result. */
export interface ResultPivot {
  readonly key: string;
  readonly label: string;
  readonly isTotal: boolean;
}

/** A cell value: a plain value, or one per pivot key for pivoted measures. */
export type Cell = unknown;

/** A tile's data: raw values for charts, Looker's rendered strings for display. */
export interface TileResult {
  readonly fields: readonly ResultField[];
  readonly rows: readonly Record<string, Cell>[];
  readonly renderedRows: readonly Record<string, Cell>[];
  /** `{ value, rendered }` per measure (per pivot key when pivoted), when the query totals. */
  readonly totals: Record<string, Cell> | null;
  readonly pivots: readonly ResultPivot[];
  readonly rowCount: number;
  readonly truncated: boolean;
}

/** Where a tile sits on the dashboard's grid. */
export interface TileLayout {
  readonly row: number;
  readonly column: number;
  readonly width: number;
  readonly height: number;
}

/** A dashboard tile as the query asks for it. */
export interface Tile {
  readonly id: string;
  readonly title: string | null;
  readonly type: string;
  readonly visType: string | null;
  readonly subtitle: string | null;
  readonly note: string | null;
  readonly bodyText: string | null;
  readonly layout: TileLayout | null;
  readonly look: { readonly title: string } | null;
  readonly result: TileResult | null;
}

/** A filter shown on a dashboard. */
export interface DashboardFilter {
  readonly name: string;
  readonly title: string | null;
  readonly type: string;
  readonly defaultValue: string | null;
  readonly model: string | null;
  readonly explore: string | null;
  readonly dimension: string | null;
  readonly allowMultipleValues: boolean | null;
}

/** A dashboard as the query asks for it. */
export interface Dashboard {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly layout: { readonly columns: number } | null;
  readonly filters: readonly DashboardFilter[];
  readonly tiles: readonly Tile[];
}

/** A chosen filter value, by the filter's name (the subgraph's `DashboardFilterValue`). */
export interface FilterValue {
  readonly name: string;
  readonly value: string;
}

/** Asks for a dashboard and its tiles' data; `filters` replaces the chosen filters' defaults. */
export function fetchDashboard(
  token: string,
  id: string,
  filters: readonly FilterValue[],
): Promise<GraphQLAnswer<{ dashboard: Dashboard | null }>> {
  return graphql(token, DASHBOARD_QUERY, { id, filters, rowLimit: 500 });
}

/** The dashboards the token may see, for the picker. */
export async function listDashboards(token: string): Promise<readonly { id: string; title: string }[]> {
  const answer = await graphql<{ dashboards: { nodes: { id: string; title: string }[] } }>(token, DASHBOARD_LIST_QUERY);
  return answer.data?.dashboards.nodes ?? [];
}
