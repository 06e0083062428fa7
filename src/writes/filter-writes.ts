import type { IDashboardFilter } from '@looker/sdk';
import type { Context } from '../context/context';
import type { AddDashboardFilterInput, UpdateDashboardFilterInput } from '../generated/resolvers-types';
import { badUserInput, boundedText, contentId, lookmlName, maxFilterExpressionLength } from '../input/arguments';
import { idempotencyKey, writeTitle } from '../input/write-bounds';
import { currentDashboard, dashboardChange } from './dashboard-writes';
import { guardedWrite, type WriteOutcome } from './guarded-write';
import { checkQueryFields } from './query-check';
import { changes, nullIfNotFound, requireFound } from './write-values';

/** A filter write's answer: the filter and its dashboard's id. */
export interface FilterWritten {
  readonly filter: IDashboardFilter | null;
  readonly dashboardId: string;
}

/** `addDashboardFilter`: create_dashboard_filter (1 call, plus the checks' reads: the dashboard, its filters, the explore). */
export function addDashboardFilter(ctx: Context, input: AddDashboardFilterInput): Promise<WriteOutcome<FilterWritten>> {
  const dashboardId = contentId('input.dashboardId', input.dashboardId);
  const name = writeTitle('input.name', input.name);
  const title = writeTitle('input.title', input.title);
  const onField = [input.model, input.explore, input.field].filter((v) => v != null).length;
  if (onField !== 0 && onField !== 3)
    throw badUserInput(
      'input.field',
      'A field filter needs all of "model", "explore" and "field"; a filter on no field none of them.',
    );
  const body: {
    dashboard_id: string;
    name: string;
    title: string;
    type: string;
    default_value?: string;
    model?: string;
    explore?: string;
    dimension?: string;
  } = {
    dashboard_id: dashboardId,
    name,
    title,
    type: onField === 3 ? 'field_filter' : 'string_filter',
    ...(input.defaultValue != null && {
      default_value: boundedText('input.defaultValue', input.defaultValue, maxFilterExpressionLength),
    }),
    ...(onField === 3 && {
      model: lookmlName('input.model', input.model ?? ''),
      explore: lookmlName('input.explore', input.explore ?? ''),
      dimension: boundedText('input.field', input.field ?? '', 300),
    }),
  };
  return guardedWrite(ctx, {
    mutation: 'addDashboardFilter',
    dryRun: input.dryRun === true,
    idempotencyKey: idempotencyKey('input.idempotencyKey', input.idempotencyKey),
    input: body,
    async check(caller) {
      const preview = await dashboardChange(
        ctx,
        caller,
        await currentDashboard(ctx, dashboardId, 'input.dashboardId'),
        {},
      );
      const existing = await ctx.looker.read('dashboard_dashboard_filters', (sdk, settings) =>
        sdk.dashboard_dashboard_filters(dashboardId, 'name', settings),
      );
      if (existing.some((f) => f.name === name))
        throw badUserInput('input.name', `Dashboard ${dashboardId} already has a filter named "${name}".`);
      if (body.dimension !== undefined)
        await checkQueryFields(ctx, 'input', {
          model: body.model ?? '',
          view: body.explore ?? '',
          fields: [body.dimension],
        });
      return { ...preview, body, changed: { filters_added: { old: null, new: name } } };
    },
    async write() {
      const filter = await ctx.looker.write('create_dashboard_filter', (sdk, settings) =>
        sdk.create_dashboard_filter(body, undefined, settings),
      );
      return { filter, dashboardId };
    },
    written: (f) => (f.filter?.id ? [`dashboard_filter:${f.filter.id}`] : []),
  });
}

async function currentFilter(ctx: Context, id: string): Promise<IDashboardFilter> {
  const filter = await ctx.looker
    .read('dashboard_filter', (sdk, settings) => sdk.dashboard_filter(id, undefined, settings))
    .catch(nullIfNotFound);
  return requireFound(filter, 'id', `dashboard filter ${id}`);
}

/** The filter as it is now, for a dry run's answer. */
async function filterAsIs(ctx: Context, id: string): Promise<FilterWritten> {
  const filter = await currentFilter(ctx, id);
  return { filter, dashboardId: String(filter.dashboard_id ?? '') };
}

/** `updateDashboardFilter`: update_dashboard_filter (1 call, plus reading the filter and its dashboard). */
export function updateDashboardFilter(
  ctx: Context,
  idArg: string,
  input: UpdateDashboardFilterInput,
  dryRun: boolean,
): Promise<WriteOutcome<FilterWritten>> {
  const id = contentId('id', idArg);
  const body = {
    ...(input.title != null && { title: writeTitle('input.title', input.title) }),
    ...(input.defaultValue != null && {
      default_value: boundedText('input.defaultValue', input.defaultValue, maxFilterExpressionLength),
    }),
  };
  let dashboardId = '';
  return guardedWrite(ctx, {
    mutation: 'updateDashboardFilter',
    dryRun,
    input: { id, body },
    async check(caller) {
      const filter = await currentFilter(ctx, id);
      dashboardId = String(filter.dashboard_id ?? '');
      const preview = await dashboardChange(ctx, caller, await currentDashboard(ctx, dashboardId), {});
      return {
        ...preview,
        body,
        changed: changes({
          title: [filter.title, body.title],
          default_value: [filter.default_value, body.default_value],
        }),
        resources: [...preview.resources, `dashboard_filter:${id}`],
      };
    },
    async write() {
      const filter = await ctx.looker.write('update_dashboard_filter', (sdk, settings) =>
        sdk.update_dashboard_filter(id, body, undefined, settings),
      );
      return { filter, dashboardId };
    },
    current: () => filterAsIs(ctx, id),
  });
}

/** `removeDashboardFilter`: delete_dashboard_filter (1 call, plus reading the filter and its dashboard). */
export function removeDashboardFilter(
  ctx: Context,
  idArg: string,
  dryRun: boolean,
): Promise<WriteOutcome<FilterWritten>> {
  const id = contentId('id', idArg);
  let dashboardId = '';
  return guardedWrite(ctx, {
    mutation: 'removeDashboardFilter',
    dryRun,
    input: { id },
    async check(caller) {
      const filter = await currentFilter(ctx, id);
      dashboardId = String(filter.dashboard_id ?? '');
      const preview = await dashboardChange(ctx, caller, await currentDashboard(ctx, dashboardId), {});
      return {
        ...preview,
        body: { id },
        changed: { filters_removed: { old: filter.name ?? id, new: null } },
        resources: [...preview.resources, `dashboard_filter:${id}`],
      };
    },
    async write(): Promise<FilterWritten> {
      await ctx.looker.write('delete_dashboard_filter', (sdk, settings) => sdk.delete_dashboard_filter(id, settings));
      return { filter: null, dashboardId };
    },
    current: () => filterAsIs(ctx, id),
  });
}
