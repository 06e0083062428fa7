/**
 * `npm run doctor`: with the configuration `npm start` would use (the same environment), checks
 * Looker, the API user's permissions for LOOKER_IDENTITY, the OIDC issuer, the policy file and
 * Redis. One line per check; exit code 1 when anything would fail at run time. Prints no secret.
 */
import { ConfigError, loadConfig, type Config } from '../src/config';
import { formatResult, runDoctor } from '../src/doctor';

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    // ConfigError names the variables and rules, never their values.
    const message =
      error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
    process.stdout.write(
      `✗ configuration: ${message.replace(/\n\s*/g, ' ')} — fix: set the variables named (see docs/configuration.md)\n`,
    );
    return 1;
  }
  if (config.demo) {
    process.stdout.write(
      '✓ configuration: no Looker or OIDC settings: `npm start` runs the embedded demo, nothing external to check\n',
    );
    return 0;
  }
  const results = await runDoctor(config);
  for (const result of results) process.stdout.write(`${formatResult(result)}\n`);
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(failed === 0 ? 'All checks passed.\n' : `${failed} check${failed === 1 ? '' : 's'} failed.\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`doctor failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
