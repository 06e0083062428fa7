import {
  getNamedType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import {
  isAuthenticationOnly,
  requiredScopesFor,
  requiredScopesForType,
  type ScopeRequirement,
} from '../../../directives';
import { validatePolicy } from '../../../src/policy';
import { buildSchema } from '../../../src/graphql/schema';
import { startSubgraphStack, testAudience, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Walks the whole schema: every field that Looker data flows through must be guarded by `@auth`,
 * and, through a real request, refuse a token that lacks its scopes and serve one that holds them.
 * A new field or type is Looker-backed unless listed here, so nothing can be added unguarded.
 *
 * Values from the database (results, suggestions, exports) need `looker:data:read`, whatever field
 * serves them. The walk does not trust a list of such fields, nor the schema's directives: for every
 * field it sends a request with every scope but `looker:data:read` and asks the emulator's own
 * counter whether Looker was asked for database values meanwhile (a query run, a query task, a
 * filter suggestion). It must not have been, so a new field that reaches a result or suggestion
 * call without requiring the scope fails here, whichever loader it goes through. And a field whose
 * request with every scope did reach such a call must name `looker:data:read` in its `@auth`, so
 * the refusal is a FORBIDDEN naming the scope (checked below), not a silent empty answer.
 */
const notLookerBacked = new Set(['Query', 'Mutation', 'Viewer', '_Service']);
const publicRootFields = new Set(['_service', '_entities', 'viewer']);
const allScopes = ['looker:content:read', 'looker:models:read', 'looker:data:read', 'looker:sql:read', 'looker:embed'];
const dataScope = 'looker:data:read';

/**
 * Emulator routes (its counter's keys, `METHOD /api/4.0/template`) that run a query on the database
 * or answer its values: `…/run/{format}` (look, saved and inline query runs), `query_tasks` (async
 * runs and their results) and `…/fields/{field}/suggestions` (a dimension's distinct values). Matched
 * by shape, so another run format or task route counts without being named.
 */
const databaseRoute = /\/run\/|\/query_tasks|\/suggestions$/;

/** Arguments for root fields that require them, pointing at content the emulator has. */
const rootArguments: Record<string, string> = {
  look: '(id: "1")',
  dashboard: '(id: "1")',
  folder: '(id: "2")',
  lookmlModel: '(name: "ecommerce")',
  explore: '(model: "ecommerce", name: "order_items")',
  runQuery:
    '(input: { model: "ecommerce", view: "order_items", fields: ["order_items.status", "order_items.count"], limit: 5 })',
  // An id that is not the caller's: null, so the walk checks the guards of every QueryTask field.
  queryTask: '(id: "qt1.0a1b.zz.not-a-signature")',
};

/** Required arguments of fields below the root, by `Type.field`. */
const fieldArguments: Record<string, string> = {
  'Explore.suggestions': '(field: "order_items.status")',
  'Look.exportUrl': '(format: CSV)',
  'DashboardTile.exportUrl': '(format: CSV)',
};

const representations: Record<string, Record<string, string>> = {
  Look: { id: '1' },
  Dashboard: { id: '1' },
  Folder: { id: '2' },
  LookmlModel: { name: 'ecommerce' },
  Explore: { model: 'ecommerce', name: 'order_items' },
};

const schema: GraphQLSchema = buildSchema();
const objectTypes = Object.values(schema.getTypeMap()).filter(
  (t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'),
);

const isGuarded = (r: ScopeRequirement | undefined) => r !== undefined && !isAuthenticationOnly(r);

describe('every Looker-backed field carries @auth', () => {
  const lookerTypes = objectTypes.filter((t) => !notLookerBacked.has(t.name));

  test.each(Object.keys(schema.getQueryType()?.getFields() ?? {}).filter((f) => !publicRootFields.has(f)))(
    'Query.%s is guarded',
    (field) => {
      expect(isGuarded(requiredScopesFor(schema, 'Query', field))).toBe(true);
    },
  );

  test.each(Object.keys(schema.getMutationType()?.getFields() ?? {}))('Mutation.%s is guarded', (field) => {
    expect(isGuarded(requiredScopesFor(schema, 'Mutation', field))).toBe(true);
  });

  test.each(lookerTypes.map((t) => t.name))('every field returning %s is guarded', (typeName) => {
    for (const type of objectTypes) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name !== typeName || type.name === '_Service') continue;
        expect([`${type.name}.${field.name}`, isGuarded(requiredScopesFor(schema, type.name, field.name))]).toEqual([
          `${type.name}.${field.name}`,
          true,
        ]);
      }
    }
  });

  test.each(Object.keys(representations))('entity %s is guarded on its own (for _entities)', (typeName) => {
    expect(isGuarded(requiredScopesForType(schema, typeName))).toBe(true);
  });
});

