import { parse } from 'graphql';
import { effectiveNesting, lexicalNesting } from '../../src/graphql/validation/document-bounds';

test('lexical nesting counts braces, brackets and parentheses', () => {
  expect(lexicalNesting('{ a }', 100)).toBe(1);
  expect(lexicalNesting('{ a(x: [[1]]) { b } }', 100)).toBe(4);
  expect(lexicalNesting(`{ a(x: ${'['.repeat(50_000)}`, 1_000_000)).toBe(50_002);
});

test('lexical nesting stops at the token limit and at a syntax error', () => {
  expect(lexicalNesting('['.repeat(10_000), 100)).toBeLessThanOrEqual(101);
  expect(lexicalNesting('{ { "unterminated', 100)).toBe(2);
});

test('effective nesting follows fragment spreads into their fragments, without recursion', () => {
  expect(effectiveNesting(parse('{ a { b } }'))).toBe(2);
  expect(effectiveNesting(parse('{ a { ...F } } fragment F on T { b { c } }'))).toBe(4);
  const chain = (n: number) =>
    [
      '{ ...F0 }',
      ...Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} }`),
      `fragment F${n} on Query { __typename }`,
    ].join('\n');
  expect(effectiveNesting(parse(chain(10)))).toBe(12);
  expect(effectiveNesting(parse(chain(50_000), { noLocation: true }))).toBe(50_002);
});

test('a fragment cycle is counted once and ends', () => {
  expect(effectiveNesting(parse('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'))).toBe(3);
});
