import type { MutationResolvers } from '../src/generated/resolvers-types';
import { unknownExploreAsBadInput, writeQuery } from '../src/input/query-input';
import { cancelQueryTask, startQueryTask } from '../src/query-tasks';
import * as writes from '../src/writes';

/** Root mutations: async queries, started and cancelled by their owner; and writes, each through `guardedWrite`. */
export const Mutation: MutationResolvers = {
  startQuery: (_parent, { input }, ctx) =>
    startQueryTask(ctx, writeQuery(input)).catch(unknownExploreAsBadInput(input)),

  cancelQueryTask: (_parent, { id }, ctx) => cancelQueryTask(ctx, id),

  createLook: (_parent, { input }, ctx) => writes.createLook(ctx, input),
  updateLook: (_parent, { id, input, dryRun }, ctx) => writes.updateLook(ctx, id, input, dryRun === true),
  deleteLook: (_parent, { id, dryRun }, ctx) => writes.setLookDeleted(ctx, id, true, dryRun === true),
  restoreLook: (_parent, { id, dryRun }, ctx) => writes.setLookDeleted(ctx, id, false, dryRun === true),

  createDashboard: (_parent, { input }, ctx) => writes.createDashboard(ctx, input),
  updateDashboard: (_parent, { id, input, dryRun }, ctx) => writes.updateDashboard(ctx, id, input, dryRun === true),
  deleteDashboard: (_parent, { id, dryRun }, ctx) => writes.setDashboardDeleted(ctx, id, true, dryRun === true),
  restoreDashboard: (_parent, { id, dryRun }, ctx) => writes.setDashboardDeleted(ctx, id, false, dryRun === true),

  addDashboardTile: (_parent, { input }, ctx) => writes.addDashboardTile(ctx, input),
  updateDashboardTile: (_parent, { id, input, dryRun }, ctx) =>
    writes.updateDashboardTile(ctx, id, input, dryRun === true),
  removeDashboardTile: (_parent, { id, dryRun }, ctx) => writes.removeDashboardTile(ctx, id, dryRun === true),

  addDashboardFilter: (_parent, { input }, ctx) => writes.addDashboardFilter(ctx, input),
  updateDashboardFilter: (_parent, { id, input, dryRun }, ctx) =>
    writes.updateDashboardFilter(ctx, id, input, dryRun === true),
  removeDashboardFilter: (_parent, { id, dryRun }, ctx) => writes.removeDashboardFilter(ctx, id, dryRun === true),

  setFavorite: (_parent, { input }, ctx) => writes.setFavorite(ctx, input),

  createSchedule: (_parent, { input }, ctx) => writes.createSchedule(ctx, input),
  updateSchedule: (_parent, { id, input, dryRun }, ctx) => writes.updateSchedule(ctx, id, input, dryRun === true),
  deleteSchedule: (_parent, { id, dryRun }, ctx) => writes.deleteSchedule(ctx, id, dryRun === true),
  runScheduleOnce: (_parent, { id, dryRun, idempotencyKey }, ctx) =>
    writes.runScheduleOnce(ctx, id, dryRun === true, idempotencyKey),
};
