import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The production install command docs/production.md gives (`npm ci --omit=dev …`, without its
 * comment): what the image's production stage must run, and what the production-tree test runs.
 */
export function documentedProductionInstall(): string {
  const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'production.md'), 'utf8');
  const line = docs.split('\n').find((l) => l.startsWith('npm ci --omit=dev'));
  if (line === undefined) throw new Error('docs/production.md gives no `npm ci --omit=dev` command');
  return (line.split('#')[0] ?? '').trim();
}
