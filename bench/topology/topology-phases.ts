import { setTimeout as delay } from 'node:timers/promises';
import type { EmulatorControl } from '../emulator-control';
import { faultRules } from '../fault-mix';
import { callGraphql } from '../graphql-call';
import { onlyTypedFailures, phaseFigures, type PhaseFigures } from './phase-figures';
import { runPhaseLoad, type PhaseLoad, type PhaseLoadSettings, type SentRequest } from './phase-load';
import { flushCaches, rollingRestart, type Topology } from './topology-stack';
import { topologyMix } from './topology-mix';

/** What every phase runs against. */
export interface PhaseContext {
  readonly topology: Topology;
  readonly emulator: EmulatorControl;
  /** The load's settings (the phase's mix may differ). */
  readonly load: PhaseLoadSettings;
  /** How long a SIGTERMed replica may take to exit (drain + grace + margin), ms. */
  readonly terminatePatienceMs: number;
  readonly progress: (line: string) => void;
}

/** Runs the load with `action` between emulator counter resets; returns the requests and the Looker calls. */
async function measured<T>(
  context: PhaseContext,
  action: (elapsedMs: () => number) => Promise<T>,
  load: PhaseLoadSettings = context.load,
): Promise<{
  load: PhaseLoad;
  requests: readonly SentRequest[];
  lookerCalls: number;
  byRoute: Readonly<Record<string, number>>;
  result: T;
}> {
  await context.emulator.resetStats();
  const { load: done, result } = await runPhaseLoad(load, action);
  const stats = await context.emulator.settledStats(300);
  return { load: done, requests: done.requests, lookerCalls: stats.total, byRoute: stats.byRoute, result };
}

const failuresOf = (requests: readonly SentRequest[]): number => requests.filter((r) => !r.outcome.ok).length;

/** Steady state: the mix through the gateway, nothing happening. */
export async function steadyPhase(context: PhaseContext): Promise<PhaseFigures> {
  context.progress('steady state');
  const { load, requests, lookerCalls } = await measured(context, async () => undefined);
  return phaseFigures('steady', load, lookerCalls, [{ what: '0 failed requests', held: failuresOf(requests) === 0 }]);
}

/** Every replica in turn: SIGTERM, its exit, started again, UP behind HAProxy, then the next. */
export async function rollingRestartPhase(context: PhaseContext): Promise<PhaseFigures> {
  context.progress('rolling restart of every replica');
  const {
    load,
    requests,
    lookerCalls,
    result: codes,
  } = await measured(context, () => rollingRestart(context.topology, context.terminatePatienceMs));
  return phaseFigures('rolling restart', load, lookerCalls, [
    { what: '0 failed requests', held: failuresOf(requests) === 0 },
    { what: `every replica exited 0 on SIGTERM (${codes.join(', ')})`, held: codes.every((c) => c === 0) },
  ]);
}

/** Longest wait, from a third into the phase, for a moment when the victim has requests in flight. */
const killWaitMs = 5_000;

/**
 * One replica SIGKILLed a third into the phase, at the first moment (within {@link killWaitMs}) it
 * has requests in flight, so the bound is tested with requests to lose; its sessions in HAProxy
 * just before are those requests. It is started again once HAProxy has taken it out.
 */
export async function killPhase(context: PhaseContext): Promise<PhaseFigures> {
  context.progress('one replica SIGKILLed');
  const { haproxy, replicas } = context.topology;
  const victim = replicas[1] ?? (replicas[0] as (typeof replicas)[number]);
  const { load, requests, lookerCalls, result } = await measured(context, async (elapsed) => {
    await delay(Math.max(0, context.load.minDurationMs / 3 - elapsed()));
    const deadline = performance.now() + killWaitMs;
    let inFlight = 0;
    do inFlight = (await haproxy.serverStats()).find((s) => s.name === victim.name)?.current ?? 0;
    while (inFlight === 0 && performance.now() < deadline);
    await victim.kill();
    const outMs = await haproxy.waitForStatus(victim.name, (status) => status.startsWith('DOWN'));
    await victim.start();
    await haproxy.waitForStatus(victim.name, (status) => status === 'UP');
    return { inFlight, outMs };
  });
  const failures = failuresOf(requests);
  return phaseFigures('replica SIGKILLed', load, lookerCalls, [
    {
      what: `failures (${failures}) no more than the requests in flight on it (${result.inFlight})`,
      held: failures <= result.inFlight,
    },
    {
      what: `HAProxy stopped sending to it ${(result.outMs / 1000).toFixed(1)} s after the kill (marked DOWN)`,
      held: true,
    },
  ]);
}

/**
 * Whether a result one replica has just fetched is served to another from Redis: a query no one has
 * asked yet (its own row limit), through replica 1, then replica 2, with the Looker calls between.
 */
