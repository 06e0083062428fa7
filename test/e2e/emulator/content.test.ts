import { DEMO_USER_IDS, FOLDER_IDS, personalFolderId, type RunningEmulator } from '../../../emulator';
import { errorStatus, startEmulatorSuite, type EmulatorSuite, type SdkClient } from './emulator-sdk';

let suite: EmulatorSuite;
let emulator: RunningEmulator;
let admin: SdkClient;
let viewer: SdkClient;
let nora: SdkClient;

beforeAll(async () => {
  suite = await startEmulatorSuite();
  ({ emulator, admin, viewer, nora } = suite);
});

afterAll(() => suite?.stop());

describe('looks', () => {
  it('answers search_looks({ id: "1,2,3" }) with three looks in one request', async () => {
    await admin.sdk.ok(admin.sdk.me());
    emulator.control.reset();
    const looks = await admin.sdk.ok(admin.sdk.search_looks({ id: '1,2,3' }));
    expect(looks.map((l) => l.id).sort()).toEqual(['1', '2', '3']);
    expect(emulator.stats()).toEqual({ total: 1, byRoute: { 'GET /api/4.0/looks/search': 1 } });
  });

  it('matches titles case-insensitively with % and _ wildcards, exactly without them', async () => {
    const revenue = await admin.sdk.ok(admin.sdk.search_looks({ title: '%REVENUE%' }));
    expect(revenue.length).toBeGreaterThanOrEqual(8);
    expect(revenue.every((l) => /revenue/i.test(l.title ?? ''))).toBe(true);
    const exact = await admin.sdk.ok(admin.sdk.search_looks({ title: 'orders per month' }));
    expect(exact.map((l) => l.id)).toEqual(['2']);
    const none = await admin.sdk.ok(admin.sdk.search_looks({ title: 'orders' }));
    expect(none).toEqual([]);
    const underscore = await admin.sdk.ok(admin.sdk.search_looks({ title: 'Top __ Brands by Revenue' }));
    expect(underscore.map((l) => l.title)).toEqual(['Top 10 Brands by Revenue']);
  });

  it('filters by folder and owner, sorts, pages and projects fields (nested too)', async () => {
    const finance = await admin.sdk.ok(
      admin.sdk.search_looks({
        folder_id: FOLDER_IDS.finance,
        sorts: 'title desc',
        limit: 3,
        offset: 1,
        fields: 'id,title,folder(id,name)',
      }),
    );
    expect(finance).toHaveLength(3);
    expect(finance.map((l) => Object.keys(l).sort())).toEqual([
      ['folder', 'id', 'title'],
      ['folder', 'id', 'title'],
      ['folder', 'id', 'title'],
    ]);
    expect(finance.every((l) => l.folder?.name === 'Finance' && Object.keys(l.folder).length === 2)).toBe(true);
    const titles = finance.map((l) => l.title ?? '');
    expect([...titles].sort((a, b) => b.localeCompare(a))).toEqual(titles);
    const either = await admin.sdk.ok(
      admin.sdk.search_looks({ user_id: DEMO_USER_IDS.nomodels, title: 'Total Revenue (All Time)', filter_or: true }),
    );
    expect(either.map((l) => l.id)).toContain('1');
    expect(either.map((l) => l.id)).toContain('31');
  });

  it('returns a look with its query and folder', async () => {
    const look = await admin.sdk.ok(admin.sdk.look('11'));
    expect(look.title).toBe('Monthly Revenue by Status');
    expect(look.folder?.name).toBe('Sales');
    expect(look.query?.id).toBe(look.query_id);
    expect(look.query).toMatchObject({
      model: 'ecommerce',
      view: 'order_items',
      pivots: ['order_items.status'],
      filters: { 'order_items.created_date': '6 months' },
    });
    expect(look.model).toEqual({ id: 'ecommerce', label: 'E-commerce' });
  });

  it('has more than fifty looks, on every explore of both models', async () => {
    const all = await admin.sdk.ok(admin.sdk.all_looks('id,query_id,model'));
    expect(all.length).toBeGreaterThanOrEqual(50);
    const queries = await Promise.all(all.slice(0, 60).map((l) => admin.sdk.ok(admin.sdk.query(l.query_id ?? ''))));
    expect(new Set(queries.map((q) => `${q.model}::${q.view}`))).toEqual(
      new Set(['ecommerce::order_items', 'ecommerce::users', 'inventory::inventory_items', 'inventory::products']),
    );
  });
});

