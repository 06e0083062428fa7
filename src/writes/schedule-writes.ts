import type { IScheduledPlan } from '@looker/sdk';
import type { Context } from '../context/context';
import type { CreateScheduleInput, UpdateScheduleInput } from '../generated/resolvers-types';
import { graphqlError } from '../errors';
import { badUserInput, boundedText, contentId } from '../input/arguments';
import { crontab, idempotencyKey, writeTitle } from '../input/write-bounds';
import { guardedWrite, type WriteOutcome } from './guarded-write';
import { allowedDestinations } from './schedule-destinations';
import type { WriteCaller } from './write-grants';
import { changes, nullIfNotFound, requireFound } from './write-values';

function timezone(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  boundedText('input.timezone', value, 64);
  if (!/^[A-Za-z_+\-/0-9]+$/.test(value))
    throw badUserInput('input.timezone', 'Argument "input.timezone" must be a time zone name such as "Europe/Berlin".');
  return value;
}

/** The content a schedule delivers must exist for the caller (1 read, from the cache when fresh). */
async function checkContent(
  ctx: Context,
  lookId: string | undefined,
  dashboardId: string | undefined,
): Promise<string> {
  if (lookId) {
    requireFound(await ctx.loaders.look.load(lookId), 'input.lookId', `look ${lookId}`);
    return `look:${lookId}`;
  }
  requireFound(await ctx.loaders.dashboard.load(dashboardId ?? ''), 'input.dashboardId', `dashboard ${dashboardId}`);
  return `dashboard:${dashboardId}`;
}

/**
 * `createSchedule`: create_scheduled_plan (1 call, plus reading the content), to destinations the
 * policy allows. No folder rule applies: a schedule changes no content; where its data goes does.
 */
export function createSchedule(ctx: Context, input: CreateScheduleInput): Promise<WriteOutcome<IScheduledPlan>> {
  const name = writeTitle('input.name', input.name);
  if ((input.lookId == null) === (input.dashboardId == null))
    throw badUserInput('input', 'A schedule delivers exactly one of "lookId" and "dashboardId".');
  const lookId = input.lookId != null ? contentId('input.lookId', input.lookId) : undefined;
  const dashboardId = input.dashboardId != null ? contentId('input.dashboardId', input.dashboardId) : undefined;
  const cron = crontab('input.crontab', input.crontab);
  const tz = timezone(input.timezone);
  return guardedWrite(ctx, {
    mutation: 'createSchedule',
    dryRun: input.dryRun === true,
    idempotencyKey: idempotencyKey('input.idempotencyKey', input.idempotencyKey),
    input: { name, lookId, dashboardId, cron, tz, destinations: input.destinations, enabled: input.enabled },
    async check(caller) {
      const { destinations, rules } = allowedDestinations(caller, input.destinations);
      const resource = await checkContent(ctx, lookId, dashboardId);
      const body = {
        name,
        ...(lookId && { look_id: lookId }),
        ...(dashboardId && { dashboard_id: dashboardId }),
        crontab: cron,
        ...(tz && { timezone: tz }),
        enabled: input.enabled !== false,
        require_results: false,
        scheduled_plan_destination: destinations,
      };
      return {
        body,
        changed: { destinations: { old: null, new: destinations.map((d) => `${d.type}:${d.address}`) } },
        resources: [resource],
        evict: [],
        rules,
      };
    },
    write: (preview) =>
      ctx.looker.write('create_scheduled_plan', (sdk, settings) => sdk.create_scheduled_plan(preview.body, settings)),
    written: (plan) => [`scheduled_plan:${plan.id}`],
  });
}

async function currentPlan(ctx: Context, id: string): Promise<IScheduledPlan> {
  const plan = await ctx.looker
    .read('scheduled_plan', (sdk, settings) => sdk.scheduled_plan(id, undefined, settings))
    .catch(nullIfNotFound);
  return requireFound(plan, 'id', `schedule ${id}`);
}

/** A plan's destinations, checked against the policy as it is now (it may have changed since the plan was made). */
function recheckDestinations(caller: WriteCaller, plan: IScheduledPlan) {
  // A plan made in Looker itself may send elsewhere (s3, sftp): no policy allows those here.
  const other = (plan.scheduled_plan_destination ?? []).find((d) => d.type !== 'email' && d.type !== 'webhook');
  if (other)
    throw graphqlError(
      'FORBIDDEN',
      `Schedule ${plan.id} sends to a destination of type "${other.type}", which the policy cannot allow (only email domains and webhook hosts)`,
      { policy: 'writes.scheduleTo' },
    );
  return allowedDestinations(
    caller,
    (plan.scheduled_plan_destination ?? []).map((d) => ({
      type: d.type === 'webhook' ? ('WEBHOOK' as const) : ('EMAIL' as const),
      address: d.address ?? '',
      format: 'CSV' as const,
    })),
  );
}

