import { ConfigError, loadConfig, portConflict, type Config } from './config';
import { graphiqlRouter } from './graphiql';
import { createLogger, type Logger } from './observability/logger';
import { startMetricsServer, startTracing } from './observability';
import { buildServer } from './server';

/** The embedded demo, started: what to print and how to stop it. */
export interface StartedDemo {
  readonly banner: string;
  stop(): Promise<void>;
}

/** Starts the embedded demo; only `demo/main.ts` (`npm start`) passes one, so production never loads the demo. */
export type DemoStarter = (config: Config, logger: Logger) => Promise<StartedDemo>;

/** Runs the configured subgraph, or the embedded demo through `startDemo` when nothing is configured. */
async function main(startDemo: DemoStarter | undefined): Promise<void> {
  const config = loadConfig();
  // A port that cannot be bound is reported by the setting that chose it.
  await serve(config, startDemo).catch((error: unknown) => {
    throw portConflict(error, config) ?? error;
  });
}

/** Starts the servers of `config` and wires the signals that stop them. */
async function serve(config: Config, startDemo: DemoStarter | undefined): Promise<void> {
  const logger = createLogger(config.logLevel);
  // Before any server exists, so every request runs with the propagator.
  const tracing = startTracing({
    serviceName: config.observability.serviceName,
    otlpEndpoint: config.observability.otlpEndpoint,
  });
  let stop: () => Promise<void>;
  if (config.demo) {
    // The demo, its issuer and the emulator live outside src/ and are passed in by their own entry.
    if (!startDemo) {
      throw new ConfigError([
        'no Looker or OIDC settings: configure LOOKERSDK_* and OIDC_* (see docs/production.md); the embedded demo starts with `npm start`',
      ]);
    }
    const demo = await startDemo(config, logger);
    console.log(demo.banner);
    stop = () => demo.stop();
  } else {
    // GraphiQL goes with introspection: where the schema is not public, neither is the explorer.
    const server = buildServer(config, {
      logger,
      mount: config.introspection ? (app) => app.use(graphiqlRouter()) : undefined,
    });
    const url = await server.listen();
    logger.info({ url: `${url}/graphql`, lookerIdentity: config.looker.identity }, 'subgraph listening');
    // Readiness 503 first, still serving, until the load balancer has taken this replica out.
    stop = () => server.stop({ drainMs: config.shutdownDrainMs });
  }
  const metricsConfig = config.observability.metrics;
  const metrics = metricsConfig ? await startMetricsServer(metricsConfig.port, metricsConfig.host) : undefined;
  if (metrics) logger.info({ url: `${metrics.url}/metrics` }, 'metrics listening');
  const stopServing = stop;
  // Metrics stay scrapeable while the server drains; the last spans are exported on the way out.
  stop = async () => {
    await stopServing();
    await metrics?.close();
    await tracing.shutdown();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      const drainMs = config.demo ? 0 : config.shutdownDrainMs;
      logger.info(
        { signal, drainSeconds: drainMs / 1000, graceSeconds: config.shutdownGraceMs / 1000 },
        'draining: readiness 503 while still serving for the drain period, then refusing new connections and finishing requests in flight',
      );
      // The drain closes lingering connections after the grace period.
      // This guards against anything else holding the stop up, so the orchestrator never has to SIGKILL us.
      setTimeout(
        () => {
          logger.error('shutdown did not finish in time; exiting');
          process.exit(1);
        },
        drainMs + config.shutdownGraceMs + 5_000,
      ).unref();
      stop().then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        () => process.exit(1),
      );
    });
  }
}

/** Starts serving until SIGINT or SIGTERM; a start that fails prints why and exits with 1. */
export function runSubgraph(startDemo?: DemoStarter): void {
  main(startDemo).catch((error: unknown) => {
    // Config errors name the variables; anything else is reported by name and message only.
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Start failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exit(1);
  });
}

// `node dist/src/main.js` (`npm run serve`): the configured subgraph, with no demo to start.
if (require.main === module) runSubgraph();