interface Step {
  readonly type: GraphQLObjectType;
  readonly field: GraphQLField<unknown, unknown>;
}

/** Shortest chain of fields from Query to every object type (public root fields excluded). */
function pathsToTypes(): Map<string, Step[]> {
  const paths = new Map<string, Step[]>([['Query', []]]);
  const queue = ['Query'];
  while (queue.length > 0) {
    const typeName = queue.shift() as string;
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const field of Object.values(type.getFields())) {
      if (typeName === 'Query' && publicRootFields.has(field.name)) continue;
      const target = getNamedType(field.type);
      if (!isObjectType(target) || paths.has(target.name)) continue;
      paths.set(target.name, [...(paths.get(typeName) ?? []), { type, field }]);
      queue.push(target.name);
    }
  }
  return paths;
}

/** Builds the selection text for a chain of steps ending at a field. */
function selection(steps: readonly Step[]): string {
  return steps.reduceRight((inner, { type, field }) => {
    const args =
      type.name === 'Query' ? (rootArguments[field.name] ?? '') : (fieldArguments[`${type.name}.${field.name}`] ?? '');
    const sub = inner || (isLeafType(getNamedType(field.type)) ? '' : '__typename');
    return `${field.name}${args}${sub ? ` { ${sub} }` : ''}`;
  }, '');
}

/** Scopes that some field along the chain requires in every alternative: lacking one must deny. */
function essentialScopes(steps: readonly Step[]): string[] {
  const scopes = new Set<string>();
  for (const { type, field } of steps) {
    const requirement = requiredScopesFor(schema, type.name, field.name);
    for (const scope of allScopes)
      if (requirement?.length && requirement.every((alt) => alt.includes(scope))) scopes.add(scope);
  }
  return [...scopes];
}

interface Case {
  readonly name: string;
  readonly query: string;
  readonly path: (string | number)[];
  readonly scopes: string[];
}

const paths = pathsToTypes();
const cases: Case[] = [];
for (const type of objectTypes.filter((t) => paths.has(t.name) && !notLookerBacked.has(t.name))) {
  for (const field of Object.values(type.getFields())) {
    const steps = [...(paths.get(type.name) ?? []), { type, field }];
    cases.push({
      name: `${type.name}.${field.name}`,
      query: `{ ${selection(steps)} }`,
      path: steps.map((s) => s.field.name),
      scopes: essentialScopes(steps),
    });
  }
}
for (const [typeName, representation] of Object.entries(representations)) {
  const type = schema.getType(typeName) as GraphQLObjectType;
  for (const field of Object.values(type.getFields())) {
    const step = { type, field };
    const ownScopes = allScopes.filter((s) => requiredScopesForType(schema, typeName)?.every((alt) => alt.includes(s)));
    cases.push({
      name: `_entities → ${typeName}.${field.name}`,
      query: `{ _entities(representations: [${JSON.stringify({ __typename: typeName, ...representation }).replace(/"(\w+)":/g, '$1:')}]) { ... on ${typeName} { ${selection([{ ...step, type }])} } } }`,
      path: ['_entities', 0, field.name],
      scopes: [...new Set([...ownScopes, ...essentialScopes([step])])],
    });
  }
}

let stack: SubgraphStack;

beforeAll(async () => {
  // Embedding is configured, so embedUrl answers when its scopes are held.
  const validated = validatePolicy({
    // The walker may write anywhere under Shared and schedule to example.com, so that a mutation
    // holding its scopes reaches its own checks (the walk sends dry runs: nothing is written).
    rules: [
      {
        name: 'walker-writes',
        when: { claim: 'sub', includes: ['walker'] },
        writes: { folders: [{ id: '1' }], scheduleTo: { emailDomains: ['example.com'] } },
      },
    ],
    embed: { permissions: ['access_data', 'see_user_dashboards'], models: ['ecommerce'] },
  });
  if (!validated.ok) throw new Error(validated.problems.join('; '));
  const policy = validated.policy;
  stack = await startSubgraphStack({ policy: { current: () => policy } });
});

