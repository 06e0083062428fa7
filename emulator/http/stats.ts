/** A snapshot of the request counter. */
export interface StatsSnapshot {
  /** API requests received since the last reset (control routes excluded). */
  total: number;
  /** Requests per route template, keyed `"GET /api/4.0/looks/search"`. */
  byRoute: Record<string, number>;
}

/**
 * Counts the API requests the emulator received, per route template (not the concrete URL), so
 * tests can assert how many Looker calls a piece of code made.
 */
export class RequestStats {
  private total = 0;
  private byRoute = new Map<string, number>();

  /** Records one request on a route key (`METHOD /api/4.0/template`). */
  count(routeKey: string): void {
    this.total += 1;
    this.byRoute.set(routeKey, (this.byRoute.get(routeKey) ?? 0) + 1);
  }

  /** The counters now, as plain data. */
  snapshot(): StatsSnapshot {
    return { total: this.total, byRoute: Object.fromEntries([...this.byRoute].sort(([a], [b]) => a.localeCompare(b))) };
  }

  /** Starts counting from zero. */
  reset(): void {
    this.total = 0;
    this.byRoute = new Map();
  }
}
