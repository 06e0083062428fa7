import type { IScheduledPlan, IScheduledPlanDestination, IUserPublic } from '@looker/sdk';
import { publicUser } from '../../access/user-view';
import { findUser, type UserDef } from '../../access/users';
import type { StoredPlan } from '../../content/schedule-store';
import type { ApiRoutes, RouteContext } from '../api-router';
import { sendJson } from '../api-router';
import { ApiError, notFound, validationFailed, type ErrorDetail } from '../errors';
import { given, invalidValue, missingField, writeBody, type WriteBody } from '../write-body';
import { requireDashboard, requireLook } from './content-access';
import { requireQuery } from './query-routes';

/** The `ScheduledPlan` properties a client writes (the spec's, less the read-only ones). */
const WRITABLE = [
  'name',
  'user_id',
  'run_as_recipient',
  'enabled',
  'look_id',
  'dashboard_id',
  'lookml_dashboard_id',
  'filters_string',
  'dashboard_filters',
  'require_results',
  'require_no_results',
  'require_change',
  'send_all_results',
  'crontab',
  'datagroup',
  'timezone',
  'scheduled_plan_destination',
  'run_once',
  'include_links',
  'include_dashboard_summary',
  'custom_url_base',
  'custom_url_params',
  'custom_url_label',
  'show_custom_url',
  'pdf_paper_size',
  'pdf_landscape',
  'embed',
  'color_theme',
  'long_tables',
  'pdf_page_breaks',
  'tab_ids',
  'inline_table_width',
  'query_id',
] as const;

/** The writable `ScheduledPlanDestination` properties. */
const DESTINATION_WRITABLE = [
  'id',
  'format',
  'apply_formatting',
  'apply_vis',
  'address',
  'type',
  'parameters',
  'secret_parameters',
  'message',
] as const;

/** Destination types the spec names. */
const DESTINATION_TYPES = ['email', 'webhook', 's3', 'sftp'];

/** What a plan may deliver: one of these ids. */
const SOURCES = ['look_id', 'dashboard_id', 'lookml_dashboard_id', 'query_id'] as const;

/** Picks the listed keys a body gives. */
function pick(body: WriteBody, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}

/** The writable part of a body, destinations included; ids written as numbers become strings. */
function writable(body: WriteBody): IScheduledPlan {
  const plan = pick(body, WRITABLE);
  for (const key of ['user_id', ...SOURCES]) if (typeof plan[key] === 'number') plan[key] = String(plan[key]);
  const destinations = body.scheduled_plan_destination;
  if (Array.isArray(destinations))
    plan.scheduled_plan_destination = destinations.map((d: unknown) =>
      d && typeof d === 'object' && !Array.isArray(d) ? pick(d as WriteBody, DESTINATION_WRITABLE) : {},
    );
  return plan as IScheduledPlan;
}

/** A crontab of five fields (minute hour day month weekday), as Looker's Vixie-style specification. */
function validCrontab(crontab: string): boolean {
  return /^\s*(\S+\s+){4}\S+\s*$/.test(crontab);
}

/**
 * Looker's rules for a plan (the spec's `create_scheduled_plan`): a `name`; exactly one of
 * `look_id`, `dashboard_id`, `lookml_dashboard_id`, `query_id`; a `crontab` or a `datagroup` (not
 * both); at least one destination with a `format`, an `address` and a known `type`.
 */
function validatePlan(plan: IScheduledPlan): void {
  const body = plan as WriteBody;
  const problems: ErrorDetail[] = [];
  if (!given(body, 'name') || String(plan.name).trim() === '') problems.push(missingField('name'));
  const sources = SOURCES.filter((k) => given(body, k));
  if (sources.length === 0) problems.push(missingField('look_id'));
  if (sources.length > 1) problems.push(invalidValue(sources[1] ?? 'look_id', `cannot be set with ${sources[0]}`));
  const hasCron = given(body, 'crontab') && String(plan.crontab).trim() !== '';
  const hasDatagroup = given(body, 'datagroup') && String(plan.datagroup).trim() !== '';
  if (!hasCron && !hasDatagroup && plan.run_once !== true) problems.push(missingField('crontab'));
  if (hasCron && hasDatagroup) problems.push(invalidValue('datagroup', 'cannot be used with crontab'));
  if (hasCron && !validCrontab(String(plan.crontab))) problems.push(invalidValue('crontab', 'is not a valid crontab'));
  const destinations: IScheduledPlanDestination[] = plan.scheduled_plan_destination ?? [];
  if (destinations.length === 0) problems.push(missingField('scheduled_plan_destination'));
  for (const d of destinations) {
    if (!d.format) problems.push(missingField('scheduled_plan_destination.format'));
    if (!d.address) problems.push(missingField('scheduled_plan_destination.address'));
    if (!d.type) problems.push(missingField('scheduled_plan_destination.type'));
    else if (!DESTINATION_TYPES.includes(d.type))
      problems.push(invalidValue('scheduled_plan_destination.type', `must be one of ${DESTINATION_TYPES.join(', ')}`));
  }
  if (problems.length > 0) throw validationFailed(problems);
}

