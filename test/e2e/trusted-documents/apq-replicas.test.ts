// needs: redis-server
import { createHash } from 'node:crypto';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { sha256Hex } from '../../../src/trusted-documents';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { startSubgraphStack, type Replica, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Automatic persisted queries as clients expect them, with the documents shared through Redis: a
 * document registered on replica A runs by its hash alone on replica B, and Apollo Client's
 * persisted queries link works against the server.
 */
let redis: RedisServer;
let stack: SubgraphStack;
let replica: Replica;

const looks = 'query ApqLooks { looks(first: 2) { nodes { id title } } }';

beforeAll(async () => {
  redis = await startRedisServer();
  stack = await startSubgraphStack({ env: { REDIS_URL: redis.url } });
  replica = await stack.replica({ REDIS_URL: redis.url });
});

afterAll(async () => {
  await stack?.stop();
  await redis?.stop();
});

async function post(
  url: string,
  body: Record<string, unknown>,
  token: string,
): Promise<{ data?: { looks?: { nodes: unknown[] } }; errors?: { extensions?: { code?: string } }[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return (await response.json()) as never;
}

test('a hash registered on replica A runs by the hash alone on replica B', async () => {
  const token = await stack.token('demo-viewer');
  const persistedQuery = { version: 1, sha256Hash: sha256Hex(looks) };
  // Unknown everywhere at first: the client is asked for the text.
  const first = await post(replica.url, { extensions: { persistedQuery } }, token);
  expect(first.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  const registered = await post(stack.url, { query: looks, extensions: { persistedQuery } }, token);
  expect(registered.data?.looks?.nodes).toHaveLength(2);
  const onB = await post(replica.url, { extensions: { persistedQuery } }, token);
  expect(onB.errors).toBeUndefined();
  expect(onB.data?.looks?.nodes).toHaveLength(2);
});

test("Apollo Client's persisted queries link works against the server", async () => {
  const token = await stack.token('demo-viewer');
  const sent: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    sent.push(typeof init?.body === 'string' ? init.body : '');
    return fetch(input, init);
  };
  const client = () =>
    new ApolloClient({
      cache: new InMemoryCache(),
      link: createPersistedQueryLink({
        sha256: (text: string) => createHash('sha256').update(text).digest('hex'),
      }).concat(
        new HttpLink({
          uri: `${stack.url}/graphql`,
          headers: { authorization: `Bearer ${token}` },
          fetch: recordingFetch,
        }),
      ),
    });
  const document = gql`
    query ApqClientFolders {
      folders(first: 2) {
        nodes {
          id
          name
        }
      }
    }
  `;
  const first = await client().query<{ folders: { nodes: unknown[] } }>({ query: document });
  expect(first.data?.folders.nodes.length).toBeGreaterThan(0);
  // The hash alone, refused as unknown, then the hash with the text.
  expect(sent).toHaveLength(2);
  expect(JSON.parse(sent[0] as string)).not.toHaveProperty('query');
  expect(JSON.parse(sent[1] as string)).toHaveProperty('query');

  // A new client (empty cache) on the same server: the hash alone is enough now.
  const second = await client().query<{ folders: { nodes: unknown[] } }>({ query: document });
  expect(second.data).toEqual(first.data);
  expect(sent).toHaveLength(3);
  expect(JSON.parse(sent[2] as string)).not.toHaveProperty('query');
});
