/**
 * Runs the typed client example's codegen configuration in memory and prints the files it makes as
 * JSON (`[{ filename, content }]`), formatted as its Prettier hook formats them. A child process:
 * the codegen CLI loads its plugins with dynamic `import()`, which jest's module system refuses.
 *
 *   tsx test/e2e/clients/typed-client-codegen.ts <codegen.yml> [--without-scalars]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';

interface Target {
  config?: Types.PluginConfig;
}

async function main(): Promise<void> {
  const [configFile, flag] = process.argv.slice(2);
  if (!configFile) throw new Error('usage: typed-client-codegen.ts <codegen.yml> [--without-scalars]');
  const config = parse(readFileSync(configFile, 'utf8')) as Types.Config & { generates: Record<string, Target> };
  // Hooks act on written files; these stay in memory and are formatted below as the hook would.
  delete config.hooks;
  if (flag === '--without-scalars') {
    for (const target of Object.values(config.generates))
      target.config = { ...target.config, strictScalars: false, scalars: {} };
  }
  const files = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
  const formatted = await Promise.all(
    files.map(async ({ filename, content }) => {
      const path = join(process.cwd(), filename);
      return { filename, content: await format(content, { ...(await resolveConfig(path)), filepath: path }) };
    }),
  );
  process.stdout.write(JSON.stringify(formatted));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
