import type { QueryRequest } from '../engine/types';
import type { SavedQueryDef } from './types';

/** Optional parts of a saved query. */
interface QueryParts {
  filters?: Record<string, string>;
  sorts?: string[];
  limit?: string;
  pivots?: string[];
  vis?: string;
  /** Properties beyond the basic ones: custom fields, totals, column limit, time zone. */
  more?: Pick<
    QueryRequest,
    | 'dynamic_fields'
    | 'column_limit'
    | 'fill_fields'
    | 'filter_expression'
    | 'total'
    | 'row_total'
    | 'subtotals'
    | 'query_timezone'
  >;
}

/** A saved query on the `ecommerce::order_items` explore. */
export function sales(fields: string[], parts: QueryParts = {}): SavedQueryDef {
  return saved('ecommerce', 'order_items', fields, parts);
}

/** A saved query on the `ecommerce::users` explore. */
export function customers(fields: string[], parts: QueryParts = {}): SavedQueryDef {
  return saved('ecommerce', 'users', fields, parts);
}

/** A saved query on the `inventory::inventory_items` explore. */
export function stock(fields: string[], parts: QueryParts = {}): SavedQueryDef {
  return saved('inventory', 'inventory_items', fields, parts);
}

/** A saved query on the `inventory::products` explore. */
export function catalogue(fields: string[], parts: QueryParts = {}): SavedQueryDef {
  return saved('inventory', 'products', fields, parts);
}

/** Looker stores a default limit of 500 on saved queries; keep that so queries look the same. */
function saved(model: string, view: string, fields: string[], parts: QueryParts): SavedQueryDef {
  return {
    model,
    view,
    fields,
    filters: parts.filters ?? {},
    sorts: parts.sorts ?? [],
    limit: parts.limit ?? '500',
    pivots: parts.pivots ?? null,
    vis: parts.vis ?? 'table',
    ...(parts.more ?? {}),
  };
}
