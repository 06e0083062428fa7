import { randomBytes } from 'node:crypto';
import { freeFixedPort } from '../../test/support/free-port';
import { startRedisServer, type RedisServer } from '../../test/support/redis-server';
import type { BenchIssuer } from '../issuer';
import type { Stoppers } from '../stoppers';
import type { HealthCheckTiming } from './haproxy-config';
import { startHaproxy, type RunningHaproxy } from './haproxy';
import { Replica, type ReplicaSettings } from './replica';

/** What the replicas are put in front of. */
export interface TopologySettings {
  readonly replicas: number;
  readonly runAs: ReplicaSettings['runAs'];
  readonly looker: { readonly url: string; readonly clientId: string; readonly clientSecret: string };
  readonly issuer: Pick<BenchIssuer, 'issuer' | 'audience'>;
  /** Where `haproxy` is. */
  readonly haproxyBinary: string;
  readonly checks: HealthCheckTiming;
  /** Settings every replica gets besides the topology's own (e.g. a shorter drain in tests). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Redis, the replicas and HAProxy, running. */
export interface Topology {
  readonly redis: RedisServer;
  readonly replicas: readonly Replica[];
  readonly haproxy: RunningHaproxy;
  /** The credential of the replicas' `POST /admin/cache/flush`. */
  readonly operatorToken: string;
}

/**
 * Starts `redis-server`, `settings.replicas` subgraph replicas as production runs them (caches on,
 * `REDIS_URL`, the same export and query-task secrets on all, so a link or a task id minted on one
 * works on any), and HAProxy in front of them; each is registered in `stops`.
 */
export async function startTopology(settings: TopologySettings, stops: Stoppers): Promise<Topology> {
  const redis = await startRedisServer();
  stops.add(() => redis.stop());
  const secret = (): string => randomBytes(32).toString('hex');
  const operatorToken = secret();
  const env: Record<string, string> = {
    LOOKERSDK_BASE_URL: settings.looker.url,
    LOOKERSDK_CLIENT_ID: settings.looker.clientId,
    LOOKERSDK_CLIENT_SECRET: settings.looker.clientSecret,
    OIDC_ISSUER: settings.issuer.issuer,
    OIDC_AUDIENCE: settings.issuer.audience,
    REDIS_URL: redis.url,
    EXPORT_SECRET: secret(),
    QUERY_TASK_SECRET: secret(),
    OPERATOR_TOKEN: operatorToken,
    // The audit trail is written as in service, to a sink that keeps neither the disk nor the run busy.
    AUDIT_LOG: '/dev/null',
    LOG_LEVEL: 'warn',
    ...settings.env,
  };
  // Fixed ports outside the ephemeral range: a restarted replica gets its port (and its HAProxy line)
  // back. A port another process took between its choice and the start is chosen again.
  const startReplica = async (name: string): Promise<Replica> => {
    for (let attempt = 1; ; attempt += 1) {
      const replica = new Replica(name, await freeFixedPort(), { env, runAs: settings.runAs });
      stops.add(() => replica.stop());
      try {
        await replica.start();
        return replica;
      } catch (error) {
        if (attempt >= 3 || !String(error).includes('already in use')) throw error;
      }
    }
  };
  const replicas = await Promise.all(
    Array.from({ length: settings.replicas }, (_, i) => startReplica(`replica-${i + 1}`)),
  );
  const haproxy = await startHaproxy(settings.haproxyBinary, {
    port: await freeFixedPort(),
    servers: replicas.map((r) => ({ name: r.name, port: r.port })),
    checks: settings.checks,
    balance: 'leastconn',
    serverTimeoutMs: 60_000,
  });
  stops.add(() => haproxy.stop());
  return { redis, replicas, haproxy, operatorToken };
}

/** Empties every replica's cache and the shared one in Redis, through one replica's operator route. */
export async function flushCaches(topology: Topology): Promise<void> {
  const replica = topology.replicas[0];
  if (replica === undefined) return;
  const answer = await fetch(`${replica.url}/admin/cache/flush`, {
    method: 'POST',
    headers: { authorization: `Bearer ${topology.operatorToken}` },
  });
  await answer.arrayBuffer();
  if (!answer.ok) throw new Error(`cache flush answered ${answer.status}`);
}

/**
 * A rolling restart, as an orchestrator makes one: each replica in turn gets SIGTERM and is started
 * again once it has exited, and the next waits until HAProxy has it UP again. Resolves with each exit code.
 */
export async function rollingRestart(topology: Topology, patienceMs: number): Promise<(number | null)[]> {
  const codes: (number | null)[] = [];
  for (const replica of topology.replicas) {
    codes.push(await replica.terminate(patienceMs));
    await replica.start();
    await topology.haproxy.waitForStatus(replica.name, (status) => status === 'UP');
  }
  return codes;
}
