import type { Engine } from '../../../../emulator/engine/types';
import { datasetSize } from '../../../../emulator/data/dataset-size';
import { SEED, scalar, testEngine } from '../engine-fixture';

const TABLES = ['distribution_centers', 'products', 'users', 'orders', 'order_items', 'inventory_items'];

/** A digest of every row of every table, to compare data sets. */
async function digest(engine: Engine): Promise<string[]> {
  const digests: string[] = [];
  for (const table of TABLES) {
    const [row] = await engine.sql(`SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY id)) AS d FROM ${table} t`);
    digests.push(String(row?.d));
  }
  return digests;
}

describe('demo data set', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
  });
  afterAll(() => engine.close());

  test('scale 1 has 100,000 order items and the planned table sizes', async () => {
    expect(await engine.tableSizes()).toEqual({
      distribution_centers: 10,
      products: 2500,
      users: 15000,
      orders: expect.any(Number),
      order_items: 100_000,
      inventory_items: 150_000,
    });
    const orders = (await engine.tableSizes()).orders ?? 0;
    expect(orders).toBeGreaterThan(38_000);
    expect(orders).toBeLessThan(42_000);
  });

  test('primary keys are unique and dense', async () => {
    for (const table of TABLES) {
      const [row] = await engine.sql(
        `SELECT count(*) AS n, count(DISTINCT id) AS d, min(id) AS lo, max(id) AS hi FROM ${table}`,
      );
      expect(row).toEqual({ n: row?.d, d: row?.hi, lo: 1, hi: row?.n });
    }
  });

  test("order items belong to existing orders, with the order's user, and orders count their items", async () => {
    expect(
      await scalar(
        engine,
        'SELECT count(*) FROM order_items i LEFT JOIN orders o ON o.id = i.order_id WHERE o.id IS NULL OR o.user_id <> i.user_id OR o.status <> i.status',
      ),
    ).toBe(0);
    expect(
      await scalar(
        engine,
        `SELECT count(*) FROM orders o LEFT JOIN (SELECT order_id, count(*) AS n FROM order_items GROUP BY 1) i ON i.order_id = o.id
                                 WHERE coalesce(i.n, 0) <> o.num_of_item`,
      ),
    ).toBe(0);
    expect(
      await scalar(
        engine,
        'SELECT count(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE u.id IS NULL OR o.created_at < u.created_at',
      ),
    ).toBe(0);
  });

  test('products, distribution centres and inventory are referentially consistent', async () => {
    expect(
      await scalar(
        engine,
        'SELECT count(*) FROM order_items i LEFT JOIN products p ON p.id = i.product_id WHERE p.id IS NULL OR i.sale_price <> p.retail_price',
      ),
    ).toBe(0);
    expect(
      await scalar(
        engine,
        'SELECT count(*) FROM products p LEFT JOIN distribution_centers d ON d.id = p.distribution_center_id WHERE d.id IS NULL',
      ),
    ).toBe(0);
    expect(
      await scalar(
        engine,
        'SELECT count(*) FROM inventory_items v LEFT JOIN products p ON p.id = v.product_id WHERE p.id IS NULL OR v.cost <> p.cost',
      ),
    ).toBe(0);
    expect(await scalar(engine, 'SELECT count(*) FROM products WHERE cost >= retail_price OR cost <= 0')).toBe(0);
  });

  test('values come from realistic sets', async () => {
    const statuses = await engine.sql('SELECT DISTINCT status FROM order_items ORDER BY 1');
    expect(statuses.map((r) => r.status)).toEqual(['Cancelled', 'Complete', 'Processing', 'Returned', 'Shipped']);
    const [ages] = await engine.sql('SELECT min(age) AS lo, max(age) AS hi FROM users');
    expect(ages).toEqual({ lo: 12, hi: 80 });
    const genders = await engine.sql('SELECT DISTINCT gender FROM users ORDER BY 1');
    expect(genders.map((r) => r.gender)).toEqual(['F', 'M']);
    expect(await scalar(engine, "SELECT count(*) FROM users WHERE email NOT LIKE '%@example.com'")).toBe(0);
    expect(await scalar(engine, 'SELECT count(DISTINCT country) FROM users')).toBeGreaterThanOrEqual(5);
  });

  test('returned_at is set exactly for returned items, mostly NULL, and never before the sale', async () => {
    expect(
      await scalar(engine, "SELECT count(*) FROM order_items WHERE (returned_at IS NOT NULL) <> (status = 'Returned')"),
    ).toBe(0);
    expect(await scalar(engine, 'SELECT count(*) FROM order_items WHERE returned_at < created_at')).toBe(0);
    const share = await scalar(
      engine,
      'SELECT avg(CASE WHEN returned_at IS NULL THEN 1.0 ELSE 0 END) FROM order_items',
    );
    expect(share).toBeGreaterThan(0.8);
  });

  test('dates span about three years ending on the reference day, which has data', async () => {
    const [range] = await engine.sql(
      'SELECT min(created_at)::VARCHAR AS lo, max(created_at)::VARCHAR AS hi FROM order_items',
    );
    expect(String(range?.hi) < '2026-06-16').toBe(true);
    expect(String(range?.lo) >= '2023-06-16').toBe(true);
    expect(
      await scalar(engine, "SELECT count(*) FROM order_items WHERE created_at >= TIMESTAMP '2026-06-15'"),
    ).toBeGreaterThan(0);
  });

  test('the same seed and reference date give identical data; another seed differs', async () => {
    const again = await testEngine();
    const other = await testEngine({ seed: SEED + 1 });
    try {
      const first = await digest(engine);
      expect(await digest(again)).toEqual(first);
      const different = await digest(other);
      TABLES.forEach((table, i) => {
        if (table !== 'distribution_centers')
          expect({ table, digest: different[i] }).not.toEqual({ table, digest: first[i] });
      });
    } finally {
      await again.close();
      await other.close();
    }
  });
});

describe('data set sizes', () => {
  test('scale 100 plans 10 million order items; fractional scales shrink every table', () => {
    expect(datasetSize(100).orderItems).toBe(10_000_000);
    const small = datasetSize(0.1);
    expect(small.orderItems).toBe(10_000);
    expect(small.users).toBe(1_500);
    expect(small.products).toBeLessThan(datasetSize(1).products);
  });

  test('a non-positive scale is refused', () => {
    expect(() => datasetSize(0)).toThrow(RangeError);
    expect(() => datasetSize(Number.NaN)).toThrow(RangeError);
  });

  test('a fractional scale builds exactly the planned number of items', async () => {
    const small = await testEngine({ scale: 0.05 });
    try {
      expect((await small.tableSizes()).order_items).toBe(5_000);
    } finally {
      await small.close();
    }
  });
});
