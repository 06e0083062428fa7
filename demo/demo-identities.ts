import type { DemoIdentity, GraphiqlRouterOptions } from '../src/graphiql';
import { DEMO_STARTING_CLIENT_ID, demoClients } from './demo-clients';

/** "demo-analyst" → "Analyst". */
function labelOf(clientId: string): string {
  const name = clientId.replace(/^demo-/, '');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The demo issuer's clients as identities the GraphiQL page offers (embedded demo only). */
export function demoIdentities(): DemoIdentity[] {
  return demoClients.map((client) => ({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    label: labelOf(client.clientId),
    description: client.description,
  }));
}

/**
 * GraphiQL options for the embedded demo: the identity picker, with tokens from the issuer at
 * `<issuerPath>/token`, starting as the analyst so the first run shows data.
 */
export function demoGraphiqlOptions(issuerPath = '/oidc'): GraphiqlRouterOptions {
  return {
    demoIdentities: demoIdentities(),
    issuerTokenUrl: `${issuerPath}/token`,
    initialDemoIdentity: DEMO_STARTING_CLIENT_ID,
  };
}
