import {
  QueryValidationError,
  UnknownExploreError,
  type Engine,
  type QueryRequest,
} from '../../../../emulator/engine/types';
import { scalar, testEngine } from '../engine-fixture';

const oi = (fields: string[], extra: Partial<QueryRequest> = {}): QueryRequest => ({
  model: 'ecommerce',
  view: 'order_items',
  fields,
  ...extra,
});

/** The validation details a query is refused with (fails the test if it is accepted). */
function errorsOf(engine: Engine, query: QueryRequest): QueryValidationError['errors'] {
  try {
    engine.compile(query);
  } catch (error) {
    if (error instanceof QueryValidationError) return error.errors;
    throw error;
  }
  throw new Error('query was accepted');
}

describe('invalid queries', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine({ scale: 0.1 });
  });
  afterAll(() => engine.close());

  test('an unknown field is not_found, named', () => {
    expect(errorsOf(engine, oi(['order_items.status', 'order_items.nope']))).toEqual([
      { field: 'order_items.nope', code: 'not_found', message: expect.stringContaining('order_items.nope') },
    ]);
  });

  test('a field of a view outside the explore is not_found', () => {
    expect(errorsOf(engine, oi(['inventory_items.cost']))).toEqual([
      expect.objectContaining({ field: 'inventory_items.cost', code: 'not_found' }),
    ]);
  });

  test('unknown models and explores raise UnknownExploreError, also from run', async () => {
    expect(() => engine.compile({ model: 'ecommerce', view: 'nope', fields: ['order_items.count'] })).toThrow(
      UnknownExploreError,
    );
    expect(() => engine.compile({ model: 'nope', view: 'order_items', fields: ['order_items.count'] })).toThrow(
      UnknownExploreError,
    );
    await expect(engine.run({ model: 'nope', view: 'x', fields: [] })).rejects.toBeInstanceOf(UnknownExploreError);
  });

  test.each([
    ['users.age', 'abc'],
    ['users.age', '>'],
    ['order_items.created_date', 'soon'],
    ['order_items.created_month', '2025-13'],
    ['order_items.is_returned', 'maybe'],
    ['order_items.count', 'lots'],
  ])('a malformed filter on %s ("%s") is invalid, named', (field, expression) => {
    expect(errorsOf(engine, oi(['order_items.count'], { filters: { [field]: expression } }))).toEqual([
      { field, code: 'invalid', message: expect.stringContaining(expression) },
    ]);
  });

  test('a filter on an unknown field is not_found; an empty filter is ignored', () => {
    expect(errorsOf(engine, oi(['order_items.count'], { filters: { 'users.shoe_size': '42' } }))).toEqual([
      expect.objectContaining({ field: 'users.shoe_size', code: 'not_found' }),
    ]);
    expect(engine.compile(oi(['order_items.count'], { filters: { 'users.age': '' } })).sql).not.toMatch(/WHERE/);
  });

  test.each(['abc', '-5', '1.5', '0', '10 rows'])('limit "%s" is invalid', (limit) => {
    expect(errorsOf(engine, oi(['order_items.count'], { limit }))).toEqual([
      { field: 'limit', code: 'invalid', message: expect.any(String) },
    ]);
  });

  test('sorts on unknown fields and malformed sorts are refused', () => {
    expect(errorsOf(engine, oi(['order_items.count'], { sorts: ['order_items.nope desc'] }))).toEqual([
      expect.objectContaining({ field: 'order_items.nope', code: 'not_found' }),
    ]);
    expect(errorsOf(engine, oi(['order_items.count'], { sorts: ['order_items.count sideways'] }))).toEqual([
      expect.objectContaining({ code: 'invalid' }),
    ]);
  });

  test('a pivot must be a dimension', () => {
    expect(
      errorsOf(engine, oi(['order_items.status', 'order_items.count'], { pivots: ['order_items.count'] })),
    ).toEqual([expect.objectContaining({ field: 'order_items.count', code: 'invalid' })]);
  });

  test('a query without fields is missing its fields', () => {
    expect(errorsOf(engine, oi([]))).toEqual([expect.objectContaining({ field: 'fields', code: 'missing' })]);
  });

  test('every problem of a query is reported at once', () => {
    const errors = errorsOf(
      engine,
      oi(['order_items.nope', 'order_items.count'], { filters: { 'users.age': 'x' }, limit: 'many' }),
    );
    expect(errors.map((e) => e.field).sort()).toEqual(['limit', 'order_items.nope', 'users.age']);
  });
});

describe('hostile input stays inert', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine({ scale: 0.1 });
  });
  afterAll(() => engine.close());

  test("a string filter x' OR 1=1 -- matches nothing instead of everything", async () => {
    const { rows, sql } = await engine.run(
      oi(['order_items.count'], { filters: { 'order_items.status': "x' OR 1=1 --" } }),
    );
    expect(rows[0]?.['order_items.count']).toBe(0);
    expect(sql).toContain("'x'' OR 1=1 --'");
  });

  test('a filter trying to drop a table leaves the table in place', async () => {
    const before = await scalar(engine, 'SELECT count(*) FROM users');
    await engine.run(oi(['order_items.count'], { filters: { 'users.first_name': "'; DROP TABLE users; --" } }));
    await engine.run(oi(['order_items.count'], { filters: { 'users.city': "%'); DELETE FROM users; --%" } }));
    expect(await scalar(engine, 'SELECT count(*) FROM users')).toBe(before);
  });

  test('SQL in field names, sorts, number and date filters is refused', () => {
    expect(errorsOf(engine, oi(['order_items.count; DROP TABLE users']))[0]?.code).toBe('not_found');
    expect(errorsOf(engine, oi(['order_items.count'], { sorts: ['order_items.count; DROP TABLE users'] })).length).toBe(
      1,
    );
    expect(errorsOf(engine, oi(['order_items.count'], { filters: { 'users.age': '1) OR (1=1' } }))[0]?.code).toBe(
      'invalid',
    );
    expect(
      errorsOf(engine, oi(['order_items.count'], { filters: { 'order_items.created_date': "2025' OR '1'='1" } }))[0]
        ?.code,
    ).toBe('invalid');
  });
});
