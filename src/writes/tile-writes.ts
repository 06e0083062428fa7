import type { IDashboardElement, IWriteDashboardElement, IWriteQuery } from '@looker/sdk';
import type { Context } from '../context/context';
import type {
  AddDashboardTileInput,
  TileFilterListenInput,
  TileLayoutInput,
  UpdateDashboardTileInput,
} from '../generated/resolvers-types';
import { badUserInput, boundedText, contentId } from '../input/arguments';
import { activeLayout } from '../input/dashboard-tile';
import { writeQuery } from '../input/query-input';
import {
  idempotencyKey,
  maxTileListens,
  maxVisConfigLength,
  writeList,
  writeTitle,
  writeVisConfig,
} from '../input/write-bounds';
import { currentDashboard, dashboardChange } from './dashboard-writes';
import { guardedWrite, type WriteOutcome } from './guarded-write';
import { checkQueryFields } from './query-check';
import { nullIfNotFound, requireFound } from './write-values';

/** A tile write's answer: the element as Looker answered (null once removed) and its dashboard's id. */
export interface TileWritten {
  readonly element: IDashboardElement | null;
  readonly dashboardId: string;
}

function layoutOf(argumentName: string, layout: TileLayoutInput | null | undefined) {
  if (!layout) return undefined;
  const { row, column, width, height } = layout;
  if (
    row < 0 ||
    column < 0 ||
    column > 23 ||
    width < 1 ||
    width > 24 ||
    column + width > 24 ||
    height < 1 ||
    height > 100
  )
    throw badUserInput(
      argumentName,
      `Argument "${argumentName}" must fit the 24-column grid: row ≥ 0, column 0–23, width 1–24 with column + width ≤ 24, height 1–100.`,
    );
  return { row, column, width, height };
}

function listensOf(argumentName: string, listens: readonly TileFilterListenInput[] | null | undefined) {
  return writeList(argumentName, listens, maxTileListens).map((l, i) => ({
    dashboard_filter_name: boundedText(`${argumentName}[${i}].filterName`, l.filterName, 255),
    field: boundedText(`${argumentName}[${i}].field`, l.field, 300),
  }));
}

/** The names of a dashboard's filters, which a tile may listen to (1 call). */
async function filterNames(ctx: Context, dashboardId: string): Promise<Set<string>> {
  const filters = await ctx.looker.read('dashboard_dashboard_filters', (sdk, settings) =>
    sdk.dashboard_dashboard_filters(dashboardId, 'name', settings),
  );
  return new Set(filters.map((f) => f.name ?? ''));
}

async function checkListens(
  ctx: Context,
  dashboardId: string,
  listens: readonly { dashboard_filter_name: string; field: string }[],
  query: IWriteQuery | undefined,
): Promise<void> {
  if (listens.length === 0) return;
  const names = await filterNames(ctx, dashboardId);
  listens.forEach((l, i) => {
    if (!names.has(l.dashboard_filter_name))
      throw badUserInput(
        `input.listensTo[${i}].filterName`,
        `Argument "input.listensTo[${i}].filterName": dashboard ${dashboardId} has no filter "${l.dashboard_filter_name}".`,
      );
  });
  if (query) await checkQueryFields(ctx, 'input.listensTo', { ...query, fields: listens.map((l) => l.field) });
}

/** Places a new or moved tile: its layout component in the dashboard's active layout (2 calls). */
async function placeTile(
  ctx: Context,
  dashboardId: string,
  elementId: string,
  layout: { row: number; column: number; width: number; height: number },
): Promise<void> {
  const dashboard = await ctx.looker.read('dashboard', (sdk, settings) =>
    sdk.dashboard(dashboardId, 'dashboard_layouts', settings),
  );
  const component = activeLayout(dashboard.dashboard_layouts)?.dashboard_layout_components?.find(
    (c) => String(c.dashboard_element_id) === elementId,
  );
  if (!component?.id) return;
  const componentId = component.id;
  await ctx.looker.write('update_dashboard_layout_component', (sdk, settings) =>
    sdk.update_dashboard_layout_component(componentId, layout, undefined, settings),
  );
}

