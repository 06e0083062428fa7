import type { ApolloClient } from '@apollo/client';
import type { Cell, JsonObject } from './json';
import { DashboardTiles, RevenueByCategory } from './operations';

/**
 * A few lines of an app on the typed operations: every value below is typed from the schema and
 * the scalar mapping in `codegen.yml`, with no cast and no `unknown`.
 */

/** A row's value for `field` when it is one value; undefined for a pivoted measure's object of values. */
export function cellOf(row: JsonObject, field: string): Cell | undefined {
  const value = row[field];
  return value === undefined || (typeof value === 'object' && value !== null) ? undefined : value;
}

/** A measure's total (`totals[field].value`, as the schema describes `QueryResult.totals`). */
export function totalOf(totals: JsonObject | null, field: string): number | undefined {
  const total = totals?.[field];
  if (typeof total !== 'object' || total === null || Array.isArray(total)) return undefined;
  return typeof total.value === 'number' ? total.value : undefined;
}

/** Revenue of one product category. */
export interface CategoryRevenue {
  readonly category: string;
  readonly revenue: number;
}

/** The top categories by revenue, and the revenue of all of them. */
export async function revenueByCategory(
  client: ApolloClient,
  limit: number,
): Promise<{ categories: CategoryRevenue[]; total: number | undefined }> {
  const { data } = await client.query({ query: RevenueByCategory, variables: { limit } });
  const result = data?.runQuery;
  if (!result) return { categories: [], total: undefined };
  const categories = result.rows.flatMap((row) => {
    const category = cellOf(row, 'products.category');
    const revenue = cellOf(row, 'order_items.total_sale_price');
    return typeof category === 'string' && typeof revenue === 'number' ? [{ category, revenue }] : [];
  });
  return { categories, total: totalOf(result.totals, 'order_items.total_sale_price') };
}

/** A dashboard's filters with their suggested values, and how many rows each tile shows for `filters`. */
export async function dashboardOverview(
  client: ApolloClient,
  id: string,
  filters: { name: string; value: string }[],
): Promise<{ filters: { name: string; suggestions: string[] }[]; tiles: { title: string; rows: number }[] }> {
  const { data } = await client.query({ query: DashboardTiles, variables: { id, filters } });
  const dashboard = data?.dashboard;
  if (!dashboard) return { filters: [], tiles: [] };
  return {
    filters: dashboard.filters.map((filter) => ({ name: filter.name, suggestions: filter.suggestions })),
    tiles: (dashboard.tiles ?? []).map((tile) => ({
      title: tile.title ?? tile.id,
      rows: tile.result?.rows.length ?? 0,
    })),
  };
}
