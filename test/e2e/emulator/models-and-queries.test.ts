import { ResultFormat } from '@looker/sdk';
import { DelimArray } from '@looker/sdk-rtl';
import { errorStatus, startEmulatorSuite, type EmulatorSuite, type SdkClient } from './emulator-sdk';

let suite: EmulatorSuite;
let admin: SdkClient;
let viewer: SdkClient;
let nora: SdkClient;

beforeAll(async () => {
  suite = await startEmulatorSuite();
  ({ admin, viewer, nora } = suite);
});

afterAll(() => suite?.stop());

const statusCounts = {
  model: 'ecommerce',
  view: 'order_items',
  fields: ['order_items.status', 'order_items.count'],
  sorts: ['order_items.status'],
  limit: '10',
};

/** Rows per status straight from the data set, to check results independently of the emulator. */
async function expectedStatusCounts(): Promise<Record<string, number>> {
  const rows = await suite.emulator.engine.sql('SELECT status, COUNT(*) AS n FROM order_items GROUP BY status');
  return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
}

describe('models and explores', () => {
  it("lists the models of the caller's model set", async () => {
    const all = await admin.sdk.ok(admin.sdk.all_lookml_models({}));
    expect(all.map((m) => m.name).sort()).toEqual(['ecommerce', 'inventory']);
    const viewerModels = await viewer.sdk.ok(viewer.sdk.all_lookml_models({}));
    expect(viewerModels.map((m) => m.name)).toEqual(['ecommerce']);
    expect(await nora.sdk.ok(nora.sdk.all_lookml_models({}))).toEqual([]);
  });

  it('returns explores with their fields, and 404 outside the model set', async () => {
    const explore = await admin.sdk.ok(
      admin.sdk.lookml_model_explore({ lookml_model_name: 'ecommerce', explore_name: 'order_items' }),
    );
    const dimensions = (explore.fields?.dimensions ?? []).map((d) => d.name);
    expect(dimensions).toContain('order_items.created_month');
    expect((explore.fields?.measures ?? []).map((m) => m.name)).toContain('order_items.total_sale_price');
    const denied = await viewer.sdk.lookml_model_explore({ lookml_model_name: 'inventory', explore_name: 'products' });
    expect(denied.ok ? undefined : errorStatus(denied.error)).toBe(404);
    const model = await viewer.sdk.lookml_model('inventory');
    expect(model.ok ? undefined : errorStatus(model.error)).toBe(404);
    const unknown = await admin.sdk.lookml_model_explore({ lookml_model_name: 'ecommerce', explore_name: 'nope' });
    expect(unknown.ok ? undefined : errorStatus(unknown.error)).toBe(404);
  });
});

describe('filter-only fields and parameters', () => {
  it('lists them apart from dimensions: a parameter with its allowed values and default', async () => {
    const explore = await admin.sdk.ok(
      admin.sdk.lookml_model_explore({ lookml_model_name: 'ecommerce', explore_name: 'order_items' }),
    );
    const [filter] = explore.fields?.filters ?? [];
    expect(filter).toMatchObject({ name: 'order_items.product_brand', category: 'filter', is_filter: true });
    const [parameter] = explore.fields?.parameters ?? [];
    expect(parameter).toMatchObject({
      name: 'order_items.sale_price_metric',
      category: 'parameter',
      parameter: true,
      has_allowed_values: true,
      default_filter_value: 'sum',
      enumerations: [
        { label: 'Total', value: 'sum' },
        { label: 'Average', value: 'average' },
        { label: 'Largest', value: 'max' },
      ],
    });
    const dimensions = (explore.fields?.dimensions ?? []).map((d) => d.name);
    expect(dimensions).not.toContain('order_items.product_brand');
    expect(dimensions).not.toContain('order_items.sale_price_metric');
  });

  it('applies a filter-only field through its templated SQL and accepts a parameter in the filters', async () => {
    const [brand] = await suite.emulator.engine.sql('SELECT brand FROM products GROUP BY brand ORDER BY brand LIMIT 1');
    const name = String(brand?.brand);
    const [expected] = await suite.emulator.engine.sql(
      `SELECT COUNT(*) AS n FROM order_items JOIN products ON products.id = order_items.product_id WHERE products.brand = '${name.replace(/'/g, "''")}'`,
    );
    const rows = (await admin.sdk.ok(
      admin.sdk.run_inline_query({
        result_format: 'json',
        body: {
          model: 'ecommerce',
          view: 'order_items',
          fields: ['order_items.count'],
          filters: { 'order_items.product_brand': name, 'order_items.sale_price_metric': 'average' },
        },
      }),
    )) as unknown as Record<string, number>[];
    expect(rows).toEqual([{ 'order_items.count': Number(expected?.n) }]);
  });

  it('refuses to select one with 422, saying it belongs in filters', async () => {
    const selected = await admin.sdk.create_query({
      model: 'ecommerce',
      view: 'order_items',
      fields: ['order_items.count', 'order_items.sale_price_metric'],
    });
    expect(selected.ok ? undefined : errorStatus(selected.error)).toBe(422);
    expect(JSON.stringify(selected.ok ? null : selected.error)).toMatch(
      /sale_price_metric\W+is a parameter of explore ecommerce::order_items: use it in filters only/,
    );
  });
});

