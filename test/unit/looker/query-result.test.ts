import { parseJsonBi } from '../../../src/looker/query-result';

test('json_bi rows are flattened and fields carry their kind', () => {
  const parsed = parseJsonBi(
    JSON.stringify({
      metadata: {
        fields: {
          dimensions: [{ name: 'orders.status', label: 'Orders Status', label_short: 'Status', type: 'string' }],
          measures: [{ name: 'orders.count', label: 'Orders Count', type: 'count' }],
          table_calculations: [],
        },
        sql: 'SELECT 1',
      },
      rows: [{ 'orders.status': { value: 'Complete' }, 'orders.count': { value: 3 } }],
    }),
  );
  expect(parsed.fields).toEqual([
    { name: 'orders.status', label: 'Status', type: 'string', isMeasure: false },
    { name: 'orders.count', label: 'Orders Count', type: 'count', isMeasure: true },
  ]);
  expect(parsed.rows).toEqual([{ 'orders.status': 'Complete', 'orders.count': 3 }]);
  expect(parsed.sql).toBe('SELECT 1');
});

test('pivoted measures keep one value per pivot', () => {
  const parsed = parseJsonBi({
    metadata: { fields: { dimensions: [], measures: [] } },
    rows: [{ 'orders.count': { Complete: { value: 2 }, Shipped: { value: 5 } } }],
  });
  expect(parsed.rows).toEqual([{ 'orders.count': { Complete: 2, Shipped: 5 } }]);
});

test('an answer of another shape is refused, not served', () => {
  expect(() => parseJsonBi('[{"a":1}]')).toThrow(TypeError);
});
