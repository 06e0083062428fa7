import type { IDashboardElement, IValidationError } from '@looker/sdk';
import { DEMO_USER_IDS, FOLDER_IDS, type RunningEmulator } from '../../../emulator';
import { errorStatus, sdkAsUser, startEmulatorSuite, type EmulatorSuite, type SdkClient } from './emulator-sdk';

let suite: EmulatorSuite;
let emulator: RunningEmulator;
let admin: SdkClient;
let viewer: SdkClient;
let analyst: SdkClient;

beforeAll(async () => {
  suite = await startEmulatorSuite();
  ({ emulator, admin, viewer } = suite);
  analyst = await sdkAsUser(admin.sdk, emulator.url, DEMO_USER_IDS.analyst);
});

afterAll(() => suite?.stop());

const statusQuery = { model: 'ecommerce', view: 'order_items', fields: ['order_items.status', 'order_items.count'] };

/** The error body of a refused SDK call (the call must fail). */
async function refusal<T>(call: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<unknown> {
  const result = await call;
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('looks: create, soft delete, restore', () => {
  it('creates a look from a query made with create_query, finds it, soft-deletes and restores it', async () => {
    const { sdk } = admin;
    const query = await sdk.ok(sdk.create_query(statusQuery));
    expect(query.id).toMatch(/^\d+$/);
    expect(query.slug).toEqual(expect.any(String));
    expect(query.share_url).toMatch(/\/x\/\w+$/);

    const created = await sdk.ok(
      sdk.create_look({ title: 'Writes: orders by status', query_id: query.id, folder_id: FOLDER_IDS.sandbox }),
    );
    expect(created).toMatchObject({
      title: 'Writes: orders by status',
      query_id: query.id,
      folder_id: FOLDER_IDS.sandbox,
    });
    expect(created.query?.fields).toEqual(statusQuery.fields);
    const id = String(created.id);

    const found = await sdk.ok(sdk.search_looks({ title: 'Writes: %' }));
    expect(found.map((l) => l.id)).toEqual([id]);
    const inFolder = await sdk.ok(sdk.folder_looks(FOLDER_IDS.sandbox));
    expect(inFolder.map((l) => l.id)).toEqual([id]);

    const deleted = await sdk.ok(sdk.update_look(id, { deleted: true }));
    expect(deleted.deleted).toBe(true);
    expect(deleted.deleter_id).toBe(DEMO_USER_IDS.apiAdmin);
    expect(deleted.title).toBe('Writes: orders by status');
    expect(await sdk.ok(sdk.search_looks({ title: 'Writes: %' }))).toEqual([]);
    expect(await sdk.ok(sdk.folder_looks(FOLDER_IDS.sandbox))).toEqual([]);
    const trash = await sdk.ok(sdk.search_looks({ title: 'Writes: %', deleted: true }));
    expect(trash.map((l) => [l.id, l.deleted])).toEqual([[id, true]]);
    expect((await sdk.ok(sdk.look(id))).deleted).toBe(true);

    const restored = await sdk.ok(sdk.update_look(id, { deleted: false }));
    expect(restored).toMatchObject({ deleted: false, deleted_at: null, deleter_id: null });
    expect((await sdk.ok(sdk.search_looks({ title: 'Writes: %' }))).map((l) => l.id)).toEqual([id]);
  });

  it('changes title, description, folder and query', async () => {
    const { sdk } = admin;
    const first = await sdk.ok(sdk.create_query(statusQuery));
    const second = await sdk.ok(
      sdk.create_query({ ...statusQuery, fields: ['order_items.status', 'order_items.total_sale_price'] }),
    );
    const look = await sdk.ok(
      sdk.create_look({ title: 'Writes: edit me', query_id: first.id, folder_id: FOLDER_IDS.sandbox }),
    );
    const updated = await sdk.ok(
      sdk.update_look(String(look.id), {
        title: 'Writes: edited',
        description: 'Now with revenue',
        folder_id: FOLDER_IDS.marketing,
        query_id: second.id,
      }),
    );
    expect(updated).toMatchObject({
      title: 'Writes: edited',
      description: 'Now with revenue',
      folder_id: FOLDER_IDS.marketing,
      query_id: second.id,
    });
    expect((await sdk.ok(sdk.look(String(look.id)))).query?.fields).toEqual(second.fields);
  });

  it("answers 422 missing_field in Looker's shape when the title is left out, 404 for an unknown look", async () => {
    const { sdk } = admin;
    const query = await sdk.ok(sdk.create_query(statusQuery));
    const error = (await refusal(
      sdk.create_look({ query_id: query.id, folder_id: FOLDER_IDS.sandbox }),
    )) as IValidationError;
    expect(error).toEqual({
      message: 'Validation Failed',
      errors: [
        {
          field: 'title',
          code: 'missing_field',
          message: 'is not present',
          documentation_url: expect.stringContaining('/422/post/looks'),
        },
      ],
      documentation_url: expect.stringContaining('/422/post/looks'),
    });
    const missing = await refusal(sdk.update_look('99999', { title: 'x' }));
    expect(missing).toEqual({ message: 'Not found', documentation_url: expect.stringContaining('/404/patch/looks/') });
  });
});

describe('dashboards', () => {
  it('creates a dashboard, refuses a second one with the same title in the folder, soft-deletes and restores', async () => {
    const { sdk } = admin;
    const created = await sdk.ok(sdk.create_dashboard({ title: 'Writes: board', folder_id: FOLDER_IDS.sandbox }));
    expect(created).toMatchObject({ title: 'Writes: board', folder_id: FOLDER_IDS.sandbox, deleted: false });
    expect(created.dashboard_elements).toEqual([]);
    const id = String(created.id);

    const error = (await refusal(
      sdk.create_dashboard({ title: 'Writes: board', folder_id: FOLDER_IDS.sandbox }),
    )) as IValidationError;
    expect(error).toEqual({
      message: 'Validation Failed',
      errors: [
        {
          field: 'title',
          code: 'already_exists',
          message: expect.any(String),
          documentation_url: expect.stringContaining('/422/post/dashboards'),
        },
      ],
      documentation_url: expect.stringContaining('/422/post/dashboards'),
    });
    expect(errorStatus(error)).toBe(422);
    // Another folder may have a dashboard with the same title.
    await sdk.ok(sdk.create_dashboard({ title: 'Writes: board', folder_id: FOLDER_IDS.marketing }));

    const deleted = await sdk.ok(sdk.update_dashboard(id, { deleted: true }));
    expect(deleted).toMatchObject({ deleted: true, title: 'Writes: board' });
    const live = await sdk.ok(sdk.search_dashboards({ title: 'Writes: board', folder_id: FOLDER_IDS.sandbox }));
    expect(live).toEqual([]);
    const trash = await sdk.ok(sdk.search_dashboards({ title: 'Writes: board', deleted: 'true' }));
    expect(trash.map((d) => d.id)).toEqual([id]);
    expect((await sdk.ok(sdk.dashboard(id))).deleted).toBe(true);
    expect((await sdk.ok(sdk.update_dashboard(id, { deleted: false }))).deleted).toBe(false);
    expect((await sdk.ok(sdk.folder_dashboards(FOLDER_IDS.sandbox))).map((d) => d.id)).toEqual([id]);
  });

  it('adds query, look and text tiles that get layout components, moves one, listens to a filter, deletes one', async () => {
    const { sdk } = admin;
    const board = await sdk.ok(sdk.create_dashboard({ title: 'Writes: tiles', folder_id: FOLDER_IDS.sandbox }));
    const dashboardId = String(board.id);
    const filter = await sdk.ok(
      sdk.create_dashboard_filter({
        dashboard_id: dashboardId,
        name: 'status',
        title: 'Status',
        type: 'field_filter',
        model: 'ecommerce',
        explore: 'order_items',
        dimension: 'order_items.status',
        default_value: 'complete',
      }),
    );
    const query = await sdk.ok(sdk.create_query(statusQuery));
    const queryTile = await sdk.ok(
      sdk.create_dashboard_element({
        body: {
          dashboard_id: dashboardId,
          type: 'vis',
          title: 'By status',
          query_id: query.id,
          result_maker: {
            vis_config: { type: 'looker_bar' },
            filterables: [
              {
                model: 'ecommerce',
                view: 'order_items',
                listen: [{ dashboard_filter_name: 'status', field: 'order_items.status' }],
              },
            ],
          },
        },
      }),
    );
    expect(queryTile).toMatchObject({ dashboard_id: dashboardId, title: 'By status', query_id: query.id, type: 'vis' });
    expect(queryTile.result_maker?.vis_config).toEqual({ type: 'looker_bar' });
    expect(queryTile.result_maker?.filterables?.[0]?.listen).toEqual([
      { dashboard_filter_name: filter.name, field: 'order_items.status' },
    ]);
    const lookTile = await sdk.ok(
      sdk.create_dashboard_element({ body: { dashboard_id: dashboardId, type: 'vis', look_id: '2' } }),
    );
    expect(lookTile).toMatchObject({ look_id: '2', query_id: null });
    const textTile = await sdk.ok(
      sdk.create_dashboard_element({
        body: { dashboard_id: dashboardId, type: 'text', title_text: 'Notes', body_text: 'Read me' },
      }),
    );
    expect(textTile).toMatchObject({ type: 'text', body_text: 'Read me' });

    const elements = await sdk.ok(sdk.dashboard_dashboard_elements(dashboardId));
    expect(elements.map((e: IDashboardElement) => e.id)).toEqual([queryTile.id, lookTile.id, textTile.id]);
    const [layout] = await sdk.ok(sdk.dashboard_dashboard_layouts(dashboardId));
    const components = layout?.dashboard_layout_components ?? [];
    expect(components.map((c) => c.dashboard_element_id)).toEqual([queryTile.id, lookTile.id, textTile.id]);
    // Each new tile goes below the ones before it: nothing overlaps.
    const rows = components.map((c) => Number(c.row));
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows).size).toBe(3);

    const textComponent = components[2];
    const moved = await sdk.ok(
      sdk.update_dashboard_layout_component(String(textComponent?.id), { row: 0, column: 12, width: 12, height: 3 }),
    );
    expect(moved).toMatchObject({ row: 0, column: 12, width: 12, height: 3, dashboard_element_id: textTile.id });
    const reread = await sdk.ok(sdk.dashboard_layout(String(layout?.id)));
    expect(reread.dashboard_layout_components?.find((c) => c.id === textComponent?.id)).toMatchObject({
      row: 0,
      column: 12,
    });
    const refused = await refusal(
      sdk.update_dashboard_layout_component(String(textComponent?.id), { column: 20, width: 12 }),
    );
    expect(errorStatus(refused)).toBe(422);

    const renamed = await sdk.ok(sdk.update_dashboard_element(String(queryTile.id), { title: 'Orders by status' }));
    expect(renamed.title).toBe('Orders by status');
    expect(renamed.query_id).toBe(query.id);

    await sdk.ok(sdk.delete_dashboard_element(String(lookTile.id)));
    const after = await sdk.ok(sdk.dashboard(dashboardId));
    expect(after.dashboard_elements?.map((e) => e.id)).toEqual([queryTile.id, textTile.id]);
    expect(after.dashboard_layouts?.[0]?.dashboard_layout_components?.map((c) => c.dashboard_element_id)).toEqual([
      queryTile.id,
      textTile.id,
    ]);
    expect(errorStatus(await refusal(sdk.dashboard_element(String(lookTile.id))))).toBe(404);
  });

  it("answers a query tile's vis_config from the query it was created with", async () => {
    const { sdk } = admin;
    const board = await sdk.ok(sdk.create_dashboard({ title: 'Writes: vis', folder_id: FOLDER_IDS.sandbox }));
    const visConfig = { type: 'looker_pie', value_labels: 'legend' };
    const query = await sdk.ok(
      sdk.create_query({ ...statusQuery, filters: { 'order_items.status': '-Cancelled' }, vis_config: visConfig }),
    );
    const tile = await sdk.ok(
      sdk.create_dashboard_element({ body: { dashboard_id: String(board.id), type: 'vis', query_id: query.id } }),
    );
    expect(tile.result_maker?.vis_config).toEqual(visConfig);
    expect(tile.query?.vis_config).toEqual(visConfig);
  });

  it('creates, updates and deletes filters; a filter name is unique on its dashboard', async () => {
    const { sdk } = admin;
    const board = await sdk.ok(sdk.create_dashboard({ title: 'Writes: filters', folder_id: FOLDER_IDS.sandbox }));
    const dashboardId = String(board.id);
    const body = {
      dashboard_id: dashboardId,
      name: 'brand',
      title: 'Brand',
      type: 'field_filter',
      model: 'ecommerce',
      explore: 'order_items',
      dimension: 'products.brand',
      allow_multiple_values: true,
    };
    const created = await sdk.ok(sdk.create_dashboard_filter(body));
    expect(created).toMatchObject({ dashboard_id: dashboardId, name: 'brand', dimension: 'products.brand', row: 0 });
    const duplicate = (await refusal(sdk.create_dashboard_filter(body))) as IValidationError;
    expect(duplicate.errors?.map((e) => [e.field, e.code])).toEqual([['name', 'already_exists']]);
    const missing = (await refusal(
      sdk.create_dashboard_filter({ dashboard_id: dashboardId, name: 'x', title: 'X', type: '' }),
    )) as IValidationError;
    expect(missing.errors?.map((e) => [e.field, e.code, e.message])).toEqual([
      ['type', 'missing_field', 'is not present'],
    ]);

    const updated = await sdk.ok(
      sdk.update_dashboard_filter(String(created.id), { title: 'Brand name', default_value: 'Acme' }),
    );
    expect(updated).toMatchObject({ title: 'Brand name', default_value: 'Acme', name: 'brand' });
    expect((await sdk.ok(sdk.dashboard_dashboard_filters(dashboardId))).map((f) => f.title)).toEqual(['Brand name']);
    await sdk.ok(sdk.delete_dashboard_filter(String(created.id)));
    expect(await sdk.ok(sdk.dashboard_dashboard_filters(dashboardId))).toEqual([]);
  });
});

