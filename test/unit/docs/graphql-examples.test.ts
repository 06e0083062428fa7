import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { projectRoot } from '../../../src/config/project-root';
import { buildSchema } from '../../../src/graphql/schema';

/** One GraphQL document found in a page, with where it was found. */
interface Example {
  readonly where: string;
  readonly document: string;
}

const root = projectRoot();

/** The pages about the subgraph: the README, `docs/`, and the example app's README (not the emulator's, which is about Looker's API). */
function pages(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => join(root, 'docs', file));
  return [join(root, 'README.md'), ...docs, join(root, 'examples', 'dashboard-viewer', 'README.md')];
}

/**
 * Every ```graphql fenced block, and every `-d '{"query":"…"}'` body of a curl command. A block
 * that is deliberately not a whole document belongs in a fence of another language (```text), so
 * it is not checked here.
 */
function examplesIn(file: string): Example[] {
  const markdown = readFileSync(file, 'utf8');
  const name = relative(root, file);
  const lineOf = (index: number): number => markdown.slice(0, index).split('\n').length;
  const fenced = [...markdown.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((match) => ({
    where: `${name}:${lineOf(match.index)}`,
    document: match[1] ?? '',
  }));
  const curl = [...markdown.matchAll(/-d '(\{"query":[^']*\})'/g)].map((match) => ({
    where: `${name}:${lineOf(match.index)}`,
    document: (JSON.parse(match[1] ?? '{}') as { query: string }).query,
  }));
  return [...fenced, ...curl];
}

/** Parse and validation errors of one document against the subgraph's schema, as messages. */
function problems(schema: GraphQLSchema, document: string): string[] {
  try {
    return validate(schema, parse(document)).map((error) => error.message);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

describe('GraphQL examples in the documentation', () => {
  const schema = buildSchema();
  const examples = pages().flatMap(examplesIn);

  it('finds the examples (fenced blocks and curl bodies)', () => {
    expect(examples.some((example) => example.where.startsWith('README.md'))).toBe(true);
    expect(examples.some((example) => example.where.startsWith('docs'))).toBe(true);
  });

  it('parse and validate against the subgraph schema', () => {
    const failing = examples
      .map((example) => ({ where: example.where, problems: problems(schema, example.document) }))
      .filter((result) => result.problems.length > 0);
    expect(failing).toEqual([]);
  });
});
