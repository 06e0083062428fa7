/**
 * Scenario C of `npm run bench`: what the shared caches save. (a) a hot dashboard under 50
 * concurrent viewers at 200 ms Looker latency, caches off and on; (b) explore metadata cold and
 * warm at 1 s; (c) what a Redis (second-level) hit costs against a memory hit, on a replica
 * reading what another fetched; (d) what counting a caller's rate and concurrency slots in Redis
 * adds to a Looker call. See bench/README.md, "Caches".
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startRedisServer } from '../test/support/redis-server';
import { demoAudience } from '../src/config';
import {
  evaluateCacheTargets,
  keyspaceHits,
  pairedCost,
  passFigures,
  perThousand,
  queryRunCount,
  type CacheFigures,
  type DashboardLoadFigures,
  type ExploreFigures,
  type RedisHitFigures,
  type RedisMemoryFigures,
  type RedisMemoryShape,
  type SharedLimitFigures,
  statsCounter,
  usedMemory,
} from './cache-figures';
import {
  checkDashboard,
  checkExplore,
  checkLook,
  exploreFieldsQuery,
  flushCache,
  hotDashboardQuery,
  lookIds,
  lookTitleQuery,
  timedSequence,
} from './cache-operations';
import type { EmulatorControl } from './emulator-control';
import { loadGraphql, postGraphql, type GraphqlTarget } from './graphql-load';
import { startBenchIssuer } from './issuer';
import { summarizeLatencies } from './latency-stats';
import { ProcessMonitor } from './process-monitor';
import { oneTokenLimits, startEmulatorProcess, startSubgraphProcess, type SubgraphProcess } from './stack';
import type { Stoppers } from './stoppers';
import type { TargetResult } from './targets';

/** Settings of scenario C, from the bench's command line. */
export interface CacheScenarioOptions {
  readonly scale: number;
  readonly seed: number;
  /** Measured seconds of each dashboard load run. */
  readonly durationS: number;
  /** `CACHE_RESULT_TTL` of the cache-on subgraph: shorter than the run, so expiry shows. */
  readonly cacheResultTtlS: number;
}

/** Concurrent viewers of the hot dashboard. */
export const dashboardConnections = 50;
/** Looker latency of the dashboard scenario, ms. */
export const dashboardLatencyMs = 200;
/** Looker latency of the explore scenario, ms. */
export const exploreLatencyMs = 1000;
const coldSamples = 7;
const warmSamples = 200;
/** Measured rounds of the Redis scenario, after one unmeasured. */
const redisRounds = 5;

/** Everything scenario C found. */
export interface CacheResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly options: CacheScenarioOptions;
  readonly figures: CacheFigures;
  readonly targets: readonly TargetResult[];
}

/**
 * Every subgraph of scenario C: one bench token drives all the load, so the per-subject limits
 * are lifted (fairness is `npm run soak`'s part).
 */
async function settledStats(control: EmulatorControl, quietMs: number) {
  return control.settledStats(Math.min(3_000, Math.max(200, quietMs)));
}

async function dashboardRun(
  variant: DashboardLoadFigures['variant'],
  subgraph: SubgraphProcess,
  target: GraphqlTarget,
  control: EmulatorControl,
  options: CacheScenarioOptions,
  resultTtlS: number,
): Promise<DashboardLoadFigures> {
  await control.resetStats();
  const monitor = new ProcessMonitor(subgraph.child.pid);
  monitor.start();
  const outcome = await loadGraphql(target, dashboardConnections, options.durationS);
  const stats = await settledStats(control, outcome.latency.p99);
  const usage = monitor.stop();
  const queryRuns = queryRunCount(stats.byRoute);
  return {
    variant,
    resultTtlS,
    connections: dashboardConnections,
    seconds: outcome.elapsedMs / 1000,
    views: outcome.started,
    completed: outcome.completed,
    failures: outcome.failures,
    ...(outcome.firstFailure === undefined ? {} : { firstFailure: outcome.firstFailure }),
    queryRuns,
    lookerCalls: stats.total,
    runsPer1000Views: perThousand(queryRuns, outcome.started),
    requestsPerSecond: outcome.requestsPerSecond,
    latency: outcome.latency,
    ...(usage.cpuMs === undefined || outcome.started === 0 ? {} : { cpuMsPerView: usage.cpuMs / outcome.started }),
  };
}

