import { createHash } from 'node:crypto';
import type { QueryRequest } from '../engine/types';

/** A stored, immutable query: Looker never changes or deletes a query once created. */
export interface StoredQuery {
  id: string;
  request: NormalizedQuery;
  /** Visualization type recorded when the query was first created. */
  vis: string | null;
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
  return { model: q.model, view: q.view, fields: [...(q.fields ?? [])], filters, sorts: [...(q.sorts ?? [])], limit, pivots };
}

/** The identity of a query: Looker answers an identical create with the existing query. */
function identity(q: NormalizedQuery): string {
  return JSON.stringify([q.model, q.view, q.fields, Object.entries(q.filters), q.sorts, q.limit, q.pivots]);
}

/**
 * Looker's query table: ids are sequential numeric strings; creating a query identical to an
 * existing one (same model, view, fields, filters, sorts, limit, pivots) returns the existing one.
 */
export class QueryStore {
  private readonly byId = new Map<string, StoredQuery>();
  private readonly byIdentity = new Map<string, StoredQuery>();

  /** Creates the query, or returns the identical one created before. */
  create(request: QueryRequest, vis: string | null = null): StoredQuery {
    const normalized = normalizeQuery(request);
    const key = identity(normalized);
    const existing = this.byIdentity.get(key);
    if (existing) return existing;
    const id = String(this.byId.size + 1);
    const stored: StoredQuery = { id, request: normalized, vis, slug: base62(`slug:${key}`, 7), clientId: base62(`client:${key}`, 22) };
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
