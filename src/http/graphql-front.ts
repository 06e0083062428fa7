import type { ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Principal } from '../auth/principal';
import type { Config } from '../config';
import type { Context } from '../context/context';
import type { RequestContextFactory } from '../context/request-context';
import { requestTraceOf, traceGraphQLRequests } from '../observability';
import { anonymousRequests, jsonBodies } from './anonymous-requests';
import { apolloHandler } from './apollo-handler';
import { corsPolicy } from './cors-policy';
import { documentNesting } from './document-nesting';
import { gatewayCredential, isGatewayRequest, tagGatewayContext } from './gateway-credential';
import { handlerChain, type FrontErrorHandler, type FrontHandler, type FrontRequest } from './handler-chain';
import type { RequestAudit } from './request-audit';
import { authOf } from './request-auth';
import { requestIdOf } from './request-id';
import { refuseBatches, requestShape } from './request-shape';
import { trustedDocumentsGate, type TrustedDocumentsInForce } from './trusted-documents-gate';

/** The parts the GraphQL front runs, and the settings it reads. */
export interface GraphQLFrontOptions {
  readonly config: Pick<Config, 'corsOrigins' | 'gatewaySecret' | 'introspection' | 'production' | 'limits'>;
  /** Started: the front is built once Apollo runs. */
  readonly apollo: ApolloServer<Context>;
  readonly contextFor: RequestContextFactory;
  readonly requestAudit: RequestAudit;
  /** Verifies the bearer token, before any body is read. */
  readonly authenticate: FrontHandler;
  readonly errorHandler: FrontErrorHandler;
  /** Trusted documents (`TRUSTED_DOCUMENTS`), and whether the policy exempts a caller from their enforcement. */
  readonly trustedDocuments: TrustedDocumentsInForce;
  readonly trustedDocumentsExempt: (principal: Principal | null) => boolean;
}

/**
 * The handler chain of `/graphql`, in order. Cheap checks come first, and no body is read before
 * the caller is known: a request without a valid token may carry only a small public operation.
 */
export function graphqlFront(options: GraphQLFrontOptions): (req: FrontRequest, res: ServerResponse) => void {
  const { config, requestAudit } = options;
  return handlerChain(
    [
      // Before any body parsing: the caller's traceparent must frame everything the request does.
      traceGraphQLRequests(),
      corsPolicy(config.corsOrigins, {
        allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'apollo-require-preflight'],
        exposedHeaders: ['x-request-id'],
      }),
      requestAudit.track,
      gatewayCredential({
        secret: config.gatewaySecret,
        openWithoutCredential: config.introspection && !config.production,
      }),
      options.authenticate,
      requestShape(requestAudit),
      jsonBodies(requestAudit),
      refuseBatches(requestAudit),
      anonymousRequests({
        audit: requestAudit,
        introspection: config.introspection,
        maxTokens: config.limits.tokens,
        // `_service` (the schema) is public where introspection is; else only for the gateway.
        serviceAllowed: (res) => config.introspection || isGatewayRequest(res),
      }),
      // Before anything parses an authenticated caller's document: enforced, only registered ones pass.
      trustedDocumentsGate({
        audit: requestAudit,
        documents: options.trustedDocuments,
        exempt: options.trustedDocumentsExempt,
      }),
      documentNesting({ audit: requestAudit, maxTokens: config.limits.tokens }),
      apolloHandler(options.apollo, apolloContext(options.contextFor, requestAudit)),
    ],
    options.errorHandler,
  );
}

/** Apollo's context function: the caller the front verified, in the context every door builds. */
function apolloContext(
  contextFor: RequestContextFactory,
  requestAudit: RequestAudit,
): (args: { req: FrontRequest; res: ServerResponse; signal: AbortSignal }) => Promise<Context> {
  return async ({ res, signal }) => {
    // The token was verified by the HTTP front, before the body was read.
    const { principal, lookerUser, tokenRejection } = authOf(res);
    const contextValue = contextFor({
      requestId: requestIdOf(res),
      principal,
      lookerUser,
      tokenRejection,
      trace: requestTraceOf(res),
      signal,
    });
    requestAudit.link(contextValue, res);
    tagGatewayContext(contextValue, res);
    return contextValue;
  };
}
