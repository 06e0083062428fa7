import { gql, type ApolloClient, type TypedDocumentNode } from '@apollo/client';
import { bearer } from './graphql';

/** The caller's effective scopes (the token's and the policy's), which decide what the page offers. */
export const VIEWER_SCOPES: TypedDocumentNode<{ viewer: { subject: string; scopes: string[] } }> = gql`
  query ViewerScopes {
    viewer {
      subject
      scopes
    }
  }
`;

/** The scope every content write needs (`createLook`, `setFavorite`). */
export const CONTENT_WRITE = 'looker:content:write';

/**
 * The scopes of `token`'s caller, asked anew with that token (not the page's current one, which
 * may change meanwhile), never merged into another token's request in flight.
 */
export async function viewerScopes(client: ApolloClient, token: string): Promise<ReadonlySet<string>> {
  const { data } = await client.query({
    query: VIEWER_SCOPES,
    fetchPolicy: 'network-only',
    errorPolicy: 'all',
    context: { headers: bearer(token), queryDeduplication: false },
  });
  return new Set(data?.viewer.scopes ?? []);
}
