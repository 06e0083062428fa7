/**
 * Serves the dashboard viewer example: `npm run example`.
 *
 * EXAMPLE_PORT (default 4020) is where it listens; SUBGRAPH_URL (default
 * http://127.0.0.1:4000/graphql, the embedded demo) is the subgraph it asks. With a loopback
 * SUBGRAPH_URL the page offers the demo identities, whose tokens come from `<subgraph>/oidc/token`
 * (the demo issuer); set DEMO_TOKEN_URL to another token endpoint, or to "off" to paste tokens.
 * EXAMPLE_SAVE_FOLDER_ID (default 7, the demo's Shared/Sandbox) is the folder "Save as look" saves
 * in; "off" hides saving.
 */
import { buildWeb } from '../../scripts/build-web';
import { portProblem } from '../../src/config';
import { startDashboardViewer } from './server';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The demo issuer's token endpoint for this subgraph, when the demo may be running there. */
function demoTokenUrlFor(subgraphUrl: URL): string | undefined {
  const given = process.env.DEMO_TOKEN_URL;
  if (given === 'off') return undefined;
  if (given) return given;
  return loopbackHosts.has(subgraphUrl.hostname) ? new URL('/oidc/token', subgraphUrl).toString() : undefined;
}

/** The folder "Save as look" saves in: the demo's Shared/Sandbox unless set; none when "off". */
function saveFolderIdOf(given: string | undefined): string | undefined {
  if (given === 'off') return undefined;
  return given || '7';
}

async function main(): Promise<void> {
  const port = Number(process.env.EXAMPLE_PORT ?? 4020);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`EXAMPLE_PORT must be a port number (got ${process.env.EXAMPLE_PORT})`);
  const subgraphUrl = new URL(process.env.SUBGRAPH_URL ?? 'http://127.0.0.1:4000/graphql');
  await buildWeb();
  const viewer = await startDashboardViewer({
    port,
    subgraphUrl: subgraphUrl.toString(),
    demoTokenUrl: demoTokenUrlFor(subgraphUrl),
    saveFolderId: saveFolderIdOf(process.env.EXAMPLE_SAVE_FOLDER_ID),
  }).catch((error: unknown) => {
    // A busy port is reported by the setting that chose it.
    const problem = portProblem(error, [{ variable: 'EXAMPLE_PORT', port }]);
    throw problem === undefined ? error : new Error(problem);
  });
  console.log(`Dashboard viewer: ${viewer.url}  (subgraph: ${subgraphUrl})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      viewer.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
