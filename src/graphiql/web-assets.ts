import { join } from 'node:path';
import { projectRoot } from '../config/project-root';

/**
 * Where `scripts/build-web.ts` puts the bundled front ends and where the server reads them from.
 * Both sides ask this module, so the layout is written down once.
 */

/** The folder of all built front-end assets (`dist/web`, ignored by git and eslint). */
export function webAssetsRoot(): string {
  return join(projectRoot(), 'dist', 'web');
}

/** The built GraphiQL explorer: `graphiql.js` and `graphiql.css`. */
export function graphiqlAssetsDir(): string {
  return join(webAssetsRoot(), 'graphiql');
}

/** The built dashboard viewer example: `app.js` and `app.css`. */
export function dashboardViewerAssetsDir(): string {
  return join(webAssetsRoot(), 'dashboard-viewer');
}

/** The files the GraphiQL page loads; the router refuses to serve the page until they exist. */
export const GRAPHIQL_ASSET_FILES = ['graphiql.js', 'graphiql.css'] as const;
