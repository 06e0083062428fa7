import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPolicyStore, type PolicyStore } from '../../../src/policy';
import { startSubgraphStack, testAudience, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;
let store: PolicyStore;
let file: string;

const analystsGetData = `
rules:
  - name: analysts
    when: { claim: groups, includes: analysts }
    grant: [looker:data:read]
`;

beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.yaml');
  writeFileSync(file, analystsGetData);
  store = createPolicyStore({ file, watch: false, pollIntervalMs: 0 });
  stack = await startSubgraphStack({ policy: store });
});

afterAll(async () => {
  store?.close();
  await stack?.stop();
});

/** A token as the IdP would issue it for someone in these groups: content scopes of its own. */
const tokenFor = (groups: string[]) =>
  stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub: 'pat',
    scope: 'looker:content:read looker:models:read',
    groups,
    exp: Math.floor(Date.now() / 1000) + 600,
  });

const ask = async (groups: string[]) => {
  const answer = await stack.graphql('{ viewer { scopes } look(id: "1") { result(limit: 1) { rowCount } } }', {
    token: await tokenFor(groups),
  });
  return {
    scopes: (answer.body.data?.viewer as { scopes: string[] }).scopes,
    codes: (answer.body.errors ?? []).map((e) => e.extensions?.code),
  };
};

test('access follows the groups in the token: someone moving team gets the new access on the next request', async () => {
  const before = await ask(['viewers']);
  expect(before.scopes).not.toContain('looker:data:read');
  expect(before.codes).toEqual(['FORBIDDEN']);

  const after = await ask(['analysts']);
  expect(after.scopes).toContain('looker:data:read');
  expect(after.codes).toEqual([]);

  // And back: leaving the team takes the access away as soon as the token says so.
  expect((await ask(['viewers'])).codes).toEqual(['FORBIDDEN']);
});

test('an edited policy takes effect on the next request, without a restart', async () => {
  writeFileSync(file, analystsGetData.replace('includes: analysts', 'includes: [analysts, viewers]'));
  expect((await store.reloadNow()).ok).toBe(true);
  expect((await ask(['viewers'])).codes).toEqual([]);

  writeFileSync(file, analystsGetData);
  expect((await store.reloadNow()).ok).toBe(true);
  expect((await ask(['viewers'])).codes).toEqual(['FORBIDDEN']);
});

test('a broken edit opens nothing and keeps the last good policy', async () => {
  // Would grant SQL to everyone if it were read; the scope with a space makes it invalid.
  writeFileSync(
    file,
    `${analystsGetData}\n  - when: { claim: sub, includes: pat }\n    grant: [looker:sql:read, "not a scope"]\n`,
  );
  const outcome = await store.reloadNow();
  expect(outcome.ok).toBe(false);
  const analyst = await ask(['analysts']);
  expect(analyst.scopes).not.toContain('looker:sql:read');
  expect(analyst.codes).toEqual([]);
  expect((await ask(['viewers'])).codes).toEqual(['FORBIDDEN']);
});

test('a named pipe put in place of the file is refused at once; the last good policy applies until the next valid edit', async () => {
  writeFileSync(file, analystsGetData);
  expect((await store.reloadNow()).ok).toBe(true);
  // Swapped in the way deploy tools swap files: made aside, renamed over.
  execFileSync('mkfifo', [`${file}.fifo`]);
  renameSync(`${file}.fifo`, file);
  await expect(store.reloadNow()).resolves.toEqual({
    ok: false,
    file,
    problems: ['the path is a named pipe (FIFO), not a regular file'],
  });
  expect((await ask(['analysts'])).codes).toEqual([]);

  // The analysts' data grant is removed: it is no longer honoured on the next request.
  writeFileSync(`${file}.next`, analystsGetData.replace('grant: [looker:data:read]', 'grant: [looker:content:read]'));
  renameSync(`${file}.next`, file);
  expect((await store.reloadNow()).ok).toBe(true);
  expect((await ask(['analysts'])).codes).toEqual(['FORBIDDEN']);
});
