/** GraphiQL served from bundled assets: the router and where the assets live. The demo passes its identities as router options. */
export { graphiqlRouter, type GraphiqlRouterOptions } from './graphiql-router';
export type { DemoIdentity, GraphiqlPageConfig } from './page-config';
export { graphiqlCsp } from './security-headers';
export { dashboardViewerAssetsDir, graphiqlAssetsDir, webAssetsRoot } from './web-assets';
