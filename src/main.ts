import { ConfigError, loadConfig } from './config';
import { graphiqlRouter } from './graphiql';
import { createLogger } from './logger';
import { startMetricsServer, startTracing } from './observability';
import { buildServer } from './server';

/** Entry point: the embedded demo without configuration, else the configured subgraph. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Before any server exists, so every request runs with the propagator.
  const tracing = startTracing({ serviceName: config.observability.serviceName, otlpEndpoint: config.observability.otlpEndpoint });
  let stop: () => Promise<void>;
  if (config.demo) {
    // Imported only here: the demo pulls in the emulator and its database, which a configured
    // server never needs in memory.
    const { demoBanner, startDemo } = await import('./demo/start-demo.js');
    const stack = await startDemo(config, logger);
    console.log(demoBanner(stack));
    stop = () => stack.stop();
  } else {
    // GraphiQL goes with introspection: where the schema is not public, neither is the explorer.
    const server = buildServer(config, { logger, mount: config.introspection ? (app) => app.use(graphiqlRouter()) : undefined });
    const url = await server.listen();
    logger.info({ url: `${url}/graphql`, lookerIdentity: config.looker.identity }, 'subgraph listening');
    stop = () => server.stop();
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
      logger.info({ signal, graceSeconds: config.shutdownGraceMs / 1000 }, 'draining: refusing new connections, finishing requests in flight');
      // The drain closes lingering connections after the grace period; this guards against
      // anything else holding the stop up, so the orchestrator never has to SIGKILL us.
      setTimeout(() => {
        logger.error('shutdown did not finish in time; exiting');
        process.exit(1);
      }, config.shutdownGraceMs + 5_000).unref();
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

main().catch((error: unknown) => {
  // Config errors name the variables; anything else is reported by name and message only.
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`Start failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  process.exit(1);
});