/** (a) and (b): one emulator, a cache-off and a cache-on subgraph. */
async function dashboardAndExplore(
  control: EmulatorControl,
  off: SubgraphProcess,
  on: SubgraphProcess,
  operatorToken: string,
  token: string,
  options: CacheScenarioOptions,
  progress: (line: string) => void,
): Promise<Omit<CacheFigures, 'redis'>> {
  const dashboard = (s: SubgraphProcess): GraphqlTarget => ({ url: s.graphqlUrl, token, query: hotDashboardQuery });
  const explore = (s: SubgraphProcess): GraphqlTarget => ({ url: s.graphqlUrl, token, query: exploreFieldsQuery });
  const flush = () => flushCache(on.graphqlUrl, operatorToken);

  await control.setLatency(dashboardLatencyMs);
  for (const s of [off, on]) checkDashboard(await postGraphql(dashboard(s)));
  // The distinct tile queries: what one view on a flushed cache runs.
  await flush();
  await control.resetStats();
  const shape = checkDashboard(await postGraphql(dashboard(on)));
  const distinctTileQueries = queryRunCount((await settledStats(control, 0)).byRoute);
  progress(
    `C(a) dashboard: ${shape.tiles} tiles, ${shape.withResult} with results, ${distinctTileQueries} distinct queries`,
  );

  progress(`C(a) cache off: ${dashboardConnections} connections, ${options.durationS} s at ${dashboardLatencyMs} ms`);
  const offRun = await dashboardRun('cache off', off, dashboard(off), control, options, 0);
  progress(`C(a) cache on (CACHE_RESULT_TTL=${options.cacheResultTtlS}), from a flushed cache`);
  await flush();
  const onRun = await dashboardRun('cache on', on, dashboard(on), control, options, options.cacheResultTtlS);

  progress(
    `C(b) explore metadata at ${exploreLatencyMs} ms: ${coldSamples} cold (each after a flush), ${warmSamples} warm`,
  );
  await control.setLatency(exploreLatencyMs);
  await control.resetStats();
  const cold = await timedSequence(
    Array.from({ length: coldSamples }, () => explore(on)),
    checkExplore,
    flush,
  );
  const coldCalls = (await settledStats(control, 0)).total;
  await control.resetStats();
  const warm = await timedSequence(
    Array.from({ length: warmSamples }, () => explore(on)),
    checkExplore,
  );
  const warmCalls = (await settledStats(control, 0)).total;
  await control.setLatency(0);
  const warmAtZero = await timedSequence(
    Array.from({ length: warmSamples }, () => explore(on)),
    checkExplore,
  );
  // The cache-off subgraph's first request pays the JIT; the sample starts after one.
  await postGraphql(explore(off));
  const uncachedAtZero = await timedSequence(
    Array.from({ length: warmSamples }, () => explore(off)),
    checkExplore,
  );
  const exploreFigures: ExploreFigures = {
    latencyMs: exploreLatencyMs,
    cold: summarizeLatencies(cold),
    coldLookerCallsPerRequest: coldCalls / coldSamples,
    warm: summarizeLatencies(warm),
    warmLookerCalls: warmCalls,
    warmAtZero: summarizeLatencies(warmAtZero),
    uncachedAtZero: summarizeLatencies(uncachedAtZero),
  };
  return { distinctTileQueries, dashboard: [offRun, onRun], explore: exploreFigures };
}

/** (c): one Redis, replicas A and B; B reads, twice, what A fetched. */
/** Results cached per shape for the Redis memory figure. */
const redisMemoryResults = 1000;

