import type { IDashboardFilter } from '@looker/sdk';
import { startEmulatorSuite, type EmulatorSuite, type SdkClient } from './emulator-sdk';

/**
 * Dashboard filters as Looker serves them to a filter bar: `ui_config` ({ type, display, options },
 * the controls of Looker's filter components), `allow_multiple_values`, `required`, and the
 * read-only `field` (the filter's LookML field). See the emulator README, "Dashboard filter controls".
 */
let suite: EmulatorSuite;
let admin: SdkClient;

beforeAll(async () => {
  suite = await startEmulatorSuite();
  ({ admin } = suite);
});

afterAll(() => suite?.stop());

async function filters(id: string): Promise<IDashboardFilter[]> {
  return (await admin.sdk.ok(admin.sdk.dashboard(id))).dashboard_filters ?? [];
}

test("the Executive Overview's filters are a relative timeframe and a button group of departments", async () => {
  const [date, department] = await filters('1');
  expect(date).toMatchObject({
    name: 'Date',
    type: 'field_filter',
    ui_config: { type: 'relative_timeframes', display: 'inline', options: [] },
    allow_multiple_values: false,
    required: false,
  });
  expect(department).toMatchObject({
    name: 'Department',
    ui_config: { type: 'button_group', display: 'inline', options: ['Men', 'Women'] },
    allow_multiple_values: true,
    required: false,
    field: { name: 'products.department', type: 'string', view: 'products', category: 'dimension' },
  });
});

test('the demo filters use the controls of Looker’s filter components, in every display', async () => {
  const dashboards = await admin.sdk.ok(admin.sdk.search_dashboards({ fields: 'id,dashboard_filters' }));
  const all = dashboards.flatMap((d) => d.dashboard_filters ?? []);
  const types = new Set(all.map((f) => (f.ui_config as { type: string }).type));
  const displays = new Set(all.map((f) => (f.ui_config as { display: string }).display));
  for (const type of ['button_group', 'checkboxes', 'dropdown_menu', 'tag_list', 'range_slider', 'relative_timeframes'])
    expect(types).toContain(type);
  expect([...displays].sort()).toEqual(['inline', 'overflow', 'popover']);
  // Every filter is on a field of its explore, which `field` describes.
  for (const f of all) expect(f.field).toMatchObject({ name: f.dimension });
});

test('a slider carries its bounds in options; a required filter says so', async () => {
  const price = (await filters('11')).find((f) => f.name === 'Sale Price');
  expect(price).toMatchObject({
    ui_config: { type: 'range_slider', display: 'inline', options: { min: 0, max: 1000 } },
    field: { name: 'order_items.sale_price', type: 'number', is_numeric: true },
  });
  const signup = (await filters('6')).find((f) => f.name === 'Signup Date');
  expect(signup).toMatchObject({ required: true, ui_config: { type: 'advanced', display: 'popover' } });
});