/**
 * Checks what a plan names and whom it is for: the content must be visible to the caller (404);
 * a plan for another user is an admin's to make (the spec: "Non-admin users may not create or
 * modify scheduled plans by or for other users"), 403 for others. Answers the plan's title.
 */
function checkPlan(ctx: RouteContext, plan: IScheduledPlan): string | null {
  const owner = plan.user_id ?? ctx.caller.user.id;
  if (owner !== ctx.caller.user.id) {
    if (!ctx.caller.policy.isAdmin) throw new ApiError(403);
    if (!findUser(owner)) throw validationFailed([invalidValue('user_id', 'is not a user')]);
  }
  if (plan.look_id) return requireLook(ctx, plan.look_id).def.title;
  if (plan.dashboard_id) return requireDashboard(ctx, plan.dashboard_id).def.title;
  if (plan.lookml_dashboard_id) return requireDashboard(ctx, plan.lookml_dashboard_id).def.title;
  if (plan.query_id) requireQuery(ctx, plan.query_id);
  return null;
}

/** The owner in Looker's `UserPublic` shape (its names are never null). */
function userPublic(owner: UserDef, webUrl: string): IUserPublic {
  const u = publicUser(owner, webUrl);
  return {
    can: u.can ?? {},
    id: owner.id,
    first_name: owner.firstName,
    last_name: owner.lastName,
    display_name: u.display_name ?? undefined,
    avatar_url: u.avatar_url ?? undefined,
    url: u.url ?? undefined,
  };
}

/** The plan in Looker's `ScheduledPlan` shape; destinations never show their `secret_parameters`. */
function scheduledPlan(ctx: RouteContext, stored: StoredPlan): IScheduledPlan {
  const p = stored.plan;
  const ownerId = p.user_id ?? ctx.caller.user.id;
  const owner = findUser(ownerId);
  const { content } = ctx.services;
  const title =
    (p.look_id ? content.look(p.look_id)?.def.title : undefined) ??
    (p.dashboard_id ? content.dashboard(p.dashboard_id)?.def.title : undefined) ??
    (p.lookml_dashboard_id ? content.dashboard(p.lookml_dashboard_id)?.def.title : undefined) ??
    null;
  return {
    name: p.name ?? null,
    user_id: ownerId,
    run_as_recipient: p.run_as_recipient ?? false,
    enabled: p.enabled ?? true,
    look_id: p.look_id ?? null,
    dashboard_id: p.dashboard_id ?? null,
    lookml_dashboard_id: p.lookml_dashboard_id ?? null,
    filters_string: p.filters_string ?? p.dashboard_filters ?? null,
    dashboard_filters: p.filters_string ?? p.dashboard_filters ?? null,
    require_results: p.require_results ?? false,
    require_no_results: p.require_no_results ?? false,
    require_change: p.require_change ?? false,
    send_all_results: p.send_all_results ?? false,
    crontab: p.crontab ?? null,
    datagroup: p.datagroup ?? null,
    timezone: p.timezone ?? null,
    query_id: p.query_id ?? null,
    scheduled_plan_destination: (p.scheduled_plan_destination ?? []).map(({ secret_parameters: _secret, ...d }) => ({
      id: d.id,
      scheduled_plan_id: stored.id,
      format: d.format ?? null,
      apply_formatting: d.apply_formatting ?? false,
      apply_vis: d.apply_vis ?? false,
      address: d.address ?? null,
      looker_recipient: false,
      type: d.type ?? null,
      parameters: d.parameters ?? null,
      message: d.message ?? null,
    })),
    run_once: p.run_once ?? false,
    include_links: p.include_links ?? false,
    include_dashboard_summary: p.include_dashboard_summary ?? false,
    custom_url_base: p.custom_url_base ?? null,
    custom_url_params: p.custom_url_params ?? null,
    custom_url_label: p.custom_url_label ?? null,
    show_custom_url: p.show_custom_url ?? false,
    pdf_paper_size: p.pdf_paper_size ?? null,
    pdf_landscape: p.pdf_landscape ?? false,
    embed: p.embed ?? false,
    color_theme: p.color_theme ?? null,
    long_tables: p.long_tables ?? false,
    pdf_page_breaks: p.pdf_page_breaks ?? false,
    tab_ids: p.tab_ids ?? null,
    inline_table_width: p.inline_table_width ?? null,
    id: stored.id,
    created_at: stored.createdAt,
    updated_at: stored.updatedAt,
    title,
    ...(owner ? { user: userPublic(owner, ctx.services.webUrl()) } : {}),
    next_run_at: null,
    last_run_at: stored.lastRunAt,
    can: { show: true, update: true, destroy: true, run_once: true },
  };
}

