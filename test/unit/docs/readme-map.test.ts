import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../src/config/project-root';

const root = projectRoot();

/** Folders that are built or installed, not kept in the repository. */
const notInRepository = new Set(['node_modules', 'dist', 'coverage']);

/** The folders of one directory that the repository keeps. */
function foldersOf(directory: string): string[] {
  return readdirSync(join(root, directory), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !notInRepository.has(entry.name))
    .map((entry) => entry.name);
}

/** The README's "Where things are" tree: `folder/` at the start of each line, `src/`'s folders indented under it. */
function readmeTree(): { top: string[]; src: string[] } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const tree = /## Where things are\n\n```text\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? '';
  const lines = tree.split('\n');
  const folder = (line: string): string => /^\s*([\w.-]+)\//.exec(line)?.[1] ?? '';
  return {
    top: lines.filter((line) => /^\S/.test(line)).map(folder),
    src: lines.filter((line) => /^\s+\S/.test(line)).map(folder),
  };
}

describe('the README\'s "Where things are" tree', () => {
  const tree = readmeTree();

  it('names every top-level folder and every folder of src/, once each, and no other', () => {
    expect([...tree.top].sort()).toEqual(foldersOf('.').sort());
    expect([...tree.src].sort()).toEqual(foldersOf('src').sort());
  });
});