/**
 * The shapes of result whose Redis memory is measured: a small aggregate (a single-value or status
 * tile) and a typical chart tile (a month series by status, two measures). Each result is its own
 * query (a different `sale_price` bound), so each is one cache entry.
 */
const redisMemoryShapes = [
  { name: 'aggregate (status x count)', fields: ['order_items.status', 'order_items.count'], limit: 50 },
  {
    name: 'chart tile (month x status, 2 measures)',
    fields: ['order_items.created_month', 'order_items.status', 'order_items.count', 'order_items.total_sale_price'],
    limit: 120,
  },
] as const;

/**
 * C(e): Redis memory per cached result. On a flushed cache, replica A caches
 * {@link redisMemoryResults} distinct results of each shape; `used_memory` and `DBSIZE` before and
 * after, and `MEMORY USAGE` of a sample of the new keys, say what a thousand results cost Redis.
 */
async function redisMemory(
  a: SubgraphProcess,
  operatorToken: string,
  token: string,
  redis: Redis,
  progress: (line: string) => void,
): Promise<RedisMemoryFigures> {
  const shapes: RedisMemoryShape[] = [];
  for (const shape of redisMemoryShapes) {
    progress(`C(e): caching ${redisMemoryResults} results of shape "${shape.name}" and reading Redis memory`);
    await flushCache(a.graphqlUrl, operatorToken);
    const keysBefore = new Set(await scanKeys(redis));
    const memoryBefore = usedMemory(await redis.info('memory'));
    let rows = 0;
    for (let i = 0; i < redisMemoryResults; i += 1) {
      const query = `{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ${JSON.stringify(shape.fields)}, limit: ${shape.limit}, filters: [{ field: "order_items.sale_price", expression: ">${i / 10}" }] }) { rowCount } }`;
      const data = await postGraphql({ url: a.graphqlUrl, token, query });
      rows += Number((data['runQuery'] as { rowCount?: number } | null)?.rowCount ?? 0);
    }
    const memoryAfter = usedMemory(await redis.info('memory'));
    const added = (await scanKeys(redis)).filter((key) => !keysBefore.has(key));
    const sample = added.filter((key) => key.includes(':result:')).slice(0, 100);
    const usages = await Promise.all(sample.map(async (key) => Number((await redis.memory('USAGE', key)) ?? 0)));
    shapes.push({
      name: shape.name,
      results: redisMemoryResults,
      meanRows: rows / redisMemoryResults,
      columns: shape.fields.length,
      keysAdded: added.length,
      bytesPerResult: (memoryAfter - memoryBefore) / redisMemoryResults,
      meanKeyUsage: usages.length > 0 ? usages.reduce((x, y) => x + y, 0) / usages.length : Number.NaN,
    });
  }
  return { shapes };
}

/** Every key in Redis (the benchmark's own server: a few thousand at most). */
async function scanKeys(redis: Redis): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

