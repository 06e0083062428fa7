import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { FilterSyntaxError } from '../../../../emulator/query/filter-error';
import { numberFilterSql, parseNumberFilter } from '../../../../emulator/query/filter-number';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run('CREATE TABLE t AS SELECT CASE WHEN i = 0 THEN NULL ELSE i END AS n FROM range(0, 13) r(i)');
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** The values 1..12 (and NULL) a number filter keeps, evaluated by DuckDB. */
async function matching(expression: string): Promise<(number | null)[]> {
  const reader = await connection.runAndReadAll(
    `SELECT n FROM t WHERE ${numberFilterSql(expression, 'n')} ORDER BY n NULLS FIRST`,
  );
  return reader.getRowsJS().map((r) => (r[0] === null ? null : Number(r[0])));
}

describe('number filter expressions', () => {
  test.each([
    ['5', [5]],
    ['5,7', [5, 7]],
    ['>10', [11, 12]],
    ['>=10', [10, 11, 12]],
    ['<3', [1, 2]],
    ['<=3', [1, 2, 3]],
    ['=4', [4]],
    ['[1,3]', [1, 2, 3]],
    ['(1,3)', [2]],
    ['[1,3)', [1, 2]],
    ['(10,12]', [11, 12]],
    ['>=5 AND <=7', [5, 6, 7]],
    ['5 to 7', [5, 6, 7]],
    ['<2 OR >11', [1, 12]],
    ['1, >=11', [1, 11, 12]],
    ['NULL', [null]],
  ])('%s', async (expression, expected) => {
    expect(await matching(expression)).toEqual(expected);
  });

  test('NOT NULL keeps every number', async () => {
    expect(await matching('NOT NULL')).toHaveLength(12);
  });

  test.each(['NOT 5', '<>5', '!=5'])('%s excludes 5 and keeps NULL', async (expression) => {
    const kept = await matching(expression);
    expect(kept).not.toContain(5);
    expect(kept).toContain(null);
    expect(kept).toHaveLength(12);
  });

  test('NOT applies to a whole list', async () => {
    const kept = await matching('NOT 1, 2, 3');
    expect(kept).toEqual([null, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  test('NOT applies to a range', async () => {
    expect(await matching('NOT [2,11]')).toEqual([null, 1, 12]);
    expect(await matching('not (1,12)')).toEqual([null, 1, 12]);
  });

  test('negative and decimal numbers are values, not negations', () => {
    expect(parseNumberFilter('-5')).toEqual([[{ kind: 'compare', op: '=', value: -5 }]]);
    expect(parseNumberFilter('>-2.5')).toEqual([[{ kind: 'compare', op: '>', value: -2.5 }]]);
  });

  test.each(['abc', '>', '[1,2', '5 to', '1; DROP TABLE t', "5' OR 1=1 --", 'NULL 5', ''])(
    '"%s" is rejected',
    (expression) => {
      expect(() => parseNumberFilter(expression)).toThrow(FilterSyntaxError);
    },
  );
});
