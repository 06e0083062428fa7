import type { Request } from 'express';
import { ApiError } from './errors';

/** Reads Looker's query-string parameters the way Looker does: strings, integers, booleans, lists. */
export class Params {
  constructor(private readonly query: Readonly<Record<string, unknown>>) {}

  /** Parameters of a request's query string. */
  static of(req: Request): Params {
    return new Params(req.query as Record<string, unknown>);
  }

  /** A string parameter; a repeated parameter is read as its comma-joined values. */
  string(name: string): string | undefined {
    const raw = this.query[name];
    if (typeof raw === 'string') return raw;
    if (Array.isArray(raw)) return raw.filter((v): v is string => typeof v === 'string').join(',');
    return undefined;
  }

  /** An integer parameter; anything else answers 400 as Looker does. */
  int(name: string): number | undefined {
    const text = this.string(name);
    if (text === undefined || text === '') return undefined;
    if (!/^-?\d+$/.test(text.trim())) throw new ApiError(400, `Invalid value for ${name}: must be an integer`);
    return Number(text);
  }

  /** A boolean parameter ("true"/"false"). */
  bool(name: string): boolean | undefined {
    const text = this.string(name);
    if (text === undefined || text === '') return undefined;
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new ApiError(400, `Invalid value for ${name}: must be true or false`);
  }

  /** A comma-separated list parameter (the SDK sends `DelimArray`s this way). */
  list(name: string): string[] | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    return text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  /** An accessor for the search helpers. */
  get reader(): (name: string) => string | undefined {
    return (name) => this.string(name);
  }
}
