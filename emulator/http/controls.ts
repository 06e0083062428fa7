import {
  faultSchema,
  latencySchema,
  normalizeRoute,
  queryTimeSchema,
  routeMatches,
  type FaultSpec,
  type LatencyRule,
  type QueryTimeRule,
} from './control-schemas';

/** A registered fault with its normalized route and the requests it still applies to. */
export interface ActiveFault {
  id: number;
  routeKey: string;
  status: FaultSpec['status'];
  remaining: number | null;
  rate: number | null;
  retryAfter: number | null;
  hang: boolean;
}

/** A request the emulator holds open without answering, released when the client goes away. */
export interface HangHandle {
  routeKey: string;
  /** Resolves once the client has aborted (or the emulator stopped) and the request is gone. */
  released: Promise<void>;
}

/** A small seeded PRNG (mulberry32), so fault rates and jitter replay identically per seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The emulator's injected latency and faults. Shared by the `/__emulator` HTTP routes and the
 * programmatic `RunningEmulator.control`, so both drive one state.
 */
export class Controls {
  private globalLatency: { ms: number; jitterMs: number };
  private routeLatency = new Map<string, { ms: number; jitterMs: number }>();
  private globalQueryTime = 0;
  private routeQueryTime = new Map<string, number>();
  private faults: ActiveFault[] = [];
  private nextFaultId = 1;
  private readonly hangWaiters: ((h: HangHandle) => void)[] = [];
  private readonly unclaimedHangs: HangHandle[] = [];
  private hanging = 0;

  constructor(
    private readonly defaults: { ms: number; jitterMs: number },
    private readonly random: () => number,
  ) {
    this.globalLatency = { ...defaults };
  }

  /** Sets latency globally, or for one route template when `route` is given (it then wins). */
  setLatency(rule: LatencyRule): void {
    const { ms, jitterMs, route } = latencySchema.parse(rule);
    const value = { ms, jitterMs: jitterMs ?? 0 };
    if (route === undefined) this.globalLatency = value;
    else this.routeLatency.set(normalizeRoute(route), value);
  }

  /** Milliseconds to hold a request on this route before handling it. */
  delayFor(routeKey: string): number {
    const rule = [...this.routeLatency].find(([key]) => routeMatches(key, routeKey))?.[1] ?? this.globalLatency;
    return rule.ms + (rule.jitterMs > 0 ? Math.floor(this.random() * (rule.jitterMs + 1)) : 0);
  }

  /** Sets how long running a query takes, globally or for one route template (it then wins). */
  setQueryTime(rule: QueryTimeRule): void {
    const { ms, route } = queryTimeSchema.parse(rule);
    if (route === undefined) this.globalQueryTime = ms;
    else this.routeQueryTime.set(normalizeRoute(route), ms);
  }

  /** Queries run at the engine's own speed again. */
  clearQueryTime(): void {
    this.globalQueryTime = 0;
    this.routeQueryTime = new Map();
  }

  /** Milliseconds a query run on this route takes before the engine answers. */
  queryTimeFor(routeKey: string): number {
    return [...this.routeQueryTime].find(([key]) => routeMatches(key, routeKey))?.[1] ?? this.globalQueryTime;
  }

  /** Registers a fault; returns it as stored. */
  addFault(spec: FaultSpec): ActiveFault {
    const parsed = faultSchema.parse(spec);
    const fault: ActiveFault = {
      id: this.nextFaultId++,
      routeKey: parsed.route === undefined ? '*' : normalizeRoute(parsed.route),
      status: parsed.status,
      remaining: parsed.count ?? null,
      rate: parsed.rate ?? null,
      retryAfter: parsed.retryAfter ?? null,
      hang: parsed.hang === true,
    };
    this.faults.push(fault);
    return { ...fault };
  }

  /** The faults still registered. */
  listFaults(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Removes every fault. */
  clearFaults(): void {
    this.faults = [];
  }

  /**
   * The fault to apply to this request, if any: the first matching rule whose rate draw passes.
   * A counted fault is consumed and removed after its last use.
   */
  takeFault(routeKey: string): ActiveFault | undefined {
    for (const fault of this.faults) {
      if (fault.routeKey !== '*' && !routeMatches(fault.routeKey, routeKey)) continue;
      if (fault.rate !== null && this.random() >= fault.rate) continue;
      if (fault.remaining !== null) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
      }
      return { ...fault };
    }
    return undefined;
  }

  /** Restores the start-up latency, removes faults and/or clears the query time. */
  reset(options: { faults?: boolean; latency?: boolean; queryTime?: boolean } = {}): void {
    if (options.faults !== false) this.clearFaults();
    if (options.queryTime !== false) this.clearQueryTime();
    if (options.latency !== false) {
      this.globalLatency = { ...this.defaults };
      this.routeLatency = new Map();
    }
  }

  /** Records a request being held open; `released` must resolve when its connection closes. */
  trackHang(routeKey: string, released: Promise<void>): void {
    this.hanging += 1;
    void released.then(() => {
      this.hanging -= 1;
    });
    const handle: HangHandle = { routeKey, released };
    const waiter = this.hangWaiters.shift();
    if (waiter) waiter(handle);
    else this.unclaimedHangs.push(handle);
  }

  /** Resolves with the next request held open by a `hang` fault (or one already held). */
  waitForHang(): Promise<HangHandle> {
    const ready = this.unclaimedHangs.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.hangWaiters.push(resolve));
  }

  /** Number of requests currently held open. */
  get hangingCount(): number {
    return this.hanging;
  }
}
