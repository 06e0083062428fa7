/**
 * The only way user-supplied text reaches generated SQL: as a quoted literal. DuckDB string
 * literals treat a backslash as an ordinary character, so doubling single quotes is complete.
 */

/** A SQL string literal for any text. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A SQL numeric literal; refuses anything that is not a finite number. */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(value);
}

/** A SQL timestamp literal for a UTC instant (second precision). */
export function sqlTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  return `TIMESTAMP '${date.toISOString().slice(0, 19).replace('T', ' ')}'`;
}