/** The element body of a tile's query, look or text. */
function elementBody(
  input: {
    title?: string | null;
    query?: AddDashboardTileInput['query'];
    lookId?: string | null;
    bodyText?: string | null;
    visConfig?: Record<string, unknown> | null;
  },
  listens: readonly { dashboard_filter_name: string; field: string }[] | undefined,
): { body: IWriteDashboardElement; query: IWriteQuery | undefined } {
  const vis = writeVisConfig('input.visConfig', input.visConfig);
  const query = input.query ? { ...writeQuery(input.query), ...(vis && { vis_config: vis }) } : undefined;
  const body: IWriteDashboardElement = {
    ...(input.title != null && { title: writeTitle('input.title', input.title) }),
    ...(input.lookId != null && { look_id: contentId('input.lookId', input.lookId), type: 'vis' }),
    ...(input.bodyText != null && {
      body_text: boundedText('input.bodyText', input.bodyText, maxVisConfigLength),
      type: 'text',
    }),
    ...(query && { type: 'vis' }),
  };
  if (listens !== undefined || (vis && !query))
    body.result_maker = {
      ...(vis && !query && { vis_config: vis }),
      ...(listens !== undefined && {
        filterables: [{ model: query?.model ?? null, view: query?.view ?? null, listen: [...listens] }],
      }),
    };
  return { body, query };
}

/** `addDashboardTile`: create_query (query tiles), create_dashboard_element, and with a layout 2 more (3–4 calls, plus the checks' reads). */
export function addDashboardTile(ctx: Context, input: AddDashboardTileInput): Promise<WriteOutcome<TileWritten>> {
  const dashboardId = contentId('input.dashboardId', input.dashboardId);
  const kinds = [input.query, input.lookId, input.bodyText].filter((v) => v !== null && v !== undefined).length;
  if (kinds !== 1) throw badUserInput('input', 'A tile needs exactly one of "query", "lookId" and "bodyText".');
  const listens = input.listensTo ? listensOf('input.listensTo', input.listensTo) : undefined;
  const { body, query } = elementBody(input, listens);
  const layout = layoutOf('input.layout', input.layout);
  const max = ctx.writes?.maxDashboardTiles ?? 100;
  return guardedWrite(ctx, {
    mutation: 'addDashboardTile',
    dryRun: input.dryRun === true,
    idempotencyKey: idempotencyKey('input.idempotencyKey', input.idempotencyKey),
    input: { dashboardId, body, query, layout },
    async check(caller) {
      const dashboard = await currentDashboard(ctx, dashboardId, 'input.dashboardId');
      const preview = await dashboardChange(ctx, caller, dashboard, {});
      const elements = await ctx.looker.read('dashboard_dashboard_elements', (sdk, settings) =>
        sdk.dashboard_dashboard_elements(dashboardId, 'id', settings),
      );
      if (elements.length >= max)
        throw badUserInput(
          'input.dashboardId',
          `Dashboard ${dashboardId} has ${elements.length} tiles, the most a dashboard may have (${max}).`,
        );
      if (query) await checkQueryFields(ctx, 'input.query', query);
      if (input.lookId != null)
        requireFound(await ctx.loaders.look.load(String(body.look_id)), 'input.lookId', `look ${body.look_id}`);
      if (listens) await checkListens(ctx, dashboardId, listens, query);
      return {
        ...preview,
        body: { dashboard_id: dashboardId, ...body, ...(query && { query }), ...(layout && { layout }) },
        changed: { tiles_added: { old: elements.length, new: elements.length + 1 } },
      };
    },
    async write() {
      const queryId = query ? await ctx.looker.createQuery(query) : undefined;
      const element = await ctx.looker.write('create_dashboard_element', (sdk, settings) =>
        sdk.create_dashboard_element(
          { body: { ...body, dashboard_id: dashboardId, ...(queryId && { query_id: queryId }) } },
          settings,
        ),
      );
      if (layout && element.id) await placeTile(ctx, dashboardId, String(element.id), layout);
      return { element, dashboardId };
    },
    written: (t) => (t.element?.id ? [`dashboard_element:${t.element.id}`] : []),
  });
}

