import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from '../../context/context';
import { auditOriginOf } from '../../audit/audit-channel';
import type { AuditEvent, AuditOutcome, DeniedField } from '../../audit/audit-event';

function outcomeOf(errors: readonly GraphQLFormattedError[], hasData: boolean, authenticated: boolean): AuditOutcome {
  if (errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') && !authenticated) return 'unauthenticated';
  if (errors.length === 0) return 'ok';
  return hasData ? 'partial' : 'error';
}

function deniedOf(errors: readonly GraphQLFormattedError[]): DeniedField[] {
  return errors
    .filter((e) => e.extensions?.code === 'FORBIDDEN')
    .map((e) => ({
      path: (e.path ?? []).join('.'),
      requiredScopes: Array.isArray(e.extensions?.requiredScopes) ? (e.extensions.requiredScopes as string[][]) : [],
    }));
}

function errorCounts(errors: readonly GraphQLFormattedError[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of errors) {
    const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN';
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

/** Options of {@link auditPlugin}. */
export interface AuditPluginOptions {
  /** Told of each request whose event the plugin wrote, so the HTTP front does not write another. */
  readonly onAudited?: (context: Context) => void;
  readonly now?: () => number;
}

/**
 * Writes one audit event per operation when its response is sent, refused requests included.
 * Per-request state lives in `requestDidStart`, as Apollo's plugin model intends. Requests that
 * never reach this hook (refused by the HTTP front, or failing inside Apollo before it) are
 * audited by `requestAudit` instead.
 */
export function auditPlugin(sink: Logger, options: AuditPluginOptions = {}): ApolloServerPlugin<Context> {
  const now = options.now ?? (() => performance.now());
  return {
    async requestDidStart({ request }) {
      const started = now();
      return {
        async willSendResponse({ contextValue, response, operationName, queryHash }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          const errors = body.errors ?? [];
          const principal = contextValue.principal;
          const outcome = outcomeOf(errors, body.data !== undefined && body.data !== null, principal !== null);
          const origin = auditOriginOf(contextValue);
          const event: AuditEvent = {
            type: 'graphql.operation',
            channel: origin.channel,
            ...(origin.tool === undefined ? {} : { tool: origin.tool }),
            time: new Date().toISOString(),
            requestId: contextValue.requestId,
            subject: principal?.subject ?? null,
            clientId: principal?.clientId ?? null,
            // Scope names only, for access reviews: what was held, beside what the resources show was used.
            ...(principal
              ? {
                  scopes: [...principal.scopes].sort(),
                  scopesUsed: [...(contextValue.scopesUsed ?? [])].sort(),
                  ...(principal.policyRules && { rules: principal.policyRules }),
                }
              : {}),
            ...rowFiltersOf(contextValue),
            ...titlesOf(contextValue),
            lookerUser: contextValue.looker.lookerUserId ?? null,
            operationName: operationName ?? request.operationName ?? null,
            // Apollo's own SHA-256 of the document (hex), computed once per request for its document cache.
            documentHash: queryHash ?? null,
            outcome,
            ...(outcome === 'unauthenticated' ? { reason: contextValue.tokenRejection ?? 'missing' } : {}),
            status: response.http.status ?? 200,
            denied: deniedOf(errors),
            errors: errorCounts(errors),
            resources: [...contextValue.looker.touched].sort(),
            lookerCalls: contextValue.looker.calls,
            // Result rows the caller read: from Looker, and from the cache.
            rows: contextValue.looker.rows + contextValue.loaders.cache.servedRows,
            cacheHits: contextValue.loaders.cache.hits,
            durationMs: Math.round((now() - started) * 10) / 10,
          };
          sink.info(event);
          options.onAudited?.(contextValue);
        },
      };
    },
  };
}

/** The row filters forced on the request's queries, when any were. */
function rowFiltersOf(context: Context): Pick<AuditEvent, 'rowFilters'> {
  const applied = context.loaders.rows.applied;
  if (!applied || applied.size === 0) return {};
  return {
    rowFilters: [...applied]
      .map(([field, values]) => ({ field, values }))
      .sort((a, b) => a.field.localeCompare(b.field)),
  };
}

/** Most titles one event carries: a long listing names its first ones. */
const maxTitles = 100;

/** The titles of the content the request read, when any. */
function titlesOf(context: Context): Pick<AuditEvent, 'titles'> {
  const titles = context.looker.titles;
  if (titles.size === 0) return {};
  return { titles: Object.fromEntries([...titles].slice(0, maxTitles)) };
}
