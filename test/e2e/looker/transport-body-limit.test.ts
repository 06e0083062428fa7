import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { withBodyLimit, type BodyLimit } from '../../../src/looker/body-limit';
import { AbortableTransport } from '../../../src/looker/transport';
import { ConfiguredSettings } from '../../../src/looker/settings';
import { Secret } from '../../../src/config/secret';

/**
 * A body limit on a call (exports set `EXPORT_MAX_BYTES`): the transport reads the answer up to the
 * limit and no further, whether Looker declares its length, streams it, or compresses it (a small
 * gzip body that inflates to far more than the limit).
 */
const limitBytes = 1024 * 1024;
const csv = 'a,b\r\n1,2\r\n';
const xlsxLike = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x80, 0x7f]);
let server: Server;
let transport: AbortableTransport;
/** What the endless answer wrote, and whether it ended unfinished; `closed` settles when its connection closes. */
let streamed = { bytes: 0, cut: false };
let closed: Promise<void> = Promise.resolve();

beforeAll(async () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.endsWith('/small.csv')) {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end(csv);
    } else if (path.endsWith('/small.xlsx')) {
      res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      res.end(xlsxLike);
    } else if (path.endsWith('/declared')) {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(64 * 1024 * 1024) });
      res.write('a,b\r\n');
    } else if (path.endsWith('/bomb')) {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
      res.end(bomb);
    } else {
      // No length: rows until the client goes away (or 256 MB), as fast as it reads them.
      streamed = { bytes: 0, cut: false };
      closed = new Promise((resolve) => res.on('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'text/csv' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const more = () => {
        while (!res.destroyed && streamed.bytes < 256 * 1024 * 1024) {
          streamed.bytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('close', () => {
        streamed.cut = !res.writableFinished;
      });
      more();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  transport = new AbortableTransport(
    new ConfiguredSettings({
      baseUrl,
      clientId: 'id',
      clientSecret: new Secret('s'),
      verifySsl: true,
      timeoutMs: 30_000,
    }),
  );
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function limited(path: string): Promise<{ answer: { ok: boolean; value?: unknown }; limit: BodyLimit }> {
  const limit: BodyLimit = { maxBytes: limitBytes, exceeded: false };
  return transport
    .request('GET', path, undefined, undefined, undefined, withBodyLimit({}, limit))
    .then((answer) => ({ answer, limit }));
}

test('an answer within the limit arrives whole, text and binary', async () => {
  const text = await limited('/api/4.0/small.csv');
  expect(text).toEqual({ answer: { ok: true, value: csv }, limit: { maxBytes: limitBytes, exceeded: false } });
  const binary = await limited('/api/4.0/small.xlsx');
  expect(binary.answer.ok).toBe(true);
  expect(Buffer.from(binary.answer.value as string, 'latin1')).toEqual(xlsxLike);
});

test('a streamed answer is read up to the limit and dropped there', async () => {
  const { answer, limit } = await limited('/api/4.0/endless');
  expect(answer.ok).toBe(false);
  expect(limit.exceeded).toBe(true);
  await closed;
  // The server saw the client leave long before the end: the limit plus what sockets buffer.
  expect(streamed.cut).toBe(true);
  expect(streamed.bytes).toBeLessThan(64 * 1024 * 1024);
});

test('a declared length over the limit fails before the body is read', async () => {
  const { answer, limit } = await limited('/api/4.0/declared');
  expect(answer.ok).toBe(false);
  expect(limit.exceeded).toBe(true);
});

test('a compressed answer counts what it inflates to', async () => {
  const { answer, limit } = await limited('/api/4.0/bomb');
  expect(answer.ok).toBe(false);
  expect(limit.exceeded).toBe(true);
});

test('without a limit, nothing changes', async () => {
  expect(await transport.request('GET', '/api/4.0/small.csv')).toEqual({ ok: true, value: csv });
});
