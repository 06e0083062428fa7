import type { DemoIdentity } from '../../src/graphiql/page-config';

/** Gets an access token for a demo identity with the client-credentials grant (demo issuer only). */
export async function fetchDemoToken(tokenUrl: string, identity: DemoIdentity): Promise<string> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa(`${identity.clientId}:${identity.clientSecret}`)}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
    credentials: 'omit',
  });
  const body: unknown = await response.json().catch(() => undefined);
  const token =
    typeof body === 'object' && body !== null ? (body as { access_token?: unknown }).access_token : undefined;
  if (!response.ok || typeof token !== 'string') throw new Error(`the demo issuer answered ${response.status}`);
  return token;
}

/** The headers editor's text for a bearer token. */
export function bearerHeaders(token: string): string {
  return JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2);
}
