import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tableNames, tableStatements, type GeneratorSettings } from './table-statements';

/** An in-memory DuckDB holding the demo data set. */
export interface Dataset {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  /** Milliseconds the generation took. */
  buildMs: number;
}

/** Create an in-memory DuckDB and generate the demo tables into it. */
export async function buildDataset(settings: GeneratorSettings): Promise<Dataset> {
  const started = Date.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const statement of tableStatements(settings)) await connection.run(statement);
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw error;
  }
  return { instance, connection, buildMs: Date.now() - started };
}

/** Row counts of the demo tables. */
export async function countRows(connection: DuckDBConnection): Promise<Record<string, number>> {
  const union = tableNames.map((t) => `SELECT '${t}' AS t, count(*)::BIGINT AS n FROM ${t}`).join(' UNION ALL ');
  const reader = await connection.runAndReadAll(union);
  const sizes: Record<string, number> = {};
  for (const [name, count] of reader.getRowsJS()) sizes[String(name)] = Number(count);
  return sizes;
}
