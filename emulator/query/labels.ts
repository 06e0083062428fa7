/** Words Looker writes in capitals when it derives a label from a field name. */
const ACRONYMS = new Set(['id', 'sql', 'url', 'usd']);

/** Looker's default label for a LookML name: `sale_price` → `Sale Price`, `id` → `ID`. */
export function humanize(name: string): string {
  return name
    .split('_')
    .filter((word) => word.length > 0)
    .map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}
