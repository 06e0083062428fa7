import { parseStringFilter } from '../../../emulator/query/filter-string';
import { validatePolicy } from '../../../src/policy';
import { filterExpressionOf, plainFilterValues, quoteFilterValue } from '../../../src/row-filters';

/**
 * Forced values written in Looker's string filter syntax, read back by the emulator's parser (which
 * follows Looker's documented `^` escapes): each value matches itself exactly, whatever it holds.
 */
const awkward = [
  'Washington, D.C.',
  'O\'Brien "Ltd"',
  '-minus',
  '100%',
  'snake_case',
  'NULL',
  'empty',
  ' padded ',
  'caret^here',
];

test.each(awkward)('%j is one exact value', (value) => {
  expect(parseStringFilter(quoteFilterValue(value))).toEqual([{ negated: false, kind: 'equals', value }]);
  expect(plainFilterValues(quoteFilterValue(value))).toEqual([value]);
});

test('a list of values is one term each', () => {
  const expression = filterExpressionOf(awkward);
  expect(parseStringFilter(expression).map((t) => [t.kind, t.negated, t.value])).toEqual(
    awkward.map((v) => ['equals', false, v]),
  );
  expect(plainFilterValues(expression)).toEqual(awkward);
});

test('expressions that are not plain values are not taken for values', () => {
  for (const expression of ['-France', 'Fr%', 'Fran_e', 'NULL', '-EMPTY', 'France,', '"France"', 'a^'])
    expect(plainFilterValues(expression)).toBeUndefined();
  expect(plainFilterValues(' France , Germany ')).toEqual(['France', 'Germany']);
});

test('the policy names where a row filter is wrong', () => {
  const problems = (value: unknown) => {
    const result = validatePolicy(value);
    return result.ok ? [] : result.problems;
  };
  expect(
    problems({ rules: [], rowFilters: [{ explores: ['ecommerce'], field: 'users.country', fromClaim: 'c' }] }),
  ).toEqual(['rowFilters[0].explores[0]: must be "model::explore", with * for any characters, e.g. "ecommerce::*"']);
  expect(problems({ rules: [], rowFilters: [{ explores: 'a::b', field: 'country', fromClaim: 'c' }] })).toEqual([
    'rowFilters[0].field: must be an explore field, "view.field"',
  ]);
  expect(problems({ rules: [], rowFilters: [{ explores: ['a::*'], field: 'users.country' }] })).toEqual([
    'rowFilters[0]: give "fromClaim", or list values of users.country under a rule\'s "rows" (or "allRows")',
  ]);
  expect(problems({ rules: [{ when: { claim: 'groups', includes: 'x' }, rows: { 'users.region': ['EU'] } }] })).toEqual(
    ['rules[0].rows.users.region: no row filter names this field'],
  );
  expect(problems({ rules: [], rowFilters: [{ explores: ['a::*'], field: 'users.country', claim: 'c' }] })).toContain(
    'rowFilters[0]: unknown key "claim" (allowed: explores, field, fromClaim)',
  );
  const ok = validatePolicy({
    rules: [
      { when: { claim: 'groups', includes: 'emea' }, rows: { 'Users.Country': ['France', 'Germany'] } },
      { when: { claim: 'groups', includes: 'hq' }, allRows: ['users.country'] },
    ],
    rowFilters: [{ explores: ['ecommerce::*'], field: 'users.country' }],
  });
  expect(ok.ok && ok.policy.rules[0]?.rows).toEqual({ 'users.country': ['France', 'Germany'] });
});
