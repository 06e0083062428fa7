import { demoClients, type DemoClient } from '../../demo/demo-clients';
import { callGraphql, type CallOutcome } from '../graphql-call';

/** Where a request goes, and as whom. */
export interface LoadTarget {
  /** The GraphQL endpoint (the gateway's, or HAProxy's). */
  readonly graphqlUrl: string;
  /** The origin export links (relative, `/exports/…`) are resolved against. */
  readonly origin: string;
  readonly token: string;
}

/** One class of request in the topology's mix. */
export interface TopologyOperation {
  readonly name: string;
  /** Relative share of the requests. */
  readonly weight: number;
  /** Sends this class's `n`-th request; never throws. */
  send(target: LoadTarget, n: number, timeoutMs: number): Promise<CallOutcome>;
}

/**
 * `count` callers with the analyst's scopes (metadata, data and exports), `topology-caller-01` … :
 * a client-credentials token's `sub` is its client id, so each is a subject of its own to the
 * replicas' per-caller limits, shared through Redis.
 */
export function topologyCallers(count: number): DemoClient[] {
  const analyst = demoClients.find((c) => c.clientId === 'demo-analyst');
  if (analyst === undefined) throw new Error('the demo clients have no demo-analyst');
  return Array.from({ length: count }, (_, i) => ({
    ...analyst,
    clientId: `topology-caller-${String(i + 1).padStart(2, '0')}`,
    description: 'a caller of the topology run',
  }));
}

const at = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;
const lookCount = 56;
const explores = [
  ['ecommerce', 'order_items'],
  ['ecommerce', 'users'],
  ['inventory', 'inventory_items'],
] as const;
const adHocQueries = [
  '{ model: "ecommerce", view: "order_items", fields: ["order_items.status", "order_items.count"], limit: 50 }',
  '{ model: "ecommerce", view: "order_items", fields: ["users.country", "order_items.count"], limit: 20 }',
  '{ model: "ecommerce", view: "order_items", fields: ["products.category", "order_items.total_sale_price"], limit: 30 }',
] as const;

/**
 * Dashboard views with the values of their filters as a viewer picks them: the Executive Overview
 * by department, Sales Performance by item status, and the other dashboards at their defaults.
 */
export function dashboardView(n: number): string {
  const filtered = [
    { id: '1', filters: ['', 'Men', 'Women'].map((v) => `[{ name: "Department", value: "${v}" }]`) },
    { id: '2', filters: ['Complete', 'Shipped', 'Complete,Shipped'].map((v) => `[{ name: "Status", value: "${v}" }]`) },
  ];
  const view = n % 4;
  if (view < 2) {
    const dashboard = filtered[view] as (typeof filtered)[number];
    const filters = at(dashboard.filters, Math.floor(n / 4));
    return `query DashboardView { dashboard(id: "${dashboard.id}") { title filters { name } tiles { title result(filters: ${filters}) { rowCount } } } }`;
  }
  const id = 3 + (Math.floor(n / 4) % 8);
  return `query DashboardView { dashboard(id: "${id}") { title tiles { title result { rowCount } } } }`;
}

const graphqlOperation = (name: string, weight: number, query: (n: number) => string): TopologyOperation => ({
  name,
  weight,
  send: (target, n, timeoutMs) => callGraphql({ url: target.graphqlUrl, token: target.token }, query(n), timeoutMs),
});

/** An export: the link from `exportUrl`, then its download, as a browser follows it. */
async function exportLook(target: LoadTarget, n: number, timeoutMs: number): Promise<CallOutcome> {
  const t0 = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const failed = (status: number | null, codes: string[]): CallOutcome => ({
    ms: performance.now() - t0,
    status,
    codes,
    ok: false,
    ...(status === null ? { failure: signal.aborted ? ('timeout' as const) : ('transport' as const) } : {}),
  });
  try {
    const query = `query ExportLink { look(id: "${1 + (n % lookCount)}") { exportUrl(format: CSV) } }`;
    const answer = await fetch(target.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
      body: JSON.stringify({ query }),
      signal,
    });
    const body = (await answer.json()) as {
      data?: { look?: { exportUrl?: string } };
      errors?: { extensions?: { code?: string } }[];
    };
    const link = body.data?.look?.exportUrl;
    if (body.errors !== undefined || typeof link !== 'string')
      return failed(
        answer.status,
        (body.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE'),
      );
    const download = await fetch(new URL(link, target.origin), {
      headers: { authorization: `Bearer ${target.token}` },
      signal,
    });
    const text = await download.text();
    if (!download.ok) {
      const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
      return failed(download.status, [code ?? `HTTP_${download.status}`]);
    }
    return { ms: performance.now() - t0, status: download.status, codes: [], ok: true };
  } catch {
    return failed(null, []);
  }
}

/** The mix: looks, dashboards with filters, explores, ad-hoc queries and exports, through the public endpoint. */
export const topologyMix: readonly TopologyOperation[] = [
  graphqlOperation('look', 25, (n) => `query Look { look(id: "${1 + (n % lookCount)}") { title folder { name } } }`),
  graphqlOperation('dashboard', 25, dashboardView),
  graphqlOperation('explore', 15, (n) => {
    const [model, name] = at(explores, n);
    return `query Explore { explore(model: "${model}", name: "${name}") { dimensions { name } measures { name } } }`;
  }),
  graphqlOperation('runQuery', 25, (n) => `query AdHoc { runQuery(input: ${at(adHocQueries, n)}) { rowCount } }`),
  { name: 'export', weight: 10, send: exportLook },
];

/** Which operation the `i`-th request of a run is (smooth weighted round robin), and its per-class count. */
export function dealOperations(mix: readonly TopologyOperation[]): () => { operation: TopologyOperation; n: number } {
  const total = mix.reduce((sum, op) => sum + op.weight, 0);
  const current = mix.map(() => 0);
  const dealt = mix.map(() => 0);
  return () => {
    let best = 0;
    mix.forEach((op, i) => {
      current[i] = (current[i] as number) + op.weight;
      if ((current[i] as number) > (current[best] as number)) best = i;
    });
    current[best] = (current[best] as number) - total;
    const n = dealt[best] as number;
    dealt[best] = n + 1;
    return { operation: mix[best] as TopologyOperation, n };
  };
}
