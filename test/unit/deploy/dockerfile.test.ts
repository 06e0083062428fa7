import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { argsOf, copiesOf, dockerfileStages, execForm, stageNamed } from './dockerfile-stages';
import { documentedProductionInstall } from './production-install';

/**
 * The Dockerfile's facts, read from the file itself (no Docker on the machines that run the
 * tests): what the production stage installs and copies, who it runs as, how it is checked and
 * how it stops. test/e2e/deploy/production-tree.test.ts builds and runs the same tree.
 */

const root = join(__dirname, '..', '..', '..');
const stages = dockerfileStages();
const production = stageNamed(stages, 'production');
const build = stageNamed(stages, 'build');

test('two stages, build then production, the last one being the image; both on the same pinned Node 20 slim base', () => {
  expect(stages.map((s) => s.name)).toEqual(['build', 'production']);
  for (const stage of stages) expect(stage.image).toMatch(/^node:20\.\d+\.\d+-bookworm-slim$/);
  expect(build.image).toBe(production.image);
});

test('the build stage installs everything and builds as docs/production.md says: npm ci, then npm run build', () => {
  const runs = argsOf(build, 'RUN');
  expect(runs[0]).toMatch(/^npm ci(\s|$)/);
  expect(runs).toContain('npm run build');
});

test("the production stage installs with docs/production.md's command and keeps no npm cache", () => {
  const [install, ...rest] = argsOf(production, 'RUN');
  expect(argsOf(production, 'RUN')).toHaveLength(1);
  expect(rest).toEqual([]);
  const commands = (install ?? '').split('&&').map((c) => c.trim());
  expect(commands).toEqual([documentedProductionInstall(), 'npm cache clean --force']);
});

test('the production stage holds package.json (the project root), schema/ and dist/ from the build, and no sources', () => {
  const copies = copiesOf(production);
  expect(copies.filter((c) => c.from === undefined).flatMap((c) => c.sources)).toEqual([
    'package.json',
    'package-lock.json',
    '.npmrc',
  ]);
  expect(copies.filter((c) => c.from === 'build')).toEqual([
    { from: 'build', sources: ['/app/dist'], destination: './dist' },
    { from: 'build', sources: ['/app/schema'], destination: './schema' },
  ]);
});

test('it runs as a numeric non-root user (so runAsNonRoot can check it), in production mode', () => {
  const users = argsOf(production, 'USER');
  expect(users).toHaveLength(1);
  const [uid, gid] = (users[0] ?? '').split(':').map(Number);
  expect(uid).toBeGreaterThan(0);
  expect(gid).toBeGreaterThan(0);
  expect(argsOf(production, 'ENV')).toContain('NODE_ENV=production');
  // USER comes after every RUN and COPY: the files belong to root and are read-only to the process.
  const keywords = production.instructions.map((i) => i.keyword);
  expect(keywords.lastIndexOf('USER')).toBeGreaterThan(
    Math.max(keywords.lastIndexOf('RUN'), keywords.lastIndexOf('COPY')),
  );
});

test('node itself is the entry (the subgraph handles SIGTERM), running what `npm run serve` runs', () => {
  const entry = argsOf(production, 'ENTRYPOINT');
  expect(entry).toHaveLength(1);
  const command = execForm(entry[0] ?? '');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(command.join(' ')).toBe(pkg.scripts['serve']);
  expect(argsOf(production, 'CMD')).toEqual([]);
  // Signal handling the entry relies on: src/main.ts stops on SIGTERM by itself.
  expect(readFileSync(join(root, 'src', 'main.ts'), 'utf8')).toMatch(/\['SIGINT', 'SIGTERM'\]/);
});

test('the health check asks /healthz with node (slim images have no curl), and the ports are exposed', () => {
  const [healthcheck] = argsOf(production, 'HEALTHCHECK');
  const cmd = (healthcheck ?? '').slice((healthcheck ?? '').indexOf('CMD ') + 'CMD '.length);
  const [node, flag, script] = execForm(cmd);
  expect([node, flag]).toEqual(['node', '-e']);
  expect(script).toContain('/healthz');
  expect(argsOf(production, 'EXPOSE').join(' ').split(/\s+/)).toEqual(['4000', '9464']);
});

test('.dockerignore keeps the host’s installed and built trees, history and local secrets out of the build', () => {
  const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
  expect(ignored).toEqual(
    expect.arrayContaining(['.git', '**/node_modules', 'dist', '.env', 'deploy/compose/secrets']),
  );
});
