import { spawn, type ChildProcess } from 'node:child_process';
import { freeFixedPort } from './free-port';

/** A real redis-server started for one suite, on a free loopback port. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Kills the server (as a crash would); `start()` brings it back on the same port, empty. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts Debian's `redis-server` (installed by .ci/run) without persistence, on loopback only.
 * Fails with a message naming the package when it is not installed.
 */
export async function startRedisServer(): Promise<RedisServer> {
  // Outside the ephemeral range: killed and restarted by tests, it must get its port back.
  const port = await freeFixedPort();
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const spawned = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = spawned;
      spawned.once('error', (error) =>
        reject(
          new Error(`redis-server could not start (apt-get install redis-server; .ci/run does): ${error.message}`),
        ),
      );
      let output = '';
      spawned.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      spawned.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
  const kill = async () => {
    const running = child;
    // A server killed earlier has a signal code and no exit code: it will not exit again.
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, kill, start, stop: kill };
}
