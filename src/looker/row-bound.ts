/** How many rows a result may hold by default (`MAX_RESULT_ROWS`); also the `limit` arguments' upper bound. */
export const defaultMaxResultRows = 5000;

/**
 * The row limit to ask Looker for, so the subgraph never reads more than `maxRows` (+1 to learn
 * whether there were more): the caller's limit when it is within the bound; else the query's own
 * limit (Looker's `limit` string, `-1` meaning unlimited) when that is within it; otherwise
 * `maxRows + 1`. Undefined means "the query's own limit", which is then known to be within bounds.
 */
export function boundedRowLimit(
  requested: number | undefined,
  savedLimit: string | null | undefined,
  maxRows: number,
): number | undefined {
  if (requested !== undefined) return requested > maxRows ? maxRows + 1 : requested;
  const own =
    savedLimit === null || savedLimit === undefined || savedLimit.trim() === '' ? undefined : Number(savedLimit);
  // Looker's default for a query without a limit is 500 rows.
  if (own === undefined) return 500 > maxRows ? maxRows + 1 : undefined;
  if (!Number.isInteger(own) || own < 1 || own > maxRows) return maxRows + 1;
  return undefined;
}
