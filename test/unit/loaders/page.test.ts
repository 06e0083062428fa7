import { GraphQLError } from 'graphql';
import { encodeCursor, pageWindow, toPage } from '../../../src/loaders/page';

test('a cursor continues right after its item', () => {
  expect(pageWindow(10, encodeCursor(19))).toEqual({ offset: 20, limit: 10 });
  expect(pageWindow(undefined, undefined)).toEqual({ offset: 0, limit: 20 });
});

test.each([[0], [201], [-1], [1.5]])('first = %p is refused', (first) => {
  expect(() => pageWindow(first, null)).toThrow(GraphQLError);
});

test('a forged cursor is refused', () => {
  expect(() => pageWindow(5, 'garbage')).toThrow(/after/);
  expect(() => pageWindow(5, Buffer.from('offset:-3').toString('base64url'))).toThrow(/after/);
});

test('the extra fetched item only tells that another page follows', () => {
  const page = toPage(['a', 'b', 'c'], 10, 2);
  expect(page.nodes).toEqual(['a', 'b']);
  expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(11) });
  expect(toPage([], 0, 2).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
});

test("a page carries Looker's count of the whole list; without one, only the last page knows it", () => {
  expect(toPage(['a', 'b', 'c'], 0, 2, 40).totalCount).toBe(40);
  expect(toPage(['a', 'b', 'c'], 0, 2).totalCount).toBeNull();
  expect(toPage(['k', 'l'], 10, 2).totalCount).toBe(12);
  expect(toPage([], 0, 2).totalCount).toBe(0);
  // Empty past the start: the list may end anywhere before this offset.
  expect(toPage([], 30, 2).totalCount).toBeNull();
});
