import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Driven } from './measure';
import { loadGraphql, postGraphql, sequentialGraphql, type GraphqlTarget } from './graphql-load';
import { freePort, repositoryRoot, spawnTs, waitUntilReady, type Child } from './processes';
import { hotLookId, type ScenarioId } from './scenarios';
import { lookerCredentials } from './stack';

/**
 * Looker's OpenAPI 4.0 spec (the one `@looker/sdk-node` is generated from), next to the checkout
 * (`../shared/looker/`); `LOOKER_OPENAPI_SPEC` points elsewhere.
 */
export const lookerSpecPath =
  process.env['LOOKER_OPENAPI_SPEC'] ?? resolve(repositoryRoot, '..', 'shared', 'looker', 'Looker.4.0.oas.json');

/** Whether the Mesh baseline can run: it needs the spec file. */
export function meshAvailable(): boolean {
  return existsSync(lookerSpecPath);
}

/**
 * Scenario 1 as Mesh exposes it: the `look` operation with Looker's `fields` parameter, and the
 * 200 answer's type selected out of the `look_response` union Mesh builds from the spec's responses.
 */
export const meshLookQuery = `query LookHot { look(look_id: "${hotLookId}", fields: "title") { ... on LookWithQuery { title } } }`;

/** A started Mesh process. */
export interface MeshProcess {
  readonly child: Child;
  readonly graphqlUrl: string;
  stop(): Promise<void>;
}

/** Starts `bench/mesh-server.ts` against the emulator and waits until it answers scenario 1. */
export async function startMeshProcess(emulatorUrl: string): Promise<MeshProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-mesh-'));
  const child = spawnTs('mesh', 'bench/mesh-server.ts', {
    NODE_ENV: 'production',
    MESH_LOOKER_URL: emulatorUrl,
    MESH_PORT: String(port),
    MESH_DIR: dir,
    MESH_OPENAPI_SPEC: lookerSpecPath,
    LOOKERSDK_CLIENT_ID: lookerCredentials.clientId,
    LOOKERSDK_CLIENT_SECRET: lookerCredentials.clientSecret,
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Mesh answers /healthcheck before its schema is built; /readiness once it is.
    await waitUntilReady(child, `${base}/readiness`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, graphqlUrl: `${base}/graphql`, stop };
}

function onlyScenario1(scenario: ScenarioId): void {
  if (scenario !== '1') throw new Error(`the Mesh baseline runs scenario 1 only, not ${scenario}`);
}

/**
 * Mesh behind GraphQL over HTTP, scenario 1 only. The bearer token is sent as to the subgraph, so
 * both get the same request; Mesh ignores it.
 */
export function drivenMesh(mesh: MeshProcess, token: string): Driven {
  const target = (scenario: ScenarioId): GraphqlTarget => {
    onlyScenario1(scenario);
    return { url: mesh.graphqlUrl, token, query: meshLookQuery };
  };
  return {
    variant: 'mesh',
    pid: mesh.child.pid,
    load: (scenario, connections, durationS) => loadGraphql(target(scenario), connections, durationS),
    sequential: (scenario, count) => sequentialGraphql(target(scenario), count),
    burst: () => Promise.reject(new Error('the Mesh baseline runs no bursts')),
    check: async (scenario) => {
      const data = await postGraphql(target(scenario));
      const look = data['look'];
      const title = look !== null && typeof look === 'object' ? (look as Record<string, unknown>)['title'] : undefined;
      if (typeof title !== 'string' || title === '') throw new Error('Mesh: look.title is empty');
      return `"${title}"`;
    },
  };
}
