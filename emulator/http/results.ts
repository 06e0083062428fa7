import type { Response } from 'express';
import type { BinaryRenderedResult, RenderedResult, RenderOptions, ResultFormat } from '../engine/types';
import { ApiError } from './errors';
import type { Params } from './params';

/** Result formats the emulator renders (a subset of Looker's). */
const FORMATS: readonly ResultFormat[] = [
  'json',
  'json_bi',
  'json_detail',
  'json_label',
  'csv',
  'xlsx',
  'sql',
  'txt',
  'md',
];

/** Formats whose body is JSON: the SDK parses a body only when it is labelled `application/json`. */
const JSON_FORMATS: readonly ResultFormat[] = ['json', 'json_bi', 'json_detail', 'json_label'];

/** Validates a `result_format`; formats the emulator does not render answer 400. */
export function parseResultFormat(text: string): ResultFormat {
  const format = FORMATS.find((f) => f === text);
  if (!format)
    throw new ApiError(400, `Unsupported result format: ${text}. The emulator renders ${FORMATS.join(', ')}.`);
  return format;
}

/** The content type to answer a rendered result with. */
export function resultContentType(format: ResultFormat, rendered: RenderedResult | BinaryRenderedResult): string {
  return JSON_FORMATS.includes(format) ? 'application/json' : rendered.contentType;
}

/** Sends a rendered result with its content type. */
export function sendResult(
  res: Response,
  format: ResultFormat,
  rendered: RenderedResult | BinaryRenderedResult,
  status = 200,
): void {
  res.status(status).set('Content-Type', resultContentType(format, rendered)).send(rendered.body);
}

/** A rendered result as a value inside a JSON answer (parsed when JSON, else the text). */
export function resultValue(format: ResultFormat, rendered: RenderedResult | BinaryRenderedResult): unknown {
  // Binary formats (xlsx) inside JSON: base64, the only way bytes fit (a guess, see the README).
  if (typeof rendered.body !== 'string') return rendered.body.toString('base64');
  if (!JSON_FORMATS.includes(format)) return rendered.body;
  try {
    return JSON.parse(rendered.body) as unknown;
  } catch {
    return rendered.body;
  }
}

/**
 * The run parameters the emulator honours, from a run's query string (`run_query`,
 * `run_inline_query`, `run_look`, `create_query_task`): `limit`, `generate_drill_links` (json_detail
 * drill links, on unless `false`, as Looker's default) and `server_table_calcs` (`false` leaves
 * table calculations out). `cache` is recorded in `/__emulator/requests`; results are never cached.
 */
export function runOptionsOf(params: Params): RenderOptions {
  const limit = params.int('limit');
  const drillLinks = params.bool('generate_drill_links');
  const serverTableCalcs = params.bool('server_table_calcs');
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(drillLinks !== undefined ? { drillLinks } : {}),
    ...(serverTableCalcs !== undefined ? { serverTableCalcs } : {}),
  };
}
