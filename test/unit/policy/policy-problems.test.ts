import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { policyCheck } from '../../../src/doctor/policy-check';
import { createPolicyStore, PolicyFileError, type PolicyStore } from '../../../src/policy';
import { captureLogger } from '../../support/log-capture';
import { tempDir } from './policy-fixtures';

/**
 * Someone pastes a secret where a scope or an email belongs. The problems name where in the file
 * and what kind of problem it is; the value itself is never repeated, in a log line, in the start
 * error or in the doctor's report.
 */
const secrets = [
  'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
  'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  'hunter2-correct-horse-battery',
];
const pastedSecrets = `
rules:
  - when: { claim: groups, includes: analysts }
    grant: [looker:content:read, "Bearer ${secrets[0]}"]
    lookerUser: { email: "${secrets[1]}" }
embed:
  groupIds: [1]
  sessionLength: "${secrets[2]}"
`;
const expectedProblems = [
  'rules[0].grant[1]: not a scope token (printable ASCII without spaces, quotes or backslashes)',
  'rules[0].lookerUser.email: must be an email address',
  'embed.sessionLength: Invalid input: expected number, received string',
];

describe('problems of a policy file never quote its values', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let file: string;
  let store: PolicyStore | undefined;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    file = join(dir, 'policy.yaml');
  });
  afterEach(async () => {
    store?.close();
    await cleanup();
  });

  it('in the reload warning', async () => {
    await writeFile(file, 'rules: []\n');
    const { logger, lines } = captureLogger();
    store = createPolicyStore({ file, logger, watch: false, pollIntervalMs: 0 });
    await writeFile(file, pastedSecrets);
    const outcome = await store.reloadNow();
    expect(outcome).toEqual({ ok: false, file, problems: expectedProblems });
    const warning = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.level === 40);
    expect(warning).toMatchObject({ problems: expectedProblems });
    for (const secret of secrets) expect(lines.join('\n')).not.toContain(secret);
  });

  it('in the error that stops the start, and in the doctor', async () => {
    await writeFile(file, pastedSecrets);
    let thrown: unknown;
    try {
      createPolicyStore({ file, watch: false, pollIntervalMs: 0 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PolicyFileError);
    expect((thrown as PolicyFileError).problems).toEqual(expectedProblems);
    const doctor = JSON.stringify(await policyCheck(file));
    expect(doctor).toContain('rules[0].grant[1]');
    for (const secret of secrets) {
      expect((thrown as Error).message).not.toContain(secret);
      expect(doctor).not.toContain(secret);
    }
  });

  it('an unknown key is named only when it looks like a key, not like a pasted value', async () => {
    await writeFile(file, `rules: []\nembed:\n  groupIds: [1]\n  colour: blue\n  "${secrets[0]}": x\n`);
    let problems: readonly string[] = [];
    try {
      createPolicyStore({ file, watch: false, pollIntervalMs: 0 });
    } catch (error) {
      problems = error instanceof PolicyFileError ? error.problems : [];
    }
    expect(problems).toEqual([
      expect.stringMatching(/^embed: unknown keys "colour" and 1 more \(allowed: permissions, /),
    ]);
  });
});
