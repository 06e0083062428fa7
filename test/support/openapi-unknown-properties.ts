/**
 * Lists the properties of a response body that its schema does not declare. Looker adds fields
 * freely, so these are not errors; but in an emulator an undeclared name is usually a typo.
 */
import { isJsonObject, resolveLocalRef } from './openapi-schema-normalize';

/** An undeclared property: where it is in the body, and which schema lacks it. */
export interface UnknownProperty {
  /** Readable location, e.g. `body[0].titel`. */
  readonly path: string;
  /** The component the object was checked against (e.g. `Look`), or `(inline)`. */
  readonly schemaName: string;
}

/** Formats a property name as a step of a readable path: `.name` or `["odd name"]`. */
export function pathStep(key: string | number): string {
  if (typeof key === 'number' || /^\d+$/.test(key)) return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * Walks `body` along `schema` (raw OpenAPI, refs resolved against `spec`) and returns every object
 * key that the matching schema neither lists in `properties` nor admits through an
 * `additionalProperties` schema. Values of the wrong type are skipped: Ajv reports those.
 * The depth guard only stops `$ref` chains that point at each other without consuming any body.
 */
export function findUnknownProperties(spec: unknown, schema: unknown, body: unknown): UnknownProperty[] {
  const found: UnknownProperty[] = [];
  const visit = (node: unknown, value: unknown, path: string, schemaName: string, seen: number): void => {
    if (!isJsonObject(node) || seen > 64) return;
    if (typeof node.$ref === 'string') {
      const name = node.$ref.split('/').pop() ?? node.$ref;
      visit(resolveLocalRef(spec, node.$ref), value, path, name, seen + 1);
      return;
    }
    // A composed schema spreads its properties over several parts; Looker's spec composes none, so
    // rather than guess which part a key belongs to, such objects are not checked.
    if (['allOf', 'anyOf', 'oneOf'].some((keyword) => keyword in node)) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(node.items, item, `${path}${pathStep(i)}`, schemaName, seen + 1));
      return;
    }
    if (!isJsonObject(value)) return;
    const properties = isJsonObject(node.properties) ? node.properties : undefined;
    const extra = node.additionalProperties;
    for (const [key, child] of Object.entries(value)) {
      const childPath = `${path}${pathStep(key)}`;
      if (properties && key in properties) visit(properties[key], child, childPath, schemaName, seen + 1);
      else if (isJsonObject(extra)) visit(extra, child, childPath, schemaName, seen + 1);
      else if (properties && extra !== true) found.push({ path: childPath, schemaName });
    }
  };
  visit(schema, body, 'body', '(inline)', 0);
  return found;
}
