import typeis from 'type-is';
import type { RequestAudit } from './request-audit';
import { sendGraphQLError } from '../errors';
import type { FrontHandler } from './handler-chain';

/** Content types a browser may send cross-origin without a preflight (Fetch's "CORS-safelisted"). */
const simpleContentTypes = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);
/** Headers that force a preflight, as Apollo Server's CSRF prevention accepts them. */
const preflightHeaders = ['x-apollo-operation-name', 'apollo-require-preflight'];

/**
 * Refuses, without reading any body, what cannot be a GraphQL request of ours: a POST that is not
 * JSON (415), and a GET that a browser could send cross-site without a preflight (Apollo Server's
 * CSRF rule, applied here so the refusal is audited with its reason). Other methods go on to Apollo.
 */
export function requestShape(audit: RequestAudit): FrontHandler {
  return (req, res, next) => {
    if (req.method === 'POST' && !typeis(req, ['application/json'])) {
      audit.refuse(res, { reason: 'content_type' });
      sendGraphQLError(res, 'BAD_REQUEST', 'The request body must be JSON (Content-Type: application/json)', {
        status: 415,
      });
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const contentType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      const preflighted =
        (contentType !== undefined && contentType !== '' && !simpleContentTypes.has(contentType)) ||
        preflightHeaders.some((name) => (req.headers[name] ?? '') !== '');
      if (!preflighted) {
        audit.refuse(res, { reason: 'csrf' });
        sendGraphQLError(
          res,
          'BAD_REQUEST',
          'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a ' +
            "'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, " +
            'text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight',
        );
        return;
      }
    }
    next();
  };
}

/** Refuses a JSON array body: batched operations are not served (Apollo's default, refused before it runs). */
export function refuseBatches(audit: RequestAudit): FrontHandler {
  return (req, res, next) => {
    if (Array.isArray(req.body)) {
      audit.refuse(res, { reason: 'batched' });
      sendGraphQLError(res, 'BAD_REQUEST', 'Batched operations are not supported: send one operation per request');
      return;
    }
    next();
  };
}