describe('queries', () => {
  it('returns the existing query when an identical one is created', async () => {
    const first = await admin.sdk.ok(admin.sdk.create_query(statusCounts));
    const second = await admin.sdk.ok(admin.sdk.create_query({ ...statusCounts, vis_config: { type: 'looker_pie' } }));
    expect(second.id).toBe(first.id);
    const other = await admin.sdk.ok(admin.sdk.create_query({ ...statusCounts, limit: '11' }));
    expect(other.id).not.toBe(first.id);
    const fetched = await admin.sdk.ok(admin.sdk.query(first.id ?? ''));
    expect(fetched).toMatchObject({
      model: 'ecommerce',
      view: 'order_items',
      fields: statusCounts.fields,
      limit: '10',
    });
  });

  it('runs a query as json, json_bi (with its SQL) and csv', async () => {
    const query = await admin.sdk.ok(admin.sdk.create_query(statusCounts));
    const expected = await expectedStatusCounts();
    const json = (await admin.sdk.ok(
      admin.sdk.run_query({ query_id: query.id ?? '', result_format: 'json' }),
    )) as unknown as Record<string, unknown>[];
    expect(Object.fromEntries(json.map((r) => [r['order_items.status'], r['order_items.count']]))).toEqual(expected);
    const bi = (await admin.sdk.ok(
      admin.sdk.run_query({ query_id: query.id ?? '', result_format: 'json_bi' }),
    )) as unknown as { metadata: { sql: string }; rows: unknown[] };
    expect(bi.metadata.sql).toMatch(/SELECT[\s\S]*FROM order_items/i);
    expect(bi.rows).toHaveLength(Object.keys(expected).length);
    const csv = await admin.sdk.ok(admin.sdk.run_query({ query_id: query.id ?? '', result_format: 'csv' }));
    expect(typeof csv).toBe('string');
    expect(csv.split('\n')[0]).toMatch(/Status.*Count/);
    const csvCall = admin.responses.filter((r) => r.url.includes('/run/csv')).at(-1);
    expect(csvCall?.contentType).toMatch(/^text\/csv/);
  });

  it('runs a look with a limit and an inline query', async () => {
    const rows = (await admin.sdk.ok(
      admin.sdk.run_look({ look_id: '13', result_format: 'json', limit: 5 }),
    )) as unknown as Record<string, unknown>[];
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0] ?? {})).toEqual(['products.name', 'products.brand', 'order_items.count']);
    const inline = (await admin.sdk.ok(
      admin.sdk.run_inline_query({ result_format: 'json', body: statusCounts }),
    )) as unknown as Record<string, unknown>[];
    expect(inline.map((r) => r['order_items.status'])).toEqual(Object.keys(await expectedStatusCounts()).sort());
  });

  it('answers 422 naming an unknown field', async () => {
    const answer = await admin.sdk.create_query({
      model: 'ecommerce',
      view: 'order_items',
      fields: ['order_items.no_such_field'],
    });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(errorStatus(answer.error)).toBe(422);
    expect(answer.error).toMatchObject({
      message: 'Validation Failed',
      errors: [expect.objectContaining({ field: expect.stringContaining('order_items.no_such_field') })],
    });
    const inline = await admin.sdk.run_inline_query({
      result_format: 'json',
      body: {
        model: 'ecommerce',
        view: 'order_items',
        fields: ['order_items.count'],
        filters: { 'order_items.nope': 'x' },
      },
    });
    expect(inline.ok ? undefined : errorStatus(inline.error)).toBe(422);
  });

  it("refuses queries on models outside the caller's model set with 404", async () => {
    const stockQuery = { model: 'inventory', view: 'products', fields: ['products.count'] };
    const create = await viewer.sdk.create_query(stockQuery);
    expect(create.ok ? undefined : errorStatus(create.error)).toBe(404);
    const created = await admin.sdk.ok(admin.sdk.create_query(stockQuery));
    const run = await viewer.sdk.run_query({ query_id: created.id ?? '', result_format: 'json' });
    expect(run.ok ? undefined : errorStatus(run.error)).toBe(404);
    const inline = await nora.sdk.run_inline_query({ result_format: 'json', body: statusCounts });
    expect(inline.ok ? undefined : errorStatus(inline.error)).toBe(404);
    const look = await nora.sdk.run_look({ look_id: '31', result_format: 'json' });
    expect(look.ok ? undefined : errorStatus(look.error)).toBe(404);
    // Victor sees the Sales look on the inventory model, but may not run it.
    expect((await viewer.sdk.look('23')).ok).toBe(true);
    const stockLook = await viewer.sdk.run_look({ look_id: '23', result_format: 'json' });
    expect(stockLook.ok ? undefined : errorStatus(stockLook.error)).toBe(404);
  });
});