async function sharedAcrossReplicas(context: PhaseContext, limit: number): Promise<boolean> {
  const [first, second] = context.topology.replicas;
  if (first === undefined || second === undefined) return false;
  const token = context.load.tokens[0] as string;
  const query = `query Shared { runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.status"], limit: ${limit} }) { rowCount } }`;
  const one = await callGraphql({ url: `${first.url}/graphql`, token }, query, 30_000);
  const before = (await context.emulator.settledStats(100)).total;
  const two = await callGraphql({ url: `${second.url}/graphql`, token }, query, 30_000);
  const after = (await context.emulator.settledStats(100)).total;
  return one.ok && two.ok && after === before;
}

/** Redis killed and started again (empty) a third into the phase; then, with the load over, sharing checked. */
export async function redisRestartPhase(context: PhaseContext): Promise<PhaseFigures> {
  context.progress('Redis restarted');
  const { redis } = context.topology;
  const { load, requests, lookerCalls } = await measured(context, async (elapsed) => {
    await delay(Math.max(0, context.load.minDurationMs / 3 - elapsed()));
    await redis.kill();
    await delay(2_000);
    await redis.start();
  });
  // The replicas reconnect by themselves; a few tries, each with a query of its own, give them time.
  let shared = false;
  for (let attempt = 0; attempt < 20 && !shared; attempt += 1) {
    shared = await sharedAcrossReplicas(context, 4_000 + attempt);
    if (!shared) await delay(500);
  }
  return phaseFigures('Redis restarted', load, lookerCalls, [
    { what: '0 failed requests', held: failuresOf(requests) === 0 },
    { what: 'sharing resumed (a result replica 1 fetched is served by replica 2 without Looker)', held: shared },
  ]);
}

/** Looker failing 20 % of its calls (503 and 429) for a while; then recovery. */
export async function faultPhase(context: PhaseContext): Promise<PhaseFigures> {
  const faultMs = Math.min(15_000, context.load.minDurationMs / 4);
  context.progress(`Looker at 20 % faults for ${faultMs / 1000} s`);
  const {
    load,
    requests,
    lookerCalls,
    result: endedAtMs,
  } = await measured(context, async (elapsed) => {
    await delay(Math.max(0, context.load.minDurationMs / 4 - elapsed()));
    // 503s and 429s only: a hung call would hold its request for LOOKERSDK_TIMEOUT, past the phase.
    for (const rule of faultRules(0.2, { unavailable: 0.77, rateLimited: 0.23, hang: 0 }))
      await context.emulator.addFault(rule);
    await delay(faultMs);
    await context.emulator.clearFaults();
    return elapsed();
  });
  const afterRecovery = requests.filter((r) => r.sentAtMs >= endedAtMs + 1_000);
  return phaseFigures('Looker 20 % faults', load, lookerCalls, [
    { what: 'only typed errors (extensions.code of src/errors)', held: onlyTypedFailures(requests) },
    {
      what: `every request sent from 1 s after the faults ended answered cleanly (${afterRecovery.length})`,
      held: afterRecovery.length > 0 && failuresOf(afterRecovery) === 0,
    },
  ]);
}

/** Dashboard views only, on cold caches: Looker calls per 1,000 views across every replica, then with one. */
export async function sharingPhases(context: PhaseContext): Promise<PhaseFigures[]> {
  const dashboards = topologyMix.filter((op) => op.name === 'dashboard');
  const load = { ...context.load, mix: dashboards };
  const perThousand = (calls: number, views: number): number => (views === 0 ? Number.NaN : (calls * 1000) / views);
  const { replicas, haproxy } = context.topology;
  context.progress(`dashboard views on ${replicas.length} replicas`);
  await flushCaches(context.topology);
  const all = await measured(context, async () => undefined, load);
  const others = replicas.slice(1);
  context.progress('dashboard views on one replica');
  for (const replica of others) await haproxy.setServerEnabled(replica.name, false);
  let one: Awaited<ReturnType<typeof measured<undefined>>>;
  try {
    await flushCaches(context.topology);
    one = await measured(context, async () => undefined, load);
  } finally {
    for (const replica of others) await haproxy.setServerEnabled(replica.name, true);
  }
  const routes = [...new Set([...Object.keys(all.byRoute), ...Object.keys(one.byRoute)])].sort();
  context.progress(
    `Looker calls by route, ${replicas.length} replicas / 1 replica: ${routes.map((r) => `${r} ${all.byRoute[r] ?? 0}/${one.byRoute[r] ?? 0}`).join(', ')}`,
  );
  const allRate = perThousand(all.lookerCalls, all.requests.length);
  const oneRate = perThousand(one.lookerCalls, one.requests.length);
  // Each replica logs in to Looker once and single-flights within itself only: a little above one replica's.
  const close = allRate <= oneRate * 1.5;
  return [
    phaseFigures(`dashboards, ${replicas.length} replicas`, all.load, all.lookerCalls, [
      {
        what: `Looker calls per 1,000 views ${allRate.toFixed(0)}, one replica's ${oneRate.toFixed(0)} (at most 1.5 times)`,
        held: close,
      },
    ]),
    phaseFigures('dashboards, 1 replica', one.load, one.lookerCalls, []),
  ];
}
