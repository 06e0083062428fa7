/** One replica behind HAProxy. */
export interface HaproxyServer {
  readonly name: string;
  readonly port: number;
}

/** The health checks' timing, as HAProxy's `inter`, `fall` and `rise` server settings. */
export interface HealthCheckTiming {
  /** Milliseconds between two checks of a server. */
  readonly interMs: number;
  /** Failed checks in a row that take a server out. */
  readonly fall: number;
  /** Passed checks in a row that put it back. */
  readonly rise: number;
}

/**
 * HAProxy's own defaults (`inter 2s`, `fall 3`, `rise 2`), which most deployments keep: a replica
 * answering 503 is out within 6 s (plus a check in flight), well inside the subgraph's default
 * `SHUTDOWN_DRAIN_SECONDS` of 10.
 */
export const haproxyDefaultChecks: HealthCheckTiming = { interMs: 2_000, fall: 3, rise: 2 };

/** What the configuration is made from. */
export interface HaproxySettings {
  /** Loopback port of the frontend. */
  readonly port: number;
  /** Unix socket of the runtime API (`show stat`, `disable server`), admin level. */
  readonly statsSocket: string;
  readonly servers: readonly HaproxyServer[];
  readonly checks: HealthCheckTiming;
  /**
   * `leastconn` suits requests of very different lengths (a metadata read, a query run); `first`
   * (each request to the first server up) is for tests that need to know where a request goes.
   */
  readonly balance: 'roundrobin' | 'leastconn' | 'first';
  /** `timeout server`, ms: above the subgraph's `LOOKERSDK_TIMEOUT` (30 s), so HAProxy never cuts an answer the subgraph still owes. */
  readonly serverTimeoutMs: number;
}

/** The backend's name in the configuration and in `show stat`. */
export const backendName = 'subgraph_replicas';

/**
 * HAProxy 2.6's configuration for the replicas, from one template. Health checks ask `GET /readyz`
 * and expect 200, so a draining replica (503) is taken out while it still serves; `retries 3` with
 * `option redispatch` sends a request whose connection failed to another replica, and
 * `retry-on conn-failure empty-response` also re-sends one whose connection closed without an
 * answer (a replica killed, or a keep-alive connection closed as the request went out). Sending a
 * query twice costs, never changes, anything; a mutation may have reached the replica before its
 * connection closed, so a body that names a mutation is never re-sent on an empty response (a
 * connection failure, which reached no replica, is still retried). The match is deliberately
 * broad: a query whose text holds the word is not retried either, which is only slower.
 */
export function haproxyConfig(settings: HaproxySettings): string {
  const { checks } = settings;
  const servers = settings.servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`).join('\n');
  return `# Written by npm run topology from bench/topology/haproxy-config.ts.
global
  maxconn 4096
  stats socket ${settings.statsSocket} mode 600 level admin

defaults
  mode http
  timeout connect 2s
  timeout client 65s
  timeout server ${settings.serverTimeoutMs}ms
  timeout http-keep-alive 10s
  timeout check 2s
  retries 3
  option redispatch
  retry-on conn-failure empty-response

frontend subgraph
  bind 127.0.0.1:${settings.port}
  option http-buffer-request
  http-request disable-l7-retry if METH_POST { req.body -m sub mutation }
  default_backend ${backendName}

backend ${backendName}
  balance ${settings.balance}
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter ${checks.interMs}ms fall ${checks.fall} rise ${checks.rise}
${servers}
`;
}
