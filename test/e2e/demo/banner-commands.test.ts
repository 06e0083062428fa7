import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadConfig } from '../../../src/config';
import { demoBanner, startDemo, type DemoStack } from '../../../demo/start-demo';
import { captureAudit, captureLogger } from '../../support/log-capture';

/**
 * A newcomer copies the start banner's command lines into a shell as they are printed: they must
 * get a token and then data, with nothing to edit and nothing but curl and node installed.
 */

const run = promisify(execFile);
let stack: DemoStack;

beforeAll(async () => {
  const config = loadConfig({ PORT: '0', LOOKER_EMULATOR_PORT: '0', LOG_LEVEL: 'warn' });
  stack = await startDemo(config, captureLogger('warn').logger, { auditSink: captureAudit().sink });
});

afterAll(() => stack?.stop());

/** The banner's command lines: the indented lines after "Get a token", as a shell script. */
function bannerCommands(banner: string): string {
  const lines = banner.split('\n');
  const start = lines.findIndex((line) => line.includes('Get a token'));
  expect(start).toBeGreaterThan(-1);
  return lines
    .slice(start + 1)
    .filter((line) => line.startsWith('    '))
    .map((line) => line.trim())
    .join('\n');
}

test("the banner's commands, pasted into bash as printed, get a token and then rows of looks", async () => {
  const script = bannerCommands(demoBanner(stack));
  // No TOKEN from the outside: the pasted lines must set it themselves.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  const { stdout } = await run('bash', ['-c', script], { env, timeout: 30_000 });
  expect(stdout).not.toContain('UNAUTHENTICATED');
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  const answer = JSON.parse(lastLine) as {
    data?: { looks?: { nodes: { title: string; result: { rows: unknown[] } | null }[] } };
    errors?: { extensions?: { code?: string } }[];
  };
  expect(answer.errors).toBeUndefined();
  const looks = answer.data?.looks?.nodes ?? [];
  expect(looks.length).toBeGreaterThan(0);
  expect(looks.some((look) => (look.result?.rows.length ?? 0) > 0)).toBe(true);
});
