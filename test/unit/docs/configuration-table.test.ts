import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema } from '../../../src/config';
import { projectRoot } from '../../../src/config/project-root';

/**
 * Variables the table documents that the server's `envSchema` does not read, each with why it is
 * documented there anyway.
 */
const documentedElsewhere: Readonly<Record<string, string>> = {
  CHROMIUM_PATH: 'read by the browser test suites, not by the server',
  MCP_ACCESS_TOKEN: 'read by `npm run mcp` (the stdio MCP server), not by the HTTP server',
};

/** Variables named in the first column of the configuration table (`| \`A\`, \`B\` | default | meaning |`). */
function tableVariables(markdown: string): string[] {
  const rows = markdown.split('\n').filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) =>
    [...(row.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1] ?? ''),
  );
}

describe('docs/configuration.md', () => {
  const documented = tableVariables(readFileSync(join(projectRoot(), 'docs', 'configuration.md'), 'utf8'));
  const read = Object.keys(envSchema.shape);

  it('has a table row for every variable the server reads', () => {
    expect(read.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('documents no variable the server does not read, except those listed with a reason', () => {
    expect(documented.filter((name) => !read.includes(name) && !(name in documentedElsewhere))).toEqual([]);
  });

  it('still documents every variable of the allow-list, and each is really not read by the server', () => {
    for (const name of Object.keys(documentedElsewhere)) {
      expect(documented).toContain(name);
      expect(read).not.toContain(name);
    }
  });

  it('names each variable once', () => {
    expect(documented.filter((name, index) => documented.indexOf(name) !== index)).toEqual([]);
  });
});
