import { randomUUID } from 'node:crypto';
import type { Invoke } from '../looker/looker-call';
import { LookerError } from '../looker/errors';
import type { LookerSession } from '../looker/looker-session';
import type { RetryPolicy } from '../looker/retry-policy';
import { serviceCalls } from './service-calls';

/** What one probe call told: the call is allowed, Looker refused it (403), or no clear answer. */
export type ProbeAnswer = 'works' | 'denied' | 'unknown';

/**
 * Which Looker the subgraph talks to, as far as per-user mode is concerned. Looker's API has
 * no field naming the flavour, so it is inferred from what the API user may do:
 * `core` — `login_user` is allowed but the email lookup is denied, as Looker (Google Cloud core)
 * does ("this call will be denied unless … the target user is an Embed User type", spec of
 * `login_user`); `original` — both are allowed; `unknown` — the probe could not tell.
 */
export type LookerFlavor = 'original' | 'core' | 'unknown';

/** What per-user mode can do on the Looker the subgraph talks to. */
export interface PerUserCapabilities {
  /** Whether the API user may call `login_user` at all (`POST /login/0`: 404 = may, 403 = may not). */
  readonly loginUser: ProbeAnswer;
  /** Whether `user_for_credential` answers for each credential type the mapping uses (a made-up id: 404 = works). */
  readonly lookup: { readonly embed: ProbeAnswer; readonly email: ProbeAnswer };
  /** `is_service_account` of the API user (`GET /user`); on Google Cloud core it must be one. */
  readonly serviceAccount: boolean | undefined;
  readonly flavor: LookerFlavor;
  /** Why a probe answer is `unknown` (Looker unreachable, login refused …); never a credential. */
  readonly problem?: string;
}

/** Options of the probe calls: the same deadline and retries as every Looker call. */
export interface ProbeOptions {
  readonly timeoutMs: number;
  readonly retry?: RetryPolicy;
}

/** A user id Looker never issues (ids start at 1): `login_user` answers 404 to an API user allowed to call it. */
const absentUserId = '0';

/**
 * Asks Looker, as the API user, what per-user mode may do: four cheap calls that change nothing. No
 * token is issued: the `login_user` probe names a user that does not exist, the lookups an id
 * nobody holds.
 */
