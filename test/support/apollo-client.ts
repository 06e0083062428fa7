import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/**
 * A new Apollo Client, as a frontend builds one: `InMemoryCache` (defaults unless `cache` is given)
 * over an `HttpLink` to `graphqlUrl`, sending the bearer `token`.
 */
export function apolloClient(graphqlUrl: string, token: string, cache = new InMemoryCache()): ApolloClient {
  return new ApolloClient({
    cache,
    link: new HttpLink({ uri: graphqlUrl, headers: { authorization: `Bearer ${token}` } }),
  });
}
