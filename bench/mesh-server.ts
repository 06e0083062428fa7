/**
 * The GraphQL Mesh baseline, run as its own process by the benchmark: Mesh (v0: `@graphql-mesh/cli`
 * with the `openapi` handler) over Looker's whole OpenAPI 4.0 spec, pointed at the emulator, served
 * the way `mesh start` serves it (one process, no fork, production mode). Mesh has no Looker login of
 * its own, so this wrapper does what a deployment would do around it: `POST /login` with the API3
 * credentials, and the token goes into `Authorization` through Mesh's `{env.…}` interpolation,
 * renewed before it expires. Mesh checks no token of its callers.
 *
 * Environment: `MESH_LOOKER_URL` (the emulator's base URL), `MESH_PORT`, `MESH_DIR` (a writable
 * folder for the generated `.meshrc.json`), `MESH_OPENAPI_SPEC` (the spec file),
 * `LOOKERSDK_CLIENT_ID`, `LOOKERSDK_CLIENT_SECRET`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CLI_PARAMS, findAndParseConfig, serveMesh } from '@graphql-mesh/cli';
import { getMesh, type MeshInstance } from '@graphql-mesh/runtime';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

/** Logs in to Looker and keeps `LOOKER_TOKEN` current for Mesh's header interpolation. */
async function keepLoggedIn(apiUrl: string, clientId: string, clientSecret: string): Promise<void> {
  const response = await fetch(`${apiUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret }).toString(),
  });
  if (!response.ok) throw new Error(`Looker login answered ${response.status}`);
  const token = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
  if (typeof token.access_token !== 'string') throw new Error('Looker login answered no access_token');
  process.env['LOOKER_TOKEN'] = token.access_token;
  const expiresInS = typeof token.expires_in === 'number' ? token.expires_in : 3600;
  // Renew at 90 % of the lifetime; a failed renewal keeps the old token, which Looker then refuses.
  setTimeout(
    () => void keepLoggedIn(apiUrl, clientId, clientSecret).catch((error: unknown) => console.error(error)),
    expiresInS * 900,
  ).unref();
}

async function main(): Promise<void> {
  const lookerUrl = required('MESH_LOOKER_URL');
  const port = Number(required('MESH_PORT'));
  const dir = required('MESH_DIR');
  const specPath = required('MESH_OPENAPI_SPEC');
  const apiUrl = `${lookerUrl}/api/4.0`;
  await keepLoggedIn(apiUrl, required('LOOKERSDK_CLIENT_ID'), required('LOOKERSDK_CLIENT_SECRET'));
  const rawConfig = {
    sources: [
      {
        name: 'Looker',
        handler: {
          openapi: {
            source: specPath,
            endpoint: apiUrl,
            operationHeaders: { Authorization: 'token {env.LOOKER_TOKEN}' },
          },
        },
      },
    ],
    serve: { hostname: '127.0.0.1', port, fork: false, browser: false, playground: false },
  };
  writeFileSync(join(dir, '.meshrc.json'), JSON.stringify(rawConfig));
  // In production mode Mesh reads its schema from `mesh build` artifacts (a 1.6 MB generated
  // TypeScript module for this spec); here the schema is built in memory from the spec, as `mesh dev`
  // does, and then served in production mode, as `mesh start` does. The executed code is the same.
  const servingEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'development';
  const config = await findAndParseConfig({ dir });
  const logger = config.logger;
  if (logger === undefined) throw new Error('Mesh parsed its configuration without a logger');
  const built: Promise<MeshInstance> = getMesh(config);
  await built;
  if (servingEnv === undefined) delete process.env['NODE_ENV'];
  else process.env['NODE_ENV'] = servingEnv;
  await serveMesh(
    {
      baseDir: dir,
      argsPort: port,
      getBuiltMesh: () => built,
      logger,
      rawServeConfig: config.config.serve,
      registerTerminateHandler: (handler) => {
        for (const signal of ['SIGTERM', 'SIGINT'] as const) {
          process.once(signal, () => {
            handler(signal);
            process.exit(0);
          });
        }
      },
    },
    DEFAULT_CLI_PARAMS,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
