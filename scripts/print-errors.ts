/**
 * Prints `docs/errors.md`, the table of every error code, from `src/errors/error-codes.ts`.
 *
 * Usage: npm run docs:errors -- [--out FILE]   (without --out: to standard output)
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { errorTable } from '../src/errors';

const usage = 'usage: npm run docs:errors -- [--out FILE]';

/** Parses the command line, prints the table, and returns the exit code. */
export function main(argv: readonly string[]): number {
  let values: { out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values.out) {
    writeFileSync(values.out, errorTable());
    process.stderr.write(`wrote ${values.out}\n`);
  } else {
    process.stdout.write(errorTable());
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
