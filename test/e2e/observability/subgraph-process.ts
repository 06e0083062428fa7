import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** `src/main.ts` running as a child process, as production runs it. */
export interface SubgraphProcess {
  /** Base URL of the subgraph. */
  readonly url: string;
  /** Base URL of the metrics server, when `METRICS_PORT` was set. */
  readonly metricsUrl: string | undefined;
  /** Standard error (the JSON application log) and standard output (the audit trail) so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  terminate(): Promise<number | null>;
}

/**
 * Starts `src/main.ts` with `env` (on top of this process's environment) and waits until it
 * listens. `PORT=0` and `METRICS_PORT=0` work: the bound URLs are read from its log.
 */
export async function startSubgraphProcess(env: Record<string, string>): Promise<SubgraphProcess> {
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const urlOf = (message: string): string | undefined => {
    for (const line of output.split('\n')) {
      if (!line.includes(message)) continue;
      const url = (JSON.parse(line) as { url?: string }).url;
      if (url) return url;
    }
    return undefined;
  };
  const listening = new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (
        urlOf('subgraph listening') !== undefined &&
        (env.METRICS_PORT === undefined || urlOf('metrics listening') !== undefined)
      )
        resolve();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then((code) =>
      reject(new Error(`the subgraph exited (${code}) before listening: ${output.slice(-500)}`)),
    );
  });
  await listening;
  return {
    url: (urlOf('subgraph listening') as string).replace(/\/graphql$/, ''),
    metricsUrl: urlOf('metrics listening')?.replace(/\/metrics$/, ''),
    output: () => output,
    terminate() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
