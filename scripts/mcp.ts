/**
 * `npm run mcp`: the subgraph's MCP tools over standard input and output, for a local agent. Same
 * configuration as `npm start` (Looker, OIDC, policy, caches, limits), acting as the holder of the
 * access token in MCP_ACCESS_TOKEN, verified as `/graphql` verifies it. Standard output carries the
 * protocol only: the log is on standard error, and so is the audit trail unless AUDIT_LOG names a file.
 */
import pino from 'pino';
import { createAuditSink } from '../src/audit/audit-sink';
import { isTokenRejected } from '../src/auth/token-errors';
import { ConfigError, loadConfig, type Config } from '../src/config';
import { createLogger } from '../src/observability/logger';
import { serveMcpOverStdio } from '../src/mcp';
import { buildServer } from '../src/server';

const demoHint =
  'npm run mcp needs a configured Looker and OIDC issuer (as in production). For the embedded demo, run `npm start` in another terminal, then:\n' +
  '  LOOKERSDK_BASE_URL=http://127.0.0.1:4010 LOOKERSDK_CLIENT_ID=looker-admin LOOKERSDK_CLIENT_SECRET=looker-admin-secret \\\n' +
  '  OIDC_ISSUER=http://127.0.0.1:4000/oidc OIDC_AUDIENCE=looker-subgraph MCP_ACCESS_TOKEN=$TOKEN npm run -s mcp\n';

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    return 1;
  }
  if (config.demo) {
    process.stderr.write(demoHint);
    return 1;
  }
  const token = process.env.MCP_ACCESS_TOKEN?.trim();
  if (!token) {
    process.stderr.write('Set MCP_ACCESS_TOKEN to the OIDC access token the tools act with.\n');
    return 1;
  }
  const logger = createLogger(config.logLevel);
  const auditSink = createAuditSink({
    hmacKey: config.auditHmacKey,
    ...(config.auditLog ? { file: config.auditLog } : { destination: pino.destination(2) }),
  });
  const server = buildServer(config, { logger, auditSink });
  await server.apollo.start();
  try {
    await serveMcpOverStdio(server.mcp, token);
    return 0;
  } catch (error) {
    if (!isTokenRejected(error)) throw error;
    process.stderr.write(`MCP_ACCESS_TOKEN was refused (${error.reason}).\n`);
    return 1;
  } finally {
    await server.apollo.stop();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm run mcp failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