/** The element as it is now (one read). */
async function currentElement(ctx: Context, id: string): Promise<IDashboardElement> {
  const element = await ctx.looker
    .read('dashboard_element', (sdk, settings) => sdk.dashboard_element(id, undefined, settings))
    .catch(nullIfNotFound);
  return requireFound(element, 'id', `dashboard tile ${id}`);
}

/** The tile as it is now, for a dry run's answer. */
async function elementAsIs(ctx: Context, id: string): Promise<TileWritten> {
  const element = await currentElement(ctx, id);
  return { element, dashboardId: String(element.dashboard_id ?? '') };
}

/** `updateDashboardTile`: update_dashboard_element (1 call; +1 with a new query, +2 with a layout). */
export function updateDashboardTile(
  ctx: Context,
  idArg: string,
  input: UpdateDashboardTileInput,
  dryRun: boolean,
): Promise<WriteOutcome<TileWritten>> {
  const id = contentId('id', idArg);
  const listens = input.listensTo ? listensOf('input.listensTo', input.listensTo) : undefined;
  const { body, query } = elementBody(input, listens);
  const layout = layoutOf('input.layout', input.layout);
  let dashboardId = '';
  return guardedWrite(ctx, {
    mutation: 'updateDashboardTile',
    dryRun,
    input: { id, body, query, layout },
    async check(caller) {
      const element = await currentElement(ctx, id);
      dashboardId = String(element.dashboard_id ?? '');
      const preview = await dashboardChange(ctx, caller, await currentDashboard(ctx, dashboardId), {});
      const explore =
        query ?? (element.query?.model ? { model: element.query.model, view: element.query.view } : undefined);
      if (query) await checkQueryFields(ctx, 'input.query', query);
      if (listens) await checkListens(ctx, dashboardId, listens, explore);
      return {
        ...preview,
        body: { ...body, ...(query && { query }), ...(layout && { layout }) },
        changed: {
          ...(body.title !== undefined && { title: { old: element.title ?? null, new: body.title } }),
          ...(query && { query: { old: element.query_id ?? null, new: 'new query' } }),
          ...(layout && { layout: { old: null, new: layout } }),
        },
        resources: [...preview.resources, `dashboard_element:${id}`],
      };
    },
    async write() {
      const queryId = query ? await ctx.looker.createQuery(query) : undefined;
      const element = await ctx.looker.write('update_dashboard_element', (sdk, settings) =>
        sdk.update_dashboard_element(id, { ...body, ...(queryId && { query_id: queryId }) }, undefined, settings),
      );
      if (layout) await placeTile(ctx, dashboardId, id, layout);
      return { element, dashboardId };
    },
    current: () => elementAsIs(ctx, id),
  });
}

/** `removeDashboardTile`: delete_dashboard_element (1 call, plus the checks' reads). */
export function removeDashboardTile(ctx: Context, idArg: string, dryRun: boolean): Promise<WriteOutcome<TileWritten>> {
  const id = contentId('id', idArg);
  let dashboardId = '';
  return guardedWrite(ctx, {
    mutation: 'removeDashboardTile',
    dryRun,
    input: { id },
    async check(caller) {
      const element = await currentElement(ctx, id);
      dashboardId = String(element.dashboard_id ?? '');
      const preview = await dashboardChange(ctx, caller, await currentDashboard(ctx, dashboardId), {});
      return {
        ...preview,
        body: { id },
        changed: { tiles_removed: { old: id, new: null } },
        resources: [...preview.resources, `dashboard_element:${id}`],
      };
    },
    async write(): Promise<TileWritten> {
      await ctx.looker.write('delete_dashboard_element', (sdk, settings) => sdk.delete_dashboard_element(id, settings));
      return { element: null, dashboardId };
    },
    current: () => elementAsIs(ctx, id),
  });
}
