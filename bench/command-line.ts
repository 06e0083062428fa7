import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StopList } from './stoppers';

/**
 * Writes a run's results as `<prefix><startedAt>.json` and `<prefix>latest.json` in `dir`;
 * returns the first file's path.
 */
export function writeResultFiles(dir: string, prefix: string, results: { readonly startedAt: string }): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${prefix}${results.startedAt.replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(join(dir, `${prefix}latest.json`), json);
  return file;
}

/**
 * Runs a benchmark command: parses its options (usage and exit 2 on bad ones; `undefined` means help
 * was asked for), stops everything it started — also on SIGINT/SIGTERM, exit 130 — and reports a
 * failure with its cause (undici's "fetch failed" alone does not say which connection).
 */
export function runCommand<O>(
  name: string,
  usage: string,
  parse: (argv: string[]) => O | undefined,
  run: (options: O, stack: StopList) => Promise<void>,
): void {
  const main = async (): Promise<void> => {
    let options: O | undefined;
    try {
      options = parse(process.argv.slice(2));
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
      process.exit(2);
    }
    if (options === undefined) {
      process.stdout.write(`${usage}\n`);
      return;
    }
    const stack = new StopList();
    const stopOnSignal = (): void => {
      void stack.stopAll().finally(() => process.exit(130));
    };
    process.once('SIGINT', stopOnSignal);
    process.once('SIGTERM', stopOnSignal);
    try {
      await run(options, stack);
    } finally {
      await stack.stopAll();
    }
  };
  main().catch((error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    process.stderr.write(`${name} failed: ${error instanceof Error ? error.message : String(error)}${cause}\n`);
    process.exit(1);
  });
}
