/**
 * What the subgraph's `JSONObject` scalar carries, as TypeScript: JSON, nothing else (no dates, no
 * undefined). Rows, rendered rows, totals and pivot values are all JSON objects; the scalar's
 * description in the schema says which shape each field has.
 */

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object: what `JSONObject` fields hold. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** One value of a result row: a dimension's or an unpivoted measure's (`rows`, `renderedRows`). */
export type Cell = string | number | boolean | null;
