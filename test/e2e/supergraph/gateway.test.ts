import { composeServices } from '@apollo/composition';
import { IntrospectAndCompose } from '@apollo/gateway';
import { parse } from 'graphql';
import { loadTypeDefs } from '../../../src/graphql/schema';
import { printSubgraphSdl } from '../../../src/graphql/schema-print';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';
import { startGateway, type RunningGateway } from './gateway-server';
import { startTeamSubgraph, teamTypeDefs, type RunningSubgraph, type Team } from './team-subgraph';

interface DashboardAnswer {
  id: string;
  title: string;
  tiles: { title: string | null }[];
}

let stack: SubgraphStack;
let teamSubgraph: RunningSubgraph;
let gateway: RunningGateway;
let viewer: string;
let analyst: string;
/** The dashboards as the Looker subgraph answers them directly, by id. */
let direct: Map<string, DashboardAnswer>;
let teams: Team[];

const joinQuery = '{ teams { name dashboards { id title tiles { title } } } }';

beforeAll(async () => {
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
  gateway = await startGateway(composed.supergraphSdl ?? '');
});

afterAll(async () => {
  await gateway?.stop();
  await teamSubgraph?.stop();
  await stack?.stop();
});

beforeEach(async () => {
  await stack.resetLookerStats();
  gateway.subgraphRequests.length = 0;
});

/** What a client of the supergraph should see for `joinQuery`, from the direct answers. */
function expectedTeams(): { name: string; dashboards: DashboardAnswer[] }[] {
  return teams.map((team) => ({
    name: team.name,
    dashboards: team.dashboardIds.map((id) => direct.get(id) as DashboardAnswer),
  }));
}

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
  const answer = await gateway.graphql('{ teams { name dashboards { title tiles { title result { rowCount } } } } }', {
    token: viewer,
  });
  const teamsAnswer = answer.body.data?.teams as {
    name: string;
    dashboards: { title: string; tiles: { result: unknown }[] }[];
  }[];
  expect(teamsAnswer.map((team) => team.name)).toEqual(teams.map((team) => team.name));
  expect(teamsAnswer[0]?.dashboards[0]?.title).toBe(direct.get(teams[0]?.dashboardIds[0] ?? '')?.title);
  const forbidden = (answer.body.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN');
  expect(forbidden.length).toBeGreaterThan(0);
  expect(forbidden[0]?.extensions?.requiredScopes).toEqual([['looker:content:read', 'looker:data:read']]);
  expect(forbidden[0]?.path).toEqual(['teams', 0, 'dashboards', 0, 'tiles', expect.any(Number), 'result']);
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

test("without a token the client sees the subgraph's 401 as UNAUTHENTICATED, and Looker is not called", async () => {
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
  // Every dashboard is non-null, so the missing entities null the whole answer.
  expect(answer.body.data).toBeNull();
  const stats = await stack.lookerStats();
  expect(stats.total).toBe(0);
});

test('IntrospectAndCompose composes from the running subgraphs (their _service, no token)', async () => {
  const introspected = await startGateway(
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
