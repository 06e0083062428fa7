import { PAGE_CONFIG_ELEMENT_ID, type GraphiqlPageConfig } from './page-config';

/** JSON that is safe inside a `<script>` element: no `</script>`, no HTML comment openers. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** The GraphiQL page: the bundled assets (same origin, path-absolute) and the page config as inert JSON. */
export function renderGraphiqlPage(assetsPath: string, config: GraphiqlPageConfig): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Looker subgraph · GraphiQL</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${assetsPath}/graphiql.css">
    <script type="application/json" id="${PAGE_CONFIG_ELEMENT_ID}">${scriptSafeJson(config)}</script>
    <script defer src="${assetsPath}/graphiql.js"></script>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <noscript>GraphiQL needs JavaScript.</noscript>
  </body>
</html>
`;
}
