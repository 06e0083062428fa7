import { randomBytes } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { IntrospectAndCompose } from '@apollo/gateway';
import { parse } from 'graphql';
import type { RecordedRequest } from '../../../emulator';
import { loadTypeDefs } from '../../../src/graphql/schema';
import { printSubgraphSdl } from '../../../src/graphql/schema-print';
import { startTracing } from '../../../src/observability';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';
import { startApolloGateway, startHiveTestGateway, type RunningGateway } from './gateway-server';
import { startTeamSubgraph, teamTypeDefs, type RunningSubgraph, type Team } from './team-subgraph';

interface DashboardAnswer {
  id: string;
  title: string;
  tiles: { title: string | null }[];
}

let tracing: ReturnType<typeof startTracing>;
let stack: SubgraphStack;
let teamSubgraph: RunningSubgraph;
let supergraphSdl: string;
let viewer: string;
let analyst: string;
/** The dashboards as the Looker subgraph answers them directly, by id. */
let direct: Map<string, DashboardAnswer>;
let teams: Team[];

const joinQuery = '{ teams { name dashboards { id title tiles { title } } } }';

beforeAll(async () => {
  // As `npm start` and `npm run supergraph` do: the W3C propagator carries a caller's trace to Looker.
  tracing = startTracing({ serviceName: 'looker-subgraph-test' });
  stack = await startSubgraphStack();
  [viewer, analyst] = await Promise.all([stack.token('demo-viewer'), stack.token('demo-analyst')]);
  const answer = await stack.graphql('{ dashboards(first: 6) { nodes { id title tiles { title } } } }', {
    token: viewer,
  });
  expect(answer.body.errors).toBeUndefined();
  const nodes = (answer.body.data?.dashboards as { nodes: DashboardAnswer[] }).nodes;
  expect(nodes.length).toBe(6);
  direct = new Map(nodes.map((dashboard) => [dashboard.id, dashboard]));
  const ids = nodes.map((dashboard) => dashboard.id);
  // Teams share some dashboards: the gateway asks for each reference, the subgraph de-duplicates.
  teams = [
    { id: 'growth', name: 'Growth', dashboardIds: ids.slice(0, 3) },
    { id: 'finance', name: 'Finance', dashboardIds: ids.slice(2, 5) },
    { id: 'ops', name: 'Operations', dashboardIds: [ids[5] ?? '', ids[0] ?? ''] },
  ];
  teamSubgraph = await startTeamSubgraph(teams);

  const composed = composeServices([
    { name: 'looker', typeDefs: parse(printSubgraphSdl(loadTypeDefs())), url: `${stack.url}/graphql` },
    { name: 'teams', typeDefs: teamTypeDefs, url: teamSubgraph.url },
  ]);
  expect(composed.errors).toBeUndefined();
  supergraphSdl = composed.supergraphSdl ?? '';
});

afterAll(async () => {
  await teamSubgraph?.stop();
  await stack?.stop();
  await tracing?.shutdown();
});

/** What a client of the supergraph should see for `joinQuery`, from the direct answers. */
function expectedTeams(): { name: string; dashboards: DashboardAnswer[] }[] {
  return teams.map((team) => ({
    name: team.name,
    dashboards: team.dashboardIds.map((id) => direct.get(id) as DashboardAnswer),
  }));
}

/** The API requests the emulator received since the last reset, with their `traceparent`. */
async function lookerRequests(): Promise<RecordedRequest[]> {
  const response = await fetch(`${stack.emulator.url}/__emulator/requests`);
  return ((await response.json()) as { requests: RecordedRequest[] }).requests;
}

