/** The demo clients the soak sends as: they differ in scopes, so each is given only what it may read. */
export type SoakCaller = 'demo-viewer' | 'demo-analyst' | 'demo-admin';

/** Every caller of the soak. */
export const soakCallers: readonly SoakCaller[] = ['demo-viewer', 'demo-analyst', 'demo-admin'];

/** One class of operation in the soak's mix. */
export interface MixedOperation {
  readonly name: string;
  /** Relative share of the requests. */
  readonly weight: number;
  /** Who sends it, in turn: only callers whose scopes cover every field, so no answer is a planned FORBIDDEN. */
  readonly callers: readonly SoakCaller[];
  /** The operation for this class's `n`-th request: ids and arguments rotate, so caches see a realistic spread. */
  readonly query: (n: number) => string;
}

const everyone = soakCallers;
const dataReaders: readonly SoakCaller[] = ['demo-analyst', 'demo-admin'];
const lookCount = 56;
const dashboardCount = 10;
const explores = [
  'ecommerce::order_items',
  'ecommerce::users',
  'inventory::inventory_items',
  'inventory::products',
] as const;
const adHocQueries = [
  {
    fields: ['order_items.status', 'order_items.count', 'order_items.total_sale_price'],
    sorts: ['order_items.count desc'],
    limit: 50,
  },
  { fields: ['users.country', 'order_items.count'], sorts: ['order_items.count desc'], limit: 20 },
  {
    fields: ['products.category', 'order_items.total_sale_price'],
    sorts: ['order_items.total_sale_price desc'],
    limit: 30,
  },
  { fields: ['order_items.created_month', 'order_items.count'], sorts: ['order_items.created_month desc'], limit: 24 },
] as const;

const at = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

/** The soak's mix: metadata for everyone, data for the callers allowed to read it. */
export const soakMix: readonly MixedOperation[] = [
  {
    name: 'look title',
    weight: 30,
    callers: everyone,
    query: (n) => `query LookTitle { look(id: "${1 + (n % lookCount)}") { title } }`,
  },
  {
    name: 'looks page',
    weight: 20,
    callers: everyone,
    query: () => 'query LooksPage { looks(first: 20) { nodes { id title folder { name } } } }',
  },
  {
    name: 'explore fields',
    weight: 15,
    callers: everyone,
    query: (n) => {
      const [model, name] = at(explores, n).split('::') as [string, string];
      return `query ExploreFields { explore(model: "${model}", name: "${name}") { dimensions { name type } measures { name type } } }`;
    },
  },
  {
    name: 'dashboard tiles',
    weight: 15,
    callers: dataReaders,
    query: (n) =>
      `query DashboardTiles { dashboard(id: "${1 + (n % dashboardCount)}") { title tiles { title type result { fields { name } rowCount } } } }`,
  },
  {
    name: 'runQuery',
    weight: 20,
    callers: dataReaders,
    query: (n) => {
      const q = at(adHocQueries, n);
      return `query AdHoc { runQuery(input: { model: "ecommerce", view: "order_items", fields: ${JSON.stringify(q.fields)}, sorts: ${JSON.stringify(q.sorts)}, limit: ${q.limit} }) { rowCount rows } }`;
    },
  },
];

/** One planned request: which class, the class's running count, and the caller. */
export interface PlannedRequest {
  readonly operation: MixedOperation;
  readonly query: string;
  readonly caller: SoakCaller;
}

/**
 * Deals requests over the mix by smooth weighted round robin: every class gets its share within
 * each cycle of (sum of weights) requests, interleaved rather than in runs; each class rotates its
 * callers and its arguments.
 */
export class MixDealer {
  private readonly current: number[];
  private readonly dealt: number[];
  private readonly total: number;

  constructor(private readonly mix: readonly MixedOperation[]) {
    if (mix.length === 0 || mix.some((op) => !(op.weight > 0) || op.callers.length === 0)) {
      throw new RangeError('a mix needs operations with positive weights and at least one caller each');
    }
    this.current = mix.map(() => 0);
    this.dealt = mix.map(() => 0);
    this.total = mix.reduce((sum, op) => sum + op.weight, 0);
  }

  /** The next request. */
  next(): PlannedRequest {
    let best = 0;
    this.mix.forEach((op, i) => {
      this.current[i] = (this.current[i] as number) + op.weight;
      if ((this.current[i] as number) > (this.current[best] as number)) best = i;
    });
    this.current[best] = (this.current[best] as number) - this.total;
    const operation = this.mix[best] as MixedOperation;
    const n = this.dealt[best] as number;
    this.dealt[best] = n + 1;
    return { operation, query: operation.query(n), caller: at(operation.callers, n) };
  }
}
