import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { bearer, type GraphQLError } from './graphql';

/**
 * The page's Apollo Client for what it keeps in a normalized cache and changes: the viewer's
 * scopes, the save folder's looks, and the writes (which refetch what they change). It asks this
 * origin's `/graphql` (the server proxies it) with the token current at each request.
 */
export function createApolloClient(token: () => string): ApolloClient {
  const auth = new SetContextLink((previous) => ({
    // An operation that names its token (see viewerScopes) keeps it.
    headers: { ...bearer(token()), ...(previous.headers as Record<string, string> | undefined) },
  }));
  return new ApolloClient({
    link: ApolloLink.from([auth, new HttpLink({ uri: 'graphql' })]),
    cache: new InMemoryCache(),
  });
}

/** Apollo's error as the subgraph's errors, so the page describes every failure one way. */
export function graphQLErrorsOf(error: unknown): readonly GraphQLError[] {
  if (!error) return [];
  if (CombinedGraphQLErrors.is(error)) return error.errors as readonly GraphQLError[];
  return [{ message: error instanceof Error ? error.message : String(error) }];
}
