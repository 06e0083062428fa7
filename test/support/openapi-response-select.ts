/**
 * Picks, for one operation, status and content type, the response schema the spec declares:
 * the exact status, else its class (`4XX`), else `default`; then the media type.
 */
import { isJsonObject, resolveLocalRef } from './openapi-schema-normalize';

/** The spec's answer for one response: which media type was chosen and its (raw) schema. */
export interface SelectedResponse {
  /** The content key used (`application/json`, `text`, …), or `''` when the response has no content. */
  readonly mediaType: string;
  /** Raw OpenAPI schema; undefined when the spec declares no content for this response. */
  readonly schema: unknown;
  /** The schema is a bare `type: string`: the raw body of a result, whatever its format. */
  readonly opaqueString: boolean;
}

/** The paths part of a spec, as this module reads it. */
interface SpecWithPaths {
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

function followRef(spec: unknown, node: unknown): unknown {
  // Response objects may themselves be refs (`#/components/responses/X`); schemas stay as they are.
  for (let hops = 0; isJsonObject(node) && typeof node.$ref === 'string' && hops < 16; hops += 1) {
    node = resolveLocalRef(spec, node.$ref);
  }
  return node;
}

/** The content key to use for a Content-Type, given the keys the response declares. */
export function chooseMediaType(declared: readonly string[], contentType: string | undefined): string | undefined {
  const wanted = (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  const [type] = wanted.split('/');
  const candidates = [
    wanted,
    // `application/vnd.x+json` is JSON too.
    wanted.endsWith('+json') ? 'application/json' : undefined,
    `${type}/*`,
    // Looker writes the bare word `text` for its text formats (csv, txt, html, md, sql); the sql
    // format really answers `application/sql` (recorded in spectacles-ci/spectacles' cassettes).
    type === 'text' || wanted === 'application/sql' ? 'text' : undefined,
    '*/*',
  ];
  return candidates.find((c): c is string => c !== undefined && declared.includes(c));
}

function isOpaqueString(schema: unknown): boolean {
  return (
    isJsonObject(schema) &&
    schema.type === 'string' &&
    !['enum', 'format', 'pattern', 'minLength', 'maxLength'].some((keyword) => keyword in schema)
  );
}

/** Finds the response schema, or returns a sentence saying why there is none. */
export function selectResponse(
  spec: SpecWithPaths,
  method: string,
  pathTemplate: string,
  status: number,
  contentType: string | undefined,
): SelectedResponse | string {
  const item = spec.paths[pathTemplate];
  const operation = item?.[method.toLowerCase()];
  if (!isJsonObject(operation)) return 'no such operation in the spec';
  const responses = isJsonObject(operation.responses) ? operation.responses : {};
  const key = [String(status), `${Math.floor(status / 100)}XX`, 'default'].find((k) => k in responses);
  if (key === undefined) {
    return `status not declared (declared: ${Object.keys(responses).join(', ') || 'none'})`;
  }
  const response = followRef(spec, responses[key]);
  if (!isJsonObject(response)) return `response ${key} does not resolve`;
  const content = isJsonObject(response.content) ? response.content : {};
  const declared = Object.keys(content);
  if (declared.length === 0) return { mediaType: '', schema: undefined, opaqueString: false };
  const mediaType = chooseMediaType(declared, contentType);
  if (mediaType === undefined) {
    return `content type ${contentType ?? 'application/json'} not declared (declared: ${declared.join(', ')})`;
  }
  const media = content[mediaType];
  const schema = isJsonObject(media) ? media.schema : undefined;
  return { mediaType, schema, opaqueString: isOpaqueString(schema) };
}