describe('per-user edit access', () => {
  it('lets Ada write in Sandbox, refuses her (403) in Sales, and hides Finance from Victor (404)', async () => {
    const query = await analyst.sdk.ok(analyst.sdk.create_query(statusQuery));
    const mine = await analyst.sdk.ok(
      analyst.sdk.create_look({ title: 'Writes: Ada', query_id: query.id, folder_id: FOLDER_IDS.sandbox }),
    );
    expect(mine.user_id).toBe(DEMO_USER_IDS.analyst);
    // `can` follows the folder's edit access, as the refusals below do.
    expect(mine.can?.update).toBe(true);
    expect((await analyst.sdk.ok(analyst.sdk.look('2'))).can?.update).toBe(false);

    const forbidden = await refusal(
      analyst.sdk.create_dashboard({ title: 'Writes: not here', folder_id: FOLDER_IDS.sales }),
    );
    expect(forbidden).toEqual({
      message: 'Forbidden',
      documentation_url: expect.stringContaining('/403/post/dashboards'),
    });
    expect(errorStatus(await refusal(analyst.sdk.update_look('2', { title: 'Renamed' })))).toBe(403);
    expect((await admin.sdk.ok(admin.sdk.look('2'))).title).not.toBe('Renamed');

    // Victor sees Sandbox but may not edit it; Finance he cannot even see.
    expect(errorStatus(await refusal(viewer.sdk.create_dashboard({ title: 'V', folder_id: FOLDER_IDS.sandbox })))).toBe(
      403,
    );
    expect(errorStatus(await refusal(viewer.sdk.create_dashboard({ title: 'V', folder_id: FOLDER_IDS.finance })))).toBe(
      404,
    );
  });
});

describe('reset and the call counter', () => {
  it('counts every write under its route template and restores the seeded content on reset', async () => {
    const { sdk } = admin;
    const look2 = await sdk.ok(sdk.look('2'));
    emulator.control.reset();
    const board = await sdk.ok(sdk.create_dashboard({ title: 'Writes: temporary', folder_id: FOLDER_IDS.sandbox }));
    await sdk.ok(sdk.update_look('2', { title: 'Temporarily renamed' }));
    await sdk.ok(sdk.update_dashboard(String(board.id), { description: 'x' }));
    expect(emulator.stats().byRoute).toEqual({
      'POST /api/4.0/dashboards': 1,
      'PATCH /api/4.0/looks/:look_id': 1,
      'PATCH /api/4.0/dashboards/:dashboard_id': 1,
    });

    const reset = await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect((await sdk.ok(sdk.look('2'))).title).toBe(look2.title);
    expect(errorStatus(await refusal(sdk.dashboard(String(board.id))))).toBe(404);
    expect(await sdk.ok(sdk.folder_dashboards(FOLDER_IDS.sandbox))).toEqual([]);
    expect(await sdk.ok(sdk.search_looks({ title: 'Writes: %' }))).toEqual([]);
  });
});
