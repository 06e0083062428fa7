import type { ServerResponse } from 'node:http';
import bodyParser from 'body-parser';
import { getOperationAST, Kind, parse, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import type { RequestAudit } from './request-audit';
import { authenticationRefusal } from '../graphql/plugins/authentication-plugin';
import { lexicalNesting, maxNesting } from '../graphql/validation/document-bounds';
import { sendGraphQLError } from '../errors';
import { isPublicOperation } from '../graphql/validation/public-operation';
import { sourceOf } from './document-nesting';
import type { FrontHandler } from './handler-chain';
import { authOf } from './request-auth';

/** Largest body a request without a valid token may carry: room for `_service` or introspection. */
export const anonymousBodyLimit = 4 * 1024;
/** Largest body a request with a valid token may carry. */
export const bodyLimit = 1024 * 1024;

/** Answers 401 with the gate's challenge, and names the token's reason for the audit. */
export function refuseUnauthenticated(res: ServerResponse, audit: RequestAudit): void {
  const { tokenRejection } = authOf(res);
  const refusal = authenticationRefusal(tokenRejection !== undefined);
  audit.refuse(res, { reason: tokenRejection ?? 'missing', outcome: 'unauthenticated' });
  // The rest of an unread body is not worth receiving: close the connection after the answer.
  res.setHeader('connection', 'close');
  sendGraphQLError(res, 'UNAUTHENTICATED', refusal.message, { headers: { 'www-authenticate': refusal.challenge } });
}

/**
 * Parses JSON bodies with a limit that depends on the caller: {@link bodyLimit} with a valid
 * token, {@link anonymousBodyLimit} without. A request without a valid token that announces a
 * larger body is refused 401 before a byte of it is read.
 */
export function jsonBodies(audit: RequestAudit): FrontHandler {
  const small = bodyParser.json({ limit: anonymousBodyLimit });
  const large = bodyParser.json({ limit: bodyLimit });
  return (req, res, next) => {
    if (authOf(res).principal) {
      large(req, res, next);
      return;
    }
    const announced = Number(req.headers['content-length'] ?? 0);
    if (announced > anonymousBodyLimit) {
      refuseUnauthenticated(res, audit);
      return;
    }
    small(req, res, next);
  };
}

/**
 * Lets a request without a valid token reach Apollo only with a public operation (see
 * {@link isPublicOperation}); anything else, a document that does not parse included, is refused
 * 401 before validation. The document is at most {@link anonymousBodyLimit} bytes and parsed with
 * the token limit, so this costs little.
 */
export function anonymousRequests(options: {
  audit: RequestAudit;
  introspection: boolean;
  maxTokens: number;
  /** Whether this request may read `_service` without a token. */
  serviceAllowed: (res: ServerResponse) => boolean;
}): FrontHandler {
  return (req, res, next) => {
    if (authOf(res).principal) {
      next();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      // Not an operation: Apollo answers 405.
      next();
      return;
    }
    const { query, operationName } = sourceOf(req);
    let document: DocumentNode | undefined;
    try {
      const parsable = typeof query === 'string' && lexicalNesting(query, options.maxTokens) <= maxNesting;
      document = parsable ? parse(query, { maxTokens: options.maxTokens, noLocation: true }) : undefined;
    } catch {
      document = undefined;
    }
    const operation = document
      ? getOperationAST(document, typeof operationName === 'string' ? operationName : undefined)
      : null;
    if (document && operation) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      }
      if (isPublicOperation(operation, fragments, options.introspection, options.serviceAllowed(res))) {
        next();
        return;
      }
    }
    refuseUnauthenticated(res, options.audit);
  };
}
