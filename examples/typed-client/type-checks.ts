import type { DashboardTilesQuery, DashboardTilesQueryVariables, RevenueByCategoryQuery } from './generated/graphql';

/**
 * Compile-time checks of the generated types (`npm run typecheck`): each line fails to compile when
 * its type is `unknown` or `any`, e.g. after a scalar mapping is lost from `codegen.yml`.
 */

/** `true` for `unknown` and `any` only: what a typed client must not be handed. */
type Vague<T> = unknown extends T ? true : false;

type Result = NonNullable<RevenueByCategoryQuery['runQuery']>;
type Dashboard = NonNullable<DashboardTilesQuery['dashboard']>;
type TileResult = NonNullable<NonNullable<Dashboard['tiles']>[number]['result']>;
type FilterValue = Extract<NonNullable<DashboardTilesQueryVariables['filters']>, readonly unknown[]>[number];

/** Every entry must be `false`: the field has a type a client can use. */
export const noVagueTypes: {
  rows: Vague<Result['rows'][number]>;
  rowValue: Vague<Result['rows'][number][string]>;
  totals: Vague<Result['totals']>;
  tileRows: Vague<TileResult['rows'][number]>;
  tileTotals: Vague<TileResult['totals']>;
  filterValue: Vague<FilterValue['value']>;
  suggestions: Vague<Dashboard['filters'][number]['suggestions'][number]>;
  updatedAt: Vague<Dashboard['updatedAt']>;
} = {
  rows: false,
  rowValue: false,
  totals: false,
  tileRows: false,
  tileTotals: false,
  filterValue: false,
  suggestions: false,
  updatedAt: false,
};
