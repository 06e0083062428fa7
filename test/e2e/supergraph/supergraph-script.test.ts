import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

let child: ChildProcess;
let output = '';
let exited: Promise<number | null>;
/** What the banner names: the gateway's GraphQL endpoint and the demo issuer. */
let gatewayGraphqlUrl: string;
let issuerUrl: string;

/** The URL a banner line of `label` names, once it is printed. */
function bannerUrl(label: string): string | undefined {
  return new RegExp(`${label}:\\s+(?:POST )?(http://\\S+)`).exec(output)?.[1];
}

beforeAll(async () => {
  // `npm run supergraph` with every port free: the banner names where things are.
  child = spawn(tsx, ['scripts/supergraph.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOOKER_EMULATOR_PORT: '0', GATEWAY_PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (bannerUrl('Gateway') && bannerUrl('OIDC issuer')) resolve();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    void exited.then((code) => reject(new Error(`npm run supergraph exited (${code}): ${output.slice(-800)}`)));
  });
  gatewayGraphqlUrl = bannerUrl('Gateway') as string;
  issuerUrl = bannerUrl('OIDC issuer') as string;
}, 60_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  expect(await exited).toBe(0);
});

/** A demo client's token, as the banner says to get one. */
async function token(clientId: string): Promise<string> {
  const response = await fetch(`${issuerUrl}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:demo-secret`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A GraphQL request to the gateway. */
async function ask(
  query: string,
  bearer?: string,
): Promise<{ data?: Record<string, unknown> | null; errors?: unknown[] }> {
  const response = await fetch(gatewayGraphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] };
}

test('the banner says where the gateway is and how to get a token', () => {
  expect(output).toContain('Hive Gateway');
  expect(output).toContain(`curl -s -u demo-analyst:demo-secret -d grant_type=client_credentials ${issuerUrl}/token`);
  expect(output).toContain(`curl -s ${gatewayGraphqlUrl} -H "authorization: Bearer $TOKEN"`);
});

test('with a token the gateway answers the Looker subgraph’s data; without one, UNAUTHENTICATED', async () => {
  const analyst = await token('demo-analyst');
  const answer = await ask('{ looks(first: 2) { nodes { id title result(limit: 2) { rowCount } } } }', analyst);
  expect(answer.errors).toBeUndefined();
  const looks = (answer.data?.looks as { nodes: { title: string; result: { rowCount: number } }[] }).nodes;
  expect(looks).toHaveLength(2);
  expect(looks.every((look) => look.title.length > 0 && look.result.rowCount > 0)).toBe(true);

  const refused = await ask('{ looks(first: 2) { nodes { id } } }');
  expect(refused.errors).toEqual([
    expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
  ]);
});

test("an exportUrl read through the gateway downloads from the gateway's origin with the caller's token", async () => {
  const analyst = await token('demo-analyst');
  const answer = await ask('{ looks(first: 1) { nodes { title exportUrl(format: CSV) } } }', analyst);
  expect(answer.errors).toBeUndefined();
  const [look] = (answer.data?.looks as { nodes: { title: string; exportUrl: string }[] }).nodes;
  // Relative, as the subgraph mints it: the client resolves it against the origin it asked.
  const link = new URL(look?.exportUrl ?? '', gatewayGraphqlUrl);
  expect(link.origin).toBe(new URL(gatewayGraphqlUrl).origin);

  const download = await fetch(link, { headers: { authorization: `Bearer ${analyst}` } });
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(download.headers.get('content-disposition')).toContain(`${look?.title}.csv`);
  const lines = (await download.text()).trim().split('\n');
  expect(lines.length).toBeGreaterThan(1);

  const anonymous = await fetch(link);
  expect(anonymous.status).toBe(401);
  expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
});
