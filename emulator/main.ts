import { z } from 'zod';
import { DEMO_LOGINS } from './access/users';
import { createEngine } from './engine/create-engine';
import { startEmulator, type EmulatorOptions } from './index';

/** An optional variable: an empty value counts as unset. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}

/** The CLI's environment variables. */
const envSchema = z.object({
  LOOKER_EMULATOR_PORT: optional(z.coerce.number().int().min(0).max(65_535)),
  LOOKER_EMULATOR_HOST: optional(z.string().min(1)),
  LOOKER_EMULATOR_CLIENT_ID: optional(z.string().min(1)),
  LOOKER_EMULATOR_CLIENT_SECRET: optional(z.string().min(1)),
  LOOKER_EMULATOR_TOKEN_TTL: optional(z.coerce.number().int().min(1)),
  LOOKER_EMULATOR_LATENCY_MS: optional(z.coerce.number().int().min(0)),
  LOOKER_EMULATOR_JITTER_MS: optional(z.coerce.number().int().min(0)),
  LOOKER_EMULATOR_SEED: optional(z.coerce.number().int()),
  LOOKER_EMULATOR_SCALE: optional(z.coerce.number().positive().max(1000)),
  LOOKER_EMULATOR_REFERENCE_DATE: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-06-15')),
  LOOKER_EMULATOR_FLAVOR: optional(z.enum(['original', 'core'])),
});

/** The CLI's settings: emulator options with the CLI's defaults (port 4010). */
export type CliOptions = EmulatorOptions & { port: number; host: string; seed: number; scale: number };

/**
 * Reads the `LOOKER_EMULATOR_*` variables. Throws an error whose message names every invalid
 * variable (and never echoes the client secret's value).
 */
export function parseEmulatorEnv(env: Readonly<Record<string, string | undefined>>): CliOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment for the Looker emulator:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.LOOKER_EMULATOR_PORT ?? 4010,
    host: e.LOOKER_EMULATOR_HOST ?? '127.0.0.1',
    seed: e.LOOKER_EMULATOR_SEED ?? 42,
    scale: e.LOOKER_EMULATOR_SCALE ?? 1,
    ...(e.LOOKER_EMULATOR_CLIENT_ID !== undefined ? { clientId: e.LOOKER_EMULATOR_CLIENT_ID } : {}),
    ...(e.LOOKER_EMULATOR_CLIENT_SECRET !== undefined ? { clientSecret: e.LOOKER_EMULATOR_CLIENT_SECRET } : {}),
    ...(e.LOOKER_EMULATOR_TOKEN_TTL !== undefined ? { tokenTtlSeconds: e.LOOKER_EMULATOR_TOKEN_TTL } : {}),
    ...(e.LOOKER_EMULATOR_LATENCY_MS !== undefined ? { latencyMs: e.LOOKER_EMULATOR_LATENCY_MS } : {}),
    ...(e.LOOKER_EMULATOR_JITTER_MS !== undefined ? { jitterMs: e.LOOKER_EMULATOR_JITTER_MS } : {}),
    ...(e.LOOKER_EMULATOR_REFERENCE_DATE !== undefined
      ? { referenceDate: new Date(`${e.LOOKER_EMULATOR_REFERENCE_DATE}T00:00:00Z`) }
      : {}),
    ...(e.LOOKER_EMULATOR_FLAVOR !== undefined ? { flavor: e.LOOKER_EMULATOR_FLAVOR } : {}),
  };
}

/** Writes one line of CLI output. */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Builds the data set, serves the emulator, and stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseEmulatorEnv(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const started = performance.now();
  const engine = await createEngine({
    seed: options.seed,
    scale: options.scale,
    ...(options.referenceDate ? { referenceDate: options.referenceDate } : {}),
  });
  const builtMs = performance.now() - started;
  const emulator = await startEmulator({
    ...options,
    engine,
    onInternalError: (error) =>
      process.stderr.write(
        `emulator internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      ),
  });
  const sizes = await engine.tableSizes();
  const rows = Object.entries(sizes)
    .map(([table, n]) => `${table} ${n.toLocaleString('en-US')}`)
    .join(', ');
  say(`Looker API 4.0 emulator listening on ${emulator.url} (API ${emulator.apiUrl})`);
  say(`  data set (seed ${options.seed}, scale ${options.scale}): ${rows}; built in ${(builtMs / 1000).toFixed(2)} s`);
  say(
    `  API3 client_id: ${options.clientId ?? 'looker-admin'} (secret: ${options.clientSecret ? 'from LOOKER_EMULATOR_CLIENT_SECRET' : 'the default, see emulator/README.md'})`,
  );
  say(`  demo users (login_user / embed external_user_id): ${Object.values(DEMO_LOGINS).join(', ')}`);
  if (options.flavor === 'core')
    say(
      '  flavour: Looker (Google Cloud core): login_user only for embed users (demo-admin is a standard user), credential lookups other than embed denied',
    );
  say(`  controls: ${emulator.url}/__emulator/stats, /reset, /latency, /faults, /tokens/expire`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) process.exit(1);
    stopping = true;
    say(`${signal} received, stopping`);
    emulator
      .stop()
      .then(() => engine.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`failed to stop cleanly: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Looker emulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
