/**
 * The HTTP front of the GraphQL endpoint, on Node's request and response. What runs before Apollo,
 * in this order: request audit, gateway credential, token verification, request shape, body parsing
 * with a per-caller limit, batch refusal, the anonymous-request limits, the nesting bound. Then
 * Apollo itself, and the JSON error handler (which also replaces Express's own on the other
 * routes). Also the servers: the public one (`publicServer`), the operator routes' own
 * (`operatorServer`), their connection bounds, and the health routes.
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
export { graphqlFront, type GraphQLFrontOptions } from './graphql-front';
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
export { baseUrlOf, closeServer, listenOn } from './listening';
export { operatorServer, type OperatorServer, type OperatorServerOptions } from './operator-server';
export { publicServer, type PublicServer } from './public-server';
export { createRequestAudit, type RequestAudit } from './request-audit';
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
export { trustedDocumentsGate, type TrustedDocumentsInForce } from './trusted-documents-gate';
