import type { IDashboard } from '@looker/sdk';
import { AccessPolicy } from '../../../../emulator/access/policy';
import { DEMO_USER_IDS, findUser, type UserDef } from '../../../../emulator/access/users';
import { ContentStore } from '../../../../emulator/content/content-store';
import { dashboard } from '../../../../emulator/content/dashboard-view';
import { QueryStore } from '../../../../emulator/content/query-store';

const store = new ContentStore(new QueryStore());
const admin = new AccessPolicy(findUser(DEMO_USER_IDS.admin) as UserDef, store.folderParents);
const served: IDashboard[] = store.dashboards.map((d) =>
  dashboard(d, store, { webUrl: 'http://127.0.0.1:1', policy: admin }),
);

describe.each(served.map((d) => [d.id ?? '', d] as const))('demo dashboard %s', (_id, d) => {
  const layout = d.dashboard_layouts?.[0];
  const components = layout?.dashboard_layout_components ?? [];
  const elements = d.dashboard_elements ?? [];

  it('has an active newspaper layout placing every tile once, inside 24 columns, without overlaps', () => {
    expect(layout).toEqual(expect.objectContaining({ type: 'newspaper', active: true }));
    expect(components.map((c) => c.dashboard_element_id).sort()).toEqual(elements.map((e) => e.id).sort());
    const cells = new Set<string>();
    for (const c of components) {
      const [row, column, width, height] = [c.row ?? -1, c.column ?? -1, c.width ?? 0, c.height ?? 0];
      expect(row).toBeGreaterThanOrEqual(0);
      expect(column).toBeGreaterThanOrEqual(0);
      expect(width).toBeGreaterThan(0);
      expect(height).toBeGreaterThan(0);
      expect(column + width).toBeLessThanOrEqual(24);
      for (let r = row; r < row + height; r += 1) {
        for (let k = column; k < column + width; k += 1) {
          expect(cells.has(`${r}:${k}`)).toBe(false);
          cells.add(`${r}:${k}`);
        }
      }
    }
  });

  it('gives every query tile a vis_config with its type and settings, and text tiles their body', () => {
    for (const e of elements) {
      if (e.type === 'text') {
        expect(e.body_text).toEqual(expect.any(String));
        expect(e.result_maker).toBeUndefined();
        continue;
      }
      const config = e.result_maker?.vis_config;
      expect(config?.type).toEqual(expect.any(String));
      expect(Object.keys(config ?? {}).length).toBeGreaterThan(1);
      expect(components.find((c) => c.dashboard_element_id === e.id)?.vis_type).toBe(config?.type);
    }
  });

  it('carries subtitles and notes as Looker stores them', () => {
    expect(elements.some((e) => typeof e.subtitle_text === 'string' && e.subtitle_text.length > 0)).toBe(true);
    expect(elements.some((e) => typeof e.note_text === 'string' && e.note_text.length > 0)).toBe(true);
  });
});

test('the demo dashboards use at least six visualization types, text tiles and value formats', () => {
  const types = new Set(
    served.flatMap((d) =>
      (d.dashboard_elements ?? []).map((e) => (e.type === 'text' ? 'text' : e.result_maker?.vis_config?.type)),
    ),
  );
  for (const type of ['table', 'single_value', 'looker_line', 'looker_column', 'looker_bar', 'looker_pie', 'text'])
    expect(types).toContain(type);
});
