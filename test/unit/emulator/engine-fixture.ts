import { createEngine } from '../../../emulator/engine/create-engine';
import type { Engine } from '../../../emulator/engine/types';

/** The fixed day the test data set ends on; relative filters count from it. A Monday. */
export const REFERENCE_DATE = new Date('2026-06-15T00:00:00Z');
/** The generator seed the tests use. */
export const SEED = 7;

/** A scale-1 engine (100,000 order items) on the fixed seed and reference date. */
export function testEngine(options: { seed?: number; scale?: number } = {}): Promise<Engine> {
  return createEngine({ seed: options.seed ?? SEED, scale: options.scale ?? 1, referenceDate: REFERENCE_DATE });
}

/** The single number an independent SQL statement returns in its first column. */
export async function scalar(engine: Engine, sql: string): Promise<number> {
  const [row] = await engine.sql(sql);
  const value = row ? Object.values(row)[0] : undefined;
  if (typeof value !== 'number') throw new Error(`expected a number from ${sql}, got ${String(value)}`);
  return value;
}
