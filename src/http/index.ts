/**
 * The HTTP front of the GraphQL endpoint, on Node's request and response: what runs before
 * Apollo, in this order — request audit, gateway credential, token verification, request shape,
 * body parsing with a per-caller limit, batch refusal, the anonymous-request limits, the nesting bound —
 * Apollo itself, and the JSON error handler (which also replaces Express's own on the other routes).
 */
export {
  anonymousBodyLimit,
  anonymousRequests,
  bodyLimit,
  jsonBodies,
  refuseUnauthenticated,
} from './anonymous-requests';
export { apolloHandler } from './apollo-handler';
export { clientGoneSignal } from './client-gone';
export { corsPolicy, type CorsRoute } from './cors-policy';
export { guardConnections } from './connection-guard';
export { documentNesting } from './document-nesting';
export { graphqlErrorHandler } from './error-handler';
export {
  gatewayCredential,
  gatewayCredentialHeader,
  inlineTraceHeader,
  isGatewayContext,
  isGatewayRequest,
  tagGatewayContext,
} from './gateway-credential';
export { healthRoutes, type Readiness } from './health-routes';
export { handlerChain, type FrontErrorHandler, type FrontHandler, type FrontRequest, type Next } from './handler-chain';
export { authenticateRequests, authOf, type RequestAuth } from './request-auth';
export { notFound } from './not-found';
export {
  failureKeyOf,
  operatorRouter,
  OPERATOR_FAILURES_PER_MINUTE,
  type OperatorRouterOptions,
} from './operator-router';
export { assignRequestId, requestIdOf } from './request-id';
export { httpServerOptions, type ConnectionBounds } from './server-options';
export { refuseBatches, requestShape } from './request-shape';
