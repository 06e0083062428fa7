/**
 * `npm run supergraph`: the embedded default (demo issuer, Looker emulator and subgraph, as
 * `npm start` runs them) behind a real Hive Gateway, composed from the subgraph's SDL: the local
 * recipe of a federated setup. Ports: `GATEWAY_PORT` (default 4040) for the gateway, `PORT` and
 * `LOOKER_EMULATOR_PORT` for the subgraph and the emulator, as for `npm start`.
 */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { demoBanner, startDemo } from '../demo/start-demo';
import { DEMO_CLIENT_SECRET } from '../demo/demo-clients';
import { loadConfig } from '../src/config';
import { loadTypeDefs } from '../src/graphql/schema';
import { printSubgraphSdl } from '../src/graphql/schema-print';
import { runSubgraph } from '../src/main';
import { forwardedHeaders, startHiveGateway, type RunningHiveGateway } from './hive-gateway';

/** Where the gateway listens unless `GATEWAY_PORT` says otherwise: clear of 4000 (subgraph), 4010 (emulator), 4020 (example). */
const defaultGatewayPort = 4040;

/** `GATEWAY_PORT`, checked like the subgraph's own ports. */
function gatewayPort(): number {
  const text = process.env.GATEWAY_PORT;
  if (text === undefined || text === '') return defaultGatewayPort;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`GATEWAY_PORT: expected a port number (0-65535), got "${text}"`);
    process.exit(1);
  }
  return port;
}

/** The supergraph of the one Looker subgraph at `url`, composed as a registry would. */
function supergraphOf(url: string): string {
  const composed = composeServices([{ name: 'looker', typeDefs: parse(printSubgraphSdl(loadTypeDefs())), url }]);
  if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
  return composed.supergraphSdl;
}

/** The gateway part of the start-up text: where to send requests and how. */
function gatewayBanner(gateway: RunningHiveGateway, issuerUrl: string): string {
  return [
    '',
    'Supergraph — Hive Gateway in front of the subgraph above (docs/gateway.md)',
    `  Gateway:        POST ${gateway.graphqlUrl}`,
    `  Forwards:       ${forwardedHeaders.join(', ')}`,
    `  Exports:        ${gateway.url}/exports/… is routed to the subgraph (exportUrl links are relative)`,
    '  Get a token and ask through the gateway (paste into a shell):',
    `    TOKEN=$(curl -s -u demo-analyst:${DEMO_CLIENT_SECRET} -d grant_type=client_credentials ${issuerUrl}/token \\`,
    `      | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
    `    curl -s ${gateway.graphqlUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
    `      -d '{"query":"{ looks(first: 3) { nodes { id title exportUrl(format: CSV) } } }"}'`,
    `    curl -s -H "authorization: Bearer $TOKEN" ${gateway.url}<exportUrl>`,
  ].join('\n');
}

// The gateway fronts the embedded default only: a configured subgraph is registered with the
// organisation's own gateway instead (docs/gateway.md).
try {
  if (!loadConfig().demo) {
    console.error(
      'npm run supergraph runs the embedded demo behind a gateway: unset LOOKERSDK_* and OIDC_*, or see docs/gateway.md to put a configured subgraph behind your gateway',
    );
    process.exit(1);
  }
} catch {
  // runSubgraph reports configuration errors by the variables they name.
}

const port = gatewayPort();
runSubgraph(async (config, logger) => {
  const stack = await startDemo(config, logger);
  let gateway: RunningHiveGateway;
  try {
    gateway = await startHiveGateway({
      supergraphSdl: supergraphOf(stack.graphqlUrl),
      port,
      host: '127.0.0.1',
      exportsOrigin: stack.url,
      logging: false,
    });
  } catch (error) {
    await stack.stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`GATEWAY_PORT ${port} is in use: set GATEWAY_PORT to a free port`);
    }
    throw error;
  }
  return {
    banner: `${demoBanner(stack)}\n${gatewayBanner(gateway, stack.issuerUrl)}`,
    async stop() {
      await gateway.stop();
      await stack.stop();
    },
  };
});
