/**
 * Longest piece of Looker's text (a validation detail, a database error line) a client sees. It
 * bounds how much of a caller's own input, or of Looker's internals, an error echoes, yet leaves
 * room for Looker's reason after the echoed value: a filter error repeats the expression, then says
 * what is wrong with it.
 */
export const maxLookerTextLength = 300;

/** How far back from the limit a cut looks for a word boundary before cutting mid-token. */
const boundaryWindow = 0.5;

/**
 * `text` as a client may see it: whole when it fits in `limit` characters, else cut at the last
 * word boundary (whitespace) before the limit and ended with an ellipsis, at most `limit`
 * characters in all. A single token longer than half the limit is cut where it must be.
 */
export function shortened(text: string, limit: number = maxLookerTextLength): string {
  if (text.length <= limit) return text;
  let head = text.slice(0, limit - 1);
  // Never leave half of a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  const boundary = head.search(/\s\S*$/);
  const cut = boundary >= limit * boundaryWindow ? head.slice(0, boundary).trimEnd() : head;
  return `${cut}…`;
}
