import type { IApiSettings } from '@looker/sdk-rtl';
import type { Principal } from '../auth/principal';
import type { Logger } from '../observability/logger';
import type { LookerSession } from '../looker/looker-session';
import type { RetryPolicy } from '../looker/retry-policy';
import { AbortableTransport } from '../looker/transport';
import type { LookerUserRef } from '../policy/policy-model';
import { LookerUserRefusedError } from './looker-user-errors';
import {
  describePerUserAccess,
  perUserAccessLogLine,
  probePerUserAccess,
  type PerUserCapabilities,
  type PerUserReport,
} from './per-user-probe';
import { createLookerDirectory, type LookerDirectory } from './looker-directory';
import { UserLookerSession } from './user-looker-session';
import { UserMapper } from './user-mapping';
import type { UserMappingOptions } from './user-target';
import { UserTokens } from './user-tokens';

/** Options of per-user mode (`LOOKER_IDENTITY=user`). */
export interface UserSessionProviderOptions {
  /** The API (service) session: the only one allowed to look users up and call `login_user`. */
  readonly service: LookerSession;
  /** SDK settings of user sessions (base URL, SSL, timeout); default: the service session's. */
  readonly settings?: IApiSettings;
  /** Deadline of each lookup or login, retries included. */
  readonly timeoutMs: number;
  readonly retry?: RetryPolicy;
  /** How callers without a policy-named Looker user are matched; default `{ by: 'embed' }`. */
  readonly mapping?: UserMappingOptions;
  /** Milliseconds since the epoch; tests inject their own. */
  readonly clock?: () => number;
  /** How long a caller → Looker user mapping is trusted; default 5 minutes. */
  readonly mappingTtlMs?: number;
  /** How long "no Looker user for this caller" is remembered; default 30 s. */
  readonly unmappedTtlMs?: number;
  /** Renew a user's token this long before it expires; default 60 s. */
  readonly tokenRenewMarginMs?: number;
  /** Most callers (mappings) and Looker users (tokens) remembered at once; default 10,000 each. */
  readonly maxEntries?: number;
  /** Warned when Looker refuses the API user the right to act as others, or refuses one caller's Looker user (with the cause). */
  readonly logger?: Pick<Logger, 'warn' | 'info'>;
  /** How long what the API user may do (the probe) is trusted; default 5 minutes. */
  readonly probeTtlMs?: number;
}

/** Gives each request the Looker session of the Looker user its caller maps to. */
export interface UserSessionProvider {
  /**
   * A new session for one request. It resolves the caller lazily, on its first Looker call, so it
   * is returned at once; `lookerUser` is the Looker user the policy names for the caller, if any.
   */
  sessionFor(principal: Principal | null, lookerUser?: LookerUserRef): LookerSession;
  /** What per-user mode can do on this Looker (probed once, kept for `probeTtlMs`). */
  capabilities(): Promise<PerUserCapabilities>;
  /** Probes Looker and logs one line: the flavour, and which mappings work (see `perUserAccessLogLine`). */
  announce(): Promise<PerUserReport>;
}

/**
 * Tells the operator when Looker refuses: once per operation when it refuses the API user, and on
 * every refusal of one caller's Looker user, with its cause. The caller sees only the error.
 */
function warnOnRefusal(directory: LookerDirectory, logger: Pick<Logger, 'warn'> | undefined): LookerDirectory {
  if (!logger) return directory;
  const warned = new Set<string>();
  const watch = async <T>(operation: string, call: Promise<T>): Promise<T> =>
    call.catch((error: unknown) => {
      if (error instanceof LookerUserRefusedError) {
        logger.warn({ operation }, error.operatorCause);
      } else if (error instanceof Error && 'status' in error && error.status === 403 && !warned.has(operation)) {
        warned.add(operation);
        logger.warn({ operation }, 'Looker refused the API user per-user access: it needs the admin role (login_user)');
      }
      throw error;
    });
  return {
    findByCredential: (type, id, onRequests) =>
      watch('user_for_credential', directory.findByCredential(type, id, onRequests)),
    loginUser: (userId, onRequests) => watch('login_user', directory.loginUser(userId, onRequests)),
  };
}

/**
 * Per-user mode (`LOOKER_IDENTITY=user`). Callers map to Looker users by the policy's `lookerUser`, else by
 * embed credential (`external_user_id` = the token's `sub`) or by email; each Looker user's
 * `login_user` token is cached until shortly before it expires. Never falls back to the service
 * account: a caller with no Looker user gets FORBIDDEN on every field that needs Looker.
 */
export function createUserSessionProvider(options: UserSessionProviderOptions): UserSessionProvider {
  const clock = options.clock ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const settings = options.settings ?? options.service.sdk.authSession.settings;
  const capabilities = probeOnce(
    () => probePerUserAccess(options.service, { timeoutMs: options.timeoutMs, retry: options.retry }),
    clock,
    options.probeTtlMs ?? 300_000,
  );
  const directory = warnOnRefusal(
    createLookerDirectory(options.service, { timeoutMs: options.timeoutMs, retry: options.retry, capabilities }),
    options.logger,
  );
  const mapping = options.mapping ?? { by: 'embed' };
  const deps = {
    settings,
    // One transport for every user session: it holds options only, no credentials.
    transport: new AbortableTransport(settings),
    mapper: new UserMapper({
      mapping,
      directory,
      clock,
      ttlMs: options.mappingTtlMs ?? 300_000,
      unmappedTtlMs: options.unmappedTtlMs ?? 30_000,
      maxEntries,
    }),
    tokens: new UserTokens({ directory, clock, renewMarginMs: options.tokenRenewMarginMs ?? 60_000, maxEntries }),
  };
  return {
    sessionFor: (principal, lookerUser) => new UserLookerSession(deps, principal, lookerUser),
    capabilities,
    async announce() {
      const report = describePerUserAccess(await capabilities(), mapping);
      const line = perUserAccessLogLine(report, mapping);
      if (report.ok) options.logger?.info({ lookerIdentity: 'user', mapping: mapping.by }, line);
      else options.logger?.warn({ lookerIdentity: 'user', mapping: mapping.by }, line);
      return report;
    },
  };
}

/**
 * The probe's answer, shared by concurrent callers and kept for `ttlMs`. An answer that could not
 * tell (Looker unreachable) is not kept, so the next refusal asks again.
 */
function probeOnce(
  probe: () => Promise<PerUserCapabilities>,
  clock: () => number,
  ttlMs: number,
): () => Promise<PerUserCapabilities> {
  let pending: { answer: Promise<PerUserCapabilities>; until: number } | undefined;
  return () => {
    if (pending && clock() < pending.until) return pending.answer;
    const entry = { answer: probe(), until: Number.POSITIVE_INFINITY };
    pending = entry;
    void entry.answer.then(
      (caps) => {
        entry.until = caps.loginUser === 'unknown' ? 0 : clock() + ttlMs;
      },
      () => {
        entry.until = 0;
      },
    );
    return entry.answer;
  };
}