describe.each([
  {
    gateway: '@apollo/gateway',
    start: () => startApolloGateway(supergraphSdl),
    deniedTilePath: ['teams', 0, 'dashboards', 0, 'tiles', expect.any(Number), 'result'],
  },
  {
    gateway: 'Hive Gateway',
    start: () => startHiveTestGateway(supergraphSdl, stack.url),
    // Hive Gateway 2.15 leaves the entity's index out of the paths of errors it got from `_entities`.
    deniedTilePath: ['teams', 0, 'dashboards', 'tiles', expect.any(Number), 'result'],
  },
])('through $gateway', ({ start, deniedTilePath }) => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await start();
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  beforeEach(async () => {
    await stack.resetLookerStats();
    gateway.subgraphRequests.length = 0;
  });

  test('a query across both subgraphs returns the dashboards and tiles the Looker subgraph answers', async () => {
    const answer = await gateway.graphql(joinQuery, { token: viewer });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.teams).toEqual(expectedTeams());
    expect(
      expectedTeams()
        .flatMap((team) => team.dashboards)
        .every((d) => d.title.length > 0),
    ).toBe(true);
  });

  test('the dashboards of every team take one _entities request and one Looker search', async () => {
    const answer = await gateway.graphql(joinQuery, { token: viewer });
    expect(answer.body.errors).toBeUndefined();
    const toLooker = gateway.subgraphRequests.filter((request) => request.url.startsWith(stack.url));
    expect(toLooker).toHaveLength(1);
    expect(toLooker[0]?.query).toContain('_entities');
    const representations = toLooker[0]?.variables?.representations as unknown[];
    expect(representations.length).toBeGreaterThanOrEqual(new Set(teams.flatMap((team) => team.dashboardIds)).size);
    const stats = await stack.lookerStats();
    expect(stats.byRoute['GET /api/4.0/dashboards/search']).toBe(1);
  });

  test('@auth still denies a field the token lacks the scope for, at its supergraph path', async () => {
    const answer = await gateway.graphql(
      '{ teams { name dashboards { title tiles { title result { rowCount } } } } }',
      { token: viewer },
    );
    const teamsAnswer = answer.body.data?.teams as {
      name: string;
      dashboards: { title: string; tiles: { result: unknown }[] }[];
    }[];
    expect(teamsAnswer.map((team) => team.name)).toEqual(teams.map((team) => team.name));
    expect(teamsAnswer[0]?.dashboards[0]?.title).toBe(direct.get(teams[0]?.dashboardIds[0] ?? '')?.title);
    const forbidden = (answer.body.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN');
    expect(forbidden.length).toBeGreaterThan(0);
    expect(forbidden[0]?.extensions?.requiredScopes).toEqual([['looker:content:read', 'looker:data:read']]);
    expect(forbidden[0]?.path).toEqual(deniedTilePath);
    expect(teamsAnswer.flatMap((team) => team.dashboards.flatMap((d) => d.tiles.map((tile) => tile.result)))).toEqual(
      expect.arrayContaining([null]),
    );
    const stats = await stack.lookerStats();
    expect(Object.keys(stats.byRoute).filter((route) => route.includes('/run/'))).toEqual([]);

    const allowed = await gateway.graphql('{ teams { dashboards { tiles { result { rowCount } } } } }', {
      token: analyst,
    });
    expect(allowed.body.errors).toBeUndefined();
  });

  test("the caller's token reaches the Looker subgraph: a query of its own fields answers data", async () => {
    const answer = await gateway.graphql('{ looks(first: 2) { nodes { id title } } }', { token: viewer });
    expect(answer.body.errors).toBeUndefined();
    const looks = (answer.body.data?.looks as { nodes: { id: string; title: string }[] }).nodes;
    expect(looks).toHaveLength(2);
    expect(looks.every((look) => look.title.length > 0)).toBe(true);
  });

  test("without a token the client sees the subgraph's 401 as UNAUTHENTICATED, and Looker is not called", async () => {
    const answer = await gateway.graphql(joinQuery);
    const codes = (answer.body.errors ?? []).map((error) => error.extensions?.code);
    expect(codes).toContain('UNAUTHENTICATED');
    // Every dashboard is non-null, so the missing entities null the whole answer.
    expect(answer.body.data ?? null).toBeNull();
    const stats = await stack.lookerStats();
    expect(stats.total).toBe(0);
  });

  test("the caller's traceparent reaches the subgraph: Looker sees the caller's trace id", async () => {
    const traceId = randomBytes(16).toString('hex');
    const answer = await gateway.graphql(joinQuery, {
      token: viewer,
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, tracestate: 'caller=1' },
    });
    expect(answer.body.errors).toBeUndefined();
    const requests = await lookerRequests();
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) expect(request.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });

  test("the caller's x-request-id names the subgraph's audit event of the operation", async () => {
    const requestId = `caller-${randomBytes(6).toString('hex')}`;
    const answer = await gateway.graphql('{ looks(first: 1) { nodes { id } } }', {
      token: viewer,
      headers: { 'x-request-id': requestId },
    });
    expect(answer.body.errors).toBeUndefined();
    const events = stack.auditEvents().filter((event) => event.requestId === requestId);
    expect(events).toEqual([expect.objectContaining({ subject: 'demo-viewer', outcome: 'ok' })]);
  });
});

test("through @apollo/gateway, the subgraph's 401 comes with the subgraph's own answer", async () => {
  const gateway = await startApolloGateway(supergraphSdl);
  try {
    const answer = await gateway.graphql(joinQuery);
    // The gateway turns the subgraph's HTTP 401 into an error of its own, with the subgraph's answer.
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        message: '401: Unauthorized',
        extensions: expect.objectContaining({
          code: 'UNAUTHENTICATED',
          response: expect.objectContaining({
            status: 401,
            body: { errors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }] },
          }),
        }),
      }),
    ]);
  } finally {
    await gateway.stop();
  }
});

test('IntrospectAndCompose composes from the running subgraphs (their _service, no token)', async () => {
  const introspected = await startApolloGateway(
    new IntrospectAndCompose({
      subgraphs: [
        { name: 'looker', url: `${stack.url}/graphql` },
        { name: 'teams', url: teamSubgraph.url },
      ],
    }),
  );
  try {
    const answer = await introspected.graphql(joinQuery, { token: viewer });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.teams).toEqual(expectedTeams());
    const loading = introspected.subgraphRequests.filter((request) => request.query.includes('_service'));
    expect(loading.map((request) => request.url).sort()).toEqual([`${stack.url}/graphql`, teamSubgraph.url].sort());
  } finally {
    await introspected.stop();
  }
});
