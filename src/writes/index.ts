/** Writes: looks, dashboards, tiles, filters, favorites and schedules, each run through `guardedWrite`'s guardrails. */
export { createDashboard, setDashboardDeleted, updateDashboard } from './dashboard-writes';
export { setFavorite, type FavoriteWritten } from './favorite-writes';
export { addDashboardFilter, removeDashboardFilter, updateDashboardFilter, type FilterWritten } from './filter-writes';
export {
  guardedWrite,
  type WriteChangeView,
  type WriteOutcome,
  type WritePlan,
  type WritePreview,
} from './guarded-write';
export { IdempotencyStore } from './idempotency-store';
export { createLook, setLookDeleted, updateLook } from './look-writes';
export { createSchedule, deleteSchedule, runScheduleOnce, updateSchedule } from './schedule-writes';
export { addDashboardTile, removeDashboardTile, updateDashboardTile, type TileWritten } from './tile-writes';

import type { IDashboard, ILook, IScheduledPlan } from '@looker/sdk';
import type { FavoriteWritten } from './favorite-writes';
import type { FilterWritten } from './filter-writes';
import type { WriteOutcome } from './guarded-write';
import type { TileWritten } from './tile-writes';

/** What each payload type of the schema is made from (codegen's mappers). */
export type LookOutcome = WriteOutcome<ILook>;
export type DashboardOutcome = WriteOutcome<IDashboard>;
export type TileOutcome = WriteOutcome<TileWritten>;
export type FilterOutcome = WriteOutcome<FilterWritten>;
export type FavoriteOutcome = WriteOutcome<FavoriteWritten>;
export type ScheduleOutcome = WriteOutcome<IScheduledPlan>;
