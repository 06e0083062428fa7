import type { Config } from '../config';
import { describePerUserAccess, probePerUserAccess } from '../looker-users';
import { LookerError } from '../looker/errors';
import { callLooker } from '../looker/looker-call';
import type { LookerSession } from '../looker/looker-session';
import { createServiceLookerSession } from '../looker/service-looker-session';
import { fail, pass, reasonOf, type CheckResult } from './check';

/** How long one doctor request to Looker may take. */
const timeoutMs = 10_000;
/** Retries would only make a broken configuration slower to report. */
const noRetry = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

/** `GET /versions` (public in Looker): the instance answers, and which release it runs. */
export async function checkLookerReachable(
  looker: Config['looker'],
): Promise<{ result: CheckResult; reachable: boolean }> {
  const name = 'Looker reachable';
  const url = `${looker.baseUrl.replace(/\/+$/, '')}/api/4.0/versions`;
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
    if (!response.ok)
      return {
        result: fail(
          name,
          `${url} answered HTTP ${response.status}`,
          'LOOKERSDK_BASE_URL must be the API host (e.g. https://company.looker.com, or :19999 on older self-hosted instances)',
        ),
        reachable: false,
      };
    const body = (await response.json()) as { looker_release_version?: unknown };
    const version = typeof body.looker_release_version === 'string' ? body.looker_release_version : 'unknown';
    return { result: pass(name, `${looker.baseUrl} (Looker ${version})`), reachable: true };
  } catch (error) {
    return {
      result: fail(
        name,
        `${url}: ${reasonOf(error)}`,
        'check LOOKERSDK_BASE_URL, DNS, firewalls and proxies between this host and Looker',
      ),
      reachable: false,
    };
  }
}

/** API3 login as the subgraph does it (the SDK, `POST /login`), then `GET /user`: who the API user is. */
export async function checkApiLogin(service: LookerSession): Promise<CheckResult> {
  const name = 'API3 login';
  try {
    const me = await callLooker((settings) => service.sdk.me('id,display_name,is_service_account', settings), {
      operation: 'me',
      timeoutMs,
      retry: noRetry,
      idempotent: true,
    });
    const account = me.is_service_account === true ? ', a service account' : '';
    return pass(name, `logged in as Looker user ${me.id ?? '?'} (${me.display_name ?? 'no name'}${account})`);
  } catch (error) {
    // Looker answers 404 to wrong API3 credentials. A login the SDK could not make (an HTTP status
    // below 500) comes back from callLooker as INTERNAL_SERVER_ERROR carrying that status.
    const wrongCredentials =
      error instanceof LookerError &&
      error.code === 'INTERNAL_SERVER_ERROR' &&
      error.status !== undefined &&
      error.status < 500;
    return fail(
      name,
      wrongCredentials ? 'Looker refused the API3 client id or secret' : reasonOf(error),
      wrongCredentials
        ? 'set LOOKERSDK_CLIENT_ID and LOOKERSDK_CLIENT_SECRET (or their _FILE forms) to an API key of the API user (Admin → Users → Edit keys)'
        : 'check that Looker answers and the API3 credentials are valid',
    );
  }
}

/** What `LOOKER_IDENTITY` needs: nothing more in service mode; in user mode, the probe the subgraph logs at start. */
export async function checkIdentity(looker: Config['looker'], service: LookerSession): Promise<CheckResult> {
  const name = `LOOKER_IDENTITY=${looker.identity}`;
  if (looker.identity === 'service')
    return pass(name, 'every request reads Looker as the API user; no extra permission needed');
  const caps = await probePerUserAccess(service, { timeoutMs, retry: noRetry });
  const report = describePerUserAccess(caps, looker.userMapping);
  const summary = `${report.mode}; mapping ${looker.userMapping.by}; works: ${report.works.join(', ') || 'nothing'}${report.fails.length > 0 ? `; does not work: ${report.fails.join(', ')}` : ''}`;
  return report.ok
    ? pass(name, summary)
    : fail(name, summary, report.fix ?? 'see docs/production.md, "Per-user Looker identity"');
}

/** The three Looker checks in order; later ones are skipped (and fail) when Looker cannot be reached. */
export async function lookerChecks(config: Config): Promise<CheckResult[]> {
  const reachable = await checkLookerReachable(config.looker);
  if (!reachable.reachable) {
    return [
      reachable.result,
      fail('API3 login', 'not tried: Looker is unreachable', 'fix the reachability first'),
      fail(
        `LOOKER_IDENTITY=${config.looker.identity}`,
        'not checked: Looker is unreachable',
        'fix the reachability first',
      ),
    ];
  }
  const service = createServiceLookerSession(config.looker);
  const login = await checkApiLogin(service);
  if (!login.ok)
    return [
      reachable.result,
      login,
      fail(`LOOKER_IDENTITY=${config.looker.identity}`, 'not checked: the API3 login failed', 'fix the login first'),
    ];
  return [reachable.result, login, await checkIdentity(config.looker, service)];
}
