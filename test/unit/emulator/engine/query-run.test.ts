import type { Engine, QueryRequest } from '../../../../emulator/engine/types';
import { scalar, testEngine } from '../engine-fixture';

const oi = (fields: string[], extra: Partial<QueryRequest> = {}): QueryRequest => ({
  model: 'ecommerce',
  view: 'order_items',
  fields,
  ...extra,
});

describe('running queries against the demo data', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
  });
  afterAll(() => engine.close());

  /** The value of one measure in a one-row (measures only) query. */
  async function total(query: QueryRequest, measure: string): Promise<number> {
    const { rows } = await engine.run(query);
    expect(rows).toHaveLength(1);
    return Number(rows[0]?.[measure]);
  }

  test('counts per status add up to the total count and match the table', async () => {
    const byStatus = await engine.run(oi(['order_items.status', 'order_items.count']));
    expect(byStatus.rows).toHaveLength(5);
    const sum = byStatus.rows.reduce((acc, r) => acc + Number(r['order_items.count']), 0);
    expect(sum).toBe(await total(oi(['order_items.count']), 'order_items.count'));
    expect(sum).toBe(await scalar(engine, 'SELECT count(*) FROM order_items'));
    for (const row of byStatus.rows) {
      const expected = await scalar(
        engine,
        `SELECT count(*) FROM order_items WHERE status = '${String(row['order_items.status'])}'`,
      );
      expect(row['order_items.count']).toBe(expected);
    }
  });

  test('sum, average, max and count distinct equal plain SQL over the table', async () => {
    const { rows } = await engine.run(
      oi([
        'order_items.total_sale_price',
        'order_items.average_sale_price',
        'order_items.max_sale_price',
        'order_items.order_count',
      ]),
    );
    const [expected] = await engine.sql(
      'SELECT sum(sale_price) AS s, avg(sale_price) AS a, max(sale_price) AS m, count(DISTINCT order_id) AS o FROM order_items',
    );
    expect(rows[0]?.['order_items.total_sale_price']).toBeCloseTo(Number(expected?.s), 2);
    expect(rows[0]?.['order_items.average_sale_price']).toBeCloseTo(Number(expected?.a), 6);
    expect(rows[0]?.['order_items.max_sale_price']).toBe(expected?.m);
    expect(rows[0]?.['order_items.order_count']).toBe(expected?.o);
    expect(typeof rows[0]?.['order_items.order_count']).toBe('number');
  });

  test('a string list filter keeps only the listed values and counts what a hand-written WHERE counts', async () => {
    const { rows, sql } = await engine.run(
      oi(['order_items.status', 'order_items.count'], { filters: { 'order_items.status': 'Complete,Shipped' } }),
    );
    expect(rows.map((r) => r['order_items.status']).sort()).toEqual(['Complete', 'Shipped']);
    expect(sql).toMatch(/WHERE/);
    const negated = await total(
      oi(['order_items.count'], { filters: { 'order_items.status': '-Complete,-Shipped' } }),
      'order_items.count',
    );
    expect(negated).toBe(
      await scalar(engine, "SELECT count(*) FROM order_items WHERE status NOT IN ('Complete', 'Shipped')"),
    );
  });

  test('filters on a joined view join it and select the same rows as SQL does', async () => {
    const count = await total(
      oi(['order_items.count'], { filters: { 'users.first_name': 'Jo%', 'users.age': '[20,30)' } }),
      'order_items.count',
    );
    expect(count).toBe(
      await scalar(
        engine,
        "SELECT count(*) FROM order_items i JOIN users u ON u.id = i.user_id WHERE u.first_name LIKE 'Jo%' AND u.age >= 20 AND u.age < 30",
      ),
    );
    expect(count).toBeGreaterThan(0);
  });

  test('every returned row satisfies a number filter', async () => {
    const { rows } = await engine.run(
      oi(['users.age', 'order_items.count'], { filters: { 'users.age': '>=70 AND <75' } }),
    );
    expect(rows.map((r) => r['users.age']).sort()).toEqual([70, 71, 72, 73, 74]);
  });

  test.each([
    ['7 days', "created_at >= TIMESTAMP '2026-06-09' AND created_at < TIMESTAMP '2026-06-16'"],
    ['last 7 days', "created_at >= TIMESTAMP '2026-06-09' AND created_at < TIMESTAMP '2026-06-16'"],
    ['today', "created_at >= TIMESTAMP '2026-06-15' AND created_at < TIMESTAMP '2026-06-16'"],
    ['yesterday', "created_at >= TIMESTAMP '2026-06-14' AND created_at < TIMESTAMP '2026-06-15'"],
    ['last month', "created_at >= TIMESTAMP '2026-05-01' AND created_at < TIMESTAMP '2026-06-01'"],
    ['this month', "created_at >= TIMESTAMP '2026-06-01' AND created_at < TIMESTAMP '2026-07-01'"],
    ['last week', "created_at >= TIMESTAMP '2026-06-08' AND created_at < TIMESTAMP '2026-06-15'"],
    ['this year', "created_at >= TIMESTAMP '2026-01-01' AND created_at < TIMESTAMP '2027-01-01'"],
    ['2025', "created_at >= TIMESTAMP '2025-01-01' AND created_at < TIMESTAMP '2026-01-01'"],
    ['2025-03', "created_at >= TIMESTAMP '2025-03-01' AND created_at < TIMESTAMP '2025-04-01'"],
    ['2025-03-05', "created_at >= TIMESTAMP '2025-03-05' AND created_at < TIMESTAMP '2025-03-06'"],
    ['2025-01-01 to 2025-02-01', "created_at >= TIMESTAMP '2025-01-01' AND created_at < TIMESTAMP '2025-02-01'"],
    ['before 2024-01-01', "created_at < TIMESTAMP '2024-01-01'"],
    ['after 2026-06-01', "created_at >= TIMESTAMP '2026-06-01'"],
  ])('date filter "%s" selects exactly the rows of a hand-written range', async (expression, where) => {
    const count = await total(
      oi(['order_items.count'], { filters: { 'order_items.created_date': expression } }),
      'order_items.count',
    );
    expect(count).toBe(await scalar(engine, `SELECT count(*) FROM order_items WHERE ${where}`));
    expect(count).toBeGreaterThan(0);
  });

  test('date NULL filters select returned and unreturned items', async () => {
    const returned = await total(
      oi(['order_items.count'], { filters: { 'order_items.returned_date': 'NOT NULL' } }),
      'order_items.count',
    );
    expect(returned).toBe(await scalar(engine, "SELECT count(*) FROM order_items WHERE status = 'Returned'"));
    const open = await total(
      oi(['order_items.count'], { filters: { 'order_items.returned_month': 'NULL' } }),
      'order_items.count',
    );
    expect(open + returned).toBe(100_000);
  });

  test('timeframes come back as Looker formats them', async () => {
    const { rows } = await engine.run(
      oi(
        [
          'order_items.created_date',
          'order_items.created_week',
          'order_items.created_month',
          'order_items.created_year',
          'order_items.count',
        ],
        {
          filters: { 'order_items.created_date': '2026-06-10' },
        },
      ),
    );
    expect(rows).toEqual([
      {
        'order_items.created_date': '2026-06-10',
        'order_items.created_week': '2026-06-08',
        'order_items.created_month': '2026-06',
        'order_items.created_year': 2026,
        'order_items.count': expect.any(Number),
      },
    ]);
  });

  test('weeks start on Monday and count what date_trunc counts', async () => {
    const { rows } = await engine.run(
      oi(['order_items.created_week', 'order_items.count'], { filters: { 'order_items.created_date': '2026-05' } }),
    );
    for (const row of rows) {
      expect(new Date(`${String(row['order_items.created_week'])}T00:00:00Z`).getUTCDay()).toBe(1);
      const expected = await scalar(
        engine,
        `SELECT count(*) FROM order_items WHERE date_trunc('week', created_at) = DATE '${String(row['order_items.created_week'])}'
           AND created_at >= TIMESTAMP '2026-05-01' AND created_at < TIMESTAMP '2026-06-01'`,
      );
      expect(row['order_items.count']).toBe(expected);
    }
  });

  test('yesno dimensions read Yes/No and filter on them', async () => {
    const { rows } = await engine.run(
      oi(['order_items.is_returned', 'order_items.count'], { sorts: ['order_items.is_returned'] }),
    );
    expect(rows.map((r) => r['order_items.is_returned'])).toEqual(['No', 'Yes']);
    const yes = await total(
      oi(['order_items.count'], { filters: { 'order_items.is_returned': 'Yes' } }),
      'order_items.count',
    );
    expect(yes).toBe(await scalar(engine, 'SELECT count(*) FROM order_items WHERE returned_at IS NOT NULL'));
    expect(rows.find((r) => r['order_items.is_returned'] === 'Yes')?.['order_items.count']).toBe(yes);
  });

  test('a measure filter becomes HAVING and keeps only groups that satisfy it', async () => {
    const all = await engine.run(oi(['order_items.status', 'order_items.count']));
    const { rows, sql } = await engine.run(
      oi(['order_items.status', 'order_items.count'], { filters: { 'order_items.count': '>15000' } }),
    );
    expect(sql).toMatch(/HAVING COUNT\(\*\) > 15000/);
    expect(rows).toEqual(all.rows.filter((r) => Number(r['order_items.count']) > 15000));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(all.rows.length);
  });

  test('sorts order rows; the default sort puts the first measure descending', async () => {
    const asc = await engine.run(oi(['order_items.status', 'order_items.count'], { sorts: ['order_items.count'] }));
    const counts = asc.rows.map((r) => Number(r['order_items.count']));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const byDefault = await engine.run(oi(['order_items.status', 'order_items.count']));
    expect(byDefault.rows.map((r) => r['order_items.count'])).toEqual([...counts].reverse());
    const byName = await engine.run(
      oi(['order_items.status', 'order_items.count'], { sorts: ['order_items.status desc'] }),
    );
    expect(byName.rows.map((r) => r['order_items.status'])).toEqual([
      'Shipped',
      'Returned',
      'Processing',
      'Complete',
      'Cancelled',
    ]);
  });

  test('the default sort puts a date dimension first, descending', async () => {
    const { rows } = await engine.run(oi(['order_items.created_month', 'order_items.count']));
    expect(rows[0]?.['order_items.created_month']).toBe('2026-06');
    expect(rows[1]?.['order_items.created_month']).toBe('2026-05');
  });

  test('limits: default 500, explicit, -1 is every row and large values are not capped at 5000, run option overrides', async () => {
    const ids = (limit?: string | number): QueryRequest => oi(['order_items.id'], limit === undefined ? {} : { limit });
    const [{ n: total }] = (await engine.sql('SELECT count(*)::INTEGER AS n FROM order_items')) as [{ n: number }];
    expect(total).toBeGreaterThan(5000);
    expect((await engine.run(ids())).rows).toHaveLength(500);
    expect((await engine.run(ids('3'))).rows).toHaveLength(3);
    expect((await engine.run(ids(7))).rows).toHaveLength(7);
    // Looker's "-1" is unlimited: every row, not a silent cap.
    expect((await engine.run(ids('-1'))).rows).toHaveLength(total);
    expect((await engine.run(ids('6000'))).rows).toHaveLength(6000);
    expect((await engine.run(ids('3'), { limit: 10 })).rows).toHaveLength(10);
  });

  test('a dimension-only query returns distinct values', async () => {
    const { rows } = await engine.run(oi(['users.country']));
    const countries = rows.map((r) => r['users.country']);
    expect(new Set(countries).size).toBe(countries.length);
    expect(countries.length).toBe(
      await scalar(engine, 'SELECT count(DISTINCT u.country) FROM order_items i JOIN users u ON u.id = i.user_id'),
    );
  });

  test('only the joins a query needs are made, transitive ones included', () => {
    expect(engine.compile(oi(['order_items.count'])).sql).not.toMatch(/JOIN/);
    expect(engine.compile(oi(['order_items.count'], { filters: { 'products.brand': 'Nike' } })).sql).toMatch(
      /JOIN products AS products/,
    );
    const transitive = engine.compile({
      model: 'inventory',
      view: 'inventory_items',
      fields: ['distribution_centers.name', 'inventory_items.count'],
    }).sql;
    expect(transitive).toMatch(/JOIN products AS products[\s\S]*JOIN distribution_centers AS distribution_centers/);
  });

  test('a transitively joined dimension groups like plain SQL', async () => {
    const { rows } = await engine.run({
      model: 'inventory',
      view: 'inventory_items',
      fields: ['distribution_centers.name', 'inventory_items.count', 'inventory_items.total_cost'],
    });
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      const [expected] = await engine.sql(
        `SELECT count(*) AS n, sum(v.cost) AS c FROM inventory_items v JOIN products p ON p.id = v.product_id
           JOIN distribution_centers d ON d.id = p.distribution_center_id WHERE d.name = '${String(row['distribution_centers.name'])}'`,
      );
      expect(row['inventory_items.count']).toBe(expected?.n);
      expect(row['inventory_items.total_cost']).toBeCloseTo(Number(expected?.c), 2);
    }
  });

  test('result fields describe the selected fields in order', () => {
    const { fields } = engine.compile(oi(['order_items.status', 'order_items.count']));
    expect(fields).toEqual([
      {
        name: 'order_items.status',
        label: 'Order Items Status',
        label_short: 'Status',
        view: 'order_items',
        type: 'string',
        category: 'dimension',
        is_numeric: false,
        sql: '${TABLE}.status',
      },
      {
        name: 'order_items.count',
        label: 'Order Items Count',
        label_short: 'Count',
        view: 'order_items',
        type: 'count',
        category: 'measure',
        is_numeric: true,
        sql: '',
      },
    ]);
  });
});
