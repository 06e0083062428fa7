import type { IDashboardFilter } from '@looker/sdk';
import type { SdkClient } from '../e2e/emulator/emulator-sdk';
import { emulatorTarget, realLooker, realTarget, type ContractTarget } from './contract-target';

/**
 * What the subgraph's dashboard UI fields rely on Looker sending, checked read-only against a Looker
 * (see `looker-contract.test.ts`): the count that comes with a page of a search, and the shape of
 * a dashboard filter's control.
 */
const targets: [string, () => Promise<ContractTarget>][] = realLooker()
  ? [['the configured Looker', async () => realTarget()]]
  : [['the emulator', () => emulatorTarget('original')]];

/** A header of the last answer the client received. */
const lastHeader = (client: SdkClient, name: string): string | undefined =>
  Object.entries(client.responses.at(-1)?.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] as
    string | undefined;

describe.each(targets)('Dashboard UI contract: %s', (_name, start) => {
  let target: ContractTarget;

  beforeAll(async () => {
    target = await start();
  });

  afterAll(() => target?.stop());

  test.each([
    ['search_looks', (c: SdkClient, offset: number) => c.sdk.search_looks({ limit: 2, offset, fields: 'id' })],
    [
      'search_dashboards',
      (c: SdkClient, offset: number) => c.sdk.search_dashboards({ limit: 2, offset, fields: 'id' }),
    ],
    ['search_folders', (c: SdkClient, offset: number) => c.sdk.search_folders({ limit: 2, offset, fields: 'id' })],
  ])(
    '%s with limit sends X-Total-Count, the whole list, or none (the subgraph then counts only on the last page)',
    async (_op, search) => {
      const client = target.admin;
      const page = await client.sdk.ok(search(client, 0));
      const header = lastHeader(client, 'x-total-count');
      if (header === undefined)
        return console.warn(`${target.name}: no X-Total-Count; totalCount is null before the last page`);
      const total = Number(header);
      expect(Number.isSafeInteger(total)).toBe(true);
      expect(total).toBeGreaterThanOrEqual(page.length);
      // The page that starts at the count is empty: nothing lies past it.
      expect(await client.sdk.ok(search(client, total))).toEqual([]);
      if (total > 0) expect((await client.sdk.ok(search(client, total - 1))).length).toBe(1);
    },
  );

  test("dashboard filters' ui_config is { type, display, options } with string type and display; the flags are booleans", async () => {
    const dashboards = await target.admin.sdk.ok(
      target.admin.sdk.search_dashboards({ limit: 25, fields: 'id,dashboard_filters' }),
    );
    const filters: IDashboardFilter[] = dashboards.flatMap((d) => d.dashboard_filters ?? []);
    if (filters.length === 0) return console.warn(`${target.name}: no dashboard filters to check`);
    for (const filter of filters) {
      expect(typeof (filter.allow_multiple_values ?? false)).toBe('boolean');
      expect(typeof (filter.required ?? false)).toBe('boolean');
      const ui = filter.ui_config as { type?: unknown; display?: unknown; options?: unknown } | null | undefined;
      if (!ui) continue;
      expect(typeof ui.type).toBe('string');
      if (ui.display !== undefined) expect(typeof ui.display).toBe('string');
      if (ui.options !== undefined && ui.options !== null) expect(typeof ui.options).toBe('object');
    }
  });
});
