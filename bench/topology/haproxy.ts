import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { backendName, haproxyConfig, type HaproxySettings } from './haproxy-config';

/** One server's line of HAProxy's `show stat`. */
export interface ServerStat {
  readonly name: string;
  /** `UP`, `DOWN`, `MAINT`, or a transition such as `UP 1/3`. */
  readonly status: string;
  /** Sessions open on it now (requests in flight through HAProxy). */
  readonly current: number;
  /** Sessions it has had in all. */
  readonly total: number;
  /** Connection attempts to it retried (`wretr`): it refused or dropped a connection. */
  readonly retries: number;
  /** Requests taken from it to another server (`wredis`). */
  readonly redispatches: number;
}

/** A running HAProxy in front of the replicas. */
export interface RunningHaproxy {
  /** The frontend's base URL. */
  readonly url: string;
  /** Each server's state, from the stats socket. */
  serverStats(): Promise<ServerStat[]>;
  /** Takes a server out (`disable server`) or puts it back (`enable server`), as an operator would. */
  setServerEnabled(name: string, enabled: boolean): Promise<void>;
  /** Polls until `name`'s status satisfies `wanted`; resolves with the milliseconds it took. */
  waitForStatus(name: string, wanted: (status: string) => boolean, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

/** Sends one command to the runtime API and resolves with the whole answer. */
function runtimeCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const connection = connect(socket);
    let answer = '';
    connection.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    connection.once('error', reject);
    connection.once('close', () => resolve(answer));
    connection.once('connect', () => connection.end(`${command}\n`));
  });
}

/** The server rows of `show stat`'s CSV for the replicas' backend. */
export function parseServerStats(csv: string): ServerStat[] {
  const lines = csv.split('\n').filter((line) => line.trim() !== '');
  const header = (lines.shift() ?? '').replace(/^# /, '').split(',');
  const column = (name: string): number => header.indexOf(name);
  const [px, sv, status, scur, stot, wretr, wredis] = [
    'pxname',
    'svname',
    'status',
    'scur',
    'stot',
    'wretr',
    'wredis',
  ].map(column) as number[];
  return lines
    .map((line) => line.split(','))
    .filter((row) => row[px as number] === backendName && !['FRONTEND', 'BACKEND'].includes(row[sv as number] ?? ''))
    .map((row) => ({
      name: row[sv as number] ?? '',
      status: row[status as number] ?? '',
      current: Number(row[scur as number] ?? 0),
      total: Number(row[stot as number] ?? 0),
      retries: Number(row[wretr as number] ?? 0),
      redispatches: Number(row[wredis as number] ?? 0),
    }));
}

/**
 * Writes the configuration (checked with `haproxy -c` first, so a bad one fails with HAProxy's own
 * message), starts `haproxy` in the foreground and waits until every server is UP.
 */
export async function startHaproxy(
  binary: string,
  settings: Omit<HaproxySettings, 'statsSocket'>,
  readyTimeoutMs = 60_000,
): Promise<RunningHaproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'topology-haproxy-'));
  const statsSocket = join(dir, 'admin.sock');
  const configFile = join(dir, 'haproxy.cfg');
  writeFileSync(configFile, haproxyConfig({ ...settings, statsSocket }));
  await new Promise<void>((resolve, reject) =>
    execFile(binary, ['-c', '-q', '-f', configFile], (error, stdout, stderr) =>
      error ? reject(new Error(`haproxy refused its configuration:\n${stderr}${stdout}`)) : resolve(),
    ),
  );
  const child = spawn(binary, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8192);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const serverStats = async (): Promise<ServerStat[]> =>
    parseServerStats(await runtimeCommand(statsSocket, 'show stat'));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const waitForStatus = async (name: string, wanted: (status: string) => boolean, timeoutMs = 60_000) => {
    const begin = performance.now();
    while (performance.now() - begin < timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`haproxy exited:\n${output}`);
      const stat = (await serverStats().catch(() => [])).find((s) => s.name === name);
      if (stat !== undefined && wanted(stat.status)) return performance.now() - begin;
      await delay(50);
    }
    throw new Error(`haproxy: ${name} did not reach the wanted status within ${timeoutMs / 1000} s`);
  };
  try {
    for (const server of settings.servers) await waitForStatus(server.name, (s) => s === 'UP', readyTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${settings.port}`,
    serverStats,
    async setServerEnabled(name, enabled) {
      const answer = await runtimeCommand(
        statsSocket,
        `${enabled ? 'enable' : 'disable'} server ${backendName}/${name}`,
      );
      if (answer.trim() !== '') throw new Error(`haproxy: ${answer.trim()}`);
    },
    waitForStatus,
    stop,
  };
}
