import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { forwardedHeaders } from '../../../scripts/hive-gateway';
import { envSchema } from '../../../src/config';
import { forwarded, gatewayConfig } from '../../../deploy/compose/gateway.config';
import { composeSupergraph, subgraphName } from '../../../deploy/compose/supergraph';
import { dockerfileStages } from './dockerfile-stages';

/**
 * deploy/compose.yaml: valid for the Compose Specification's JSON schema (vendored under
 * test/fixtures/compose-spec/, with its source), and consistent with the project: the files it
 * names exist, the stages it builds are the Dockerfile's, the replicas' settings are the
 * subgraph's, the gateway forwards what docs/gateway.md says.
 */

const deployDir = join(__dirname, '..', '..', '..', 'deploy');
const compose = parse(readFileSync(join(deployDir, 'compose.yaml'), 'utf8')) as {
  services: Record<
    string,
    {
      image?: string;
      build?: { context: string; dockerfile: string; target: string };
      command?: string[];
      environment?: Record<string, string>;
      volumes?: string[];
      secrets?: string[];
      deploy?: { replicas: number };
      read_only?: boolean;
      cap_drop?: string[];
    }
  >;
  secrets: Record<string, { file: string }>;
};
const services = compose.services;

test('compose.yaml is valid for the Compose Specification schema', () => {
  const schema = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'fixtures', 'compose-spec', 'compose-spec.json'), 'utf8'),
  ) as object;
  // The schema names its draft-07 meta-schema by a URL Ajv does not know, and uses `deprecated`.
  const validate = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(schema);
  expect(validate(compose) ? [] : validate.errors).toEqual([]);
  // The schema sees what is wrong: a service with an unknown key.
  expect(validate({ services: { x: { image: 'a', replica: 3 } } })).toBe(false);
});

test('three replicas built from the production stage, locked down like the Kubernetes pods', () => {
  const subgraph = services['subgraph'];
  expect(subgraph?.build?.target).toBe('production');
  expect(subgraph?.deploy?.replicas).toBe(3);
  expect(subgraph?.read_only).toBe(true);
  expect(subgraph?.cap_drop).toEqual(['ALL']);
  const stages = dockerfileStages().map((s) => s.name);
  for (const service of Object.values(services)) {
    if (service.build) {
      expect(existsSync(join(deployDir, service.build.context, service.build.dockerfile))).toBe(true);
      expect(stages).toContain(service.build.target);
    }
  }
});

test("the replicas' settings are the subgraph's, secrets as files from the Compose secrets", () => {
  const subgraph = services['subgraph'];
  const env = subgraph?.environment ?? {};
  const known = new Set(Object.keys(envSchema.shape));
  expect(Object.keys(env).filter((name) => !known.has(name))).toEqual([]);
  const fileSettings = Object.entries(env).filter(([name]) => name.endsWith('_FILE'));
  expect(fileSettings.map(([, path]) => path.replace('/run/secrets/', '')).sort()).toEqual(
    [...(subgraph?.secrets ?? [])].sort(),
  );
  for (const { file } of Object.values(compose.secrets)) expect(existsSync(join(deployDir, file))).toBe(true);
  expect(env['REDIS_URL']).toBe('redis://redis:6379');
  expect(Object.keys(services).sort()).toEqual(['gateway', 'issuer', 'looker', 'redis', 'subgraph', 'supergraph']);
});

test('every script and file the services run or mount is in the repository', () => {
  for (const service of Object.values(services)) {
    for (const part of service.command ?? []) {
      if (/\.ts$/.test(part)) expect(existsSync(join(deployDir, '..', part))).toBe(true);
    }
    for (const volume of service.volumes ?? []) {
      const [source = ''] = volume.split(':');
      if (source.startsWith('.')) expect(existsSync(join(deployDir, source))).toBe(true);
    }
  }
});

test('the gateway forwards to the Looker subgraph, and to no other, the headers docs/gateway.md lists', async () => {
  const fromClient = gatewayConfig.propagateHeaders?.fromClientToSubgraphs;
  expect(fromClient).toBeDefined();
  const request = new Request('http://gateway/graphql', {
    headers: {
      authorization: 'Bearer token',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'x-request-id': 'req-1',
      cookie: 'session=1',
    },
  });
  const call = (name: string) =>
    (fromClient as (payload: { request: Request; subgraphName: string }) => unknown)({ request, subgraphName: name });
  expect(await call(subgraphName)).toEqual({
    authorization: 'Bearer token',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    'x-request-id': 'req-1',
  });
  expect(await call('another')).toBeUndefined();
  expect(forwarded).toEqual([...forwardedHeaders]);
});

test('the supergraph service composes the schema under the routing URL of the replicas', () => {
  const url = services['supergraph']?.environment?.['SUBGRAPH_URL'];
  expect(url).toBe('http://subgraph:4000/graphql');
  const sdl = composeSupergraph(url as string);
  expect(sdl).toContain(`@join__graph(name: "${subgraphName}", url: "${url}")`);
  expect(sdl).toMatch(/type Look\b/);
});
