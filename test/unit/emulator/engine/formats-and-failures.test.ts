import { QueryTaskStore } from '../../../../emulator/http/query-task-store';
import type { StoredQuery } from '../../../../emulator/content/query-store';
import type { Engine, QueryRequest } from '../../../../emulator/engine/types';
import { testEngine } from '../engine-fixture';

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine({ scale: 0.05 });
});
afterAll(() => engine.close());

const byCountry: QueryRequest = {
  model: 'ecommerce',
  view: 'users',
  fields: ['users.country', 'users.count'],
  sorts: ['users.count desc'],
  limit: '2',
};
const stale: QueryRequest = { model: 'ecommerce', view: 'users', fields: ['users.country', 'users.legacy_segment'] };

test('json_detail carries each cell as { value, rendered? } with field metadata and the SQL', async () => {
  const body = JSON.parse((await engine.render(byCountry, 'json_detail')).body) as {
    data: Record<string, { value: unknown; rendered?: string }>[];
    fields: { dimensions: { name: string }[]; measures: { name: string }[] };
    sql: string;
  };
  expect(body.fields.dimensions.map((f) => f.name)).toEqual(['users.country']);
  expect(body.fields.measures.map((f) => f.name)).toEqual(['users.count']);
  expect(body.data).toHaveLength(2);
  const count = body.data[0]?.['users.count'];
  expect(typeof count?.value).toBe('number');
  // Looker renders numbers with separators, and leaves `rendered` out when it equals the value.
  if (count?.rendered !== undefined) expect(count.rendered).toBe(Number(count.value).toLocaleString('en-US'));
  expect(body.sql).toMatch(/SELECT/);
});

test('json_label keys rows by label, md is a table, sql is application/sql', async () => {
  expect(
    Object.keys(
      (JSON.parse((await engine.render(byCountry, 'json_label')).body) as Record<string, unknown>[])[0] ?? {},
    ),
  ).toEqual(['Users Country', 'Users Count']);
  const md = await engine.render(byCountry, 'md');
  expect(md.body.split('\n').slice(0, 2)).toEqual(['| Users Country | Users Count |', '| --- | --- |']);
  expect((await engine.render(byCountry, 'sql')).contentType).toBe('application/sql');
});

test('a database error is data in json formats, and an error for text formats', async () => {
  const json = await engine.render(stale, 'json');
  expect(JSON.parse(json.body)).toEqual([{ looker_error: expect.stringMatching(/segment/) as unknown }]);
  const detail = JSON.parse((await engine.render(stale, 'json_detail')).body) as {
    data: unknown[];
    errors: { message: string; message_details: string }[];
  };
  expect(detail.data).toEqual([]);
  expect(detail.errors[0]?.message_details).toMatch(/segment/);
  await expect(engine.render(stale, 'csv')).rejects.toThrow(/database encountered an error/);
});

test('query tasks end in error for a database error, and read as expired once their results are dropped', async () => {
  // A TTL well above a loaded machine's pauses, so the statuses are read before it passes.
  const store = new QueryTaskStore(engine, 1000);
  const query = (request: QueryRequest): StoredQuery =>
    ({ id: '1', request, vis: null, visConfig: null, slug: 's', clientId: 'c' }) as unknown as StoredQuery;
  const failing = store.create({ query: query(stale), format: 'json_bi', userId: '1' });
  const fine = store.create({ query: query(byCountry), format: 'json_bi', userId: '1' });
  await new Promise((resolve) => setImmediate(resolve));
  await Promise.all([failing.finished, fine.finished]);
  expect(store.get(failing.id)?.status).toBe('error');
  expect(store.get(fine.id)?.status).toBe('complete');
  // Past the TTL with a margin: timers may fire a millisecond early by Date.now().
  await new Promise((resolve) => setTimeout(resolve, 1100));
  expect(store.get(fine.id)?.status).toBe('expired');
  expect(store.get(fine.id)?.result).toBeNull();
});
