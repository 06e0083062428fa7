import { createHash } from 'node:crypto';
import type { QueryRequest } from '../engine/types';

/** A stored, immutable query: Looker never changes or deletes a query once created. */
export interface StoredQuery {
  id: string;
  request: NormalizedQuery;
  /** Visualization type recorded when the query was first created. */
  vis: string | null;
  /** The whole `vis_config` the query was created with, when it was given. */
  visConfig: Record<string, unknown> | null;
  slug: string;
  clientId: string;
}

/** A query with every optional part made explicit, so equal queries compare equal. */
export interface NormalizedQuery {
  model: string;
  view: string;
  fields: string[];
  filters: Record<string, string>;
  sorts: string[];
  limit: string | null;
  pivots: string[] | null;
  dynamic_fields: string | null;
  column_limit: string | null;
  fill_fields: string[] | null;
  filter_expression: string | null;
  total: boolean;
  row_total: string | null;
  subtotals: string[] | null;
  query_timezone: string | null;
}

/** An optional text property: absent and empty are both null. */
function optionalText(value: string | number | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : String(value);
}

/** An optional list property: absent and empty are both null. */
function optionalList(value: readonly string[] | null | undefined): string[] | null {
  return value && value.length > 0 ? [...value] : null;
}

/** Base-62 text of a hash: Looker's slugs and client ids are short alphanumeric strings. */
function base62(seed: string, length: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; out.length < length; i++) out += alphabet[(digest[i % digest.length] ?? 0) % 62];
  return out;
}

/** Normalizes a query request: empty filters/sorts become `{}`/`[]`, limits become strings. */
export function normalizeQuery(q: QueryRequest): NormalizedQuery {
  const filters: Record<string, string> = {};
  for (const key of Object.keys(q.filters ?? {}).sort()) {
    const value = q.filters?.[key];
    if (value !== undefined && value !== null) filters[key] = String(value);
  }
  const pivots = q.pivots && q.pivots.length > 0 ? [...q.pivots] : null;
  const limit = q.limit === undefined || q.limit === null || q.limit === '' ? null : String(q.limit);
  return {
    model: q.model,
    view: q.view,
    fields: [...(q.fields ?? [])],
    filters,
    sorts: [...(q.sorts ?? [])],
    limit,
    pivots,
    dynamic_fields: optionalText(q.dynamic_fields),
    column_limit: optionalText(q.column_limit),
    fill_fields: optionalList(q.fill_fields),
    filter_expression: optionalText(q.filter_expression),
    total: q.total === true,
    row_total: optionalText(q.row_total),
    subtotals: optionalList(q.subtotals),
    query_timezone: optionalText(q.query_timezone),
  };
}

/** The identity of a query: Looker answers an identical create with the existing query. */
function identity(q: NormalizedQuery): string {
  const { model, view, fields, filters, sorts, limit, pivots, ...rest } = q;
  const base = [model, view, fields, Object.entries(filters), sorts, limit, pivots];
  // Queries without the later properties keep the identity (and so the slug) they always had.
  const extras = Object.entries(rest).filter(([, value]) => value !== null && value !== false);
  return JSON.stringify(extras.length > 0 ? [...base, extras] : base);
}

/**
 * Looker's query table: ids are sequential numeric strings; creating a query identical to an
 * existing one (same model, view, fields, filters, sorts, limit, pivots and every other property
 * that decides its result) returns the existing one.
 */
export class QueryStore {
  private readonly byId = new Map<string, StoredQuery>();
  private readonly byIdentity = new Map<string, StoredQuery>();

  /** Creates the query, or returns the identical one created before. */
  create(
    request: QueryRequest,
    vis: string | null = null,
    visConfig: Record<string, unknown> | null = null,
  ): StoredQuery {
    const normalized = normalizeQuery(request);
    // The visualization does not make a query different (the first one created is kept).
    const key = identity(normalized);
    const existing = this.byIdentity.get(key);
    if (existing) return existing;
    const id = String(this.byId.size + 1);
    const stored: StoredQuery = {
      id,
      request: normalized,
      vis,
      visConfig,
      slug: base62(`slug:${key}`, 7),
      clientId: base62(`client:${key}`, 22),
    };
    this.byId.set(id, stored);
    this.byIdentity.set(key, stored);
    return stored;
  }

  /** A query by id, or undefined. */
  get(id: string): StoredQuery | undefined {
    return this.byId.get(id);
  }

  /** A query by slug, or undefined. */
  bySlug(slug: string): StoredQuery | undefined {
    return [...this.byId.values()].find((q) => q.slug === slug);
  }

  /** Number of stored queries. */
  get size(): number {
    return this.byId.size;
  }
}
