import type { Engine, QueryRequest, RenderOptions } from '../../../../emulator/engine/types';
import { scalar, testEngine } from '../engine-fixture';

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine({ scale: 0.05 });
});
afterAll(() => engine.close());

interface Cell {
  value: unknown;
  rendered?: string;
}
interface Detail {
  fields: {
    dimensions: { name: string; value_format: string | null }[];
    measures: { name: string; value_format: string | null }[];
    table_calculations: { name: string; value_format: string | null }[];
  };
  data: Record<string, Cell | Record<string, Cell>>[];
  has_totals: boolean;
  totals_data?: Record<string, Cell | Record<string, Cell>>;
  pivots: { key: string; data: Record<string, unknown>; labels: Record<string, string> }[];
}

const detail = async (query: QueryRequest, options?: RenderOptions) =>
  JSON.parse((await engine.render(query, 'json_detail', options)).body) as Detail;

const monthly: QueryRequest = {
  model: 'ecommerce',
  view: 'order_items',
  fields: [
    'order_items.created_month',
    'order_items.returned_share',
    'order_items.total_sale_price',
    'order_items.count',
  ],
  sorts: ['order_items.created_month desc'],
  limit: '3',
  total: true,
};

test('fields carry their value format; currency and percent cells are rendered with it, dates as they are', async () => {
  const body = await detail(monthly);
  expect(Object.fromEntries(body.fields.measures.map((f) => [f.name, f.value_format]))).toEqual({
    'order_items.returned_share': '#,##0.0%',
    'order_items.total_sale_price': '$#,##0.00',
    'order_items.count': null,
  });
  for (const row of body.data) {
    const price = row['order_items.total_sale_price'] as Cell;
    const share = row['order_items.returned_share'] as Cell;
    const month = row['order_items.created_month'] as Cell;
    expect(price.rendered).toBe(
      `$${Number(price.value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    );
    expect(share.rendered).toBe(`${(Number(share.value) * 100).toFixed(1)}%`);
    expect(month.value).toMatch(/^\d{4}-\d{2}$/);
    expect(month.rendered).toBeUndefined();
  }
});

test('totals (`totals_data`) equal a separate aggregate over every row, not the sum of the rows shown', async () => {
  const body = await detail(monthly);
  expect(body.has_totals).toBe(true);
  const totals = body.totals_data ?? {};
  const count = await scalar(engine, 'SELECT COUNT(*) FROM order_items');
  const revenue = await scalar(engine, 'SELECT SUM(sale_price) FROM order_items');
  const share = await scalar(
    engine,
    'SELECT AVG(CASE WHEN returned_at IS NOT NULL THEN 1.0 ELSE 0.0 END) FROM order_items',
  );
  expect((totals['order_items.count'] as Cell).value).toBe(count);
  expect(Number((totals['order_items.total_sale_price'] as Cell).value)).toBeCloseTo(revenue, 2);
  expect(Number((totals['order_items.returned_share'] as Cell).value)).toBeCloseTo(share, 6);
  expect((totals['order_items.returned_share'] as Cell).rendered).toBe(`${(share * 100).toFixed(1)}%`);
  // Without `total`, no totals.
  expect((await detail({ ...monthly, total: false })).has_totals).toBe(false);
});

test('pivoted results name their pivot columns, and totals come per pivot key', async () => {
  const body = await detail(
    {
      model: 'ecommerce',
      view: 'order_items',
      fields: ['products.department', 'order_items.status', 'order_items.count'],
      pivots: ['order_items.status'],
      limit: '5',
      total: true,
    },
    { drillLinks: false },
  );
  const statuses = (await engine.sql('SELECT DISTINCT status FROM order_items ORDER BY status')).map((r) => r.status);
  expect(body.pivots.map((p) => p.key)).toEqual(statuses);
  expect(body.pivots.map((p) => p.labels['order_items.status'])).toEqual(statuses);
  const totals = body.totals_data?.['order_items.count'] as Record<string, Cell>;
  for (const status of statuses) {
    expect(totals[String(status)]?.value).toBe(
      await scalar(engine, `SELECT COUNT(*) FROM order_items WHERE status = '${String(status)}'`),
    );
  }
});

test('a table calculation carries the value format its dynamic field names', async () => {
  const body = await detail({
    model: 'ecommerce',
    view: 'order_items',
    fields: ['products.category', 'order_items.total_sale_price', 'order_items.count'],
    limit: '2',
    dynamic_fields: JSON.stringify([
      {
        table_calculation: 'avg_price',
        label: 'Average Price',
        expression: '${order_items.total_sale_price} / ${order_items.count}',
        value_format_name: 'usd',
      },
    ]),
  });
  expect(body.fields.table_calculations).toEqual([
    expect.objectContaining({ name: 'avg_price', value_format: '$#,##0.00' }),
  ]);
  expect((body.data[0]?.avg_price as Cell).rendered).toMatch(/^\$[\d,]+\.\d{2}$/);
});
