import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { AbortableTransport } from '../../../src/looker/transport';
import { ConfiguredSettings } from '../../../src/looker/settings';
import { Secret } from '../../../src/config/secret';

/**
 * The transport under the SDK against a real HTTP server answering as a Looker behind a
 * compressing proxy would: the SDK still parses JSON, text and binary answers, whatever the encoding.
 */
const look = { id: '1', title: 'Orders by day', description: 'é'.repeat(2_000) };
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3]);
let server: Server;
let seen: IncomingHttpHeaders[] = [];
let transport: AbortableTransport;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.endsWith('/cut')) {
      // Looker going away in the middle of an answer.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"id":');
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    const encoding = url.searchParams.get('encoding');
    const [contentType, body] = url.pathname.endsWith('.png')
      ? ['image/png', png]
      : ['application/json', Buffer.from(JSON.stringify(look))];
    // Any other encoding asked for (zstd below) is sent uncompressed but labelled as asked.
    const encoded = encoding === 'gzip' ? gzipSync(body) : encoding === 'br' ? brotliCompressSync(body) : body;
    res.writeHead(200, { 'content-type': contentType, ...(encoding ? { 'content-encoding': encoding } : {}) });
    res.end(encoded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  transport = new AbortableTransport(
    new ConfiguredSettings({
      baseUrl,
      clientId: 'id',
      clientSecret: new Secret('s'),
      verifySsl: true,
      timeoutMs: 5_000,
    }),
  );
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

test.each([undefined, 'gzip', 'br'])('a JSON answer with Content-Encoding %s is parsed the same', async (encoding) => {
  const answer = await transport.request('GET', '/api/4.0/looks/1', encoding ? { encoding } : undefined);
  expect(answer).toEqual({ ok: true, value: look });
  // Compression is asked for (as fetch did), and Looker's app id is sent as the SDK sends it.
  expect(seen[0]?.['accept-encoding']).toBe('gzip, deflate, br');
  expect(seen[0]?.['x-looker-appid']).toBe('looker-subgraph');
});

test('a compressed binary answer (a rendered PNG) arrives byte for byte', async () => {
  const answer = await transport.request<string, unknown>('GET', '/api/4.0/render_tasks/1/results.png', {
    encoding: 'gzip',
  });
  expect(answer.ok).toBe(true);
  expect(answer.ok && Buffer.from(answer.value, 'binary')).toEqual(png);
});

test('an encoding that was not asked for is a failed call, not garbage', async () => {
  const answer = await transport.request('GET', '/api/4.0/looks/1', { encoding: 'zstd' });
  expect(answer.ok).toBe(false);
  expect(JSON.stringify(!answer.ok && answer.error)).toMatch(/unsupported Content-Encoding: zstd/);
});

test('an answer cut off mid-body is no answer (status 0), never a 200 that failed', async () => {
  const raw = await transport.rawRequest('GET', '/api/4.0/looks/cut');
  expect({ ok: raw.ok, statusCode: raw.statusCode }).toEqual({ ok: false, statusCode: 0 });
  expect((await transport.request('GET', '/api/4.0/looks/cut')).ok).toBe(false);
});

test('LOOKERSDK_VERIFY_SSL=false accepts a self-signed Looker for its own connections only; true refuses it', async () => {
  const tls = join(__dirname, '../../fixtures/tls');
  const secure = createTlsServer(
    { key: readFileSync(join(tls, 'self-signed.key')), cert: readFileSync(join(tls, 'self-signed.crt')) },
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(look));
    },
  );
  await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
  try {
    const url = `https://127.0.0.1:${(secure.address() as AddressInfo).port}`;
    const transportFor = (verifySsl: boolean) =>
      new AbortableTransport(
        new ConfiguredSettings({
          baseUrl: url,
          clientId: 'id',
          clientSecret: new Secret('s'),
          verifySsl,
          timeoutMs: 5_000,
        }),
      );
    expect(await transportFor(false).request('GET', '/api/4.0/looks/1')).toEqual({ ok: true, value: look });
    expect((await transportFor(true).request('GET', '/api/4.0/looks/1')).ok).toBe(false);
    // The SDK's own transport would have set this for the whole process.
    expect(process.env['NODE_TLS_REJECT_UNAUTHORIZED']).toBeUndefined();
    // And the rest of the process still checks certificates.
    await expect(fetch(url)).rejects.toThrow();
  } finally {
    await new Promise<void>((resolve) => secure.close(() => resolve()));
  }
});