describe('per-user visibility', () => {
  it('shows a user only the looks of their folders', async () => {
    const everything = await admin.sdk.ok(admin.sdk.all_looks('id'));
    const viewerLooks = await viewer.sdk.ok(viewer.sdk.search_looks({ fields: 'id,folder_id' }));
    expect(viewerLooks.length).toBeGreaterThan(0);
    expect(viewerLooks.length).toBeLessThan(everything.length);
    expect(new Set(viewerLooks.map((l) => l.folder_id))).toEqual(new Set([FOLDER_IDS.sales, FOLDER_IDS.regionalSales]));
  });

  it("answers 404 for content outside the user's folders", async () => {
    const financeLook = await viewer.sdk.look('43');
    expect(financeLook.ok ? undefined : errorStatus(financeLook.error)).toBe(404);
    const sharedDashboard = await viewer.sdk.dashboard('1');
    expect(sharedDashboard.ok ? undefined : errorStatus(sharedDashboard.error)).toBe(404);
    const folder = await viewer.sdk.folder(FOLDER_IDS.marketing);
    expect(folder.ok ? undefined : errorStatus(folder.error)).toBe(404);
    const searched = await viewer.sdk.ok(viewer.sdk.search_looks({ id: '1,9,43' }));
    expect(searched.map((l) => l.id)).toEqual(['9']);
  });

  it('shows Nora the Marketing content, whose looks she may not run', async () => {
    const looks = await nora.sdk.ok(nora.sdk.all_looks('id,folder_id,can'));
    expect(looks.length).toBeGreaterThan(0);
    expect(looks.every((l) => l.folder_id === FOLDER_IDS.marketing && l.can?.run === false)).toBe(true);
  });
});

describe('folders', () => {
  it('lists the folders a user may see', async () => {
    const all = await admin.sdk.ok(admin.sdk.all_folders('id,name,parent_id'));
    // Every personal folder comes back to an admin ("All personal folders will be returned").
    expect(all.map((f) => f.name)).toEqual([
      'Shared',
      'Sales',
      'Marketing',
      'Finance',
      'Regional Sales',
      'Sandbox',
      'Users',
      'Looker API',
      'Ada Analyst',
      'Victor Viewer',
      'Nora Nomodel',
      'Adam Admin',
    ]);
    const mine = await viewer.sdk.ok(viewer.sdk.all_folders('id,is_personal'));
    expect(mine.map((f) => f.id)).toEqual([
      FOLDER_IDS.sales,
      FOLDER_IDS.regionalSales,
      FOLDER_IDS.sandbox,
      personalFolderId(DEMO_USER_IDS.viewer),
    ]);
    expect(mine.at(-1)?.is_personal).toBe(true);
    const me = await viewer.sdk.ok(viewer.sdk.me('personal_folder_id'));
    expect(me.personal_folder_id).toBe(personalFolderId(DEMO_USER_IDS.viewer));
    const roots = await admin.sdk.ok(admin.sdk.search_folders({ is_users_root: true, fields: 'id,is_users_root' }));
    expect(roots.map((f) => f.id)).toEqual([FOLDER_IDS.users]);
  });

  it('returns a folder with its content, and its looks and dashboards separately', async () => {
    const sales = await admin.sdk.ok(admin.sdk.folder(FOLDER_IDS.sales));
    expect(sales.name).toBe('Sales');
    expect(sales.parent_id).toBe(FOLDER_IDS.shared);
    expect(sales.child_count).toBe(1);
    const looks = await admin.sdk.ok(admin.sdk.folder_looks(FOLDER_IDS.sales));
    expect(looks.map((l) => l.id).sort()).toEqual((sales.looks ?? []).map((l) => l.id).sort());
    expect(looks.every((l) => l.query?.id === l.query_id)).toBe(true);
    const dashboards = await admin.sdk.ok(admin.sdk.folder_dashboards(FOLDER_IDS.sales));
    expect(dashboards.map((d) => d.title)).toEqual([
      'Sales Performance',
      'Product Deep Dive',
      'Order Operations',
      'Category Analysis',
    ]);
    const found = await admin.sdk.ok(admin.sdk.search_folders({ name: 'sales' }));
    expect(found.map((f) => f.id)).toEqual([FOLDER_IDS.sales]);
  });
});

