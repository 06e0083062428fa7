import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** A child process the benchmark started, with the tail of its output for error messages. */
export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly pid: number;
  /** The last few kilobytes the child wrote (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const outputTail = 8 * 1024;

/** The repository's root: children run there and entry points are relative to it. */
export const repositoryRoot = resolve(__dirname, '..');

/** Variables a child must not inherit from the shell: each child gets exactly the settings given. */
const ownedPrefixes = [
  'LOOKERSDK_',
  'OIDC_',
  'LOOKER_EMULATOR_',
  'LOADER_BATCHING',
  'PORT',
  'HOST',
  'NODE_ENV',
  'LOG_LEVEL',
  'AUDIT_LOG',
  'POLICY_FILE',
];

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !ownedPrefixes.some((p) => key.startsWith(p))),
  );
  return { ...inherited, ...env };
}

/** Runs a TypeScript entry point (relative to the repository) with `node --import tsx` and extra node flags, its output kept. */
export function spawnTs(
  name: string,
  entry: string,
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): Child {
  return spawnNode(name, [...nodeFlags, '--import', 'tsx', resolve(repositoryRoot, entry)], env);
}

/** Where the benchmark compiles the project, as `npm run build` does for `npm run serve`. */
const buildDir = resolve(repositoryRoot, 'bench/results/build');
let build: Promise<void> | undefined;

/** Compiles the project once per benchmark run (`tsc -p tsconfig.build.json`, about 10 s). */
function compileProject(): Promise<void> {
  build ??= new Promise<void>((resolveBuild, reject) => {
    process.stderr.write('[bench] compiling the project (tsc -p tsconfig.build.json), as `npm run serve` runs it\n');
    execFile(
      process.execPath,
      [resolve(repositoryRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', buildDir],
      { cwd: repositoryRoot },
      (error, stdout) => {
        if (error) reject(new Error(`tsc failed:\n${stdout}`));
        else resolveBuild();
      },
    );
  });
  return build;
}

/**
 * Runs a TypeScript entry point compiled to JavaScript, as in service (`npm run serve`): the
 * measured subgraph. Under tsx it costs about an eighth more CPU per operation (tsx keeps function
 * names by wrapping every closure it creates), which is not what a deployment pays.
 */
export async function spawnCompiled(
  name: string,
  entry: string,
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): Promise<Child> {
  await compileProject();
  return spawnNode(name, [...nodeFlags, resolve(buildDir, entry.replace(/\.ts$/, '.js'))], env);
}

function spawnNode(name: string, args: readonly string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, {
    cwd: repositoryRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  let tail = '';
  // Always drain both pipes: a child blocked on a full pipe would stall the benchmark.
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-outputTail);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // A process that dies under load is a finding: say so, with what it last wrote.
      if (!stopping)
        process.stderr.write(
          `[bench] ${name} exited unexpectedly (${signal ?? `code ${code}`}); its last output:\n${tail.slice(-4096)}\n`,
        );
      resolve();
    }),
  );
  return {
    name,
    process: child,
    pid: child.pid,
    output: () => tail,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A TCP port free on loopback right now (the child binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/**
 * Polls `url` until it answers 2xx. Fails when the child exits first or after `timeoutMs`,
 * with the child's last output in the message.
 */
export async function waitUntilReady(child: Child, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`${child.name} exited before it was ready:\n${child.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(100);
  }
  throw new Error(`${child.name} was not ready at ${url} within ${timeoutMs / 1000} s:\n${child.output()}`);
}