/** `updateSchedule`: update_scheduled_plan (1 call, plus reading the plan). */
export function updateSchedule(
  ctx: Context,
  idArg: string,
  input: UpdateScheduleInput,
  dryRun: boolean,
): Promise<WriteOutcome<IScheduledPlan>> {
  const id = contentId('id', idArg);
  const body: Record<string, unknown> = {
    ...(input.name != null && { name: writeTitle('input.name', input.name) }),
    ...(input.crontab != null && { crontab: crontab('input.crontab', input.crontab) }),
    ...(input.timezone != null && { timezone: timezone(input.timezone) }),
    ...(input.enabled != null && { enabled: input.enabled }),
  };
  return guardedWrite(ctx, {
    mutation: 'updateSchedule',
    dryRun,
    input: { id, body, destinations: input.destinations },
    async check(caller) {
      const plan = await currentPlan(ctx, id);
      const { destinations, rules } = input.destinations
        ? allowedDestinations(caller, input.destinations)
        : recheckDestinations(caller, plan);
      if (input.destinations) body.scheduled_plan_destination = destinations;
      return {
        body,
        changed: changes({
          name: [plan.name, body.name],
          crontab: [plan.crontab, body.crontab],
          enabled: [plan.enabled, body.enabled],
          destinations: [
            (plan.scheduled_plan_destination ?? []).map((d) => `${d.type}:${d.address}`),
            input.destinations ? destinations.map((d) => `${d.type}:${d.address}`) : undefined,
          ],
        }),
        resources: [`scheduled_plan:${id}`],
        evict: [],
        rules,
      };
    },
    write: () =>
      ctx.looker.write('update_scheduled_plan', (sdk, settings) => sdk.update_scheduled_plan(id, body, settings)),
    current: () => currentPlan(ctx, id),
  });
}

/** `deleteSchedule`: delete_scheduled_plan (1 call, plus reading the plan). */
export function deleteSchedule(ctx: Context, idArg: string, dryRun: boolean): Promise<WriteOutcome<IScheduledPlan>> {
  const id = contentId('id', idArg);
  let before: IScheduledPlan | undefined;
  return guardedWrite(ctx, {
    mutation: 'deleteSchedule',
    dryRun,
    input: { id },
    async check() {
      before = await currentPlan(ctx, id);
      return {
        body: { id },
        changed: { deleted: { old: false, new: true } },
        resources: [`scheduled_plan:${id}`],
        evict: [],
        rules: [],
      };
    },
    async write() {
      await ctx.looker.write('delete_scheduled_plan', (sdk, settings) => sdk.delete_scheduled_plan(id, settings));
      return before ?? { id };
    },
    current: () => currentPlan(ctx, id),
  });
}

/**
 * `runScheduleOnce`: scheduled_plan_run_once_by_id (1 call, plus reading the plan), its
 * destinations checked against the policy again. With an `idempotencyKey`, a retry sends nothing twice.
 */
export function runScheduleOnce(
  ctx: Context,
  idArg: string,
  dryRun: boolean,
  key: string | null | undefined,
): Promise<WriteOutcome<IScheduledPlan>> {
  const id = contentId('id', idArg);
  return guardedWrite(ctx, {
    mutation: 'runScheduleOnce',
    dryRun,
    idempotencyKey: idempotencyKey('idempotencyKey', key),
    input: { id },
    async check(caller) {
      const plan = await currentPlan(ctx, id);
      const { destinations, rules } = recheckDestinations(caller, plan);
      return {
        body: { id },
        changed: { delivered_to: { old: null, new: destinations.map((d) => `${d.type}:${d.address}`) } },
        resources: [`scheduled_plan:${id}`],
        evict: [],
        rules,
      };
    },
    write: () =>
      ctx.looker.write('scheduled_plan_run_once_by_id', (sdk, settings) =>
        sdk.scheduled_plan_run_once_by_id(id, undefined, settings),
      ),
    current: () => currentPlan(ctx, id),
  });
}
