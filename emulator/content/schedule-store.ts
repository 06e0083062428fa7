import type { IScheduledPlan, IScheduledPlanDestination } from '@looker/sdk';

/** A scheduled plan as stored: Looker's writable `ScheduledPlan` properties plus the bookkeeping it adds. */
export interface StoredPlan {
  id: string;
  /** The writable properties, as last written (`scheduled_plan_destination` with ids assigned). */
  plan: IScheduledPlan;
  createdAt: Date;
  updatedAt: Date;
  lastRunAt: Date | null;
}

/**
 * One delivery a run of a scheduled plan made, per destination. The emulator renders nothing and
 * sends nothing: tests read these records (`GET /__emulator/deliveries`) to see what would have gone out.
 */
export interface Delivery {
  /** The plan the client ran (`scheduled_plan_run_once_by_id`'s `scheduled_plan_id`). */
  scheduledPlanId: string;
  /** The run-once copy Looker creates and runs (the id the run answers with). */
  runPlanId: string;
  type: string | null;
  address: string | null;
  format: string | null;
  lookId: string | null;
  dashboardId: string | null;
  lookmlDashboardId: string | null;
  queryId: string | null;
  /** ISO time of the run. */
  time: string;
}

/**
 * Scheduled plans and the deliveries their runs recorded. No cron runner: only
 * `scheduled_plan_run_once_by_id` runs a plan. `reset()` forgets everything.
 */
export class ScheduleStore {
  private plans = new Map<string, StoredPlan>();
  private lastPlanId = 0;
  private lastDestinationId = 0;
  private recorded: Delivery[] = [];

  /** Stores a new plan and answers it with its id. */
  create(plan: IScheduledPlan, now = new Date()): StoredPlan {
    const id = String(++this.lastPlanId);
    const stored: StoredPlan = {
      id,
      plan: this.withDestinationIds(id, plan),
      createdAt: now,
      updatedAt: now,
      lastRunAt: null,
    };
    this.plans.set(id, stored);
    return stored;
  }

  /** Replaces a plan's writable properties (the route merges the update into the old ones). */
  update(id: string, plan: IScheduledPlan, now = new Date()): StoredPlan | undefined {
    const stored = this.plans.get(id);
    if (!stored) return undefined;
    stored.plan = this.withDestinationIds(id, plan);
    stored.updatedAt = now;
    return stored;
  }

  /** A plan by id, or undefined. */
  get(id: string): StoredPlan | undefined {
    return this.plans.get(id);
  }

  /** Every plan, in id order. */
  all(): StoredPlan[] {
    return [...this.plans.values()];
  }

  /** Deletes a plan; false when there was none. */
  delete(id: string): boolean {
    return this.plans.delete(id);
  }

  /** Records one delivery per destination of the run-once copy `run` of the plan `sourceId`. */
  recordRun(sourceId: string, run: StoredPlan, now = new Date()): Delivery[] {
    run.lastRunAt = now;
    const source = this.plans.get(sourceId);
    if (source) source.lastRunAt = now;
    const p = run.plan;
    const made = (p.scheduled_plan_destination ?? []).map((d) => ({
      scheduledPlanId: sourceId,
      runPlanId: run.id,
      type: d.type ?? null,
      address: d.address ?? null,
      format: d.format ?? null,
      lookId: p.look_id ?? null,
      dashboardId: p.dashboard_id ?? null,
      lookmlDashboardId: p.lookml_dashboard_id ?? null,
      queryId: p.query_id ?? null,
      time: now.toISOString(),
    }));
    this.recorded.push(...made);
    return made;
  }

  /** Deliveries recorded since the last reset, oldest first. */
  deliveries(): Delivery[] {
    return this.recorded.map((d) => ({ ...d }));
  }

  /** Forgets every plan and delivery. */
  reset(): void {
    this.plans = new Map();
    this.lastPlanId = 0;
    this.lastDestinationId = 0;
    this.recorded = [];
  }

  /** The plan with every destination carrying an id and its plan's id (kept when it had one). */
  private withDestinationIds(planId: string, plan: IScheduledPlan): IScheduledPlan {
    const destinations: IScheduledPlanDestination[] = (plan.scheduled_plan_destination ?? []).map((d) => ({
      ...d,
      id: d.id ?? String(++this.lastDestinationId),
      scheduled_plan_id: planId,
    }));
    return { ...plan, scheduled_plan_destination: destinations };
  }
}
