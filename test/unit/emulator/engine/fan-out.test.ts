import { DuckDBInstance } from '@duckdb/node-api';
import type { Engine, QueryRequest } from '../../../../emulator/engine/types';
import { viewFields } from '../../../../emulator/query/explore-catalog';
import { measureSql } from '../../../../emulator/query/measure-sql';
import { views } from '../../../../emulator/model/views';
import { scalar, testEngine } from '../engine-fixture';

const usersExplore = (fields: string[], extra: Partial<QueryRequest> = {}): QueryRequest => ({
  model: 'ecommerce',
  view: 'users',
  fields,
  ...extra,
});

describe('measures stay correct when joins fan rows out (symmetric aggregates)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
  });
  afterAll(() => engine.close());

  test('users joined to their orders: user count and average age equal the users table alone', async () => {
    const { rows } = await engine.run(usersExplore(['users.count', 'users.average_age', 'orders.count']));
    expect(rows[0]?.['users.count']).toBe(await scalar(engine, 'SELECT count(*) FROM users'));
    expect(rows[0]?.['users.average_age']).toBeCloseTo(await scalar(engine, 'SELECT avg(age) FROM users'), 9);
    expect(rows[0]?.['orders.count']).toBe(await scalar(engine, 'SELECT count(*) FROM orders'));
    // The naive join average differs, so the check above is meaningful.
    const naive = await scalar(engine, 'SELECT avg(u.age) FROM users u LEFT JOIN orders o ON o.user_id = u.id');
    expect(Math.abs(naive - Number(rows[0]?.['users.average_age']))).toBeGreaterThan(1e-6);
  });

  test('grouped by country, each group matches an un-joined aggregate', async () => {
    const { rows } = await engine.run(
      usersExplore(['users.country', 'users.count', 'users.average_age', 'orders.count', 'orders.average_items']),
    );
    const expected = await engine.sql(
      `SELECT u.country, count(*) AS users, avg(age) AS age,
              (SELECT count(*) FROM orders o JOIN users x ON x.id = o.user_id WHERE x.country = u.country) AS orders,
              (SELECT avg(num_of_item) FROM orders o JOIN users x ON x.id = o.user_id WHERE x.country = u.country) AS items
       FROM users u GROUP BY 1`,
    );
    expect(rows).toHaveLength(expected.length);
    for (const e of expected) {
      const row = rows.find((r) => r['users.country'] === e.country);
      expect(row?.['users.count']).toBe(e.users);
      expect(row?.['users.average_age']).toBeCloseTo(Number(e.age), 9);
      expect(row?.['orders.count']).toBe(e.orders);
      expect(row?.['orders.average_items']).toBeCloseTo(Number(e.items), 9);
    }
  });

  test('a filter on the many side keeps each matching user once', async () => {
    const { rows } = await engine.run(
      usersExplore(['users.count', 'users.average_age'], { filters: { 'orders.status': 'Complete' } }),
    );
    const where = "id IN (SELECT user_id FROM orders WHERE status = 'Complete')";
    expect(rows[0]?.['users.count']).toBe(await scalar(engine, `SELECT count(*) FROM users WHERE ${where}`));
    expect(rows[0]?.['users.average_age']).toBeCloseTo(
      await scalar(engine, `SELECT avg(age) FROM users WHERE ${where}`),
      9,
    );
  });

  test("many_to_one joined views: buyers' average age and orders' average items per item status", async () => {
    const { rows } = await engine.run({
      model: 'ecommerce',
      view: 'order_items',
      fields: [
        'order_items.status',
        'users.count',
        'users.average_age',
        'orders.count',
        'orders.average_items',
        'order_items.count',
      ],
    });
    for (const row of rows) {
      const status = String(row['order_items.status']);
      const [e] = await engine.sql(
        `SELECT (SELECT count(*) FROM users WHERE id IN (SELECT user_id FROM order_items WHERE status = '${status}')) AS users,
                (SELECT avg(age) FROM users WHERE id IN (SELECT user_id FROM order_items WHERE status = '${status}')) AS age,
                (SELECT count(*) FROM orders WHERE id IN (SELECT order_id FROM order_items WHERE status = '${status}')) AS orders,
                (SELECT avg(num_of_item) FROM orders WHERE id IN (SELECT order_id FROM order_items WHERE status = '${status}')) AS items,
                (SELECT count(*) FROM order_items WHERE status = '${status}') AS n`,
      );
      expect(row['users.count']).toBe(e?.users);
      expect(row['users.average_age']).toBeCloseTo(Number(e?.age), 9);
      expect(row['orders.count']).toBe(e?.orders);
      expect(row['orders.average_items']).toBeCloseTo(Number(e?.items), 9);
      expect(row['order_items.count']).toBe(e?.n);
    }
  });

  test('products averaged through inventory equal the catalogue alone', async () => {
    const { rows } = await engine.run({
      model: 'inventory',
      view: 'inventory_items',
      fields: ['products.count', 'products.average_retail_price', 'inventory_items.count'],
    });
    expect(rows[0]?.['products.average_retail_price']).toBeCloseTo(
      await scalar(
        engine,
        'SELECT avg(retail_price) FROM products WHERE id IN (SELECT product_id FROM inventory_items)',
      ),
      9,
    );
    expect(rows[0]?.['products.count']).toBe(
      await scalar(engine, 'SELECT count(DISTINCT product_id) FROM inventory_items'),
    );
  });

  test("a fanned-out sum adds each primary key's value once", async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const userView = views.find((v) => v.name === 'users');
      const ageField = userView && viewFields(userView).find((f) => f.name === 'users.average_age');
      if (!ageField) throw new Error('users.average_age missing');
      const sumOfAges = measureSql({ ...ageField, measureType: 'sum' }, 'users.id', true, true);
      // User 1 (age 30) has three orders, user 2 (age 50) one, user 3 (age NULL) none.
      await connection.run(`CREATE TABLE users AS SELECT * FROM (VALUES (1, 30), (2, 50), (3, NULL)) t(id, age)`);
      await connection.run(
        `CREATE TABLE orders AS SELECT * FROM (VALUES (10, 1), (11, 1), (12, 1), (13, 2)) t(id, user_id)`,
      );
      const reader = await connection.runAndReadAll(
        `SELECT ${sumOfAges} FROM users LEFT JOIN orders ON orders.user_id = users.id`,
      );
      expect(Number(reader.getRowsJS()[0]?.[0])).toBe(80);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