export async function probePerUserAccess(service: LookerSession, options: ProbeOptions): Promise<PerUserCapabilities> {
  const call = serviceCalls(service, options);
  const problems: string[] = [];
  const answerOf = async <T>(operation: string, invoke: Invoke<T>): Promise<ProbeAnswer> => {
    try {
      await call(operation, invoke);
      // A made-up id found: odd, but the call is plainly allowed.
      return 'works';
    } catch (error) {
      if (error instanceof LookerError && error.code === 'NOT_FOUND') return 'works';
      if (error instanceof LookerError && error.code === 'FORBIDDEN') return 'denied';
      problems.push(error instanceof Error ? error.message : String(error));
      return 'unknown';
    }
  };
  const probeId = `looker-subgraph-probe-${randomUUID()}`;
  const sdk = service.sdk;
  // One after the other: the first call logs the API user in, the others reuse its token.
  let serviceAccount: boolean | undefined;
  try {
    const me = await call('me', (settings) => sdk.me('id,is_service_account', settings));
    serviceAccount = typeof me.is_service_account === 'boolean' ? me.is_service_account : undefined;
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  const loginUser = await answerOf('login_user', (settings) => sdk.login_user(absentUserId, settings));
  const embed = await answerOf('user_for_credential', (settings) =>
    sdk.user_for_credential('embed', probeId, 'id', settings),
  );
  const email = await answerOf('user_for_credential', (settings) =>
    sdk.user_for_credential('email', `${probeId}@example.invalid`, 'id', settings),
  );
  const flavor: LookerFlavor =
    loginUser !== 'works' ? 'unknown' : email === 'denied' ? 'core' : email === 'works' ? 'original' : 'unknown';
  const problem = problems.length > 0 ? [...new Set(problems)].join('; ') : undefined;
  return { loginUser, lookup: { embed, email }, serviceAccount, flavor, ...(problem ? { problem } : {}) };
}

/** How callers are matched, as far as the report needs it. */
export interface MappingInUse {
  readonly by: 'embed' | 'email';
}

/** What the subgraph can and cannot do in per-user mode on this Looker, in words for an operator. */
export interface PerUserReport {
  /** True when the configured mapping works (callers who map to a Looker user will be served). */
  readonly ok: boolean;
  /** `Looker (original)`, `Looker (Google Cloud core)`, or why it is not known. */
  readonly mode: string;
  readonly works: readonly string[];
  readonly fails: readonly string[];
  /** What to change when `ok` is false. */
  readonly fix?: string;
}

/** The operator's view of the probe, for the start-up log line and `npm run doctor`. */
export function describePerUserAccess(caps: PerUserCapabilities, mapping: MappingInUse): PerUserReport {
  if (caps.loginUser === 'denied') {
    return {
      ok: false,
      mode: 'the API user may not call login_user',
      works: [],
      fails: ['every mapping (login_user refused: the API user is not a Looker admin)'],
      fix: 'give the API user the Admin role (on Looker (Google Cloud core): an API-only service account with the Admin role), or set LOOKER_IDENTITY=service',
    };
  }
  if (caps.loginUser === 'unknown') {
    return {
      ok: false,
      mode: `unknown (${caps.problem ?? 'Looker did not answer the probe'})`,
      works: [],
      fails: ['could not be checked'],
      fix: 'make Looker reachable with working API3 credentials',
    };
  }
  const core = caps.flavor === 'core';
  const works: string[] = [];
  const fails: string[] = [];
  const embedOk = caps.lookup.embed === 'works';
  const emailOk = caps.lookup.email === 'works' && !core;
  (embedOk ? works : fails).push(
    embedOk
      ? 'embed credential (LOOKER_USER_MAPPING=embed)'
      : `embed credential (user_for_credential ${caps.lookup.embed === 'denied' ? 'denied' : 'unanswered'})`,
  );
  (emailOk ? works : fails).push(
    emailOk
      ? 'email (LOOKER_USER_MAPPING=email)'
      : core
        ? 'email (user_for_credential denied, and login_user refuses users who are not embed users)'
        : 'email (user_for_credential unanswered)',
  );
  works.push(core ? 'policy lookerUser naming an embed user' : 'policy lookerUser (any user)');
  if (core) fails.push('policy lookerUser naming a standard user or a service account');
  const ok = mapping.by === 'embed' ? embedOk : emailOk;
  const mode = core
    ? 'Looker (Google Cloud core): login_user only for embed users'
    : caps.flavor === 'original'
      ? 'Looker (original): login_user for any user'
      : 'login_user allowed';
  const fix = ok
    ? undefined
    : mapping.by === 'email' && core
      ? 'set LOOKER_USER_MAPPING=embed and have callers reach Looker as embed users (external_user_id = the token subject), or name embed users in the policy file'
      : `make user_for_credential answer for ${mapping.by} credentials (an admin API user), or choose the other LOOKER_USER_MAPPING`;
  return { ok, mode, works, fails, ...(fix ? { fix } : {}) };
}

/** The one line the subgraph logs at start in per-user mode. */
export function perUserAccessLogLine(report: PerUserReport, mapping: MappingInUse): string {
  const fails = report.fails.length > 0 ? `; does not work: ${report.fails.join(', ')}` : '';
  const verdict = report.ok ? '' : ` — the configured mapping fails: ${report.fix ?? ''}`;
  return `Per-user Looker identity (LOOKER_USER_MAPPING=${mapping.by}) on ${report.mode}; works: ${report.works.join(', ') || 'nothing'}${fails}${verdict}`;
}
