import type { Context as TraceContext } from '@opentelemetry/api';
import type { Principal } from '../auth/principal';
import type { LookerSessionSource } from '../looker-users';
import type { RequestBudget } from '../looker/looker-client';
import type { LookerUserRef } from '../policy';
import { createContext, type Context, type ContextDependencies } from './context';

/** Who a request is for, as each door (GraphQL, MCP, exports) knows it. */
export interface RequestCaller {
  readonly requestId: string;
  readonly principal: Principal | null;
  readonly lookerUser?: LookerUserRef;
  /** Why the request's token was refused, when it carried one that failed. */
  readonly tokenRejection?: string;
  readonly trace?: TraceContext;
  /** Aborts when the client went away before its answer: the request's Looker work stops. */
  readonly signal?: AbortSignal;
}

/** Builds a request's context for its caller, with a budget of its own unless one is shared (an MCP request's tool calls). */
export type RequestContextFactory = (caller: RequestCaller, budget?: RequestBudget) => Context;

/**
 * The one way every door builds a request context. It joins:
 * - the process-wide parts (`deps`);
 * - the Looker session of this caller (`sessionFor`: the service account, or the caller's own Looker user).
 */
export function requestContextFactory(
  deps: ContextDependencies,
  sessionFor: LookerSessionSource,
): RequestContextFactory {
  return (caller, budget) =>
    createContext(budget ? { ...deps, budget } : deps, {
      requestId: caller.requestId,
      principal: caller.principal,
      tokenRejection: caller.tokenRejection,
      session: sessionFor(caller.principal, caller.lookerUser),
      trace: caller.trace,
      signal: caller.signal,
    });
}
