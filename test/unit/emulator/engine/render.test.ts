import type { Engine, QueryRequest } from '../../../../emulator/engine/types';
import { scalar, testEngine } from '../engine-fixture';

const byStatus: QueryRequest = {
  model: 'ecommerce',
  view: 'order_items',
  fields: ['order_items.status', 'order_items.count', 'order_items.total_sale_price'],
  sorts: ['order_items.status'],
};

const pivoted: QueryRequest = {
  model: 'ecommerce',
  view: 'order_items',
  fields: ['order_items.created_year', 'order_items.status', 'order_items.count'],
  pivots: ['order_items.status'],
  sorts: ['order_items.created_year'],
};

describe('rendering results in Looker formats', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
  });
  afterAll(() => engine.close());

  test('json: an array of rows keyed by field name, numbers as numbers', async () => {
    const { contentType, body } = await engine.render(byStatus, 'json');
    expect(contentType).toBe('application/json');
    const rows = JSON.parse(body) as Record<string, unknown>[];
    expect(rows.map((r) => r['order_items.status'])).toEqual([
      'Cancelled',
      'Complete',
      'Processing',
      'Returned',
      'Shipped',
    ]);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'order_items.status',
      'order_items.count',
      'order_items.total_sale_price',
    ]);
    expect(typeof rows[0]?.['order_items.count']).toBe('number');
    const cancelled = await scalar(engine, "SELECT sum(sale_price) FROM order_items WHERE status = 'Cancelled'");
    expect(rows[0]?.['order_items.total_sale_price']).toBeCloseTo(cancelled, 2);
  });

  test('json_bi: field metadata, SQL and rows of { value } cells', async () => {
    const { contentType, body } = await engine.render(
      { ...byStatus, filters: { 'order_items.status': '-Returned' } },
      'json_bi',
    );
    expect(contentType).toBe('application/json');
    const bi = JSON.parse(body) as {
      metadata: {
        fields: Record<string, { name: string; label: string; category: string }[]>;
        pivots: unknown[];
        sql: string;
        filters: Record<string, string>;
      };
      rows: Record<string, { value: unknown }>[];
    };
    expect(bi.metadata.fields.dimensions?.map((f) => [f.name, f.label, f.category])).toEqual([
      ['order_items.status', 'Order Items Status', 'dimension'],
    ]);
    expect(bi.metadata.fields.measures?.map((f) => f.name)).toEqual([
      'order_items.count',
      'order_items.total_sale_price',
    ]);
    expect(bi.metadata.fields.pivots).toEqual([]);
    expect(bi.metadata.fields.table_calculations).toEqual([]);
    expect(bi.metadata.pivots).toEqual([]);
    expect(bi.metadata.sql).toMatch(/^SELECT/);
    expect(bi.metadata.filters).toEqual({ 'order_items.status': '-Returned' });
    expect(bi.rows).toHaveLength(4);
    expect(bi.rows[0]?.['order_items.status']).toEqual({ value: 'Cancelled' });
    expect(typeof bi.rows[0]?.['order_items.count']?.value).toBe('number');
  });

  test('csv: Looker labels as header, quoted where needed', async () => {
    const { contentType, body } = await engine.render(byStatus, 'csv');
    expect(contentType).toBe('text/csv');
    const lines = body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Order Items Status,Order Items Count,Order Items Total Sale Price');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^Cancelled,\d+,[\d.]+$/);
    const brands = await engine.render(
      { model: 'inventory', view: 'products', fields: ['products.brand'], filters: { 'products.brand': "Levi's" } },
      'csv',
    );
    expect(brands.body).toBe("Products Brand\r\nLevi's\r\n");
    // A comma in a value: escaped with ^ in the filter, quoted in the CSV.
    const cities = await engine.render(
      {
        model: 'ecommerce',
        view: 'users',
        fields: ['users.city', 'users.state'],
        filters: { 'users.city': 'Washington^, D.C.' },
      },
      'csv',
    );
    expect(cities.body).toBe('Users City,Users State\r\n"Washington, D.C.",District of Columbia\r\n');
  });

  test('txt: tab-separated with the same header', async () => {
    const { contentType, body } = await engine.render(byStatus, 'txt');
    expect(contentType).toBe('text/plain');
    const lines = body.trimEnd().split('\n');
    expect(lines[0]).toBe('Order Items Status\tOrder Items Count\tOrder Items Total Sale Price');
    expect(lines[1]?.split('\t')).toHaveLength(3);
  });

  test('sql: the generated statement, which DuckDB runs to the same rows', async () => {
    const { contentType, body } = await engine.render(byStatus, 'sql');
    expect(contentType).toBe('application/sql');
    expect(body).toBe(engine.compile(byStatus).sql);
    const direct = await engine.sql(body);
    const { rows } = await engine.run(byStatus);
    expect(direct.map((r) => r.order_items_count)).toEqual(rows.map((r) => r['order_items.count']));
  });

  test('pivoted json nests each measure per pivot value; cells match the unpivoted query', async () => {
    const { body } = await engine.render(pivoted, 'json');
    const rows = JSON.parse(body) as Record<string, unknown>[];
    expect(rows.map((r) => r['order_items.created_year'])).toEqual([2023, 2024, 2025, 2026]);
    expect(rows[0]).not.toHaveProperty('order_items.status');
    const flat = await engine.run({ ...pivoted, pivots: [] });
    for (const row of flat.rows) {
      const target = rows.find((r) => r['order_items.created_year'] === row['order_items.created_year']);
      expect((target?.['order_items.count'] as Record<string, number>)[String(row['order_items.status'])]).toBe(
        row['order_items.count'],
      );
    }
  });

  test('a pivoted result lists its pivot values in order and limits pivoted rows', async () => {
    const result = await engine.run({ ...pivoted, limit: '2' });
    expect(result.pivots).toEqual(['Cancelled', 'Complete', 'Processing', 'Returned', 'Shipped']);
    expect(result.pivotedRows).toHaveLength(2);
    expect(Object.keys(result.pivotedRows?.[0]?.['order_items.count'] ?? {})).toEqual(result.pivots);
  });

  test('pivoted json_bi reports the pivot field and columns; csv gets a column per pivot value', async () => {
    const bi = JSON.parse((await engine.render(pivoted, 'json_bi')).body) as {
      metadata: {
        fields: { pivots: { name: string }[]; dimensions: { name: string }[] };
        pivots: { key: string; data: Record<string, string> }[];
      };
      rows: Record<string, Record<string, { value: unknown }>>[];
    };
    expect(bi.metadata.fields.pivots.map((f) => f.name)).toEqual(['order_items.status']);
    expect(bi.metadata.fields.dimensions.map((f) => f.name)).toEqual(['order_items.created_year']);
    expect(bi.metadata.pivots[0]).toEqual({
      key: 'Cancelled',
      data: { 'order_items.status': 'Cancelled' },
      sort_values: { 'order_items.status': 'Cancelled' },
      is_total: false,
    });
    expect(typeof bi.rows[0]?.['order_items.count']?.Complete?.value).toBe('number');
    const csv = (await engine.render(pivoted, 'csv')).body.split('\r\n');
    expect(csv[0]).toBe(
      'Order Items Created Year,Order Items Count Cancelled,Order Items Count Complete,Order Items Count Processing,Order Items Count Returned,Order Items Count Shipped',
    );
  });

  test('sorting a pivot descending reverses its columns', async () => {
    const result = await engine.run({ ...pivoted, sorts: ['order_items.created_year', 'order_items.status desc'] });
    expect(result.pivots).toEqual(['Shipped', 'Returned', 'Processing', 'Complete', 'Cancelled']);
  });

  test('a pivot combination with no rows is null', async () => {
    const { pivotedRows } = await engine.run({
      model: 'ecommerce',
      view: 'order_items',
      fields: ['order_items.status', 'order_items.is_returned', 'order_items.count'],
      pivots: ['order_items.is_returned'],
    });
    const complete = pivotedRows?.find((r) => r['order_items.status'] === 'Complete');
    expect(complete?.['order_items.count']).toEqual({ No: expect.any(Number), Yes: null });
  });
});
