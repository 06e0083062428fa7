/**
 * Validates HTTP responses against the Looker API 4.0 OpenAPI spec (the subset in
 * test/fixtures/looker-api), so tests can check that the emulator answers as Looker documents.
 *
 * Fidelity rules: what is present is checked strictly (types, enums, nested shapes, `required`);
 * properties the spec lists but the body omits are fine; undeclared properties are allowed unless
 * `reportUnknownProperties` is set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createPathTemplateMatcher, type PathTemplateMatcher } from './openapi-path-template';
import { componentsDocument, isJsonObject, normalizeSchema, resolveLocalRef } from './openapi-schema-normalize';
import { findUnknownProperties, pathStep } from './openapi-unknown-properties';
import { selectResponse, type SelectedResponse } from './openapi-response-select';

/** Path-template mapping, re-exported so tests need only this module. */
export { createPathTemplateMatcher, pathTemplateFor, type PathTemplateMatcher } from './openapi-path-template';

/** An OpenAPI 3.0 document, as much of it as the validator reads. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: Readonly<Record<string, unknown>>;
  readonly servers?: readonly { readonly url: string }[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components?: Readonly<Record<string, unknown>>;
}

/** Per-call (or per-validator) choices. */
export interface ValidateOptions {
  /** Also list body properties that the schema does not declare (catches typos). Default false. */
  readonly reportUnknownProperties?: boolean;
  /** The response's Content-Type; default `application/json`. Parameters (`; charset=…`) are ignored. */
  readonly contentType?: string;
}

/** A recorded exchange, with the concrete path as it went over the wire. */
export interface RecordedExchange {
  readonly method: string;
  /** Concrete path or full URL, e.g. `/api/4.0/looks/12?fields=id`. */
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string;
}

/** One operation of the spec: method (upper case), path template and declared statuses. */
export interface OperationSummary {
  readonly method: string;
  readonly pathTemplate: string;
  readonly operationId: string | undefined;
  readonly statuses: readonly string[];
}

/** Checks response bodies against the spec; every method returns problems, `[]` meaning valid. */
export interface ResponseValidator {
  /** Checks one response of the operation `method pathTemplate` (template as in the spec). */
  validate(method: string, pathTemplate: string, status: number, body: unknown, options?: ValidateOptions): string[];
  /** Maps the exchange's concrete path to its template, then validates it. */
  validateExchange(exchange: RecordedExchange, options?: ValidateOptions): string[];
  /** The template of a concrete path (see {@link createPathTemplateMatcher}). */
  readonly pathTemplateFor: PathTemplateMatcher;
  /** Every operation in the spec, in the spec's order. */
  operations(): OperationSummary[];
}

/** Where the committed subset of Looker's spec lives. */
export const LOOKER_SPEC_FIXTURE = join(__dirname, '..', 'fixtures', 'looker-api', 'looker-4.0-subset.json');

/** Reads an OpenAPI 3.0 document (default: the committed Looker 4.0 subset) and checks its outline. */
export function loadLookerSpec(file: string = LOOKER_SPEC_FIXTURE): OpenApiDocument {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isJsonObject(parsed) || typeof parsed.openapi !== 'string' || !parsed.openapi.startsWith('3.0.')) {
    throw new Error(`${file}: not an OpenAPI 3.0 document`);
  }
  if (!isJsonObject(parsed.paths) || !isJsonObject(parsed.info)) throw new Error(`${file}: no paths or info`);
  return parsed as unknown as OpenApiDocument;
}

/** Formats registered on top of ajv-formats: the OpenAPI/Looker ones Ajv does not know. */
function addOpenApiFormats(ajv: Ajv): void {
  addFormats(ajv);
  // Ranges only: `type: integer` already reports fractions.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => n >= -(2 ** 31) && n < 2 ** 31 });
  // JSON cannot carry a 64-bit integer exactly past 2^53; an emulator has no excuse to send one.
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Math.abs(n) <= Number.MAX_SAFE_INTEGER });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('any', true);
}

/** One Ajv error as a sentence naming the property path, e.g. `body[0].title must be string`. */
function describeError(error: ErrorObject): string {
  const where = `body${error.instancePath
    .split('/')
    .slice(1)
    .map((raw) => pathStep(raw.replace(/~1/g, '/').replace(/~0/g, '~')))
    .join('')}`;
  const params: Record<string, unknown> = error.params;
  const detail = Array.isArray(params.allowedValues)
    ? ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`
    : '';
  return `${where} ${error.message ?? 'is invalid'}${detail}`;
}

/** True when the body is what an HTTP response without content parses to. */
function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '';
}

/** Builds a validator over `spec`; `defaults` apply to every call unless the call overrides them. */
export function createResponseValidator(spec: OpenApiDocument, defaults: ValidateOptions = {}): ResponseValidator {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addOpenApiFormats(ajv);
  ajv.addSchema(componentsDocument(spec.components));
  const compiled = new Map<string, ValidateFunction>();
  const matcher = createPathTemplateMatcher(spec);

  const compile = (key: string, schema: unknown): ValidateFunction => {
    let fn = compiled.get(key);
    if (!fn) {
      fn = ajv.compile(normalizeSchema(schema) as object);
      compiled.set(key, fn);
    }
    return fn;
  };

  const validate: ResponseValidator['validate'] = (method, pathTemplate, status, body, options = {}) => {
    const opts = { ...defaults, ...options };
    const label = `${method.toUpperCase()} ${pathTemplate} ${status}`;
    const selected: SelectedResponse | string = selectResponse(spec, method, pathTemplate, status, opts.contentType);
    if (typeof selected === 'string') return [`${label}: ${selected}`];
    // A 204 carries no body whatever the spec's content says (Looker declares a string for logout).
    if (status === 204 || selected.schema === undefined) {
      return isEmptyBody(body) ? [] : [`${label}: body must be empty, got ${typeof body}`];
    }
    // Run endpoints declare the raw result as one string; with a JSON format the body arrives parsed.
    if (selected.opaqueString && typeof body !== 'string' && selected.mediaType === 'application/json') {
      return body === undefined ? [`${label}: body is missing`] : [];
    }
    const fn = compile(`${label} ${selected.mediaType}`, selected.schema);
    const problems = fn(body) ? [] : (fn.errors ?? []).map((e) => `${label}: ${describeError(e)}`);
    if (opts.reportUnknownProperties) {
      for (const unknown of findUnknownProperties(spec, selected.schema, body)) {
        problems.push(`${label}: ${unknown.path} is not a property of ${unknown.schemaName}`);
      }
    }
    return problems;
  };

  return {
    validate,
    validateExchange(exchange, options = {}) {
      const template = matcher(exchange.path, exchange.method);
      if (!template) return [`${exchange.method.toUpperCase()} ${exchange.path}: no path template in the spec`];
      const contentType = options.contentType ?? exchange.contentType ?? defaults.contentType;
      return validate(exchange.method, template, exchange.status, exchange.body, { ...options, contentType });
    },
    pathTemplateFor: matcher,
    operations: () => listOperations(spec),
  };
}

/** Every operation of the spec, with the response statuses it declares. */
export function listOperations(spec: OpenApiDocument): OperationSummary[] {
  const out: OperationSummary[] = [];
  for (const [pathTemplate, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!isJsonObject(op) || !isJsonObject(op.responses)) continue;
      out.push({
        method: method.toUpperCase(),
        pathTemplate,
        operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
        statuses: Object.keys(op.responses),
      });
    }
  }
  return out;
}

/** Resolves a local `$ref` in the spec (re-exported for tests that walk the document). */
export { resolveLocalRef };
