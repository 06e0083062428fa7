/**
 * The HTTP front of the GraphQL endpoint: what runs before Apollo, in this order — request audit,
 * gateway credential, token verification, request shape, body parsing with a per-caller limit,
 * batch refusal, the anonymous gate, the nesting bound — and the JSON error handler that replaces Express's own.
 */
export { anonymousBodyLimit, anonymousGate, bodyLimit, jsonBodies, refuseUnauthenticated } from './anonymous-gate';
export { documentNesting } from './document-nesting';
export { graphqlErrorHandler } from './error-handler';
export { gatewayCredential, gatewayCredentialHeader, inlineTraceHeader, isGatewayContext, isGatewayRequest, tagGatewayContext } from './gateway-credential';
export { sendGraphQLError } from './graphql-error-response';
export { authenticateRequests, authOf, type RequestAuth } from './request-auth';
export { refuseBatches, requestShape } from './request-shape';
