import {
  MAX_OPERATION_LABELS,
  startMetricsServer,
  UNAUTHENTICATED_OPERATION_LABEL,
  type MetricsServer,
} from '../../../src/observability';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';
import { scrape } from './scrape';

/** Operation names are client input: only a caller with a valid token may name a metric series. */
let stack: SubgraphStack;
let metrics: MetricsServer;

beforeAll(async () => {
  stack = await startSubgraphStack();
  metrics = await startMetricsServer(0, '127.0.0.1');
});

afterAll(async () => {
  await metrics?.close();
  await stack?.stop();
});

test('anonymous operations with names of their own cannot fill the label slots; a real operation keeps its name', async () => {
  // More names than there are slots, from a caller without a token (public operations are served).
  for (let i = 0; i < MAX_OPERATION_LABELS + 60; i += 1) {
    expect((await stack.graphql(`query Anon${i} { __typename }`)).status).toBe(200);
  }
  // A refused token counts as no token.
  expect((await stack.graphql('query AnonRefused { __typename }', { token: 'x.y.z' })).status).toBe(200);
  const token = await stack.token('demo-viewer');
  expect(
    (await stack.graphql('query PageOfLooks { looks(first: 2) { nodes { id } } }', { token })).body.errors,
  ).toBeUndefined();

  const scraped = await scrape(metrics.url);
  expect(scraped.value('graphql_operation_duration_seconds_count', { operation: 'PageOfLooks', outcome: 'ok' })).toBe(
    1,
  );
  expect(
    scraped.value('graphql_operation_duration_seconds_count', {
      operation: UNAUTHENTICATED_OPERATION_LABEL,
      outcome: 'ok',
    }),
  ).toBe(MAX_OPERATION_LABELS + 61);
  expect(scraped.text).not.toMatch(/operation="Anon/);
  expect(scraped.value('graphql_operation_duration_seconds_count', { operation: 'other' })).toBe(0);
});
