import { createServer, connect, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';
import type { IWriteQuery } from '@looker/sdk';
import { LookerClient } from '../../../src/looker/looker-client';
import { createServiceLookerSession } from '../../../src/looker/service-looker-session';
import { Secret } from '../../../src/config/secret';
import { startSubgraphStack, testLookerSecret, type SubgraphStack } from '../../support/subgraph-stack';
import { download } from './export-download';

/**
 * `EXPORT_MAX_BYTES` bounds what an export holds: Looker's body is read up to the limit and no
 * further (the connection is dropped there, nothing is retried), and the caller gets 413 before
 * any byte of the file.
 */
const maxBytes = 1024;
let stack: SubgraphStack;
let analyst: string;

beforeAll(async () => {
  stack = await startSubgraphStack({ env: { EXPORT_MAX_BYTES: String(maxBytes) } });
  analyst = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

async function exportLink(lookId: string, format: 'CSV' | 'XLSX' | 'JSON'): Promise<string> {
  const answer = await stack.graphql(
    'query ($id: ID!, $format: ExportFormat!) { look(id: $id) { exportUrl(format: $format) } }',
    { token: analyst, variables: { id: lookId, format } },
  );
  return (answer.body.data?.look as { exportUrl: string }).exportUrl;
}

test('an export over EXPORT_MAX_BYTES is 413 with no file; Looker is asked once; a small one downloads', async () => {
  // Look 21 lists 100 sales: several kilobytes in every format.
  for (const format of ['CSV', 'XLSX', 'JSON'] as const) {
    const link = await exportLink('21', format);
    await stack.resetLookerStats();
    const answer = await download(stack, link, analyst);
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-disposition')).toBeNull();
    expect(JSON.parse(answer.bytes.toString('utf8'))).toEqual({
      error: {
        code: 'LOOKER_BUDGET_EXCEEDED',
        message: `The export is larger than ${maxBytes} bytes; filter it or export fewer rows`,
      },
    });
    expect((await stack.lookerStats()).byRoute['GET /api/4.0/queries/:query_id/run/:result_format']).toBe(1);
  }
  const events = stack.auditEvents().filter((e) => e.type === 'export' && e.resource === 'look:21');
  expect(events.map((e) => [e.outcome, e.reason, e.status])).toEqual(
    Array(3).fill(['refused', 'looker_budget_exceeded', 413]),
  );

  // Look 1 is one total: well under the limit.
  const small = await download(stack, await exportLink('1', 'CSV'), analyst);
  expect(small.status).toBe(200);
  expect(small.bytes.length).toBeLessThanOrEqual(maxBytes);
});

describe('reading Looker', () => {
  /** Bytes the emulator's answers carried to the subgraph's side of the proxy. */
  let forwarded = 0;
  let proxy: Server;
  let proxyUrl: string;
  // 100,000 order items with their product and customer: well over ten megabytes of CSV, several
  // times what the sockets between here and the emulator buffer.
  const query: IWriteQuery = {
    model: 'ecommerce',
    view: 'order_items',
    fields: [
      'order_items.id',
      'order_items.created_date',
      'order_items.status',
      'order_items.sale_price',
      'products.name',
      'products.brand',
      'products.category',
      'users.email',
      'users.first_name',
      'users.last_name',
      'users.city',
      'users.state',
      'users.country',
    ],
    sorts: ['order_items.id'],
    limit: '100000',
  };
  const runRoute = 'POST /api/4.0/queries/run/:result_format';

  beforeAll(async () => {
    // A plain TCP relay in front of the emulator that counts what it hands on: it reads from the
    // emulator only as fast as the client reads from it.
    const emulatorPort = Number(new URL(stack.emulator.url).port);
    proxy = createServer((client) => {
      const upstream = connect(emulatorPort, '127.0.0.1');
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          forwarded += chunk.length;
          done(null, chunk);
        },
      });
      client.pipe(upstream);
      upstream.pipe(counter).pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

  /** A request's Looker client, as the server builds one, talking to Looker through the proxy. */
  function requestClient(): LookerClient {
    const session = createServiceLookerSession({
      baseUrl: proxyUrl,
      clientId: 'looker-admin',
      clientSecret: new Secret(testLookerSecret),
      verifySsl: true,
      timeoutMs: 30_000,
    });
    return new LookerClient(session, { timeoutMs: 30_000 });
  }

  test('a body over the limit is not read past it, and the run is not retried', async () => {
    const whole = await requestClient().runForExport({ query }, 'csv', 100_000, 1_000_000_000);
    expect(whole.length).toBeGreaterThan(12_000_000);

    await stack.resetLookerStats();
    forwarded = 0;
    const limit = 64 * 1024;
    await expect(requestClient().runForExport({ query }, 'csv', 100_000, limit)).rejects.toMatchObject({
      code: 'LOOKER_BUDGET_EXCEEDED',
    });
    // What crossed the relay: the login, the part of the answer read, and what the sockets buffer
    // (a few megabytes on loopback); far from the whole answer, still being sent when the client left.
    expect(forwarded).toBeLessThan(whole.length / 2);
    expect((await stack.lookerStats()).byRoute[runRoute]).toBe(1);
  });
});
