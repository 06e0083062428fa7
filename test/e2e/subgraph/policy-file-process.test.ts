import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSubgraphProcess } from '../observability/subgraph-process';
import { startSubgraphStack, testAudience, testLookerSecret, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * The policy file's path briefly holding a named pipe, with the subgraph running as production
 * runs it: the start is refused with the reason, a reload is refused without blocking, and
 * SIGTERM still ends the process.
 */
let stack: SubgraphStack;
let dir: string;

const policy = 'rules:\n  - when: { claim: groups, includes: analysts }\n    grant: [looker:data:read]\n';

beforeAll(async () => {
  stack = await startSubgraphStack();
  dir = mkdtempSync(join(tmpdir(), 'policy-process-'));
});

afterAll(async () => {
  // A process still blocked opening a pipe is released by a writer that opens and closes it.
  for (const name of ['at-start.yaml', 'policy.yaml']) {
    try {
      closeSync(openSync(join(dir, name), constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader waiting, or no pipe.
    }
  }
  rmSync(dir, { recursive: true, force: true });
  await stack?.stop();
});

const env = (policyFile: string) => ({
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  LOOKERSDK_BASE_URL: stack.emulator.url,
  LOOKERSDK_CLIENT_ID: 'looker-admin',
  LOOKERSDK_CLIENT_SECRET: testLookerSecret,
  OIDC_ISSUER: stack.issuer.issuer.issuer,
  OIDC_AUDIENCE: testAudience,
  POLICY_FILE: policyFile,
});

/** Resolves once `seen()` holds; rejects after `ms`, so a missing log line fails with a message. */
async function until(seen: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!seen()) {
    if (Date.now() > deadline) throw new Error(`not seen within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('a named pipe as POLICY_FILE at start stops the start with the reason', async () => {
  const file = join(dir, 'at-start.yaml');
  execFileSync('mkfifo', [file]);
  await expect(startSubgraphProcess(env(file))).rejects.toThrow(
    /exited \(1\).*the path is a named pipe \(FIFO\), not a regular file/s,
  );
});

test('a named pipe swapped in while running is refused, and SIGTERM still ends the process with 0', async () => {
  const file = join(dir, 'policy.yaml');
  writeFileSync(file, policy);
  const server = await startSubgraphProcess(env(file));
  let exitCode: number | null | undefined;
  try {
    execFileSync('mkfifo', [`${file}.fifo`]);
    renameSync(`${file}.fifo`, file);
    await until(
      () => server.output().includes('the path is a named pipe (FIFO), not a regular file'),
      'the refused reload',
    );
    // Still serving, with the last good policy: the analyst's token scopes plus its grant.
    const answer = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token('demo-analyst')}` },
      body: JSON.stringify({ query: '{ viewer { scopes } }' }),
    });
    expect(answer.status).toBe(200);
    exitCode = await server.terminate();
  } finally {
    if (exitCode === undefined) await server.terminate();
  }
  expect(exitCode).toBe(0);
  expect(server.output()).toContain('"msg":"stopped"');
});
