import type { ApiCredentialsSnapshot } from '../access/api-credentials';
import {
  credentialsSchema,
  resetSchema,
  type CredentialRotation,
  type FaultSpec,
  type LatencyRule,
  type QueryTimeRule,
  type ResetOptions,
} from './control-schemas';
import type { ActiveFault, HangHandle } from './controls';
import type { EmulatorServices } from './services';
import type { RecordedRequest, StatsSnapshot } from './stats';
import type { Delivery } from '../content/schedule-store';

/**
 * The emulator's test controls: request counters, injected latency and faults, token expiry.
 * `/__emulator/*` routes and `RunningEmulator.control` both call this one implementation.
 */
export class EmulatorControl {
  constructor(private readonly services: EmulatorServices) {}

  /** API requests counted since the last reset, in total and per route template. */
  stats(): StatsSnapshot {
    return this.services.stats.snapshot();
  }

  /** The last 1,000 API requests since the last reset, oldest first, with their `traceparent`. */
  requests(): RecordedRequest[] {
    return this.services.stats.requests();
  }

  /**
   * Resets counters, faults, latency (it returns to the start-up options) and query time. Pass
   * `{ faults: false }`, `{ latency: false }` or `{ queryTime: false }` to keep those; `{ stats: false }`
   * keeps the counters and the recorded requests. It also restores the seeded content (created
   * looks, dashboards, tiles and filters gone, edits undone) and forgets favorites, scheduled plans
   * and deliveries, unless `{ content: false }`.
   */
  reset(options: ResetOptions = {}): void {
    const parsed = resetSchema.parse(options);
    if (parsed.stats !== false) this.services.stats.reset();
    this.services.controls.reset(parsed);
    if (parsed.content !== false) {
      this.services.content.reset();
      this.services.schedules.reset();
    }
  }

  /** What scheduled-plan runs (`scheduled_plan_run_once_by_id`) delivered since the last reset, oldest first. */
  deliveries(): Delivery[] {
    return this.services.schedules.deliveries();
  }

  /** Adds latency to every API route, or to one route template (`"GET /looks/search"`). */
  setLatency(rule: LatencyRule): void {
    this.services.controls.setLatency(rule);
  }

  /**
   * Sets how long running a query takes, on every route that runs one or on one route
   * (`"POST /query_tasks"` for tasks): a synchronous run answers after `ms`, a task stays running for `ms`.
   */
  setQueryTime(rule: QueryTimeRule): void {
    this.services.controls.setQueryTime(rule);
  }

  /** Queries run at the engine's own speed again. */
  clearQueryTime(): void {
    this.services.controls.clearQueryTime();
  }

  /** Injects a fault (status, count/rate, Retry-After, or a hang). */
  addFault(spec: FaultSpec): ActiveFault {
    return this.services.controls.addFault(spec);
  }

  /** The faults still registered. */
  faults(): ActiveFault[] {
    return this.services.controls.listFaults();
  }

  /** Removes every fault. */
  clearFaults(): void {
    this.services.controls.clearFaults();
  }

  /** Expires every issued token: the next call with any of them answers 401. */
  expireTokens(): void {
    this.services.sessions.expireAll();
  }

  /**
   * Gives a look another title, for this instance only (a test control, not Looker's
   * `update_look`); false when there is no such look.
   */
  setLookTitle(lookId: string, title: string): boolean {
    const look = this.services.content.look(lookId);
    if (!look) return false;
    // A copy: the demo content's definitions are shared by every instance in the process.
    look.def = { ...look.def, title };
    return true;
  }

  /**
   * Rotates the API user's API3 secret (and client id, when given): logins with the old one are
   * refused (404) from now on; tokens issued before stay valid until they expire.
   */
  rotateCredentials(rotation: CredentialRotation): ApiCredentialsSnapshot {
    const parsed = credentialsSchema.parse(rotation);
    this.services.credentials.rotate(parsed.clientSecret, parsed.clientId);
    return this.services.credentials.snapshot();
  }

  /** The API user's client id, rotations, and logins accepted and refused since the last rotation. */
  credentials(): ApiCredentialsSnapshot {
    return this.services.credentials.snapshot();
  }

  /** Resolves when a request is being held open by a `hang` fault. */
  waitForHang(): Promise<HangHandle> {
    return this.services.controls.waitForHang();
  }

  /** Requests currently held open by `hang` faults. */
  get hangingCount(): number {
    return this.services.controls.hangingCount;
  }
}
