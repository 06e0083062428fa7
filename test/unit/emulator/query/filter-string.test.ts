import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { FilterSyntaxError } from '../../../../emulator/query/filter-error';
import { parseStringFilter, stringFilterSql } from '../../../../emulator/query/filter-string';

const VALUES = [
  'Complete',
  'Shipped',
  'Cancelled',
  'Johnson',
  'Jones',
  'Jackson',
  'test-user',
  'a,b',
  '100%',
  'x_y',
  'xzy',
  '',
  null,
];

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  const rows = VALUES.map((v) => `(${v === null ? 'NULL' : `'${v}'`})`).join(', ');
  await connection.run(`CREATE TABLE t AS SELECT * FROM (VALUES ${rows}) v(s)`);
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** The values a filter expression keeps, evaluated by DuckDB on the generated SQL. */
async function matching(expression: string): Promise<(string | null)[]> {
  const reader = await connection.runAndReadAll(`SELECT s FROM t WHERE ${stringFilterSql(expression, 's')}`);
  return reader.getRowsJS().map((r) => (r[0] === null ? null : String(r[0])));
}

describe('string filter expressions', () => {
  test('an exact value matches only that value, case-sensitively', async () => {
    expect(await matching('Complete')).toEqual(['Complete']);
    expect(await matching('complete')).toEqual([]);
  });

  test('a comma list matches any of its values', async () => {
    expect((await matching('Complete,Shipped')).sort()).toEqual(['Complete', 'Shipped']);
  });

  test('a leading dash negates and keeps NULLs, as Looker does', async () => {
    const kept = await matching('-Cancelled');
    expect(kept).not.toContain('Cancelled');
    expect(kept).toContain(null);
    expect(kept).toHaveLength(VALUES.length - 1);
  });

  test('several negations are all applied', async () => {
    const kept = await matching('-Complete,-Shipped');
    expect(kept).not.toContain('Complete');
    expect(kept).not.toContain('Shipped');
    expect(kept).toHaveLength(VALUES.length - 2);
  });

  test('% wildcards: starts with, ends with, contains, and negated contains', async () => {
    expect((await matching('Jo%')).sort()).toEqual(['Johnson', 'Jones']);
    expect((await matching('%son')).sort()).toEqual(['Jackson', 'Johnson']);
    expect(await matching('%test%')).toEqual(['test-user']);
    expect(await matching('-%test%')).not.toContain('test-user');
  });

  test('positive terms are OR-ed and negative terms AND-ed onto them', async () => {
    expect((await matching('J%,-Jones')).sort()).toEqual(['Jackson', 'Johnson']);
  });

  test('_ matches one character', async () => {
    expect((await matching('x_y')).sort()).toEqual(['x_y', 'xzy']);
  });

  test('NULL, -NULL, EMPTY and -EMPTY', async () => {
    expect(await matching('NULL')).toEqual([null]);
    expect(await matching('-NULL')).not.toContain(null);
    expect((await matching('EMPTY')).sort()).toEqual(['', null].sort());
    const notEmpty = await matching('-EMPTY');
    expect(notEmpty).not.toContain('');
    expect(notEmpty).not.toContain(null);
  });

  test('^ escapes a comma, a wildcard and a leading dash', async () => {
    expect(await matching('a^,b')).toEqual(['a,b']);
    expect(await matching('100^%')).toEqual(['100%']);
    expect(await matching('x^_y')).toEqual(['x_y']);
    expect(parseStringFilter('^-5')).toEqual([{ negated: false, kind: 'equals', value: '-5' }]);
  });

  test('a hostile value stays a quoted literal', async () => {
    expect(stringFilterSql("x' OR 1=1 --", 's')).toBe("s = 'x'' OR 1=1 --'");
    expect(await matching("x' OR 1=1 --")).toEqual([]);
  });

  test('parsed terms name their kind', () => {
    expect(parseStringFilter('Jo%,-NULL')).toEqual([
      { negated: false, kind: 'like', value: 'Jo%' },
      { negated: true, kind: 'null', value: '' },
    ]);
  });

  test('FilterSyntaxError names the expression', () => {
    expect(new FilterSyntaxError('x', 'why').message).toContain('"x"');
  });
});
