/** Optional fields the viewer uses when the subgraph it talks to has them. */
export interface SchemaFeatures {
  /** `DashboardTile.exportUrl(format:, filters:)`: CSV/XLSX downloads. */
  readonly tileExports: boolean;
  /** `Dashboard.embedUrl`: "Open in Looker". */
  readonly dashboardEmbed: boolean;
  /** `DashboardFilter.suggestions(term:, values:)`; otherwise suggestions come from `Explore.suggestions`. */
  readonly filterSuggestions: boolean;
}

/**
 * Each probe names the field under a root field that `@skip(if: true)` leaves out: the subgraph
 * validates the document (an unknown field is a validation error) but runs nothing, so a probe
 * costs no Looker call and needs no introspection (which production subgraphs may turn off).
 */
const probes: Record<keyof SchemaFeatures, string> = {
  tileExports:
    'query ProbeExports { dashboard(id: "0") @skip(if: true) { tiles { exportUrl(format: CSV, filters: []) } } }',
  dashboardEmbed: 'query ProbeEmbed { dashboard(id: "0") @skip(if: true) { embedUrl } }',
  filterSuggestions:
    'query ProbeSuggestions { dashboard(id: "0") @skip(if: true) { filters { suggestions(term: "", values: []) } } }',
};

async function validates(subgraphUrl: string, authorization: string | undefined, query: string): Promise<boolean> {
  const response = await fetch(subgraphUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { errors?: unknown[] };
  return response.status === 200 && (body.errors ?? []).length === 0;
}

/**
 * Which optional fields the subgraph's schema has, asked with the caller's token. The server asks,
 * not the page: a missing field answers HTTP 400, which a browser would log as an error.
 */
export async function probeSchema(subgraphUrl: string, authorization: string | undefined): Promise<SchemaFeatures> {
  const [tileExports, dashboardEmbed, filterSuggestions] = await Promise.all([
    validates(subgraphUrl, authorization, probes.tileExports),
    validates(subgraphUrl, authorization, probes.dashboardEmbed),
    validates(subgraphUrl, authorization, probes.filterSuggestions),
  ]);
  return { tileExports, dashboardEmbed, filterSuggestions };
}
