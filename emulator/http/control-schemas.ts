import { z } from 'zod';

/** The API prefix route keys are spelled with. */
export const API_PREFIX = '/api/4.0';

/**
 * Normalizes a route given by a user of the control API to a route key `METHOD /api/4.0/template`:
 * the method is optional (`*` = any), the `/api/4.0` prefix is optional, and `{param}` is accepted
 * for `:param`. `"GET /looks/search"` → `"GET /api/4.0/looks/search"`.
 */
export function normalizeRoute(route: string): string {
  const match = /^\s*(?:([A-Za-z]+|\*)\s+)?(\S+)\s*$/.exec(route);
  if (!match) throw new Error(`Invalid route "${route}": expected "METHOD /path/template"`);
  const method = (match[1] ?? '*').toUpperCase();
  let path = (match[2] ?? '').replace(/\{([^}]+)\}/g, ':$1');
  if (!path.startsWith('/')) path = `/${path}`;
  if (!path.startsWith(`${API_PREFIX}/`) && path !== API_PREFIX) path = `${API_PREFIX}${path}`;
  return `${method} ${path}`;
}

/** Whether a rule's route key (possibly `* …`) covers a request's route key. */
export function routeMatches(ruleKey: string, requestKey: string): boolean {
  if (ruleKey === requestKey) return true;
  return ruleKey.startsWith('* ') && requestKey.slice(requestKey.indexOf(' ')) === ruleKey.slice(1);
}

/** Body of `POST /__emulator/latency`. */
export const latencySchema = z.object({
  ms: z.number().int().min(0).max(600_000),
  jitterMs: z.number().int().min(0).max(600_000).optional(),
  route: z.string().min(1).optional(),
});

/** A latency rule: fixed milliseconds plus uniform jitter, for every route or one route template. */
export type LatencyRule = z.infer<typeof latencySchema>;

/** Body of `POST /__emulator/query-time`. */
export const queryTimeSchema = z.object({
  ms: z.number().int().min(0).max(3_600_000),
  route: z.string().min(1).optional(),
});

/**
 * How long running a query takes, for every route that runs queries or for one of them: a
 * synchronous run answers after `ms`, a query task stays `running` for `ms`.
 */
export type QueryTimeRule = z.infer<typeof queryTimeSchema>;

/** Body of `POST /__emulator/faults`. */
export const faultSchema = z.object({
  route: z.string().min(1).optional(),
  status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504), z.literal(429)]),
  count: z.number().int().min(1).optional(),
  rate: z.number().min(0).max(1).optional(),
  retryAfter: z.number().int().min(0).optional(),
  hang: z.boolean().optional(),
});

/**
 * A fault rule: answer `status` (or, with `hang`, never answer) to matching requests — the next
 * `count` of them, a `rate` fraction of them, or all of them until cleared.
 */
export type FaultSpec = z.infer<typeof faultSchema>;

/** Body of `POST /__emulator/credentials`: the API user's new secret, and optionally a new client id. */
export const credentialsSchema = z.object({
  clientSecret: z.string().min(1),
  clientId: z.string().min(1).optional(),
});

/** A rotation of the API user's API3 credentials. */
export type CredentialRotation = z.infer<typeof credentialsSchema>;

/** Body of `PATCH /__emulator/looks/:look_id`: the look's new title (any text, as a Looker user may type it). */
export const lookTitleSchema = z.object({
  title: z.string().min(1).max(1000),
});

/** Body of `POST /__emulator/reset`: what to clear (everything by default). */
export const resetSchema = z.object({
  stats: z.boolean().optional(),
  faults: z.boolean().optional(),
  latency: z.boolean().optional(),
  queryTime: z.boolean().optional(),
  /** Seeded content back (created content gone, edits undone), favorites, scheduled plans and deliveries gone. */
  content: z.boolean().optional(),
});

/** What `reset` clears; each part defaults to true. */
export type ResetOptions = z.infer<typeof resetSchema>;
