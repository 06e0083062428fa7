/** Scenario ids, as given to `--scenarios`. */
export type ScenarioId = '1' | '2' | '3' | '4' | '5';

/** One benchmark scenario: a GraphQL operation and how to tell its answer is complete. */
export interface Scenario {
  readonly id: ScenarioId;
  readonly name: string;
  /** The operation sent to the subgraph. */
  readonly query: string;
  /**
   * Checks a successful answer's `data` and returns a short description of it (e.g. tile counts);
   * throws when the answer is incomplete, so no figure is reported for a broken operation.
   */
  readonly check: (data: Record<string, unknown>) => string;
}

/** The two dashboards of scenario 3: 13 tiles, 12 with data, 9 distinct queries (query 57 on four tiles). */
export const dashboardIds = ['1', '8'] as const;

/** The look of scenario 1. */
export const hotLookId = '1';

/** The explore of scenario 4. */
export const explore = { model: 'ecommerce', name: 'order_items' } as const;

/** The aggregate of scenario 5: count and total sale price by status, over the whole data set. */
export const aggregateQuery = {
  model: 'ecommerce',
  view: 'order_items',
  fields: ['order_items.status', 'order_items.count', 'order_items.total_sale_price'],
  sorts: ['order_items.count desc'],
} as const;

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} is missing`);
  return value as Record<string, unknown>;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list`);
  return value;
}

const tileFields = 'title tiles { id title type result { fields { name } rows rowCount } }';

/** The five scenarios, in the order they run. */
export const scenarios: readonly Scenario[] = [
  {
    id: '1',
    name: 'look(id) { title }, hot',
    query: `query LookHot { look(id: "${hotLookId}") { title } }`,
    check: (data) => {
      const title = record(data['look'], 'look')['title'];
      if (typeof title !== 'string' || title === '') throw new Error('look.title is empty');
      return `"${title}"`;
    },
  },
  {
    id: '2',
    name: 'looks(first: 50) + folder + model',
    query: 'query LooksPage { looks(first: 50) { nodes { title folder { name } model { label } } } }',
    check: (data) => {
      const nodes = list(record(data['looks'], 'looks')['nodes'], 'looks.nodes').map((n) => record(n, 'look'));
      if (nodes.length !== 50) throw new Error(`expected 50 looks, got ${nodes.length}`);
      for (const node of nodes) {
        if (typeof record(node['folder'], 'look.folder')['name'] !== 'string') throw new Error('a folder has no name');
        if (typeof record(node['model'], 'look.model')['label'] !== 'string') throw new Error('a model has no label');
      }
      return '50 looks';
    },
  },
  {
    id: '3',
    name: `dashboards ${dashboardIds.join(' + ')}, tiles with results`,
    query: `query TwoDashboards { ${dashboardIds.map((id, i) => `d${i}: dashboard(id: "${id}") { ${tileFields} }`).join(' ')} }`,
    check: (data) => {
      let tiles = 0;
      let withData = 0;
      dashboardIds.forEach((_id, i) => {
        for (const tile of list(record(data[`d${i}`], `dashboard d${i}`)['tiles'], 'tiles')) {
          tiles += 1;
          if (record(tile, 'tile')['result'] !== null) withData += 1;
        }
      });
      if (tiles < 10) throw new Error(`expected at least 10 tiles, got ${tiles}`);
      return `${tiles} tiles, ${withData} with results`;
    },
  },
  {
    id: '4',
    name: `explore ${explore.model}::${explore.name} fields`,
    query: `query ExploreFields { explore(model: "${explore.model}", name: "${explore.name}") { dimensions { name type } measures { name type } } }`,
    check: (data) => {
      const found = record(data['explore'], 'explore');
      const dimensions = list(found['dimensions'], 'dimensions').length;
      const measures = list(found['measures'], 'measures').length;
      if (dimensions === 0 || measures === 0) throw new Error('the explore has no fields');
      return `${dimensions} dimensions, ${measures} measures`;
    },
  },
  {
    id: '5',
    name: 'runQuery: count, total sale price by status',
    query: `query Aggregate { runQuery(input: { model: "${aggregateQuery.model}", view: "${aggregateQuery.view}", fields: ${JSON.stringify(aggregateQuery.fields)}, sorts: ${JSON.stringify(aggregateQuery.sorts)} }) { fields { name type } rows rowCount } }`,
    check: (data) => {
      const rowCount = record(data['runQuery'], 'runQuery')['rowCount'];
      if (typeof rowCount !== 'number' || rowCount === 0) throw new Error('runQuery returned no rows');
      return `${rowCount} rows`;
    },
  },
];

/** The scenario with this id. */
export function scenarioById(id: ScenarioId): Scenario {
  const found = scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`unknown scenario ${id}`);
  return found;
}