async function redisHits(
  control: EmulatorControl,
  a: SubgraphProcess,
  b: SubgraphProcess,
  operatorToken: string,
  token: string,
  redis: Redis,
  progress: (line: string) => void,
): Promise<RedisHitFigures> {
  // Redis's own count of keys found: proof of which level answered each read.
  const hits = async (): Promise<number> => keyspaceHits(await redis.info('stats'));
  const looks = (s: SubgraphProcess): GraphqlTarget[] =>
    lookIds.map((id) => ({ url: s.graphqlUrl, token, query: lookTitleQuery(id) }));
  await control.setLatency(0);
  // Both replicas log in to Looker, fetch the issuer's keys and parse every document once, so the
  // passes below differ only by where each look comes from.
  await timedSequence(looks(a), checkLook);
  await timedSequence(looks(b), checkLook);
  const secondLevel: number[] = [];
  const firstLevel: number[] = [];
  let lookerCallsToWarm = 0;
  let lookerCallsOnB = 0;
  let firstHits = 0;
  let againHits = 0;
  for (let round = 0; round <= redisRounds; round += 1) {
    // Each replica's own flush empties its memory (and Redis): B's memory must be empty whether or
    // not a flush on A reaches it through Redis.
    await flushCache(b.graphqlUrl, operatorToken);
    await flushCache(a.graphqlUrl, operatorToken);
    await control.resetStats();
    await timedSequence(looks(a), checkLook);
    const warmCalls = (await settledStats(control, 0)).total;
    await control.resetStats();
    // Each look twice in a row: first from Redis (B's memory was flushed), then from memory.
    const fromRedis: number[] = [];
    const fromMemory: number[] = [];
    for (const target of looks(b)) {
      const before = await hits();
      fromRedis.push(...(await timedSequence([target], checkLook)));
      const between = await hits();
      fromMemory.push(...(await timedSequence([target], checkLook)));
      const after = await hits();
      if (round > 0) {
        firstHits += between - before;
        againHits += after - between;
      }
    }
    const bCalls = (await settledStats(control, 0)).total;
    if (round === 0) continue;
    lookerCallsToWarm += warmCalls;
    lookerCallsOnB += bCalls;
    secondLevel.push(...fromRedis);
    firstLevel.push(...fromMemory);
  }
  progress(`C(c) ${redisRounds} rounds of ${lookIds.length} looks: B made ${lookerCallsOnB} Looker calls`);
  return {
    keys: lookIds.length,
    rounds: redisRounds,
    secondLevel: passFigures(secondLevel),
    firstLevel: passFigures(firstLevel),
    costPerHit: pairedCost(secondLevel, firstLevel),
    redisKeyHits: { first: firstHits, again: againHits },
    lookerCallsToWarm: lookerCallsToWarm / redisRounds,
    lookerCallsOnB,
  };
}

/**
 * C(d): the same one-call operations, caches off, on a replica counting its callers' rate and slots
 * in Redis and on one counting them in memory, in pairs (alternating which goes first).
 */
async function sharedLimitsCost(
  control: EmulatorControl,
  local: SubgraphProcess,
  shared: SubgraphProcess,
  token: string,
  redis: Redis,
  progress: (line: string) => void,
): Promise<SharedLimitFigures> {
  const commands = async (): Promise<number> => statsCounter(await redis.info('stats'), 'total_commands_processed');
  const look = (s: SubgraphProcess, id: string): GraphqlTarget => ({
    url: s.graphqlUrl,
    token,
    query: lookTitleQuery(id),
  });
  await control.setLatency(0);
  const localSamples: number[] = [];
  const sharedSamples: number[] = [];
  for (let round = 0; round <= redisRounds; round += 1) {
    const inRound = { local: [] as number[], shared: [] as number[] };
    for (const [i, id] of lookIds.entries()) {
      const sharedFirst = (i + round) % 2 === 0;
      const order: readonly ('local' | 'shared')[] = sharedFirst ? ['shared', 'local'] : ['local', 'shared'];
      for (const which of order)
        inRound[which].push(...(await timedSequence([look(which === 'local' ? local : shared, id)], checkLook)));
    }
    if (round === 0) continue;
    localSamples.push(...inRound.local);
    sharedSamples.push(...inRound.shared);
  }
  // The shared replica alone, to count its Looker calls and Redis commands per operation.
  await control.resetStats();
  const before = await commands();
  for (const id of lookIds) await timedSequence([look(shared, id)], checkLook);
  // One INFO command is counted in `after` itself.
  const sharedCommands = (await commands()) - before - 1;
  const sharedLookerCalls = (await settledStats(control, 0)).total;
  progress(
    `C(d) ${redisRounds} rounds of ${lookIds.length} looks on each replica: ${sharedCommands} Redis commands for ${sharedLookerCalls} Looker calls`,
  );
  return {
    rounds: redisRounds,
    requests: localSamples.length,
    lookerCallsPerRequest: sharedLookerCalls / lookIds.length,
    local: passFigures(localSamples),
    shared: passFigures(sharedSamples),
    costPerRequest: pairedCost(sharedSamples, localSamples),
    redisCommandsPerLookerCall: sharedCommands / sharedLookerCalls,
  };
}