/**
 * Reads until `done` holds, every 10 ms; gives up after 20 s, since a task that has not finished by
 * then never will (a fixed number of turns of the event loop is too few on a loaded machine).
 */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const giveUp = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > giveUp)
      throw new Error(`${what} did not complete within 20 s; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('query tasks', () => {
  it('runs tasks asynchronously and answers multi_results for a DelimArray of ids', async () => {
    const query = await admin.sdk.ok(admin.sdk.create_query(statusCounts));
    const look = await admin.sdk.ok(admin.sdk.look('2'));
    const a = await admin.sdk.ok(
      admin.sdk.create_query_task({ body: { query_id: query.id ?? '', result_format: ResultFormat.json } }),
    );
    const b = await admin.sdk.ok(
      admin.sdk.create_query_task({ body: { query_id: look.query_id ?? '', result_format: ResultFormat.csv } }),
    );
    expect(a.status).toBe('added');
    const ids = new DelimArray<string>([a.id ?? '', b.id ?? '']);
    const results = await pollUntil(
      async () =>
        (await admin.sdk.ok(admin.sdk.query_task_multi_results(ids))) as Record<
          string,
          { status: string; data?: unknown }
        >,
      (r) => Object.values(r).every((task) => task.status === 'complete'),
      'query tasks (multi_results)',
    );
    expect(results[a.id ?? '']?.status).toBe('complete');
    const rows = results[a.id ?? '']?.data as Record<string, unknown>[];
    expect(Object.fromEntries(rows.map((r) => [r['order_items.status'], r['order_items.count']]))).toEqual(
      await expectedStatusCounts(),
    );
    expect(String(results[b.id ?? '']?.data)).toMatch(/^Order Items Created Month,Order Items Order Count/);
    const task = await admin.sdk.ok(admin.sdk.query_task(a.id ?? ''));
    expect(task).toMatchObject({ status: 'complete', query_id: query.id, result_format: 'json' });
    const own = (await admin.sdk.ok(admin.sdk.query_task_results(a.id ?? ''))) as unknown as unknown[];
    expect(own).toHaveLength(rows.length);
  });

  it('answers 202 while a task has not completed, and hides tasks from other users', async () => {
    const query = await admin.sdk.ok(admin.sdk.create_query(statusCounts));
    const task = await admin.sdk.ok(
      admin.sdk.create_query_task({
        body: { query_id: query.id ?? '', result_format: ResultFormat.json, deferred: true },
      }),
    );
    await admin.sdk.query_task_results(task.id ?? '');
    expect(admin.responses.at(-1)?.statusCode).toBe(202);
    const foreign = await viewer.sdk.query_task(task.id ?? '');
    expect(foreign.ok ? undefined : errorStatus(foreign.error)).toBe(404);
    const multi = (await viewer.sdk.ok(
      viewer.sdk.query_task_multi_results(new DelimArray<string>([task.id ?? ''])),
    )) as Record<string, { status: string }>;
    expect(multi[task.id ?? '']?.status).toBe('missing');
    const status = await pollUntil(
      async () => (await admin.sdk.ok(admin.sdk.query_task(task.id ?? ''))).status ?? '',
      (s) => s === 'complete',
      'the deferred query task',
    );
    expect(status).toBe('complete');
    const missing = await admin.sdk.query_task_results('no-such-task');
    expect(missing.ok ? undefined : errorStatus(missing.error)).toBe(404);
  });
});
