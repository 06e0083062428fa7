/** The one GraphQL request the viewer makes: a dashboard, its tiles, and every tile's data. */
export const DASHBOARD_QUERY = /* GraphQL */ `
  query DashboardViewer($id: ID!, $rowLimit: Int) {
    dashboard(id: $id) {
      id
      title
      description
      tiles {
        id
        title
        type
        look { title }
        result(limit: $rowLimit) {
          fields { name label type isMeasure }
          rows
          rowCount
        }
      }
    }
  }
`;

/** A column of a tile's result. */
export interface ResultField {
  readonly name: string;
  readonly label: string | null;
  readonly type: string | null;
  readonly isMeasure: boolean;
}

/** A tile's data. */
export interface TileResult {
  readonly fields: readonly ResultField[];
  readonly rows: readonly Record<string, unknown>[];
  readonly rowCount: number;
}

/** A dashboard tile as the query asks for it. */
export interface Tile {
  readonly id: string;
  readonly title: string | null;
  readonly type: string;
  readonly look: { readonly title: string } | null;
  readonly result: TileResult | null;
}

/** A dashboard as the query asks for it. */
export interface Dashboard {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly tiles: readonly Tile[];
}

/** A GraphQL error as the subgraph sends it. */
export interface GraphQLError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly requiredScopes?: readonly (readonly string[])[] };
}

/** The answer: data (possibly partial) and errors. */
export interface DashboardAnswer {
  readonly status: number;
  readonly dashboard: Dashboard | null;
  readonly errors: readonly GraphQLError[];
}

/** Asks the subgraph (through this origin's `/graphql`) for a dashboard and its tiles' data. */
export async function fetchDashboard(id: string, token: string): Promise<DashboardAnswer> {
  const response = await fetch('graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: DASHBOARD_QUERY, variables: { id, rowLimit: 50 }, operationName: 'DashboardViewer' }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: { dashboard?: Dashboard | null } | null; errors?: GraphQLError[] };
  return { status: response.status, dashboard: body.data?.dashboard ?? null, errors: body.errors ?? [] };
}

/** The error reported for tile `index`'s `result`, if any: matched on the error's path. */
export function tileResultError(errors: readonly GraphQLError[], index: number): GraphQLError | undefined {
  return errors.find((error) => {
    const path = error.path ?? [];
    return path.length >= 4 && path[0] === 'dashboard' && path[1] === 'tiles' && path[2] === index && path[3] === 'result';
  });
}
