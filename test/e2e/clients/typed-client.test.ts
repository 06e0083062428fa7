import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ApolloClient } from '@apollo/client';
import { apolloClient } from '../../support/apollo-client';
import { dashboardOverview, revenueByCategory } from '../../../examples/typed-client/client';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * The typed client example (examples/typed-client): GraphQL Code Generator's client preset on the
 * schema, as a client developer runs it, gives rows, totals and filter values real types; the
 * example compiles against them and works through Apollo Client on the real subgraph.
 */

const root = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

interface GeneratedFile {
  readonly filename: string;
  readonly content: string;
}

/** Runs the example's codegen configuration (what `npm run codegen:example` writes), in a child process. */
async function runCodegen(...flags: string[]): Promise<GeneratedFile[]> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'test/e2e/clients/typed-client-codegen.ts', 'examples/typed-client/codegen.yml', ...flags],
    { cwd: root, timeout: 120_000, maxBuffer: 10_000_000 },
  );
  return JSON.parse(stdout) as GeneratedFile[];
}

/** The text of `export type <name> = …;` in the generated operations file. */
function typeDeclaration(files: readonly GeneratedFile[], name: string): string {
  const operations = files.find((file) => file.filename.endsWith('generated/graphql.ts'));
  const match = operations?.content.match(new RegExp(`export type ${name} = [\\s\\S]*?\\n};?\\n`));
  if (!match) throw new Error(`no ${name} in the generated types`);
  return match[0];
}

const vague = /\b(unknown|any)\b/;
const operationTypes = ['RevenueByCategoryQuery', 'DashboardTilesQuery', 'DashboardFilterValue'];

test('codegen gives the committed files, and rows, totals and filter values have types (no unknown, no any)', async () => {
  const files = await runCodegen();
  expect(files.map((file) => file.filename).sort()).toEqual(
    ['gql.ts', 'graphql.ts', 'index.ts'].map((name) => `examples/typed-client/generated/${name}`),
  );
  for (const file of files) {
    expect({ file: file.filename, content: readFileSync(join(root, file.filename), 'utf8') }).toEqual({
      file: file.filename,
      content: file.content,
    });
  }
  for (const name of operationTypes) expect(typeDeclaration(files, name)).not.toMatch(vague);
  expect(typeDeclaration(files, 'RevenueByCategoryQuery')).toMatch(
    /rows: Array<JsonObject>;\s+totals: JsonObject \| null;/,
  );
  expect(typeDeclaration(files, 'DashboardFilterValue')).toMatch(/value: string;/);
});

test('without the scalar mapping the same check finds untyped rows (what the mapping prevents)', async () => {
  const files = await runCodegen('--without-scalars');
  expect(typeDeclaration(files, 'RevenueByCategoryQuery')).toMatch(vague);
});

test('the example and its compile-time checks type-check against the generated types', async () => {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const { stdout } = await run(process.execPath, [tsc, '--noEmit', '-p', 'examples/typed-client'], {
    cwd: root,
    timeout: 120_000,
  }).catch((error: { stdout?: string }) => ({ stdout: `tsc failed: ${error.stdout ?? String(error)}` }));
  expect(stdout).toBe('');
});

describe('through Apollo Client on the subgraph', () => {
  let stack: SubgraphStack;
  let client: ApolloClient;

  beforeAll(async () => {
    stack = await startSubgraphStack();
    const token = await stack.token('demo-analyst');
    client = apolloClient(`${stack.url}/graphql`, token);
  });

  afterAll(() => stack?.stop());

  test('revenue by category: typed rows and the total of the measure', async () => {
    const { categories, total } = await revenueByCategory(client, 5);
    expect(categories).toHaveLength(5);
    for (const row of categories) {
      expect(typeof row.category).toBe('string');
      expect(row.revenue).toBeGreaterThan(0);
    }
    // Sorted by revenue, largest first; the total covers every category, not only these five.
    const revenues = categories.map((row) => row.revenue);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    expect(total).toBeGreaterThan(revenues.reduce((sum, value) => sum + value, 0));
  });

  test("a dashboard's filters with their suggestions, and its tiles with rows", async () => {
    const overview = await dashboardOverview(client, '1', []);
    expect(overview.filters).toContainEqual({ name: expect.any(String), suggestions: ['Men', 'Women'] });
    expect(overview.tiles.some((tile) => tile.rows > 0)).toBe(true);
  });
});
