import { ApiError, validationFailed, type ErrorDetail } from './errors';

/** A JSON request body of a write endpoint, as an object. */
export type WriteBody = Readonly<Record<string, unknown>>;

/** The request body as an object; anything else (an array, a string) is Looker's 400. */
export function writeBody(body: unknown): WriteBody {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'Malformed JSON body');
  return body as WriteBody;
}

/** Looker's detail for a required field left out: code `missing_field`, message "is not present". */
export function missingField(field: string): ErrorDetail {
  return { field, code: 'missing_field', message: 'is not present' };
}

/** Looker's detail for a value that is already taken (a title in a folder, a filter name on a dashboard). */
export function alreadyExists(field: string, message: string): ErrorDetail {
  return { field, code: 'already_exists', message };
}

/** A detail for a value Looker refuses (code `invalid`). */
export function invalidValue(field: string, message: string): ErrorDetail {
  return { field, code: 'invalid', message };
}

/** Whether a property was given (present and not null). */
export function given(body: WriteBody, key: string): boolean {
  return body[key] !== undefined && body[key] !== null;
}

/** Throws 422 `missing_field` for every listed property absent, null or blank. */
export function requireFields(body: WriteBody, keys: readonly string[]): void {
  const missing = keys.filter((k) => !given(body, k) || (typeof body[k] === 'string' && String(body[k]).trim() === ''));
  if (missing.length > 0) throw validationFailed(missing.map(missingField));
}

/** A text property: a string or number (Looker ids come either way) as a string; null or absent when not given. */
export function text(body: WriteBody, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw validationFailed([invalidValue(key, 'must be a string')]);
}

/** A boolean property; undefined when not given. */
export function flag(body: WriteBody, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  throw validationFailed([invalidValue(key, 'must be a boolean')]);
}

/** An integer property; undefined when not given. */
export function integer(body: WriteBody, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n)) return n;
  throw validationFailed([invalidValue(key, 'must be an integer')]);
}

/** An object property; undefined when not given. */
export function object(body: WriteBody, key: string): WriteBody | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value as WriteBody;
  throw validationFailed([invalidValue(key, 'must be an object')]);
}