/**
 * Runs scenario C with its own issuer, emulator, subgraphs and Redis, each stopped before the
 * next part starts (so idle processes do not share the cores with the measured ones).
 */
export async function runCacheScenarios(
  options: CacheScenarioOptions,
  stack: Stoppers,
  progress: (line: string) => void,
): Promise<CacheResults> {
  const startedAt = new Date().toISOString();
  const issuer = await startBenchIssuer(demoAudience);
  stack.add(() => issuer.close());
  progress(`C: starting the emulator (scale ${options.scale})`);
  const emulator = await startEmulatorProcess({ latencyMs: 0, scale: options.scale, seed: options.seed });
  stack.add(() => emulator.child.stop());
  const token = await issuer.token('demo-admin');
  const operatorToken = randomBytes(24).toString('hex');
  const base = { emulatorUrl: emulator.url, issuer, batching: true } as const;

  progress('C: starting a cache-off and a cache-on subgraph');
  const [off, on] = (await Promise.all([
    startSubgraphProcess({
      ...base,
      name: 'subgraph-cache-off',
      env: { ...oneTokenLimits, CACHE_METADATA_TTL: '0', CACHE_RESULT_TTL: '0' },
    }),
    startSubgraphProcess({
      ...base,
      name: 'subgraph-cache-on',
      env: { ...oneTokenLimits, CACHE_RESULT_TTL: String(options.cacheResultTtlS), OPERATOR_TOKEN: operatorToken },
    }),
  ])) as [SubgraphProcess, SubgraphProcess];
  stack.add(() => off.child.stop());
  stack.add(() => on.child.stop());
  const measured = await dashboardAndExplore(emulator.control, off, on, operatorToken, token, options, progress);
  await Promise.all([off.child.stop(), on.child.stop()]);

  progress('C(c): starting redis-server and two cache-on replicas sharing it');
  const redis = await startRedisServer();
  stack.add(() => redis.stop());
  const replicaEnv = { ...oneTokenLimits, REDIS_URL: redis.url, OPERATOR_TOKEN: operatorToken };
  const [a, b] = (await Promise.all([
    startSubgraphProcess({ ...base, name: 'subgraph-replica-a', env: replicaEnv }),
    startSubgraphProcess({ ...base, name: 'subgraph-replica-b', env: replicaEnv }),
  ])) as [SubgraphProcess, SubgraphProcess];
  stack.add(() => a.child.stop());
  stack.add(() => b.child.stop());
  const inspector = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await inspector.connect();
  stack.add(async () => void inspector.disconnect());
  const redisFigures = await redisHits(emulator.control, a, b, operatorToken, token, inspector, progress);
  const redisMemoryFigures = await redisMemory(a, operatorToken, token, inspector, progress);
  await Promise.all([a.child.stop(), b.child.stop()]);

  progress("C(d): a caller's limits counted in memory and in Redis, caches off");
  // Each caller's default slots, and a rate high enough never to refuse: counted, not binding.
  const limitsEnv = { CACHE_METADATA_TTL: '0', CACHE_RESULT_TTL: '0', LOOKER_SUBJECT_RATE: '1000000' };
  const [inMemory, inRedis] = (await Promise.all([
    startSubgraphProcess({ ...base, name: 'subgraph-limits-local', env: limitsEnv }),
    startSubgraphProcess({ ...base, name: 'subgraph-limits-redis', env: { ...limitsEnv, REDIS_URL: redis.url } }),
  ])) as [SubgraphProcess, SubgraphProcess];
  stack.add(() => inMemory.child.stop());
  stack.add(() => inRedis.child.stop());
  const limits = await sharedLimitsCost(emulator.control, inMemory, inRedis, token, inspector, progress);
  await Promise.all([inMemory.child.stop(), inRedis.child.stop()]);
  const figures: CacheFigures = { ...measured, redis: redisFigures, redisMemory: redisMemoryFigures, limits };
  return { startedAt, finishedAt: new Date().toISOString(), options, figures, targets: evaluateCacheTargets(figures) };
}
