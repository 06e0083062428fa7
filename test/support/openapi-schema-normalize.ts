/**
 * Turns OpenAPI 3.0 schemas, as Looker's spec writes them, into schemas Ajv 8 compiles with the
 * meaning the spec intends. The input is never modified: every function returns a fresh copy.
 */

/** The `$id` under which the spec's components are registered with Ajv. */
export const COMPONENTS_SCHEMA_ID = 'looker-openapi-components';

type JsonObject = Record<string, unknown>;

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not']);
/** Keywords whose value maps names to schemas (property names are data, never keywords). */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties']);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf']);

function mapValues(map: JsonObject, fn: (value: unknown) => unknown): JsonObject {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, fn(value)]));
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rewrites one schema node (and everything below it):
 * - a schema with `properties` but no `type` (every Looker component) gets `type: "object"`;
 *   without it a string or null would pass wherever the spec expects an object;
 * - `type: "any"` (Looker's word for "anything") is not JSON Schema: it is dropped, and with it
 *   `nullable`, which Ajv refuses without a `type`;
 * - `nullable: true` next to an `enum` adds `null` to the enum, since Ajv checks `enum` on its own
 *   and would otherwise reject the null the spec allows;
 * - an `enum` on an array of strings (Looker puts it beside `items`) is moved into `items`, where
 *   it means what the spec says: every element is one of these values;
 * - local `$ref`s point at the components registered under {@link COMPONENTS_SCHEMA_ID}.
 */
export function normalizeSchema(schema: unknown): unknown {
  if (!isJsonObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.startsWith('#/') ? `${COMPONENTS_SCHEMA_ID}${value}` : value;
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = normalizeSchema(value);
    } else if (SCHEMA_MAP_KEYWORDS.has(key) && isJsonObject(value)) {
      out[key] = mapValues(value, normalizeSchema);
    } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
      out[key] = value.map(normalizeSchema);
    } else {
      // Data and annotations (enum, default, description, x-looker-*): copied as they are.
      out[key] = value;
    }
  }
  if (out.type === undefined && isJsonObject(out.properties)) out.type = 'object';
  if (out.type === 'any') {
    delete out.type;
    delete out.nullable;
    if (out.format === 'any') delete out.format;
  }
  if (out.type === 'array' && Array.isArray(out.enum) && isJsonObject(out.items)) {
    out.items = { ...out.items, enum: out.enum };
    delete out.enum;
  }
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) {
    out.enum = [...out.enum, null];
  }
  return out;
}

/**
 * The spec's component schemas as one schema document for Ajv, normalized, with the `$id` that
 * rewritten `$ref`s point at. (Refs to other component sections are resolved before compiling.)
 */
export function componentsDocument(components: unknown): JsonObject {
  const schemas = isJsonObject(components) && isJsonObject(components.schemas) ? components.schemas : {};
  return { $id: COMPONENTS_SCHEMA_ID, components: { schemas: mapValues(schemas, normalizeSchema) } };
}

/**
 * Follows a `$ref` of the form `#/components/<section>/<name>` inside a spec and returns its
 * target, or undefined when it does not resolve.
 */
export function resolveLocalRef(spec: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = spec;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isJsonObject(node) || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}
