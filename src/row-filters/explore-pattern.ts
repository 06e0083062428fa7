/**
 * Whether a `model::explore` pattern of a row filter matches an explore. `*` matches any run of
 * characters (none included) within its side; the rest matches exactly, ignoring case as Looker's
 * LookML names do.
 */
export function matchesExplore(pattern: string, model: string, explore: string): boolean {
  const [modelPattern = '', explorePattern = ''] = pattern.split('::');
  return globMatches(modelPattern, model) && globMatches(explorePattern, explore);
}

function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(name);
}
