/**
 * Cuts the subset of Looker's API 4.0 OpenAPI spec that the emulator implements out of the full
 * spec, so the repository carries only what its response-validation tests need.
 *
 * Usage: npx tsx scripts/extract-looker-spec.ts [path-to-full-spec]
 * (default: ../shared/looker/Looker.4.0.oas.json, relative to the repository root).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** HTTP methods as OpenAPI spells them (lower case). */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One API operation: an HTTP method on a path template written exactly as in the spec. */
export interface OperationKey {
  readonly method: HttpMethod;
  readonly path: string;
}

/** The operations the emulator serves; extend this list and re-run the script to grow the subset. */
export const LOOKER_SUBSET_OPERATIONS: readonly OperationKey[] = [
  { method: 'post', path: '/login' },
  { method: 'post', path: '/login/{user_id}' },
  { method: 'delete', path: '/logout' },
  { method: 'get', path: '/user' },
  { method: 'get', path: '/users/{user_id}' },
  { method: 'get', path: '/users/search' },
  { method: 'get', path: '/users/credential/{credential_type}/{credential_id}' },
  { method: 'get', path: '/lookml_models' },
  { method: 'get', path: '/lookml_models/{lookml_model_name}' },
  { method: 'get', path: '/lookml_models/{lookml_model_name}/explores/{explore_name}' },
  { method: 'get', path: '/looks' },
  { method: 'get', path: '/looks/search' },
  { method: 'get', path: '/looks/{look_id}' },
  { method: 'get', path: '/looks/{look_id}/run/{result_format}' },
  { method: 'get', path: '/dashboards' },
  { method: 'get', path: '/dashboards/search' },
  { method: 'get', path: '/dashboards/{dashboard_id}' },
  { method: 'get', path: '/dashboards/{dashboard_id}/dashboard_elements' },
  { method: 'get', path: '/folders' },
  { method: 'get', path: '/folders/search' },
  { method: 'get', path: '/folders/{folder_id}' },
  { method: 'get', path: '/folders/{folder_id}/looks' },
  { method: 'get', path: '/folders/{folder_id}/dashboards' },
  { method: 'post', path: '/queries' },
  { method: 'get', path: '/queries/{query_id}' },
  { method: 'get', path: '/queries/{query_id}/run/{result_format}' },
  { method: 'post', path: '/queries/run/{result_format}' },
  { method: 'post', path: '/query_tasks' },
  { method: 'get', path: '/query_tasks/{query_task_id}' },
  { method: 'get', path: '/query_tasks/{query_task_id}/results' },
  { method: 'get', path: '/query_tasks/multi_results' },
];

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `$ref` string found anywhere inside a JSON value. */
export function collectRefs(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.add(child);
      else collectRefs(child, into);
    }
  }
  return into;
}

/** Splits `#/components/<section>/<name>` into its parts (JSON-pointer escapes decoded). */
export function parseComponentRef(ref: string): { section: string; name: string } {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  if (!match?.[1] || !match[2]) throw new Error(`unsupported $ref (only #/components/<section>/<name>): ${ref}`);
  const unescape = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');
  return { section: unescape(match[1]), name: unescape(match[2]) };
}

/**
 * Builds the subset document: `openapi`, `info`, `servers`, the listed operations and every
 * component they reference, transitively. Paths and components keep the full spec's order so the
 * output is deterministic whatever the order of the list.
 */
export function extractSubset(spec: JsonObject, operations: readonly OperationKey[]): JsonObject {
  const fullPaths = isObject(spec.paths) ? spec.paths : {};
  const fullComponents = isObject(spec.components) ? spec.components : {};
  const wanted = new Map<string, Set<string>>();
  for (const op of operations) {
    const item = fullPaths[op.path];
    if (!isObject(item) || !isObject(item[op.method])) {
      throw new Error(`operation not in the spec: ${op.method.toUpperCase()} ${op.path}`);
    }
    wanted.set(op.path, (wanted.get(op.path) ?? new Set()).add(op.method));
  }

  const paths: JsonObject = {};
  for (const [path, item] of Object.entries(fullPaths)) {
    const methods = wanted.get(path);
    if (!methods || !isObject(item)) continue;
    // Path-level keys that are not methods (parameters, summary) apply to every operation: keep them.
    paths[path] = Object.fromEntries(Object.entries(item).filter(([key]) => methods.has(key) || !isHttpMethod(key)));
  }

  const needed = new Set<string>();
  const queue = [...collectRefs(paths)];
  while (queue.length > 0) {
    const ref = queue.pop() as string;
    if (needed.has(ref)) continue;
    needed.add(ref);
    const { section, name } = parseComponentRef(ref);
    const target = isObject(fullComponents[section]) ? fullComponents[section][name] : undefined;
    if (target === undefined) throw new Error(`$ref does not resolve in the full spec: ${ref}`);
    queue.push(...collectRefs(target));
  }

  const components: JsonObject = {};
  for (const [section, entries] of Object.entries(fullComponents)) {
    if (!isObject(entries)) continue;
    const kept = Object.entries(entries).filter(([name]) =>
      needed.has(`#/components/${section}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`),
    );
    if (kept.length > 0) components[section] = Object.fromEntries(kept);
  }

  return { openapi: spec.openapi, info: spec.info, servers: spec.servers, paths, components };
}

function isHttpMethod(key: string): boolean {
  return ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(key);
}

/** Where the subset, its licence and its README live, relative to the repository root. */
export const FIXTURE_DIR = join('test', 'fixtures', 'looker-api');

/** File name of the generated subset inside {@link FIXTURE_DIR}. */
export const SUBSET_FILE = 'looker-4.0-subset.json';

function main(argv: readonly string[]): void {
  const repoRoot = resolve(__dirname, '..');
  const specPath = resolve(repoRoot, argv[0] ?? join('..', 'shared', 'looker', 'Looker.4.0.oas.json'));
  const spec: unknown = JSON.parse(readFileSync(specPath, 'utf8'));
  if (!isObject(spec)) throw new Error(`not a JSON object: ${specPath}`);

  const subset = extractSubset(spec, LOOKER_SUBSET_OPERATIONS);
  const outDir = join(repoRoot, FIXTURE_DIR);
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, SUBSET_FILE);
  writeFileSync(outFile, `${JSON.stringify(subset, null, 2)}\n`);
  // The spec is MIT-licensed: its licence travels with every copy, including this subset. A spec
  // downloaded on its own has no licence beside it; the copy already in the fixture then stays.
  const licence = join(dirname(specPath), 'LICENSE.sdk-codegen');
  if (existsSync(licence)) writeFileSync(join(outDir, 'LICENSE'), readFileSync(licence));
  else console.warn(`no ${licence}: kept ${join(FIXTURE_DIR, 'LICENSE')} as it is`);

  const schemas = isObject(subset.components) && isObject(subset.components.schemas) ? subset.components.schemas : {};
  console.log(
    `wrote ${outFile}: ${LOOKER_SUBSET_OPERATIONS.length} operations, ${Object.keys(schemas).length} schemas`,
  );
}

if (require.main === module) main(process.argv.slice(2));
