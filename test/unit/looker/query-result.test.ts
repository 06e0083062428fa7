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
  // Totals are `{ value, rendered }`, the value's text standing in for a `rendered` Looker left out.
  expect(parsed.totals).toEqual({
    'orders.count': { Complete: { value: 2, rendered: '2' }, '∅': { value: 1062, rendered: '1,062' } },
  });
  expect(parsed.rowTotals).toBeUndefined();
});

// Shapes Looker answers with drill links on (its default): pivot labels as drill-menu anchors with
// the value in `metadata` (a recorded json_detail answer), `links` on cells and totals
// (looker-open-source/components `mockSdkPivotDataResponse.ts`; googleapis/mcp-toolbox's
// `StripDrillLinks` test), row totals under `$$$_row_total_$$$` (components' `mockNestedRawTotals`).
test('drill links, drill-menu labels and row totals are read as text and values, never as HTML', () => {
  const link = { label: 'by Created Time', url: '/explore/thelook/orders?fields=orders.created_time', type: 'drill' };
  const parsed = parseJsonDetail({
    fields: {
      dimensions: [{ name: 'orders.created_date' }],
      measures: [{ name: 'orders.count', type: 'count' }],
      pivots: [{ name: 'orders.status' }],
    },
    has_row_totals: true,
    pivots: [
      {
        key: 'Control',
        is_total: false,
        data: { 'orders.status': 'Control' },
        labels: { 'orders.status': "<a href='#drillmenu' target='_self'>Control</a>" },
        metadata: { 'orders.status': { value: 'Control' } },
      },
      {
        key: 'big',
        is_total: false,
        data: { 'orders.status': 1200 },
        labels: { 'orders.status': "<a href='#drillmenu' target='_self'>1,200</a>" },
        metadata: { 'orders.status': { value: 1200, rendered: '1,200', links: [link] } },
      },
      { key: '$$$_row_total_$$$', is_total: true, data: {}, labels: {} },
    ],
    data: [
      {
        'orders.created_date': { value: '2019-12-22', links: [link] },
        'orders.count': {
          Control: { value: 38, links: [link], filterable_value: '38' },
          big: { value: 1, html: '<b>1</b>' },
          $$$_row_total_$$$: { value: 39, links: [link] },
        },
      },
    ],
    totals_data: {
      'orders.count': {
        Control: { value: 38, links: [link] },
        big: { value: 1 },
        $$$_row_total_$$$: { value: 1039, rendered: '1,039', links: [link] },
      },
    },
  });
  expect(parsed.pivots?.map((p) => p.labels)).toEqual([
    { 'orders.status': 'Control' },
    { 'orders.status': '1,200' },
    {},
  ]);
  expect(parsed.pivots?.map((p) => p.isTotal)).toEqual([false, false, true]);
  expect(parsed.rows).toEqual([
    { 'orders.created_date': '2019-12-22', 'orders.count': { Control: 38, big: 1, $$$_row_total_$$$: 39 } },
  ]);
  expect(parsed.renderedRows).toEqual([
    { 'orders.created_date': '2019-12-22', 'orders.count': { Control: '38', big: '1', $$$_row_total_$$$: '39' } },
  ]);
  expect(parsed.rowTotals).toEqual([{ 'orders.count': { value: 39, rendered: '39' } }]);
  expect(parsed.totals).toEqual({
    'orders.count': {
      Control: { value: 38, rendered: '38' },
      big: { value: 1, rendered: '1' },
      $$$_row_total_$$$: { value: 1039, rendered: '1,039' },
    },
  });
  expect(JSON.stringify(parsed)).not.toMatch(/drillmenu|links|<b>/);
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
