import type { Context as TraceContext } from '@opentelemetry/api';
import type { AuthContext, Principal } from '../auth/principal';
import { createLoaders, type Loaders } from '../loaders';
import type { LoaderOptions } from '../loaders/loader-options';
import type { SharedCache } from '../cache';
import type { EmbedPolicy, Policy } from '../policy';
import type { LookerAdmission } from '../limits/looker-admission';
import { LookerClient, type RequestBudget } from '../looker/looker-client';
import type { LookerSession } from '../looker/looker-session';
import type { RetryPolicy } from '../looker/retry-policy';
import type { RunningQueryTasks } from '../query-tasks/running-query-tasks';
import { QueryTaskIds } from '../query-tasks/task-ids';
import { defaultExportLinkTtlSeconds, ExportLinks } from '../export-links/export-links';
import type { WriteServices } from './write-services';

let processTaskIds: QueryTaskIds | undefined;
/** One signer per process for contexts built without one (its key dies with the process). */
function processQueryTaskIds(): QueryTaskIds {
  return (processTaskIds ??= new QueryTaskIds(undefined));
}

let processExportLinks: ExportLinks | undefined;
/** One export link sealer per process for contexts built without one (its key dies with the process). */
function processExportLinkSealer(): ExportLinks {
  return (processExportLinks ??= new ExportLinks({ ttlSeconds: defaultExportLinkTtlSeconds }));
}

/** Everything one GraphQL request's resolvers may use. Built fresh for every request. */
export interface Context extends AuthContext {
  /** Correlates logs, the audit event and the response (`x-request-id`). */
  readonly requestId: string;
  readonly principal: Principal | null;
  /** Why the request's token was refused, when it carried one that failed verification. */
  readonly tokenRejection: string | undefined;
  /** Looker as this request's caller may see it. */
  readonly looker: LookerClient;
  readonly loaders: Loaders;
  /** Signs and opens the ids of query tasks, so only their owner can read or cancel them. */
  readonly queryTaskIds: QueryTaskIds;
  /** The query tasks this replica started (`startQuery`): each caller's cap (results' tasks included), deadlines, kills at stop. */
  readonly runningQueryTasks: RunningQueryTasks;
  /** The policy's `embed:` section in force now (it follows the policy file); undefined: embedding is refused. */
  embedPolicy(): EmbedPolicy | undefined;
  /** Mints the caller's export links (`exportUrl`). */
  readonly exportLinks: ExportLinks;
  /** The request's trace context (its span), parent of its Looker calls' spans; none outside the HTTP front. */
  readonly trace: TraceContext | undefined;
  /** What writes use (policy, idempotency, rate, eviction, audit); absent where a server set none up: writes are refused. */
  readonly writes: WriteServices | undefined;
}

/** What the server provides to build each request's context. */
export interface ContextDependencies {
  readonly lookerTimeoutMs: number;
  /** Deadline of metadata calls (at most `lookerTimeoutMs`). */
  readonly lookerMetadataTimeoutMs?: number;
  readonly retry?: RetryPolicy;
  readonly loaderOptions: LoaderOptions;
  /** How Looker's capacity is shared between callers; each request uses its subject's admission. */
  readonly admission?: LookerAdmission;
  /** What one request may spend on Looker. */
  readonly budget?: RequestBudget;
  /** Query task ids; default: signed with a key made for this process. */
  readonly queryTaskIds?: QueryTaskIds;
  /** The query tasks this replica started; one per server, so it can kill them when it stops. */
  readonly runningQueryTasks: RunningQueryTasks;
  /** The cache of Looker answers shared by all requests (and replicas, through Redis). */
  readonly cache?: SharedCache;
  /** The policy's `embed:` section in force; default: none (embedding refused). */
  readonly embedPolicy?: () => EmbedPolicy | undefined;
  /** The policy in force, for its `rowFilters:` (read per request, so they follow the file); default: none. */
  readonly rowFilterPolicy?: () => Policy;
  /** Export links; default: sealed with a key made for this process. */
  readonly exportLinks?: ExportLinks;
  /** What writes use; default: none (writes are refused). */
  readonly writes?: WriteServices;
}

/** Builds a request's context from its verified caller and Looker session. */
export function createContext(
  deps: ContextDependencies,
  request: {
    requestId: string;
    principal: Principal | null;
    tokenRejection: string | undefined;
    session: LookerSession;
    trace?: TraceContext;
    /** Aborts when the request's client went away before its answer was sent: its Looker work stops. */
    signal?: AbortSignal;
  },
): Context {
  // Calls made without a principal (public operations make none) share one gate.
  const subject = request.principal?.subject ?? 'anonymous';
  const gate = deps.admission?.forCaller(subject, request.principal?.clientId);
  const looker = new LookerClient(request.session, {
    timeoutMs: deps.lookerTimeoutMs,
    metadataTimeoutMs: deps.lookerMetadataTimeoutMs,
    retry: deps.retry,
    gate,
    budget: deps.budget,
    trace: request.trace,
    signal: request.signal,
    // Results run as query tasks count against the caller's cap with its startQuery tasks.
    taskSlot: () => deps.runningQueryTasks.takeSlot(subject),
  });
  return {
    requestId: request.requestId,
    principal: request.principal,
    tokenRejection: request.tokenRejection,
    looker,
    loaders: createLoaders(
      looker,
      deps.loaderOptions,
      deps.cache,
      deps.rowFilterPolicy && { policy: deps.rowFilterPolicy(), principal: request.principal },
    ),
    queryTaskIds: deps.queryTaskIds ?? processQueryTaskIds(),
    runningQueryTasks: deps.runningQueryTasks,
    embedPolicy: () => deps.embedPolicy?.(),
    exportLinks: deps.exportLinks ?? processExportLinkSealer(),
    trace: request.trace,
    writes: deps.writes,
    scopesUsed: new Set(),
  };
}
