import { parseTaskState } from '../../../src/looker/query-task-state';

// Tasks are created with result_format json_detail, as every run is (rendered values and totals in one answer).
const jsonDetail = {
  fields: { dimensions: [{ name: 'order_items.status', label_short: 'Status', type: 'string' }], measures: [] },
  data: [{ 'order_items.status': { value: 'Complete' } }],
  sql: 'SELECT 1',
};

describe("Looker's query_task_multi_results entries", () => {
  test.each([
    ['added', 'running'],
    ['running', 'running'],
    ['killed', 'cancelled'],
    ['missing', 'missing'],
    ['a status Looker adds later', 'running'],
  ])('%s reads as %s', (status, expected) => {
    expect(parseTaskState({ status }).status).toBe(expected);
  });

  test('complete carries the json_detail rows', () => {
    const state = parseTaskState({ status: 'complete', data: jsonDetail });
    expect(state.status).toBe('complete');
    const result = state.status === 'complete' ? state.result : undefined;
    expect(result?.fields.map((f) => [f.name, f.label, f.type, f.isMeasure])).toEqual([
      ['order_items.status', 'Status', 'string', false],
    ]);
    expect(result?.rows).toEqual([{ 'order_items.status': 'Complete' }]);
    expect(result?.renderedRows).toEqual([{ 'order_items.status': 'Complete' }]);
    expect(result?.sql).toBe('SELECT 1');
  });

  test.each([
    [{ errors: [{ message: 'Unknown field', message_details: 'order_items.nope' }] }, 'Unknown field order_items.nope'],
    [{ id: 'x', error: 'Syntax error at line 3' }, 'Syntax error at line 3'],
    [{ metadata: { fields: {} }, rows: [{ looker_error: 'Division by zero' }] }, 'Division by zero'],
  ])('error %j says why', (data, message) => {
    expect(parseTaskState({ status: 'error', data })).toEqual({
      status: 'failed',
      error: `Looker could not run the query: ${message}`,
    });
  });

  test('long messages are cut, shapeless errors still fail, expired results fail', () => {
    const long = parseTaskState({ status: 'error', data: { error: 'x'.repeat(5000) } });
    // Looker's text is cut to 500 characters behind our prefix.
    expect(long.status === 'failed' && long.error.length).toBeLessThanOrEqual(540);
    expect(parseTaskState({ status: 'error' })).toEqual({ status: 'failed', error: 'Looker could not run the query' });
    expect(parseTaskState({ status: 'expired' }).status).toBe('failed');
  });

  test('no entry at all is missing; a complete entry without json_bi is refused', () => {
    expect(parseTaskState(undefined)).toEqual({ status: 'missing' });
    expect(() => parseTaskState({ status: 'complete', data: [] })).toThrow(TypeError);
  });
});
