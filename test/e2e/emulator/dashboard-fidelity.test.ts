import type { IWriteQuery } from '@looker/sdk';
import type { RunningEmulator } from '../../../emulator';
import { errorStatus, startEmulatorSuite, type EmulatorSuite, type SdkClient } from './emulator-sdk';

let suite: EmulatorSuite;
let emulator: RunningEmulator;
let admin: SdkClient;
let nora: SdkClient;

beforeAll(async () => {
  suite = await startEmulatorSuite();
  ({ emulator, admin, nora } = suite);
});

afterAll(() => suite?.stop());

type BiCell = { value: string | number | null };
type BiBody = {
  metadata: {
    fields: { measures: { name: string }[]; table_calculations: { name: string; expression: string }[] };
    pivots: { key: string }[];
  };
  rows: Record<string, BiCell | Record<string, BiCell>>[];
};

const byCategory = (extra: Partial<IWriteQuery>, fields: string[]): IWriteQuery => ({
  model: 'ecommerce',
  view: 'order_items',
  fields: ['products.category', ...fields],
  sorts: ['products.category'],
  limit: '50',
  ...extra,
});

async function runBi(body: IWriteQuery): Promise<BiBody> {
  return (await admin.sdk.ok(admin.sdk.run_inline_query({ result_format: 'json_bi', body }))) as unknown as BiBody;
}

const cell = (row: BiBody['rows'][number], name: string) => (row[name] as BiCell).value;

describe('LookML dashboards', () => {
  it('serves ecommerce::sales_overview by id, read-only, its tiles carrying their query inline', async () => {
    const dashboard = await admin.sdk.ok(admin.sdk.dashboard('ecommerce::sales_overview'));
    expect(dashboard).toEqual(expect.objectContaining({ id: 'ecommerce::sales_overview', readonly: true, slug: null }));
    const vis = (dashboard.dashboard_elements ?? []).filter((e) => e.type === 'vis');
    expect(vis.length).toBeGreaterThanOrEqual(3);
    for (const element of vis) {
      expect(element.query_id).toBeNull();
      expect(element.query).toBeUndefined();
      expect(element.result_maker?.query_id).toBeNull();
      expect(element.result_maker?.query).toEqual(expect.objectContaining({ model: 'ecommerce', view: 'order_items' }));
      expect(element.result_maker?.query?.id).toBeUndefined();
      expect(element.result_maker?.filterables?.[0]?.listen?.length).toBeGreaterThan(0);
    }
    const elements = await admin.sdk.ok(admin.sdk.dashboard_dashboard_elements('ecommerce::sales_overview'));
    expect(elements.map((e) => e.id)).toEqual((dashboard.dashboard_elements ?? []).map((e) => e.id));
    expect((await admin.sdk.ok(admin.sdk.dashboard('inventory::stock_overview'))).readonly).toBe(true);
  });

  it('leaves LookML dashboards out of search_dashboards, as the spec says', async () => {
    const all = await admin.sdk.ok(admin.sdk.search_dashboards({ fields: 'id' }));
    expect(all.some((d) => d.id?.includes('::'))).toBe(false);
    expect(await admin.sdk.ok(admin.sdk.search_dashboards({ id: 'ecommerce::sales_overview' }))).toEqual([]);
  });

  it('answers 404 to a user whose model set lacks the model', async () => {
    const refused = await nora.sdk.dashboard('ecommerce::sales_overview');
    expect(refused.ok).toBe(false);
    expect(errorStatus(refused.ok ? undefined : refused.error)).toBe(404);
  });
});

describe('filterables', () => {
  it('a search answer does not say which filters a tile listens to; the dashboard and its elements do', async () => {
    const [searched] = await admin.sdk.ok(admin.sdk.search_dashboards({ id: '11' }));
    const withQuery = (searched?.dashboard_elements ?? []).filter((e) => e.result_maker);
    expect(withQuery.length).toBeGreaterThan(0);
    expect(withQuery.every((e) => e.result_maker?.filterables === undefined)).toBe(true);
    const elements = await admin.sdk.ok(admin.sdk.dashboard_dashboard_elements('11'));
    // Text tiles have no result maker, so nothing to filter.
    expect(elements.filter((e) => e.type !== 'text').every((e) => (e.result_maker?.filterables ?? []).length > 0)).toBe(
      true,
    );
  });
});

