/** GraphiQL served from bundled assets: the router, its demo options, and where the assets live. */
export { graphiqlRouter, type GraphiqlRouterOptions } from './graphiql-router';
export { demoGraphiqlOptions, demoIdentities } from './demo-identities';
export type { DemoIdentity, GraphiqlPageConfig } from './page-config';
export { graphiqlCsp } from './security-headers';
export { dashboardViewerAssetsDir, graphiqlAssetsDir, webAssetsRoot } from './web-assets';