describe('dashboards', () => {
  it('returns tiles with their queries or looks, and the dashboard filters', async () => {
    const d = await admin.sdk.ok(admin.sdk.dashboard('2'));
    expect(d.title).toBe('Sales Performance');
    const elements = d.dashboard_elements ?? [];
    expect(elements.length).toBeGreaterThanOrEqual(5);
    const lookTiles = elements.filter((e) => e.look_id);
    const queryTiles = elements.filter((e) => e.query_id);
    expect(lookTiles.length).toBeGreaterThan(0);
    expect(queryTiles.length).toBeGreaterThan(0);
    for (const tile of lookTiles) {
      expect(tile.look?.id).toBe(tile.look_id);
      expect(tile.look?.query?.id).toBe(tile.look?.query_id);
      expect(tile.result_maker?.query_id).toBe(tile.look?.query_id);
    }
    for (const tile of queryTiles) expect(tile.query?.id).toBe(tile.query_id);
    expect(d.dashboard_filters?.map((f) => [f.name, f.type, f.model, f.explore, f.dimension, f.default_value])).toEqual(
      [
        ['Date', 'field_filter', 'ecommerce', 'order_items', 'order_items.created_date', '30 days'],
        ['Status', 'field_filter', 'ecommerce', 'order_items', 'order_items.status', 'Complete,Shipped'],
      ],
    );
    const listens = queryTiles[0]?.result_maker?.filterables?.[0]?.listen ?? [];
    expect(listens).toContainEqual({ dashboard_filter_name: 'Status', field: 'order_items.status' });
  });

  it('gives two tiles with an identical query the same query id', async () => {
    for (const id of ['1', '2', '3', '6', '8', '9', '10']) {
      const d = await admin.sdk.ok(admin.sdk.dashboard(id, 'id,dashboard_elements(id,query_id)'));
      const ids = (d.dashboard_elements ?? []).map((e) => e.query_id).filter((q): q is string => Boolean(q));
      expect(new Set(ids).size).toBeLessThan(ids.length);
    }
  });

  it('has eleven user-defined dashboards with at least five data tiles each, two LookML ones, and lists their elements', async () => {
    const all = await admin.sdk.ok(admin.sdk.all_dashboards('id,title'));
    const userDefined = all.filter((d) => !d.id?.includes('::'));
    expect(userDefined).toHaveLength(11);
    expect(all.filter((d) => d.id?.includes('::')).map((d) => d.id)).toEqual([
      'ecommerce::sales_overview',
      'inventory::stock_overview',
    ]);
    for (const d of userDefined) {
      const elements = await admin.sdk.ok(admin.sdk.dashboard_dashboard_elements(d.id ?? ''));
      expect(elements.filter((e) => e.type === 'vis').length).toBeGreaterThanOrEqual(5);
    }
  });

  it('searches dashboards by title wildcard, filtered to what the user sees', async () => {
    const sales = await admin.sdk.ok(admin.sdk.search_dashboards({ title: '%sales%' }));
    expect(sales.map((d) => d.title)).toEqual(['Sales Performance', 'Regional Sales Review']);
    const mine = await viewer.sdk.ok(viewer.sdk.search_dashboards({ fields: 'id' }));
    expect(mine.map((d) => d.id)).toEqual(['2', '3', '4', '5', '11']);
  });
});
