import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

/**
 * `npm start` on a port something else holds: the message names the setting to change and the
 * port, instead of Node's EADDRINUSE error.
 */

const root = join(__dirname, '..', '..', '..');

/** Holds a loopback port, as another program would. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

/** Runs an entry (default `npm start`'s) with `env` until it exits; resolves with its exit code and what it printed. */
function startDemoProcess(
  env: Record<string, string>,
  entry = 'demo/main.ts',
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

const cases = [
  { variable: 'PORT', others: { LOOKER_EMULATOR_PORT: '0' } },
  { variable: 'LOOKER_EMULATOR_PORT', others: { PORT: '0' } },
  { variable: 'METRICS_PORT', others: { PORT: '0', LOOKER_EMULATOR_PORT: '0' } },
] as const;

test.each(cases)('a busy $variable is named in the message, with its port, and the start fails', async (c) => {
  const held = await occupyPort();
  try {
    const { code, output } = await startDemoProcess({ ...c.others, [c.variable]: String(held.port) });
    expect(code).toBe(1);
    expect(output).toContain(`${c.variable}=${held.port}`);
    expect(output).toContain(`127.0.0.1:${held.port} is already in use`);
    expect(output).not.toContain('EADDRINUSE');
    // Only the port that is busy is blamed.
    for (const other of cases.map((o) => o.variable).filter((v) => v !== c.variable)) {
      expect(output).not.toMatch(new RegExp(`(^|[^_A-Z])${other}=`, 'm'));
    }
  } finally {
    await new Promise((resolve) => held.server.close(resolve));
  }
});

test('PORT and LOOKER_EMULATOR_PORT set to the same port: the message says each needs its own', async () => {
  const held = await occupyPort();
  const { port } = held;
  // Free it again: the emulator takes it first, and the subgraph then finds it taken.
  await new Promise((resolve) => held.server.close(resolve));
  const { code, output } = await startDemoProcess({ PORT: String(port), LOOKER_EMULATOR_PORT: String(port) });
  expect(code).toBe(1);
  expect(output).toContain(`PORT and LOOKER_EMULATOR_PORT are both ${port}`);
  expect(output).not.toContain('EADDRINUSE');
});

test('`npm run example` on a busy EXAMPLE_PORT names it', async () => {
  const held = await occupyPort();
  try {
    const { code, output } = await startDemoProcess(
      { EXAMPLE_PORT: String(held.port), SUBGRAPH_URL: 'http://127.0.0.1:9/graphql' },
      'examples/dashboard-viewer/serve.ts',
    );
    expect(code).toBe(1);
    expect(output).toContain(`EXAMPLE_PORT=${held.port}: 127.0.0.1:${held.port} is already in use`);
    expect(output).not.toContain('EADDRINUSE');
  } finally {
    await new Promise((resolve) => held.server.close(resolve));
  }
});
