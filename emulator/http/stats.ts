/** A snapshot of the request counter. */
export interface StatsSnapshot {
  /** API requests received since the last reset (control routes excluded). */
  total: number;
  /** Requests per route template, keyed `"GET /api/4.0/looks/search"`. */
  byRoute: Record<string, number>;
}

/**
 * One API request as the emulator received it: never its query string or headers, only the run
 * parameters `cache`, `generate_drill_links` and `server_table_calcs`; a body only for query
 * definitions (`POST /queries`, `POST /queries/run/*`), which carry no secret.
 */
export interface RecordedRequest {
  /** ISO time of arrival. */
  time: string;
  method: string;
  /** The concrete path (`/api/4.0/looks/12`), without the query string. */
  path: string;
  /** The W3C `traceparent` header it carried, if any. */
  traceparent: string | null;
  /** Its `cache` query parameter (`false` asks Looker to bypass its result cache), if any. */
  cache: string | null;
  /** Its `generate_drill_links` query parameter (json_detail drill links), if any. */
  generate_drill_links: string | null;
  /** Its `server_table_calcs` query parameter (table calculations computed by Looker), if any. */
  server_table_calcs: string | null;
  /**
   * The query body (`WriteQuery`) as received, for requests that define a query; bodies longer
   * than {@link MAX_RECORDED_BODY_CHARS} as JSON are replaced by `{ truncated: true, chars }`.
   */
  body?: unknown;
}

/** Longest query body kept, in characters of its JSON text: the log must stay small. */
export const MAX_RECORDED_BODY_CHARS = 16_000;

/** A request body as the log keeps it: as received, or a marker when it is too long. */
export function boundedBody(body: unknown): unknown {
  const text = JSON.stringify(body ?? null);
  return text.length > MAX_RECORDED_BODY_CHARS
    ? { truncated: true, chars: text.length }
    : (JSON.parse(text) as unknown);
}

/** How many recent requests are kept; older ones are forgotten first. */
export const MAX_RECORDED_REQUESTS = 1000;

/**
 * Counts the API requests the emulator received, per route template (not the concrete URL), so
 * tests can assert how many Looker calls a piece of code made; and keeps the most recent ones with
 * their `traceparent`, so tests can see that trace context reached Looker.
 */
export class RequestStats {
  private total = 0;
  private byRoute = new Map<string, number>();
  private recent: RecordedRequest[] = [];

  /** Records one request on a route key (`METHOD /api/4.0/template`). */
  count(routeKey: string): void {
    this.total += 1;
    this.byRoute.set(routeKey, (this.byRoute.get(routeKey) ?? 0) + 1);
  }

  /** Remembers one request, keeping the last {@link MAX_RECORDED_REQUESTS}. */
  record(request: RecordedRequest): void {
    this.recent.push(request);
    if (this.recent.length > MAX_RECORDED_REQUESTS) this.recent.splice(0, this.recent.length - MAX_RECORDED_REQUESTS);
  }

  /** The requests remembered since the last reset, oldest first. */
  requests(): RecordedRequest[] {
    return this.recent.map((r) => ({ ...r }));
  }

  /** The counters now, as plain data. */
  snapshot(): StatsSnapshot {
    return { total: this.total, byRoute: Object.fromEntries([...this.byRoute].sort(([a], [b]) => a.localeCompare(b))) };
  }

  /** Starts counting from zero. */
  reset(): void {
    this.total = 0;
    this.byRoute = new Map();
    this.recent = [];
  }
}

/** Attaches a query body to the request log's record of this request (set by the app on arrival). */
export function recordQueryBody(locals: Record<string, unknown>, body: unknown): void {
  const recorded = locals.recorded as RecordedRequest | undefined;
  if (recorded) recorded.body = boundedBody(body);
}
