import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { projectRoot } from '../../../src/config/project-root';

const root = projectRoot();

/** The README and every page of `docs/`. */
function pages(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => join(root, 'docs', file));
  return [join(root, 'README.md'), ...docs];
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```$/gm, '');
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutCode.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = (heading ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Where one page's relative links lead that is not there: a missing file, or a heading the target page lacks. */
function brokenLinks(file: string): string[] {
  const markdown = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
  const broken: string[] = [];
  for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (target === undefined || /^[a-z]+:/i.test(target)) continue;
    const [path = '', anchor] = target.split('#');
    const resolved = path === '' ? file : join(dirname(file), path);
    const name = `${relative(root, file)} → ${target}`;
    if (!existsSync(resolved)) broken.push(`${name}: no such file`);
    else if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor))
      broken.push(`${name}: no such heading`);
  }
  return broken;
}

describe('relative links in the README and docs/', () => {
  it('lead to files that exist, and to headings those files have', () => {
    expect(pages().flatMap(brokenLinks)).toEqual([]);
  });

  it('are checked at all (the pages link to each other)', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toMatch(/\]\(docs\/configuration\.md\)/);
  });
});
