import type { DemoIdentity, GraphiqlPageConfig } from '../../src/graphiql/page-config';
import { fetchDemoToken } from './demo-token';

/** The demo identity the page starts as, with its token or why there is none. */
export type StartingIdentity =
  | { readonly identity: DemoIdentity; readonly token: string }
  | { readonly identity: DemoIdentity; readonly error: string };

/**
 * Demo only: signs in as the page's starting identity before the editor shows, so the first run
 * carries a token; undefined outside the demo (production pages start with no identity).
 */
export async function signInStartingIdentity(config: GraphiqlPageConfig): Promise<StartingIdentity | undefined> {
  const { demo } = config;
  const identity = demo?.identities.find((candidate) => candidate.clientId === demo.initialClientId);
  if (!demo || !identity) return undefined;
  try {
    return { identity, token: await fetchDemoToken(demo.tokenUrl, identity) };
  } catch (error) {
    return { identity, error: error instanceof Error ? error.message : String(error) };
  }
}
