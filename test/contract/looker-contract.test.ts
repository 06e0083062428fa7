import type { ILook } from '@looker/sdk';
import { LookerError } from '../../src/looker/errors';
import { parseJsonDetail } from '../../src/looker/query-result';
import { errorStatus, sdkAsUser, type SdkClient } from '../e2e/emulator/emulator-sdk';
import { emulatorTarget, realLooker, realTarget, type ContractTarget } from './contract-target';

/**
 * What the subgraph relies on Looker doing, checked read-only against a Looker: the emulator in both
 * flavours by default (so `npm test` runs it), or the instance in `LOOKERSDK_BASE_URL` with
 * `npm run test:looker-contract`. A failure names the assumption that does not hold there.
 */
const targets: [string, () => Promise<ContractTarget>][] = realLooker()
  ? [['the configured Looker', async () => realTarget()]]
  : [
      ['the emulator (original)', () => emulatorTarget('original')],
      ['the emulator (Google Cloud core)', () => emulatorTarget('core')],
    ];

/** The headers of the last answer the client received, lower-cased. */
const lastHeaders = (client: SdkClient) =>
  Object.fromEntries(
    Object.entries(client.responses.at(-1)?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );

describe.each(targets)('Looker contract: %s', (_name, start) => {
  let target: ContractTarget;
  let looks: ILook[];

  beforeAll(async () => {
    target = await start();
    looks = await target.admin.sdk.ok(target.admin.sdk.search_looks({ limit: 3, fields: 'id,query_id', sorts: 'id' }));
  });

  afterAll(() => target?.stop());

  test('the target has content to check against', () => {
    expect(looks.length).toBeGreaterThanOrEqual(2);
  });

  test('search_looks takes comma-separated ids and answers exactly those (one call for a batch)', async () => {
    const ids = looks.map((l) => String(l.id));
    const found = await target.admin.sdk.ok(target.admin.sdk.search_looks({ id: ids.join(','), fields: 'id' }));
    expect(found.map((l) => String(l.id)).sort()).toEqual([...ids].sort());
  });

  test('`fields` projects answers, nested selections included', async () => {
    const projected = await target.admin.sdk.ok(
      target.admin.sdk.search_looks({ limit: 2, fields: 'id,title,folder(id,name)' }),
    );
    for (const look of projected) {
      expect(Object.keys(look).sort()).toEqual(['folder', 'id', 'title']);
      if (look.folder) expect(Object.keys(look.folder).sort()).toEqual(['id', 'name']);
    }
  });

  test('dashboard elements say which dashboard filters they listen to (result_maker.filterables)', async () => {
    const dashboards = await target.admin.sdk.ok(target.admin.sdk.search_dashboards({ limit: 25, fields: 'id' }));
    let checked = 0;
    for (const { id } of dashboards) {
      const dashboard = await target.admin.sdk.ok(target.admin.sdk.dashboard(String(id), 'id,dashboard_filters(name)'));
      if ((dashboard.dashboard_filters ?? []).length === 0) continue;
      const elements = await target.admin.sdk.ok(target.admin.sdk.dashboard_dashboard_elements(String(id)));
      const queried = elements.filter((e) => e.query_id || e.result_maker?.query_id);
      for (const element of queried) expect(Array.isArray(element.result_maker?.filterables)).toBe(true);
      checked += queried.length;
      if (checked > 0) break;
    }
    expect(checked).toBeGreaterThan(0);
  });

  test('json_detail answers the shape the subgraph parses: fields metadata, rows of cells, rendered strings', async () => {
    const queryId = String(looks.find((l) => l.query_id)?.query_id);
    const body = await target.admin.sdk.ok(
      target.admin.sdk.run_query({ query_id: queryId, result_format: 'json_detail', limit: 3 }),
    );
    const parsed = parseJsonDetail(body);
    expect(parsed.fields.length).toBeGreaterThan(0);
    expect(parsed.rows.length).toBeLessThanOrEqual(3);
    expect(parsed.renderedRows).toHaveLength(parsed.rows.length);
    for (const row of parsed.rows)
      for (const field of parsed.fields.filter((f) => !f.isPivot)) expect(field.name in row).toBe(true);
  });

  test('json_detail answers totals (`totals_data`) in the same answer when the query asks for them', async () => {
    const withMeasure = looks.find((l) => l.query_id);
    const query = await target.admin.sdk.ok(target.admin.sdk.query(String(withMeasure?.query_id)));
    const { model, view, fields, filters } = query;
    const body = (await target.admin.sdk.ok(
      target.admin.sdk.run_inline_query({
        result_format: 'json_detail',
        body: { model, view, fields, filters, total: true, limit: '3' },
      }),
    )) as unknown as { has_totals?: boolean; totals_data?: Record<string, { value: unknown }> };
    expect(body.has_totals).toBe(true);
    expect(typeof body.totals_data).toBe('object');
  });

  test('json_detail answers data rows of { value } cells (with `rendered` where formatted)', async () => {
    const queryId = String(looks.find((l) => l.query_id)?.query_id);
    const body = (await target.admin.sdk.ok(
      target.admin.sdk.run_query({ query_id: queryId, result_format: 'json_detail', limit: 3 }),
    )) as unknown as {
      data: Record<string, { value: unknown; rendered?: unknown }>[];
      fields: Record<string, unknown>;
    };
    expect(Array.isArray(body.data)).toBe(true);
    expect(typeof body.fields).toBe('object');
    for (const row of body.data) for (const cell of Object.values(row)) expect(cell).toHaveProperty('value');
  });

  test('a query the database refuses comes back as error rows (HTTP 200), which the subgraph turns into LOOKER_QUERY_FAILED', async () => {
    if (!target.failingQuery)
      return console.warn(`${target.name}: set LOOKER_CONTRACT_FAILING_QUERY to check error rows`);
    const json = await target.admin.sdk.ok(
      target.admin.sdk.run_inline_query({ result_format: 'json', body: { ...target.failingQuery, limit: '1' } }),
    );
    expect(JSON.stringify(json)).toContain('looker_error');
    const detail = await target.admin.sdk.ok(
      target.admin.sdk.run_inline_query({ result_format: 'json_detail', body: { ...target.failingQuery, limit: '1' } }),
    );
    expect(() => parseJsonDetail(detail)).toThrow(
      expect.objectContaining({ code: 'LOOKER_QUERY_FAILED' }) as LookerError,
    );
  });

  test('explores list filter-only fields and parameters apart, a parameter with its allowed values as enumerations', async () => {
    const subgraphFields =
      'name,label,label_short,type,description,view,hidden,category,enumerations,default_filter_value';
    const models = await target.admin.sdk.ok(target.admin.sdk.all_lookml_models({ fields: 'name,explores(name)' }));
    const explores = models.flatMap((m) => (m.explores ?? []).map((e) => [m.name ?? '', e.name ?? ''] as const));
    // The first explores (at most 25) are enough to find one with parameters on an ordinary instance.
    for (const [model, name] of explores.slice(0, 25)) {
      const explore = await target.admin.sdk.ok(
        target.admin.sdk.lookml_model_explore({
          lookml_model_name: model,
          explore_name: name,
          fields: `fields(filters(${subgraphFields}),parameters(${subgraphFields}))`,
        }),
      );
      const parameters = explore.fields?.parameters ?? [];
      const allowed = parameters.find((p) => (p.enumerations ?? []).length > 0);
      if (!allowed) continue;
      for (const filter of explore.fields?.filters ?? []) expect(filter.category).toBe('filter');
      for (const parameter of parameters) expect(parameter.category).toBe('parameter');
      for (const value of allowed.enumerations ?? []) {
        expect(typeof value.label).toBe('string');
        expect(['string', 'number']).toContain(typeof value.value);
      }
      return;
    }
    if (realLooker())
      return console.warn(`${target.name}: no explore among the first 25 has parameters with allowed values`);
    throw new Error('the emulator lists no parameter with allowed values');
  });

  test('searches with `limit` answer paging headers (X-Total-Count, Link rel="next")', async () => {
    await target.admin.sdk.ok(target.admin.sdk.search_looks({ limit: 1, fields: 'id' }));
    const headers = lastHeaders(target.admin);
    expect(Number(headers['x-total-count'])).toBeGreaterThan(1);
    expect(headers['link']).toMatch(/rel="next"/);
  });

  test('login_user works for a user of the configured mapping, and is refused where Looker restricts it', async () => {
    if (!target.loginUserId)
      return console.warn(`${target.name}: set LOOKER_CONTRACT_LOGIN_USER_ID to check login_user`);
    const token = await target.admin.sdk.ok(target.admin.sdk.login_user(target.loginUserId));
    expect(token.access_token).toEqual(expect.any(String));
    if (target.refusedLoginUserId) {
      const refused = await target.admin.sdk.login_user(target.refusedLoginUserId);
      expect(refused.ok).toBe(false);
      expect(errorStatus(refused.ok ? undefined : refused.error)).toBe(403);
    }
  });

  test('content that does not exist, or that the Looker user may not see, answers 404 (not 403)', async () => {
    const missing = await target.admin.sdk.look('999999999', 'id');
    expect(missing.ok).toBe(false);
    expect(errorStatus(missing.ok ? undefined : missing.error)).toBe(404);
    if (!target.hidden) return;
    const user = await sdkAsUser(target.admin.sdk, target.baseUrl, target.hidden.userId);
    const hidden = await user.sdk.look(target.hidden.lookId, 'id');
    expect(hidden.ok).toBe(false);
    expect(errorStatus(hidden.ok ? undefined : hidden.error)).toBe(404);
  });
});