describe('query properties beyond fields and filters', () => {
  it('stores and echoes every property, gives a different query its own id, and records the bodies it received', async () => {
    const plain = byCategory({}, ['order_items.count']);
    const full: IWriteQuery = {
      ...plain,
      dynamic_fields: JSON.stringify([
        {
          category: 'table_calculation',
          table_calculation: 'double',
          label: 'Double',
          expression: '${order_items.count} * 2',
        },
      ]),
      fill_fields: ['products.category'],
      filter_expression: '${order_items.count} > 10',
      column_limit: '5',
      total: true,
      row_total: 'right',
      subtotals: ['products.category'],
      query_timezone: 'America/New_York',
      vis_config: { type: 'table', show_totals: true },
    };
    emulator.control.reset();
    const saved = await admin.sdk.ok(admin.sdk.create_query(full));
    const again = await admin.sdk.ok(admin.sdk.query(saved.id ?? ''));
    for (const key of [
      'dynamic_fields',
      'fill_fields',
      'filter_expression',
      'column_limit',
      'total',
      'row_total',
      'subtotals',
      'query_timezone',
      'vis_config',
    ] as const) {
      expect(again[key]).toEqual(full[key]);
    }
    expect(again.has_table_calculations).toBe(true);
    const other = await admin.sdk.ok(admin.sdk.create_query(plain));
    expect(other.id).not.toBe(saved.id);
    await admin.sdk.ok(admin.sdk.run_inline_query({ result_format: 'json', body: full }));
    const recorded = emulator.control.requests().filter((r) => r.body !== undefined);
    expect(recorded.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/4.0/queries',
      'POST /api/4.0/queries',
      'POST /api/4.0/queries/run/json',
    ]);
    expect(recorded[0]?.body).toEqual(full);
    expect(recorded[2]?.body).toEqual(full);
  });

  it('evaluates a table calculation on each row and lists it among table_calculations', async () => {
    const calc = {
      category: 'table_calculation',
      table_calculation: 'avg_price',
      label: 'Average Price',
      expression: '${order_items.total_sale_price} / ${order_items.count}',
    };
    const result = await runBi(
      byCategory({ dynamic_fields: JSON.stringify([calc]) }, ['order_items.total_sale_price', 'order_items.count']),
    );
    expect(result.metadata.fields.table_calculations).toEqual([
      expect.objectContaining({ name: 'avg_price', expression: calc.expression }),
    ]);
    expect(result.metadata.fields.measures.map((m) => m.name)).toEqual([
      'order_items.total_sale_price',
      'order_items.count',
    ]);
    expect(result.rows.length).toBeGreaterThan(3);
    for (const row of result.rows) {
      expect(cell(row, 'avg_price')).toBeCloseTo(
        Number(cell(row, 'order_items.total_sale_price')) / Number(cell(row, 'order_items.count')),
        6,
      );
    }
  });

  it('evaluates a custom measure based on a dimension, and a custom dimension of arithmetic', async () => {
    const dynamic = JSON.stringify([
      { measure: 'buyers', based_on: 'order_items.user_id', type: 'count_distinct', label: 'Buyers' },
      { dimension: 'price_band', label: 'Price Band', expression: '${order_items.sale_price} / 100' },
    ]);
    const custom = await runBi(byCategory({ dynamic_fields: dynamic }, ['buyers']));
    const reference = await runBi(byCategory({}, ['users.count']));
    expect(custom.rows.map((r) => [cell(r, 'products.category'), cell(r, 'buyers')])).toEqual(
      reference.rows.map((r) => [cell(r, 'products.category'), cell(r, 'users.count')]),
    );
    const banded = (await admin.sdk.ok(
      admin.sdk.run_inline_query({
        result_format: 'json',
        body: {
          model: 'ecommerce',
          view: 'order_items',
          fields: ['order_items.sale_price', 'price_band'],
          dynamic_fields: dynamic,
          limit: '5',
        },
      }),
    )) as unknown as Record<string, number>[];
    for (const row of banded) expect(row.price_band).toBeCloseTo((row['order_items.sale_price'] ?? 0) / 100, 6);
  });

  it('keeps the first column_limit pivot columns', async () => {
    const body = byCategory({ pivots: ['order_items.status'] }, ['order_items.status', 'order_items.count']);
    const all = await runBi(body);
    const limited = await runBi({ ...body, column_limit: '2' });
    expect(all.metadata.pivots.length).toBeGreaterThan(2);
    expect(limited.metadata.pivots.map((p) => p.key)).toEqual(all.metadata.pivots.slice(0, 2).map((p) => p.key));
  });

  it('answers 422 naming dynamic_fields for an expression outside the evaluated subset', async () => {
    const body = byCategory(
      { dynamic_fields: JSON.stringify([{ table_calculation: 'x', expression: 'offset(${order_items.count}, 1)' }]) },
      ['order_items.count'],
    );
    const refused = await admin.sdk.run_inline_query({ result_format: 'json', body });
    expect(refused.ok).toBe(false);
    expect(errorStatus(refused.ok ? undefined : refused.error)).toBe(422);
    expect(JSON.stringify(refused.ok ? null : refused.error)).toContain('dynamic_fields');
  });
});
