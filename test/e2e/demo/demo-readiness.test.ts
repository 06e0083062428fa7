import { loadConfig } from '../../../src/config';
import { startDemo, type DemoStack } from '../../../demo/start-demo';
import { captureAudit, captureLogger } from '../../support/log-capture';
import { freePort } from '../../support/free-port';

/** A client_credentials token request, as the banner's curl line makes it. */
function tokenRequest(base: string): Promise<Response> {
  return fetch(`${base}/oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('demo-analyst:demo-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
}

let stack: DemoStack | undefined;
afterAll(() => stack?.stop());

test('readiness means every part serves: a token request right after /readyz turns 200 gets a token', async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({ PORT: String(port), LOOKER_EMULATOR_PORT: '0' });
  const starting = startDemo(config, captureLogger().logger, { auditSink: captureAudit().sink });

  // What an orchestrator does: poll /readyz from the moment the port may open, and send traffic at
  // the first 200. Every answer before it is a refused connection or 503 `starting`.
  const before: number[] = [];
  let ready = false;
  while (!ready) {
    const answer = await fetch(`${base}/readyz`).catch(() => null);
    if (answer?.status === 200) ready = true;
    else if (answer) before.push(answer.status);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  const token = await tokenRequest(base);
  expect(token.status).toBe(200);
  expect(((await token.json()) as { access_token?: string }).access_token).toEqual(expect.any(String));
  expect(before.every((status) => status === 503)).toBe(true);
  stack = await starting;
});