afterAll(() => stack?.stop());

const tokenWith = (scopes: string[]) =>
  stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub: 'walker',
    scope: scopes.join(' '),
    exp: Math.floor(Date.now() / 1000) + 600,
  });

/** Whether the answer denies the path or one of its prefixes (list indexes ignored). */
function deniedOnPath(
  errors: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined,
  path: (string | number)[],
): boolean {
  const target = path.filter((p) => typeof p === 'string');
  return (errors ?? []).some((e) => {
    if (e.extensions?.code !== 'FORBIDDEN') return false;
    const denied = (e.path ?? []).filter((p) => typeof p === 'string');
    return denied.every((p, i) => target[i] === p);
  });
}

test('the walk covers the whole schema', () => {
  expect(cases.length).toBeGreaterThan(60);
  expect(cases.map((c) => c.name)).toEqual(
    expect.arrayContaining([
      'QueryResult.sql',
      'DashboardTile.result',
      'ExploreField.name',
      '_entities → Explore.measures',
      'QueryTask.status',
      'QueryTask.result',
    ]),
  );
});

/** Database routes the emulator counted while `send` ran, with their counts (the walk sends one request at a time). */
async function databaseCallsDuring<T>(send: () => Promise<T>): Promise<{ answer: T; calls: Record<string, number> }> {
  const before = (await stack.lookerStats()).byRoute;
  const answer = await send();
  const after = (await stack.lookerStats()).byRoute;
  const calls = Object.fromEntries(
    Object.entries(after)
      .filter(([route, n]) => databaseRoute.test(route) && n > (before[route] ?? 0))
      .map(([route, n]) => [route, n - (before[route] ?? 0)]),
  );
  return { answer, calls };
}

/** Database routes the walk reached with every scope: proof that the pattern matches the emulator's counter. */
const databaseRoutesReached = new Set<string>();

test.each(cases.map((c) => [c.name, c] as const))(
  '%s: refused without its scopes, served with them',
  async (_name, c) => {
    expect(c.scopes.length).toBeGreaterThan(0);
    const { answer: holding, calls: holdingCalls } = await databaseCallsDuring(() =>
      tokenWith(allScopes).then((token) => stack.graphql(c.query, { token })),
    );
    expect([c.query, holding.status, deniedOnPath(holding.body.errors, c.path)]).toEqual([c.query, 200, false]);
    expect(holding.body.errors ?? []).toEqual([]);
    for (const route of Object.keys(holdingCalls)) databaseRoutesReached.add(route);
    const withoutData = await databaseCallsDuring(() =>
      tokenWith(allScopes.filter((s) => s !== dataScope)).then((token) => stack.graphql(c.query, { token })),
    );
    expect([c.query, withoutData.calls]).toEqual([c.query, {}]);
    if (Object.keys(holdingCalls).length > 0)
      expect([c.name, holdingCalls, c.scopes]).toEqual([c.name, holdingCalls, expect.arrayContaining([dataScope])]);
    for (const missing of c.scopes) {
      const lacking = await stack.graphql(c.query, { token: await tokenWith(allScopes.filter((s) => s !== missing)) });
      expect([c.query, missing, deniedOnPath(lacking.body.errors, c.path)]).toEqual([c.query, missing, true]);
    }
  },
);

