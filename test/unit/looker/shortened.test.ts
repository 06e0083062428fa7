import { maxLookerTextLength, shortened } from '../../../src/looker/shortened';
import { classifyFailure } from '../../../src/looker/errors';
import { queryErrorIn } from '../../../src/looker/query-result';

const reason = 'is not a date filter Looker understands';

test('text within the limit is kept whole', () => {
  const text = `Invalid filter expression "the last three fiscal quarters": "the last three fiscal quarters" ${reason}`;
  expect(text.length).toBeGreaterThan(100);
  expect(shortened(text)).toBe(text);
});

test('longer text is cut at a word boundary, with an ellipsis, within the limit', () => {
  const text = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
  const cut = shortened(text);
  expect(cut.length).toBeLessThanOrEqual(maxLookerTextLength);
  expect(cut.length).toBeGreaterThan(maxLookerTextLength / 2);
  expect(cut.endsWith('…')).toBe(true);
  // Every word kept is whole.
  const words = cut.slice(0, -1).trimEnd().split(' ');
  expect(words.every((w, i) => w === `word${i}`)).toBe(true);
});

test('one long token with no boundary is cut where it must be', () => {
  const cut = shortened('x'.repeat(5000));
  expect(cut).toBe(`${'x'.repeat(maxLookerTextLength - 1)}…`);
});

test('a Looker validation message keeps its reason, where 100 characters cut it', () => {
  const error = classifyFailure(
    'run_inline_query',
    422,
    {
      message: 'Validation Failed',
      errors: [
        {
          field: 'order_items.created_date',
          code: 'invalid',
          message: `Invalid filter expression "the last three fiscal quarters": "the last three fiscal quarters" ${reason}`,
        },
      ],
    },
    false,
  );
  expect(error.message).toContain(reason);
});

test('a long database error is cut at a word boundary, never mid-word', () => {
  const words = Array.from({ length: 150 }, (_, i) => `token${i}`).join(' ');
  const message = queryErrorIn([{ looker_error: `Binder Error: ${words}` }]) ?? '';
  expect(message.length).toBeLessThanOrEqual(maxLookerTextLength);
  expect(message).toMatch(/ token\d+…$/);
});
