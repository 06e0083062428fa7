import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(__dirname, '../../..');
/** The folders of the service's code whose imports must not go both ways. */
const codeRoots = ['src', 'resolvers', 'directives'];

/** `src/<folder>` for a path inside `src/`, else the top-level folder (`resolvers`, `directives`). */
function folderOf(path: string): string {
  const parts = relative(root, path).split(sep);
  if (parts[0] !== 'src') return parts[0] as string;
  const isFolder = existsSync(path) && statSync(path).isDirectory();
  return parts.length > 2 || isFolder ? `src/${parts[1]}` : 'src';
}

function* typeScriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'generated') yield* typeScriptFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.ts')) yield path;
  }
}

/** Which folder imports which, with one example import for each pair. */
function folderImports(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const codeRoot of codeRoots)
    for (const file of typeScriptFiles(join(root, codeRoot))) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const from = folderOf(file);
        const to = folderOf(resolve(dirname(file), specifier as string));
        if (from === to) continue;
        const targets = edges.get(from) ?? new Map<string, string>();
        edges.set(from, targets);
        if (!targets.has(to)) targets.set(to, `${relative(root, file)} imports '${specifier}'`);
      }
    }
  return edges;
}

test('no two folders import each other: dependencies go one way, as docs/architecture.md draws them', () => {
  const edges = folderImports();
  const cycles: string[] = [];
  for (const [from, targets] of edges)
    for (const [to, example] of targets) {
      const back = edges.get(to)?.get(from);
      if (back && from < to) cycles.push(`${from} <-> ${to}: ${example}; ${back}`);
    }
  expect(cycles).toEqual([]);
  // The walk saw the code: the composition root imports many folders.
  expect(edges.get('src')?.size ?? 0).toBeGreaterThan(5);
});
