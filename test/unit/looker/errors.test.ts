import { classifyFailure, statusFromDocumentationUrl } from '../../../src/looker/errors';
import { maxLookerTextLength } from '../../../src/looker/shortened';

test('the status is read from Looker documentation_url', () => {
  expect(
    statusFromDocumentationUrl({
      documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/404/get/looks/:look_id',
    }),
  ).toBe(404);
  expect(statusFromDocumentationUrl({ documentation_url: 'https://example.com/other' })).toBeUndefined();
  expect(statusFromDocumentationUrl('nope')).toBeUndefined();
});

test.each([
  [404, 'NOT_FOUND'],
  [403, 'FORBIDDEN'],
  [422, 'BAD_USER_INPUT'],
  [400, 'BAD_USER_INPUT'],
  [429, 'LOOKER_RATE_LIMITED'],
  [500, 'LOOKER_UNAVAILABLE'],
  [503, 'LOOKER_UNAVAILABLE'],
  [418, 'INTERNAL_SERVER_ERROR'],
])('HTTP %i maps to %s', (status, code) => {
  expect(classifyFailure('search_looks', status, {}, false).code).toBe(code);
});

test('no answer and a timeout are LOOKER_UNAVAILABLE', () => {
  expect(classifyFailure('run_query', undefined, undefined, false).code).toBe('LOOKER_UNAVAILABLE');
  expect(classifyFailure('run_query', undefined, undefined, true).message).toContain('in time');
});

test("a validation error names the fields but never echoes Looker's raw body", () => {
  const error = classifyFailure(
    'run_inline_query',
    422,
    {
      message: 'Validation Failed',
      documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/422/post/queries/run/:result_format',
      errors: [{ field: 'order_items.nope', code: 'not_found', message: 'Unknown field' }],
    },
    false,
  );
  expect(error.message).toContain('order_items.nope');
  expect(error.message).not.toContain('documentation_url');
  expect(error.message).not.toContain('cloud.google.com');
});

test('a validation error with thousands of fields names the first ten, each cut, and counts the rest', () => {
  const errors = Array.from({ length: 5000 }, (_, i) => ({
    field: `order_items.${'x'.repeat(300)}_${i}`,
    code: 'not_found',
    message: 'Unknown field',
  }));
  const error = classifyFailure('run_inline_query', 422, { message: 'Validation Failed', errors }, false);
  expect(error.code).toBe('BAD_USER_INPUT');
  expect(error.message).toMatch(/and 4990 more$/);
  const shown = error.message
    .replace(/^Looker rejected the request: /, '')
    .split('; ')
    .slice(0, 10);
  expect(shown.every((detail) => detail.length <= maxLookerTextLength && detail.endsWith('…'))).toBe(true);
  expect(error.message.length).toBeLessThan(10 * (maxLookerTextLength + 2) + 100);
});
