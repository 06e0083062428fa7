import { buildWeb } from '../../../scripts/build-web';
import { loadConfig } from '../../../src/config';
import { startDemo, type DemoStack } from '../../../demo/start-demo';
import { captureAudit, captureLogger } from '../../support/log-capture';

/** The embedded demo, GraphiQL included, on free ports. */
export type WebDemoStack = DemoStack;

/**
 * Builds the front ends (skipped when fresh, as `npm test` does) and starts the embedded demo;
 * `env` adds settings (e.g. `LOOKER_IDENTITY: 'user'`).
 */
export async function startWebDemo(env: Record<string, string> = {}): Promise<WebDemoStack> {
  await buildWeb();
  const config = loadConfig({ PORT: '0', LOOKER_EMULATOR_PORT: '0', LOG_LEVEL: 'warn', ...env });
  return startDemo(config, captureLogger('warn').logger, { auditSink: captureAudit().sink });
}