test('the walk reached query runs and suggestions, so the database-route check above watched real calls', () => {
  const reached = [...databaseRoutesReached];
  expect(reached).toEqual(
    expect.arrayContaining([expect.stringMatching(/\/run\//), expect.stringMatching(/\/suggestions$/)]),
  );
});

/** A dry run of every mutation of the schema, with arguments pointing at content the emulator has. */
const mutationArguments: Record<string, string> = {
  startQuery: '(input: { model: "ecommerce", view: "order_items", fields: ["order_items.count"] })',
  cancelQueryTask: '(id: "qt1.0a1b.zz.not-a-signature")',
  createLook:
    '(input: { title: "t", folderId: "2", dryRun: true, query: { model: "ecommerce", view: "order_items", fields: ["order_items.count"] } })',
  updateLook: '(id: "1", input: { title: "t" }, dryRun: true)',
  deleteLook: '(id: "1", dryRun: true)',
  restoreLook: '(id: "1", dryRun: true)',
  createDashboard: '(input: { title: "t", folderId: "2", dryRun: true })',
  updateDashboard: '(id: "1", input: { title: "t" }, dryRun: true)',
  deleteDashboard: '(id: "1", dryRun: true)',
  restoreDashboard: '(id: "1", dryRun: true)',
  addDashboardTile: '(input: { dashboardId: "1", bodyText: "hello", dryRun: true })',
  updateDashboardTile: '(id: "1", input: { title: "t" }, dryRun: true)',
  removeDashboardTile: '(id: "1", dryRun: true)',
  addDashboardFilter: '(input: { dashboardId: "1", name: "walk", title: "Walk", dryRun: true })',
  updateDashboardFilter: '(id: "1", input: { title: "t" }, dryRun: true)',
  removeDashboardFilter: '(id: "1", dryRun: true)',
  setFavorite: '(input: { lookId: "1", favorite: true })',
  createSchedule:
    '(input: { name: "n", lookId: "1", crontab: "0 8 * * 1", dryRun: true, destinations: [{ type: EMAIL, address: "a@example.com" }] })',
  updateSchedule: '(id: "1", input: { name: "n" }, dryRun: true)',
  deleteSchedule: '(id: "1", dryRun: true)',
  runScheduleOnce: '(id: "1", dryRun: true)',
};

const writeScopes = ['looker:content:write', 'looker:schedules:write'];
/** Emulator routes that change Looker (logins aside). */
const writeRoute = /^(POST|PATCH|DELETE) (?!.*\/login)/;

describe('every mutation is guarded before any Looker call', () => {
  const mutationFields = Object.values(schema.getMutationType()?.getFields() ?? {});

  test('the walk has arguments for every mutation', () => {
    expect(mutationFields.map((f) => f.name).filter((name) => mutationArguments[name] === undefined)).toEqual([]);
  });

  test.each(mutationFields.map((f) => [f.name, f] as const))(
    'Mutation.%s: refused without its scopes at no Looker cost; with them, past @auth and writing nothing',
    async (name) => {
      const document = `mutation { ${name}${mutationArguments[name]} { __typename } }`;
      const requirement = requiredScopesFor(schema, 'Mutation', name) ?? [];
      const essential = [...allScopes, ...writeScopes].filter((scope) =>
        requirement.every((alt) => alt.includes(scope)),
      );
      expect(essential.length).toBeGreaterThan(0);
      for (const missing of essential) {
        const before = (await stack.lookerStats()).byRoute;
        const lacking = await stack.graphql(document, {
          token: await tokenWith([...allScopes, ...writeScopes].filter((s) => s !== missing)),
        });
        const after = (await stack.lookerStats()).byRoute;
        expect([name, missing, deniedOnPath(lacking.body.errors, [name])]).toEqual([name, missing, true]);
        // Routes called meanwhile, aside from logins (the service session renews its token when it
        // must, whoever asks) and polls of query tasks (the walk's own startQuery left one running).
        const called = Object.keys(after).filter(
          (route) =>
            after[route] !== before[route] && !route.includes('/login') && !/^GET .*\/query_tasks\//.test(route),
        );
        expect([name, missing, called]).toEqual([name, missing, []]);
      }
      const before = (await stack.lookerStats()).byRoute;
      const holding = await stack.graphql(document, { token: await tokenWith([...allScopes, ...writeScopes]) });
      const after = (await stack.lookerStats()).byRoute;
      expect([name, (holding.body.errors ?? []).filter((e) => e.extensions?.requiredScopes !== undefined)]).toEqual([
        name,
        [],
      ]);
      const written = Object.keys(after).filter(
        (route) => writeRoute.test(route) && after[route] !== before[route] && !/\/queries|\/query_tasks/.test(route),
      );
      // setFavorite has no dry run: in service mode it is refused (FAILED_PRECONDITION) before any write.
      expect([name, written]).toEqual([name, []]);
    },
  );
});
