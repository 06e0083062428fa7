import type { RequestAudit } from './request-audit';
import { lexicalNesting, maxNesting } from '../graphql/validation/document-bounds';
import { sendGraphQLError } from '../errors';
import type { FrontHandler, FrontRequest } from './handler-chain';

/** The GraphQL source a request carries, from its JSON body or its URL. */
export function sourceOf(req: FrontRequest): { query: unknown; operationName: unknown } {
  if (req.method === 'POST') {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return { query: undefined, operationName: undefined };
    return {
      query: (body as Record<string, unknown>).query,
      operationName: (body as Record<string, unknown>).operationName,
    };
  }
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  return { query: params.get('query') ?? undefined, operationName: params.get('operationName') ?? undefined };
}

/**
 * Refuses, before Apollo parses it, a document whose brackets nest deeper than {@link maxNesting}:
 * the parser is recursive and would overflow the stack far below the token limit's reach. The scan
 * reads tokens iteratively and stops at the token limit.
 */
export function documentNesting(options: { audit: RequestAudit; maxTokens: number }): FrontHandler {
  return (req, res, next) => {
    const { query } = sourceOf(req);
    if (typeof query === 'string' && lexicalNesting(query, options.maxTokens) > maxNesting) {
      options.audit.refuse(res, { reason: 'too_deep' });
      sendGraphQLError(
        res,
        'GRAPHQL_PARSE_FAILED',
        `Syntax Error: Document nests more than ${maxNesting} levels deep.`,
      );
      return;
    }
    next();
  };
}
