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
  links?: { label: string; url: string; type: string }[];
}
type Row = Record<string, Cell | Record<string, Cell>>;
interface Detail {
  data: Row[];
  has_row_totals: boolean;
  totals_data?: Row;
  pivots: {
    key: string;
    is_total: boolean;
    labels: Record<string, string>;
    metadata: Record<string, Cell>;
  }[];
  fields: { table_calculations: { name: string }[] };
}

const detail = async (query: QueryRequest, options?: RenderOptions) =>
  JSON.parse((await engine.render(query, 'json_detail', options)).body) as Detail;

const pivoted: QueryRequest = {
  model: 'ecommerce',
  view: 'order_items',
  fields: ['products.category', 'order_items.status', 'order_items.count', 'order_items.average_sale_price'],
  pivots: ['order_items.status'],
  sorts: ['products.category'],
  limit: '3',
  total: true,
};

describe('generate_drill_links', () => {
  it('is on by default: drill-menu pivot labels with the value in metadata, links on cells and totals', async () => {
    const body = await detail(pivoted);
    for (const p of body.pivots) {
      expect(p.labels['order_items.status']).toBe(
        `<a href='#drillmenu' target='_self'>${String(p.metadata['order_items.status']?.value)}</a>`,
      );
    }
    // `order_items.count` declares drill fields: "Show All <n>" filtered on the row.
    const cell = (body.data[0]?.['order_items.count'] as Record<string, Cell>)[body.pivots[0]?.key ?? ''];
    expect(cell?.links?.[0]).toEqual(
      expect.objectContaining({ type: 'measure_default', label: `Show All ${cell?.rendered ?? String(cell?.value)}` }),
    );
    expect(cell?.links?.[0]?.url).toContain('f[products.category]=');
    const total = (body.totals_data?.['order_items.count'] as Record<string, Cell>)[body.pivots[0]?.key ?? ''];
    expect(total?.links?.length).toBeGreaterThan(0);
  });

  it('false gives plain labels and no links anywhere', async () => {
    const body = await detail(pivoted, { drillLinks: false });
    expect(body.pivots.map((p) => p.labels['order_items.status'])).toEqual(
      body.pivots.map((p) => p.metadata['order_items.status']?.value),
    );
    expect(JSON.stringify(body)).not.toMatch(/drillmenu|"links"/);
  });
});

test('rendered only for formatted fields: counts and value formats, never an unformatted average', async () => {
  const body = await detail(
    {
      model: 'ecommerce',
      view: 'order_items',
      fields: ['products.category', 'order_items.count', 'order_items.average_sale_price', 'avg_cost'],
      limit: '5',
      dynamic_fields: JSON.stringify([
        { measure: 'avg_cost', based_on: 'products.cost', type: 'average', label: 'Average Cost' },
      ]),
    },
    { drillLinks: false },
  );
  for (const row of body.data) {
    const count = row['order_items.count'] as Cell;
    expect(count.rendered ?? String(count.value)).toBe((count.value as number).toLocaleString('en-US'));
    expect((row['order_items.average_sale_price'] as Cell).rendered).toMatch(/^\$\d[\d,]*\.\d{2}$/);
    expect(Object.keys(row.avg_cost as Cell)).toEqual(['value']);
  }
});

test('row totals: under $$$_row_total_$$$ per row and in the totals, computed over the row, not summed', async () => {
  const body = await detail({ ...pivoted, row_total: 'right' }, { drillLinks: false });
  expect(body.has_row_totals).toBe(true);
  expect(body.pivots.at(-1)).toEqual(expect.objectContaining({ key: '$$$_row_total_$$$', is_total: true }));
  for (const row of body.data) {
    const category = (row['products.category'] as Cell).value as string;
    const where = `FROM order_items JOIN products ON products.id = order_items.product_id WHERE products.category = '${category.replace(/'/g, "''")}'`;
    const count = (row['order_items.count'] as Record<string, Cell>)['$$$_row_total_$$$'];
    expect(count?.value).toBe(await scalar(engine, `SELECT COUNT(*) ${where}`));
    const average = (row['order_items.average_sale_price'] as Record<string, Cell>)['$$$_row_total_$$$'];
    expect(Number(average?.value)).toBeCloseTo(await scalar(engine, `SELECT AVG(order_items.sale_price) ${where}`), 6);
  }
  const grand = (body.totals_data?.['order_items.count'] as Record<string, Cell>)['$$$_row_total_$$$'];
  expect(grand?.value).toBe(await scalar(engine, 'SELECT COUNT(*) FROM order_items'));
  // Without row_total: none.
  const plain = await detail(pivoted, { drillLinks: false });
  expect(plain.has_row_totals).toBe(false);
  expect(JSON.stringify(plain)).not.toContain('$$$_row_total_$$$');
});

test('server_table_calcs: false sends the calculations’ definitions without their values', async () => {
  const query: QueryRequest = {
    model: 'ecommerce',
    view: 'order_items',
    fields: ['products.category', 'order_items.count'],
    limit: '2',
    dynamic_fields: JSON.stringify([
      { table_calculation: 'twice', label: 'Twice', expression: '${order_items.count} * 2' },
    ]),
  };
  const computed = await detail(query, { drillLinks: false });
  expect((computed.data[0]?.twice as Cell).value).toBe(
    ((computed.data[0]?.['order_items.count'] as Cell).value as number) * 2,
  );
  const left = await detail(query, { drillLinks: false, serverTableCalcs: false });
  expect(left.fields.table_calculations.map((c) => c.name)).toEqual(['twice']);
  expect(left.data[0]?.twice).toBeUndefined();
});
