import { LruMap } from '../../../src/auth/lru-map';

describe('LruMap', () => {
  it('keeps at most maxEntries, forgetting the least recently used first', () => {
    const lru = new LruMap<string, number>(3);
    for (const [key, value] of [['a', 1], ['b', 2], ['c', 3]] as const) lru.set(key, value);
    expect(lru.get('a')).toBe(1); // a is now the most recent: b is the oldest
    lru.set('d', 4);
    expect(lru.size).toBe(3);
    expect([...lru.keys()]).toEqual(['c', 'a', 'd']);
    expect(lru.get('b')).toBeUndefined();
  });

  it('refreshes an entry that is set again instead of adding a second one', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('a', 10);
    lru.set('c', 3);
    expect([...lru.keys()]).toEqual(['a', 'c']);
    expect(lru.get('a')).toBe(10);
  });

  it('forgets a deleted entry, and holds a single entry when bounded to one', () => {
    const lru = new LruMap<string, number>(1);
    lru.set('a', 1);
    lru.set('b', 2);
    expect([...lru.keys()]).toEqual(['b']);
    expect(lru.delete('b')).toBe(true);
    expect(lru.delete('b')).toBe(false);
    expect(lru.size).toBe(0);
  });

  it('refuses a bound that is not a positive integer', () => {
    for (const bound of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new LruMap(bound)).toThrow(TypeError);
    }
  });
});
