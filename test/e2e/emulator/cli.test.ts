import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const secret = 'cli-test-secret-value';

/** Starts the CLI as `npm run looker-emulator` does, with the given extra environment. */
function startCli(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(tsx, ['emulator/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Resolves with the base URL once the CLI reports it is listening. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code} before listening`)));
  });
}

describe('npm run looker-emulator', () => {
  it('serves on the configured port, reports the data set, and stops on SIGTERM', async () => {
    const cli = startCli({
      LOOKER_EMULATOR_PORT: '0',
      LOOKER_EMULATOR_SCALE: '0.02',
      LOOKER_EMULATOR_SEED: '5',
      LOOKER_EMULATOR_CLIENT_SECRET: secret,
    });
    const url = await listeningUrl(cli.child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const login = await fetch(`${url}/api/4.0/login`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'looker-admin', client_secret: secret }),
    });
    expect(login.status).toBe(200);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/order_items 2,000/);
    expect(cli.output()).toMatch(/built in [\d.]+ s/);
    expect(cli.output()).not.toContain(secret);
  });

  it('refuses invalid variables, naming each of them', async () => {
    const cli = startCli({
      LOOKER_EMULATOR_PORT: 'eighty',
      LOOKER_EMULATOR_TOKEN_TTL: '0',
      LOOKER_EMULATOR_CLIENT_SECRET: secret,
    });
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain('LOOKER_EMULATOR_PORT');
    expect(cli.output()).toContain('LOOKER_EMULATOR_TOKEN_TTL');
    expect(cli.output()).not.toContain(secret);
  });
});
