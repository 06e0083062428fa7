import { applyPaging, applySearch, applySorts, likePattern, type Criterion } from '../../../../emulator/content/search';

interface Item {
  id: string;
  title: string;
  owner: string | null;
}

const items: Item[] = [
  { id: '1', title: 'Danger Zone', owner: '7' },
  { id: '2', title: 'Danzig', owner: null },
  { id: '3', title: 'David', owner: '8' },
  { id: '10', title: 'dump', owner: '7' },
];

const criteria: Criterion<Item>[] = [
  { param: 'id', kind: 'id', value: (i) => i.id },
  { param: 'title', kind: 'string', value: (i) => i.title },
  { param: 'owner', kind: 'id', value: (i) => i.owner },
];

/** Runs a search with the given parameters. */
function search(params: Record<string, string>, filterOr = false): string[] {
  return applySearch(items, criteria, (name) => params[name], filterOr).map((i) => i.id);
}

describe('Looker search semantics', () => {
  it("treats % and _ as LIKE wildcards, case-insensitively (the spec's own examples)", () => {
    expect(search({ title: 'dan%' })).toEqual(['1', '2']);
    expect(search({ title: 'D_m%' })).toEqual(['10']);
    expect(likePattern('a.b%').test('A.Bc')).toBe(true);
    expect(likePattern('a.b%').test('axbc')).toBe(false);
  });

  it('matches a string without wildcards exactly', () => {
    expect(search({ title: 'danzig' })).toEqual(['2']);
    expect(search({ title: 'dan' })).toEqual([]);
  });

  it('accepts one id or a comma-separated list', () => {
    expect(search({ id: '3' })).toEqual(['3']);
    expect(search({ id: '1, 10,99' })).toEqual(['1', '10']);
  });

  it('understands IS NULL and NOT NULL', () => {
    expect(search({ owner: 'IS NULL' })).toEqual(['2']);
    expect(search({ owner: 'not null' })).toEqual(['1', '3', '10']);
  });

  it('combines criteria with AND, or OR with filter_or', () => {
    expect(search({ title: 'd%', owner: '7' })).toEqual(['1', '10']);
    expect(search({ id: '3', owner: '7' })).toEqual([]);
    expect(search({ id: '3', owner: '7' }, true)).toEqual(['1', '3', '10']);
  });

  it('lists everything when no criterion is given', () => {
    expect(search({})).toEqual(['1', '2', '3', '10']);
  });
});

describe('sorts and paging', () => {
  const keys = { id: (i: Item) => Number(i.id), title: (i: Item) => i.title };

  it('sorts by several fields with asc/desc and ignores unknown ones', () => {
    expect(applySorts(items, 'title desc', keys).map((i) => i.id)).toEqual(['10', '3', '2', '1']);
    expect(applySorts(items, 'id desc', keys).map((i) => i.id)).toEqual(['10', '3', '2', '1']);
    expect(applySorts(items, 'nope, id', keys).map((i) => i.id)).toEqual(['1', '2', '3', '10']);
  });

  it('pages with limit/offset, falling back to page/per_page', () => {
    expect(applyPaging(items, { limit: 2, offset: 1 }).map((i) => i.id)).toEqual(['2', '3']);
    expect(applyPaging(items, { offset: 3 }).map((i) => i.id)).toEqual(['10']);
    expect(applyPaging(items, { page: 2, perPage: 3 }).map((i) => i.id)).toEqual(['10']);
    expect(applyPaging(items, {})).toHaveLength(4);
  });
});
