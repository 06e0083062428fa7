/**
 * Prints the subgraph's SDL for a schema registry (`rover subgraph publish --schema`).
 *
 * Usage: npm run schema:print -- [--requires-scopes] [--out FILE]
 *   --requires-scopes  mirror every `@auth` as Federation's `@requiresScopes` / `@authenticated`,
 *                      for a GraphOS Router that enforces the same scopes at the edge
 *   --out FILE         write the SDL to FILE instead of standard output
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadTypeDefs } from '../src/graphql/schema';
import { printRequiresScopesSdl, printSubgraphSdl } from '../src/graphql/schema-print';

const usage = 'usage: npm run schema:print -- [--requires-scopes] [--out FILE]';

/** Parses the command line, prints the SDL, and returns the exit code. */
export function main(argv: readonly string[]): number {
  let values: { 'requires-scopes'?: boolean; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'requires-scopes': { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
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

  const typeDefs = loadTypeDefs();
  let sdl: string;
  if (values['requires-scopes']) {
    const mirrored = printRequiresScopesSdl(typeDefs);
    sdl = mirrored.sdl;
    for (const coordinate of mirrored.stricterAtTheEdge) {
      process.stderr.write(
        `warning: the Router will also require ${coordinate}'s return type scopes; the subgraph does not\n`,
      );
    }
  } else {
    sdl = printSubgraphSdl(typeDefs);
  }

  if (values.out) {
    writeFileSync(values.out, `${sdl}\n`);
    process.stderr.write(`wrote ${values.out}\n`);
  } else {
    process.stdout.write(`${sdl}\n`);
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
