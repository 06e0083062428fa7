import { parseJsonDetail } from '../../../src/looker/query-result';

test('json_detail rows are flattened, rendered strings kept apart, and fields carry their kind and format', () => {
  const parsed = parseJsonDetail(
    JSON.stringify({
      fields: {
        dimensions: [
          {
            name: 'orders.created_month',
            label: 'Orders Created Month',
            label_short: 'Created Month',
            type: 'date_month',
            description: null,
            value_format: null,
          },
        ],
        measures: [
          {
            name: 'orders.total',
            label: 'Orders Total',
            label_short: 'Total',
            type: 'sum',
            description: 'Sum of prices',
            value_format: '$#,##0.00',
          },
        ],
        table_calculations: [{ name: 'share', label: 'Share', value_format: '#,##0.0%' }],
        pivots: [],
      },
      data: [
        {
          'orders.created_month': { value: '2024-03' },
          'orders.total': { value: 1234.5, rendered: '$1,234.50' },
          share: { value: 0.123, rendered: '12.3%' },
        },
      ],
      sql: 'SELECT 1',
    }),
  );
  expect(parsed.fields).toEqual([
    {
      name: 'orders.created_month',
      label: 'Created Month',
      fullLabel: 'Orders Created Month',
      description: null,
      valueFormat: null,
      type: 'date_month',
      isMeasure: false,
      isTableCalculation: false,
      isPivot: false,
    },
    {
      name: 'orders.total',
      label: 'Total',
      fullLabel: 'Orders Total',
      description: 'Sum of prices',
      valueFormat: '$#,##0.00',
      type: 'sum',
      isMeasure: true,
      isTableCalculation: false,
      isPivot: false,
    },
    {
      name: 'share',
      label: 'Share',
      fullLabel: 'Share',
      description: null,
      valueFormat: '#,##0.0%',
      type: 'number',
      isMeasure: true,
      isTableCalculation: true,
      isPivot: false,
    },
  ]);
  expect(parsed.rows).toEqual([{ 'orders.created_month': '2024-03', 'orders.total': 1234.5, share: 0.123 }]);
  // Looker leaves `rendered` out when it equals the value: the value's text stands in.
  expect(parsed.renderedRows).toEqual([
    { 'orders.created_month': '2024-03', 'orders.total': '$1,234.50', share: '12.3%' },
  ]);
  expect(parsed.totals).toBeNull();
  expect(parsed.pivots).toEqual([]);
  expect(parsed.sql).toBe('SELECT 1');
});

test('pivoted measures keep one value per pivot, pivots are named, totals are kept', () => {
  const parsed = parseJsonDetail({
    fields: {
      dimensions: [],
      measures: [{ name: 'orders.count', type: 'count' }],
      pivots: [{ name: 'orders.status', label_short: 'Status' }],
    },
    pivots: [
      {
        key: 'Complete',
        is_total: false,
        data: { 'orders.status': 'Complete' },
        labels: { 'orders.status': 'Complete' },
      },
      { key: '∅', is_total: false, data: { 'orders.status': null } },
    ],
    data: [{ 'orders.count': { Complete: { value: 2 }, '∅': { value: 1062, rendered: '1,062' } } }],
    totals_data: { 'orders.count': { Complete: { value: 2 }, '∅': { value: 1062, rendered: '1,062' } } },
  });
  expect(parsed.rows).toEqual([{ 'orders.count': { Complete: 2, '∅': 1062 } }]);
  expect(parsed.renderedRows).toEqual([{ 'orders.count': { Complete: '2', '∅': '1,062' } }]);
  expect(parsed.pivots).toEqual([
    {
      key: 'Complete',
      values: { 'orders.status': 'Complete' },
      labels: { 'orders.status': 'Complete' },
      isTotal: false,
    },
    { key: '∅', values: { 'orders.status': null }, labels: { 'orders.status': '∅' }, isTotal: false },
  ]);
  expect(parsed.fields.find((f) => f.name === 'orders.status')?.isPivot).toBe(true);
  expect(parsed.totals).toEqual({
    'orders.count': { Complete: { value: 2 }, '∅': { value: 1062, rendered: '1,062' } },
  });
});

test('database errors are LOOKER_QUERY_FAILED, and an answer of another shape is refused, not served', () => {
  expect(() =>
    parseJsonDetail({
      data: [],
      errors: [{ message: 'The database refused', message_details: 'Binder Error: no column' }],
    }),
  ).toThrow(expect.objectContaining({ code: 'LOOKER_QUERY_FAILED' }) as Error);
  expect(() => parseJsonDetail('[{"a":1}]')).toThrow(TypeError);
});
