/**
 * Small SQL builders for the data generator. Pseudo-randomness comes from DuckDB's `hash()` of
 * (row number, seed, column salt) rather than `random()`, because `random()` depends on thread
 * scheduling and would make the data set differ between runs.
 */

/** Quote a string as a SQL literal. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A DuckDB list literal of strings. */
export function listLiteral(values: readonly string[]): string {
  return `[${values.map(literal).join(', ')}]`;
}

/** Macros every table statement uses: `rnd(i, salt)` in [0, 1) and `pick(list, i, salt)`. */
export function macroStatements(seed: number): string[] {
  return [
    `CREATE OR REPLACE MACRO rnd(i, salt) AS (hash(i, ${seed}, salt) % 1000000007)::DOUBLE / 1000000007`,
    `CREATE OR REPLACE MACRO pick_index(n, i, salt) AS (1 + (hash(i, ${seed}, salt) % n))::INTEGER`,
  ];
}

/** `list[k]` with k drawn uniformly from the list for row `i`. */
export function pick(values: readonly string[], rowExpr: string, salt: string): string {
  return `${listLiteral(values)}[pick_index(${values.length}, ${rowExpr}, ${literal(salt)})]`;
}

/** A CASE expression choosing a value with the given weights, from a uniform [0, 1) expression. */
export function weightedCase(weighted: readonly (readonly [string, number])[], uniformExpr: string): string {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let cumulative = 0;
  const branches = weighted.slice(0, -1).map(([value, weight]) => {
    cumulative += weight;
    return `WHEN ${uniformExpr} < ${cumulative / total} THEN ${literal(value)}`;
  });
  const last = weighted[weighted.length - 1];
  if (!last) throw new TypeError('weightedCase needs at least one value');
  return `CASE ${branches.join(' ')} ELSE ${literal(last[0])} END`;
}

/** A timestamp (whole seconds) `fraction` (0..1 SQL expression) of the way between two timestamp expressions. */
export function between(startExpr: string, endExpr: string, fraction: string): string {
  return `(${startExpr} + to_seconds(CAST(floor(${fraction} * (epoch(${endExpr}) - epoch(${startExpr}))) AS BIGINT)))`;
}
