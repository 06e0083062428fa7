import { startEmulator } from '../emulator';
import type { Config } from '../src/config';
import type { Logger } from '../src/observability/logger';
import { buildServer, type SubgraphServer } from '../src/server';
import { createTokenVerifier, type TokenVerifier } from '../src/auth/token-verifier';
import { graphiqlRouter } from '../src/graphiql';
import { DEMO_CLIENT_SECRET, DEMO_STARTING_CLIENT_ID, demoClients } from './demo-clients';
import { demoGraphiqlOptions } from './demo-identities';
import { demoPolicy } from './demo-policy';
import { createDemoIssuer, type DemoIssuer } from './oidc-issuer';

/** The embedded default, running: subgraph, Looker emulator and demo issuer on loopback. */
export interface DemoStack {
  readonly url: string;
  readonly graphqlUrl: string;
  readonly issuerUrl: string;
  readonly lookerUrl: string;
  readonly server: SubgraphServer;
  stop(): Promise<void>;
}

/**
 * Starts the embedded default: a Looker emulator with the demo data set, the subgraph, and a demo
 * OIDC issuer mounted at `/oidc` on the subgraph's own port. The issuer's URL carries the port,
 * known only once the server listens (port 0 in tests), so the issuer and the verifier are created
 * right after `listen` and reached through late-bound handles until then.
 */
export async function startDemo(
  config: Config,
  logger: Logger,
  options: { auditSink?: Logger } = {},
): Promise<DemoStack> {
  if (!config.demo) throw new Error('startDemo needs the demo configuration');
  const emulator = await startEmulator({ port: config.demo.emulatorPort, host: '127.0.0.1' });
  const lookerConfig = { ...config.looker, baseUrl: emulator.url };

  const late: { issuer?: DemoIssuer; verifier?: TokenVerifier } = {};
  const server = buildServer(
    { ...config, looker: lookerConfig },
    {
      logger,
      auditSink: options.auditSink,
      // A POLICY_FILE wins; otherwise the demo's own policy allows embedding the demo content.
      ...(config.policyFile ? {} : { policy: { current: () => demoPolicy } }),
      verifier: { verify: (token) => (late.verifier as TokenVerifier).verify(token) },
      mount: (app) => {
        app.use(graphiqlRouter({ graphqlPath: '/graphql', ...demoGraphiqlOptions('/oidc') }));
        app.use('/oidc', (req, res) => {
          if (late.issuer) {
            late.issuer.callback(req, res);
            return;
          }
          // Listening comes before the issuer can exist (its URL carries the port): until then the
          // issuer is unavailable, not missing, and /readyz says `starting`.
          res.status(503).set('retry-after', '1').json({ error: 'temporarily_unavailable' });
        });
      },
      partsReady: () => late.issuer !== undefined && late.verifier !== undefined,
      // The MCP endpoint's resource metadata names the demo issuer, whose URL carries the port.
      authorizationServer: () => late.issuer?.issuer,
    },
  );
  let url: string;
  try {
    url = await server.listen(config.port, config.host);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  const issuer = await createDemoIssuer({ issuer: `${url}/oidc`, audience: config.oidc.audience });
  late.issuer = issuer;
  late.verifier = createTokenVerifier({
    issuer: issuer.issuer,
    audience: config.oidc.audience,
    algorithms: config.oidc.algorithms,
  });
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    issuerUrl: issuer.issuer,
    lookerUrl: emulator.url,
    server,
    async stop() {
      await server.stop();
      await emulator.stop();
    },
  };
}

/** The start-up text of the embedded default: where things are and how to get a token. */
export function demoBanner(stack: DemoStack): string {
  const clients = demoClients.map((c) => `    ${c.clientId.padEnd(14)} ${c.description}`).join('\n');
  return [
    'Looker subgraph — embedded demo (Looker emulator + demo OIDC issuer, loopback only)',
    `  GraphQL:        POST ${stack.graphqlUrl}`,
    `  GraphiQL:       ${stack.url}/graphiql  (signed in as the demo analyst; switch identity top right)`,
    `  OIDC issuer:    ${stack.issuerUrl}`,
    `  Looker (emulated): ${stack.lookerUrl}`,
    `  Demo clients (secret "${DEMO_CLIENT_SECRET}"):`,
    clients,
    // Pasted as printed into a POSIX shell: the first line sets TOKEN (node is there wherever npm is).
    '  Get a token and ask (paste into a shell):',
    `    TOKEN=$(curl -s -u ${DEMO_STARTING_CLIENT_ID}:${DEMO_CLIENT_SECRET} -d grant_type=client_credentials ${stack.issuerUrl}/token \\`,
    `      | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
    `    curl -s ${stack.graphqlUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
    `      -d '{"query":"{ looks(first: 5) { nodes { id title result(limit: 3) { rows } } } }"}'`,
  ].join('\n');
}
