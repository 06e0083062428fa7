import { ConfigError, type Config } from './config';

/** A port this process listens on, with the setting that chose it. */
export interface PortSetting {
  readonly variable: string;
  readonly port: number;
}

/** Every port setting of this configuration, with its value (0, any free port, never conflicts). */
function portSettings(config: Config): PortSetting[] {
  const settings: (PortSetting | undefined)[] = [
    { variable: 'PORT', port: config.port },
    config.operator && { variable: 'OPERATOR_PORT', port: config.operator.port },
    config.observability.metrics && { variable: 'METRICS_PORT', port: config.observability.metrics.port },
    config.demo && { variable: 'LOOKER_EMULATOR_PORT', port: config.demo.emulatorPort },
  ];
  return settings.filter((setting): setting is PortSetting => setting !== undefined);
}

/** Node's listen errors carry the code and the address they could not bind. */
function listenFailure(error: unknown): { code: string; address: string; port: number } | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, address, port } = error as Error & { code?: unknown; address?: unknown; port?: unknown };
  if ((code !== 'EADDRINUSE' && code !== 'EACCES') || typeof port !== 'number') return undefined;
  return { code, address: typeof address === 'string' ? address : '', port };
}

/**
 * What to say about a port that could not be bound (in use, or below 1024 without the privilege),
 * naming the setting(s) that chose it; undefined for any other error or a port none of them chose.
 */
export function portProblem(error: unknown, settings: readonly PortSetting[]): string | undefined {
  const failure = listenFailure(error);
  if (!failure) return undefined;
  const named = settings.filter((setting) => setting.port === failure.port && setting.port !== 0);
  if (named.length === 0) return undefined;
  const where = `${failure.address.includes(':') ? `[${failure.address}]` : failure.address}:${failure.port}`;
  if (named.length > 1) {
    const variables = named.map((setting) => setting.variable);
    return `${variables.slice(0, -1).join(', ')} and ${variables.at(-1)} are both ${failure.port}: each needs a port of its own`;
  }
  const { variable } = named[0] as PortSetting;
  return failure.code === 'EACCES'
    ? `${variable}=${failure.port}: ${where} needs privileges this process lacks; set ${variable} to a port of 1024 or more`
    : `${variable}=${failure.port}: ${where} is already in use (another instance?); stop what listens there or set ${variable} to a free port`;
}

/** A start error that names the setting behind a port that could not be bound; undefined for any other error. */
export function portConflict(error: unknown, config: Config): ConfigError | undefined {
  const problem = portProblem(error, portSettings(config));
  return problem === undefined ? undefined : new ConfigError([problem]);
}
