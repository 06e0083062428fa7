import { DEMO_USER_IDS, startEmulator, type RunningEmulator } from '../../../emulator';
import type { Engine } from '../../../emulator/engine/types';
import { createResponseValidator, loadLookerSpec, type RecordedExchange } from '../../support/openapi-validator';
import { createSuiteEngine } from './emulator-sdk';

let engine: Engine;
let emulator: RunningEmulator;
let token: string;
const validator = createResponseValidator(loadLookerSpec(), { reportUnknownProperties: true });

beforeAll(async () => {
  engine = await createSuiteEngine();
  emulator = await startEmulator({ port: 0, engine });
  const login = await fetch(`${emulator.apiUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'client_id=looker-admin&client_secret=looker-admin-secret',
  });
  token = ((await login.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
  await emulator.stop();
  await engine.close();
});

/** Calls the API over HTTP and records the exchange as it went over the wire. */
async function exchange(method: string, path: string, body?: unknown, bearer = token): Promise<RecordedExchange> {
  const response = await fetch(`${emulator.apiUrl}${path}`, {
    method,
    headers: { authorization: `token ${bearer}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0] ?? '';
  const text = await response.text();
  const parsed: unknown = contentType === 'application/json' && text !== '' ? JSON.parse(text) : text;
  return {
    method,
    path: `/api/4.0${path}`,
    status: response.status,
    body: parsed,
    ...(contentType ? { contentType } : {}),
  };
}

/**
 * Runs a query task to completion and returns its id. Polls every 10 ms until a 20 s deadline: a
 * fixed number of turns of the event loop is too few on a loaded machine.
 */
async function completedTask(queryId: string): Promise<string> {
  const created = await exchange('POST', '/query_tasks', { query_id: queryId, result_format: 'json' });
  const id = (created.body as { id: string }).id;
  const giveUp = Date.now() + 20_000;
  for (;;) {
    const task = await exchange('GET', `/query_tasks/${id}`);
    const status = (task.body as { status: string }).status;
    if (status === 'complete') return id;
    if (Date.now() > giveUp)
      throw new Error(`query task ${id} for query ${queryId} did not complete within 20 s (last status: ${status})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('responses match the Looker 4.0 spec (no undeclared properties)', () => {
  const statusQuery = { model: 'ecommerce', view: 'order_items', fields: ['order_items.status', 'order_items.count'] };

  it.each([
    ['GET', '/user'],
    ['GET', `/users/${DEMO_USER_IDS.viewer}`],
    ['GET', '/users/search?first_name=%25a%25'],
    ['GET', '/users/credential/embed/demo-analyst'],
    ['GET', '/users/999'],
    ['GET', '/lookml_models'],
    ['GET', '/lookml_models/inventory'],
    ['GET', '/lookml_models/ecommerce/explores/order_items'],
    ['GET', '/lookml_models/ecommerce/explores/nope'],
    ['GET', '/looks'],
    ['GET', '/looks/search?id=1,2,3&fields=id,title,folder(id,name)'],
    ['GET', '/looks/11'],
    ['GET', '/looks/999'],
    ['GET', '/looks/2/run/json'],
    ['GET', '/looks/2/run/json_bi'],
    ['GET', '/looks/2/run/csv'],
    ['GET', '/dashboards'],
    ['GET', '/dashboards/search?title=%25sales%25'],
    ['GET', '/dashboards/1'],
    ['GET', '/dashboards/1/dashboard_elements'],
    ['GET', '/folders'],
    ['GET', '/folders/search?name=Sales'],
    ['GET', '/folders/2'],
    ['GET', '/folders/2/looks'],
    ['GET', '/folders/2/dashboards'],
  ])('%s %s', async (method, path) => {
    const recorded = await exchange(method, path);
    expect(recorded.status).toBeLessThan(500);
    expect(validator.validateExchange(recorded)).toEqual([]);
  });

  it('queries, inline runs and 422s', async () => {
    const created = await exchange('POST', '/queries', statusQuery);
    const id = (created.body as { id: string }).id;
    const problems = [
      created,
      await exchange('GET', `/queries/${id}`),
      await exchange('GET', `/queries/${id}/run/json`),
      await exchange('GET', `/queries/${id}/run/sql`),
      await exchange('POST', '/queries/run/json', statusQuery),
      await exchange('POST', '/queries', { ...statusQuery, fields: ['order_items.nope'] }),
      await exchange('POST', '/queries', { view: 'order_items' }),
    ].flatMap((r) => validator.validateExchange(r));
    expect(problems).toEqual([]);
  });

  it('query tasks and multi_results', async () => {
    const created = await exchange('POST', '/queries', statusQuery);
    const taskId = await completedTask((created.body as { id: string }).id);
    const problems = [
      await exchange('GET', `/query_tasks/${taskId}`),
      await exchange('GET', `/query_tasks/${taskId}/results`),
      await exchange('GET', `/query_tasks/multi_results?query_task_ids=${taskId},unknown`),
      await exchange('GET', '/query_tasks/unknown/results'),
    ].flatMap((r) => validator.validateExchange(r));
    expect(problems).toEqual([]);
  });

  it('sessions', async () => {
    const sudo = await exchange('POST', `/login/${DEMO_USER_IDS.analyst}`);
    const sudoToken = (sudo.body as { access_token: string }).access_token;
    const denied = await exchange('POST', `/login/${DEMO_USER_IDS.viewer}`, undefined, sudoToken);
    expect(denied.status).toBe(403);
    const logout = await exchange('DELETE', '/logout', undefined, sudoToken);
    expect(logout.status).toBe(204);
    expect([sudo, denied, logout].flatMap((r) => validator.validateExchange(r))).toEqual([]);
  });
});