/** A plan the caller may see (their own; an admin sees all), or 404. */
function requirePlan(ctx: RouteContext, id: string): StoredPlan {
  const found = ctx.services.schedules.get(id);
  if (!found) throw notFound();
  if (!ctx.caller.policy.isAdmin && (found.plan.user_id ?? ctx.caller.user.id) !== ctx.caller.user.id) throw notFound();
  return found;
}

/** A plan ready to store: validated, its content checked, its owner set. */
function acceptPlan(ctx: RouteContext, plan: IScheduledPlan): IScheduledPlan {
  validatePlan(plan);
  checkPlan(ctx, plan);
  return { ...plan, user_id: plan.user_id ?? ctx.caller.user.id };
}

/**
 * Scheduled plans: create, read, list, update, delete, and `run_once` (which records one delivery
 * per destination; nothing runs on a schedule).
 */
export function registerScheduledPlanRoutes(api: ApiRoutes): void {
  api.post('/scheduled_plans', (ctx) => {
    const plan = acceptPlan(ctx, writable(writeBody(ctx.req.body)));
    sendJson(ctx, scheduledPlan(ctx, ctx.services.schedules.create(plan)));
  });

  api.get('/scheduled_plans', (ctx) => {
    const admin = ctx.caller.policy.isAdmin;
    const wanted = admin ? ctx.params.string('user_id') : undefined;
    const all = admin && ctx.params.bool('all_users') === true;
    const plans = ctx.services.schedules
      .all()
      .filter((p) => all || (p.plan.user_id ?? '') === (wanted ?? ctx.caller.user.id));
    sendJson(
      ctx,
      plans.map((p) => scheduledPlan(ctx, p)),
    );
  });

  api.get('/scheduled_plans/:scheduled_plan_id', (ctx) => {
    sendJson(ctx, scheduledPlan(ctx, requirePlan(ctx, String(ctx.req.params.scheduled_plan_id))));
  });

  api.patch('/scheduled_plans/:scheduled_plan_id', (ctx) => {
    const found = requirePlan(ctx, String(ctx.req.params.scheduled_plan_id));
    const plan = acceptPlan(ctx, { ...found.plan, ...writable(writeBody(ctx.req.body)) });
    const updated = ctx.services.schedules.update(found.id, plan);
    if (!updated) throw notFound();
    sendJson(ctx, scheduledPlan(ctx, updated));
  });

  api.delete('/scheduled_plans/:scheduled_plan_id', (ctx) => {
    const found = requirePlan(ctx, String(ctx.req.params.scheduled_plan_id));
    ctx.services.schedules.delete(found.id);
    ctx.res.status(204).end();
  });

  // The spec: copies the plan, applies the body's changes to the copy, creates it and runs it now;
  // the original is not modified.
  api.post('/scheduled_plans/:scheduled_plan_id/run_once', (ctx) => {
    const found = requirePlan(ctx, String(ctx.req.params.scheduled_plan_id));
    const changes = writable(writeBody(ctx.req.body));
    const destinations = (changes.scheduled_plan_destination ?? found.plan.scheduled_plan_destination ?? []).map(
      ({ id: _id, ...d }) => d,
    );
    const plan = acceptPlan(ctx, {
      ...found.plan,
      ...changes,
      scheduled_plan_destination: destinations,
      run_once: true,
    });
    const run = ctx.services.schedules.create(plan);
    ctx.services.schedules.recordRun(found.id, run);
    sendJson(ctx, scheduledPlan(ctx, run));
  });
}
