import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request, type Router } from 'express';
import { renderGraphiqlPage } from './graphiql-page';
import type { DemoIdentity, GraphiqlPageConfig } from './page-config';
import { newStyleNonce, setAssetHeaders, setPageHeaders } from './security-headers';
import { GRAPHIQL_ASSET_FILES, graphiqlAssetsDir } from './web-assets';

/** Options of {@link graphiqlRouter}. */
export interface GraphiqlRouterOptions {
  /** The GraphQL endpoint, same origin (default `/graphql`). A browser's GET of it gets the page too. */
  readonly graphqlPath?: string;
  /** Where the page is served (default `/graphiql`); its assets are under `<pagePath>/assets/`. */
  readonly pagePath?: string;
  /** Embedded demo only: identities the page offers, each getting a token from `issuerTokenUrl`. */
  readonly demoIdentities?: readonly DemoIdentity[];
  /** Embedded demo only: the demo issuer's token endpoint, a same-origin path such as `/oidc/token`. */
  readonly issuerTokenUrl?: string;
  /** Embedded demo only: the client id of the identity the page starts signed in as (one of `demoIdentities`). */
  readonly initialDemoIdentity?: string;
  /** Where the built `graphiql.js`/`graphiql.css` are (default `dist/web/graphiql`, made by `npm run build:web`). */
  readonly assetsDir?: string;
}

/** A same-origin path: what the page's CSP (`connect-src 'self'`) lets it call. */
function assertSameOriginPath(name: string, value: string): void {
  if (!value.startsWith('/') || value.startsWith('//'))
    throw new TypeError(`${name} must be a path on this origin, such as /graphql (got ${value})`);
}

/** True for a browser navigation: it prefers HTML over JSON (curl's and clients' `*\/*` prefers JSON). */
function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * GraphiQL, served from assets bundled at build time (no CDN). Mount it before the GraphQL
 * endpoint (`deps.mount` of `buildServer`): it answers `GET <pagePath>`, its assets, and a
 * browser's `GET <graphqlPath>`; every other request to the endpoint passes through to Apollo.
 */
export function graphiqlRouter(options: GraphiqlRouterOptions = {}): Router {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const pagePath = options.pagePath ?? '/graphiql';
  const assetsDir = options.assetsDir ?? graphiqlAssetsDir();
  assertSameOriginPath('graphqlPath', graphqlPath);
  assertSameOriginPath('pagePath', pagePath);
  if (options.demoIdentities?.length) {
    if (options.issuerTokenUrl === undefined) throw new TypeError('demoIdentities need issuerTokenUrl');
    assertSameOriginPath('issuerTokenUrl', options.issuerTokenUrl);
    const initial = options.initialDemoIdentity;
    if (initial !== undefined && !options.demoIdentities.some((identity) => identity.clientId === initial))
      throw new TypeError(`initialDemoIdentity ${initial} is not one of demoIdentities`);
  }

  const assetsPath = `${pagePath}/assets`;
  const config: Omit<GraphiqlPageConfig, 'styleNonce'> = {
    graphqlPath,
    ...(options.demoIdentities?.length && options.issuerTokenUrl
      ? {
          demo: {
            tokenUrl: options.issuerTokenUrl,
            identities: options.demoIdentities,
            ...(options.initialDemoIdentity ? { initialClientId: options.initialDemoIdentity } : {}),
          },
        }
      : {}),
  };

  const router = express.Router();
  const sendPage = (res: express.Response) => {
    const styleNonce = newStyleNonce();
    setPageHeaders(res, styleNonce);
    if (!GRAPHIQL_ASSET_FILES.every((file) => existsSync(join(assetsDir, file)))) {
      res
        .status(503)
        .type('text/plain')
        .send('GraphiQL is not built yet: run `npm run build:web` (npm start and npm test run it).\n');
      return;
    }
    res.type('html').send(renderGraphiqlPage(assetsPath, { ...config, styleNonce }));
  };

  router.use(assetsPath, express.static(assetsDir, { index: false, fallthrough: false, setHeaders: setAssetHeaders }));
  router.get(pagePath, (_req, res) => sendPage(res));
  router.get(graphqlPath, (req, res, next) => {
    // The same URL answers HTML or JSON depending on Accept: caches must keep them apart.
    res.vary('Accept');
    if (wantsHtml(req)) sendPage(res);
    else next();
  });
  return router;
}
