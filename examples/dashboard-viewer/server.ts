import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import express, { type Request, type Response } from 'express';
import { DEMO_STARTING_CLIENT_ID } from '../../demo/demo-clients';
import { demoIdentities } from '../../demo/demo-identities';
import { dashboardViewerAssetsDir } from '../../src/graphiql/web-assets';
import { probeSchema } from './schema-probe';

/** Options of {@link startDashboardViewer}. */
export interface DashboardViewerOptions {
  readonly port?: number;
  readonly host?: string;
  /** The subgraph's GraphQL endpoint; the page reaches it through this server's `/graphql`. */
  readonly subgraphUrl: string;
  /** The demo issuer's token endpoint; when set, the page offers the demo identities. */
  readonly demoTokenUrl?: string;
  /**
   * The folder "Save as look" saves in (one the subgraph's policy lets writers write in); without
   * it the page offers no saving.
   */
  readonly saveFolderId?: string;
  /** Where the bundled `app.js`/`app.css` are (default `dist/web/dashboard-viewer`). */
  readonly assetsDir?: string;
}

/** A running dashboard viewer. */
export interface RunningDashboardViewer {
  readonly url: string;
  stop(): Promise<void>;
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(_req: Request, res: Response, next: () => void): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
}

/** An answer in GraphQL's error shape, so the page shows one kind of error whatever failed. */
function sendGraphQLError(res: Response, status: number, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code: 'EXAMPLE_PROXY' } }] });
}

/**
 * The example's own server: the page, its bundle, and a same-origin proxy to the subgraph
 * (`POST /graphql`, and `GET /exports/…` for downloads) (as a
 * real app's dev server or backend would have), so the subgraph needs no CORS. In the demo it also
 * exchanges a demo identity for a token, keeping even the public demo secret out of the page.
 */
export async function startDashboardViewer(options: DashboardViewerOptions): Promise<RunningDashboardViewer> {
  const assetsDir = options.assetsDir ?? dashboardViewerAssetsDir();
  if (!existsSync(join(assetsDir, 'app.js')))
    throw new Error(`${assetsDir}/app.js is missing: run \`npm run build:web\` first`);
  const identities = options.demoTokenUrl ? demoIdentities() : [];

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.get('/', (_req, res) => res.sendFile(join(__dirname, 'index.html')));
  app.use('/assets', express.static(assetsDir, { index: false, fallthrough: false }));
  app.get('/config.json', (_req, res) => {
    res.json({
      identities: identities.map(({ clientId, label, description }) => ({ clientId, label, description })),
      // The page starts as the analyst, so a first load shows data without a choice made.
      ...(identities.length ? { initialClientId: DEMO_STARTING_CLIENT_ID } : {}),
      ...(options.saveFolderId ? { saveFolderId: options.saveFolderId } : {}),
    });
  });

  app.post('/graphql', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const headers: Record<string, string> = {
      'content-type': req.header('content-type') ?? 'application/json',
      accept: req.header('accept') ?? 'application/json',
    };
    const authorization = req.header('authorization');
    if (authorization) headers.authorization = authorization;
    try {
      const upstream = await fetch(options.subgraphUrl, {
        method: 'POST',
        headers,
        body: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '',
        signal: AbortSignal.timeout(60_000),
      });
      res.status(upstream.status);
      for (const name of ['content-type', 'www-authenticate', 'x-request-id']) {
        const value = upstream.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      res.send(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      sendGraphQLError(res, 502, `the subgraph at ${options.subgraphUrl} did not answer`);
    }
  });

  app.get('/schema-features', async (req, res) => {
    try {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await probeSchema(options.subgraphUrl, req.header('authorization')));
    } catch {
      sendGraphQLError(res, 502, `the subgraph at ${options.subgraphUrl} did not answer`);
    }
  });

  // Export downloads: the subgraph's export URLs name its own origin; the page fetches the same path
  // here, with its bearer token, and gets Looker's file streamed through.
  app.get('/exports/*path', async (req, res) => {
    const headers: Record<string, string> = {};
    const authorization = req.header('authorization');
    if (authorization) headers.authorization = authorization;
    try {
      const upstream = await fetch(new URL(req.originalUrl, options.subgraphUrl), {
        headers,
        signal: AbortSignal.timeout(300_000),
      });
      res.status(upstream.status);
      for (const name of [
        'content-type',
        'content-disposition',
        'content-length',
        'cache-control',
        'www-authenticate',
        'x-request-id',
      ]) {
        const value = upstream.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      if (!upstream.body) return void res.end();
      // The page's tsconfig has the DOM's ReadableStream type; at run time this is Node's web stream.
      await pipeline(Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>), res);
    } catch {
      if (!res.headersSent) sendGraphQLError(res, 502, `the subgraph at ${options.subgraphUrl} did not answer`);
      else res.destroy();
    }
  });

  app.post('/demo-token', express.json(), async (req, res) => {
    const clientId: unknown = (req.body as { clientId?: unknown } | undefined)?.clientId;
    const identity = demoIdentities().find((candidate) => candidate.clientId === clientId);
    if (!options.demoTokenUrl || !identity) return sendGraphQLError(res, 404, 'no such demo identity');
    try {
      const answer = await fetch(options.demoTokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${identity.clientId}:${identity.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await answer.json()) as { access_token?: unknown };
      if (!answer.ok || typeof body.access_token !== 'string')
        return sendGraphQLError(res, 502, `the demo issuer answered ${answer.status}`);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ accessToken: body.access_token });
    } catch {
      sendGraphQLError(res, 502, `the demo issuer at ${options.demoTokenUrl} did not answer`);
    }
  });

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4020, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    stop: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
