import { ContentStore } from '../../../../emulator/content/content-store';
import { QueryStore } from '../../../../emulator/content/query-store';
import { exploreUrl } from '../../../../emulator/content/query-view';

const base = { model: 'ecommerce', view: 'order_items', fields: ['order_items.status', 'order_items.count'] };

describe('QueryStore', () => {
  it('returns the existing query for an identical one, however optional parts are spelled', () => {
    const store = new QueryStore();
    const a = store.create({
      ...base,
      filters: { 'order_items.status': 'Complete', 'users.country': 'USA' },
      limit: 10,
    });
    const b = store.create({
      ...base,
      filters: { 'users.country': 'USA', 'order_items.status': 'Complete' },
      limit: '10',
      sorts: [],
      pivots: [],
    });
    expect(b.id).toBe(a.id);
    expect(store.size).toBe(1);
  });

  it('creates a new query when fields, filters, sorts, limit or pivots differ', () => {
    const store = new QueryStore();
    const ids = new Set([
      store.create(base).id,
      store.create({ ...base, fields: ['order_items.count', 'order_items.status'] }).id,
      store.create({ ...base, filters: { 'order_items.status': 'Complete' } }).id,
      store.create({ ...base, sorts: ['order_items.count desc'] }).id,
      store.create({ ...base, limit: '5' }).id,
      store.create({ ...base, pivots: ['order_items.status'] }).id,
    ]);
    expect([...ids]).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('gives each query a stable slug, and finds it by slug', () => {
    const one = new QueryStore().create(base);
    const two = new QueryStore().create(base);
    expect(one.slug).toBe(two.slug);
    expect(one.clientId).toMatch(/^[0-9A-Za-z]{22}$/);
  });

  it('builds the explore URL Looker reports', () => {
    const q = new QueryStore().create(
      { ...base, filters: { 'order_items.status': 'Complete' }, limit: '10' },
      'looker_pie',
    );
    const url = new URL(exploreUrl(q), 'http://x');
    expect(url.pathname).toBe('/explore/ecommerce/order_items');
    expect(url.searchParams.get('fields')).toBe('order_items.status,order_items.count');
    expect(url.searchParams.get('f[order_items.status]')).toBe('Complete');
  });
});

describe('demo content', () => {
  it('resolves every tile and shares query ids between identical tile queries', () => {
    const queries = new QueryStore();
    const content = new ContentStore(queries);
    expect(content.looks.length).toBeGreaterThanOrEqual(50);
    // Eleven user-defined dashboards and two LookML dashboards (`model::name`).
    expect(content.dashboards).toHaveLength(13);
    expect(content.dashboards.filter((d) => d.def.id.includes('::')).map((d) => d.def.id)).toEqual([
      'ecommerce::sales_overview',
      'inventory::stock_overview',
    ]);
    const lookIds = content.looks.map((l) => l.def.id);
    expect(new Set(lookIds).size).toBe(lookIds.length);
    const elementIds = content.dashboards.flatMap((d) => d.elements.map((e) => e.id));
    expect(new Set(elementIds).size).toBe(elementIds.length);
    const executive = content.dashboard('1');
    const tileQueryIds = executive?.elements.map((e) => e.query?.id).filter(Boolean) ?? [];
    expect(new Set(tileQueryIds).size).toBeLessThan(tileQueryIds.length);
    expect(content.looks.every((l) => content.folder(l.def.folderId) !== undefined)).toBe(true);
  });
});
