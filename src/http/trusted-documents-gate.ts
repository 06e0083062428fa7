import type { ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal';
import { sendGraphQLError } from '../errors';
import {
  decideTrust,
  type PersistedRequestParts,
  type TrustedDocumentsMode,
  type TrustedManifest,
} from '../trusted-documents';
import { isGatewayRequest } from './gateway-credential';
import type { FrontHandler, FrontRequest } from './handler-chain';
import type { RequestAudit } from './request-audit';
import { authOf } from './request-auth';

/** The trusted documents in force: the mode, and the manifest (reloaded with its file). */
export interface TrustedDocumentsInForce {
  readonly mode: TrustedDocumentsMode;
  current(): TrustedManifest | undefined;
}

/** The refusal's message: says what to send instead, names no document. */
const notInList =
  'Trusted documents are enforced: send a registered operation by its id (extensions.persistedQuery.sha256Hash or documentId)';

/**
 * Trusted documents at the front, before anything parses the document (after the token check and
 * the body limits, so a request without a valid token is still refused 401 first). A registered
 * id becomes its registered text, whichever the mode; in `enforce`, anything else is refused with
 * `PERSISTED_QUERY_NOT_IN_LIST` (audited, reason `persisted_query_not_in_list`) unless its text is
 * a registered document, the caller holds a scope the policy exempts, or the request comes from the
 * gateway (which forwards the full text of operations it has already admitted).
 */
export function trustedDocumentsGate(options: {
  audit: RequestAudit;
  documents: TrustedDocumentsInForce;
  /** Whether the policy exempts this caller (`trustedDocuments.exemptScopes`). */
  exempt: (principal: Principal | null) => boolean;
}): FrontHandler {
  const { documents } = options;
  return (req, res, next) => {
    if (documents.mode === 'off' || (req.method !== 'GET' && req.method !== 'POST')) {
      next();
      return;
    }
    const parts = partsOf(req);
    const exempt = documents.mode === 'enforce' && (isGatewayRequest(res) || options.exempt(authOf(res).principal));
    const decision = decideTrust(documents.current(), documents.mode, parts, exempt);
    if (decision.kind === 'refuse') {
      refuse(res, options.audit);
      return;
    }
    if (decision.kind === 'unknown') {
      options.audit.refuse(res, { reason: 'persisted_query_not_found' });
      sendGraphQLError(
        res,
        'PERSISTED_QUERY_NOT_FOUND',
        'PersistedQueryNotFound: the documentId is not in the trusted documents manifest; send the document text',
      );
      return;
    }
    if (decision.kind === 'substitute') substitute(req, decision.text);
    next();
  };
}

function refuse(res: ServerResponse, audit: RequestAudit): void {
  audit.refuse(res, { reason: 'persisted_query_not_in_list' });
  sendGraphQLError(res, 'PERSISTED_QUERY_NOT_IN_LIST', notInList);
}

/** The JSON body of a POST, or the search parameters of a GET (`extensions` is JSON there). */
function partsOf(req: FrontRequest): PersistedRequestParts {
  if (req.method === 'POST') {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return { query: undefined, documentId: undefined, extensions: undefined };
    const { query, documentId, extensions } = body as Record<string, unknown>;
    return { query, documentId, extensions };
  }
  const params = searchOf(req);
  return {
    query: params.get('query') ?? undefined,
    documentId: params.get('documentId') ?? undefined,
    extensions: jsonOrUndefined(params.get('extensions')),
  };
}

/**
 * Puts the registered text in the request and takes the id out, so Apollo runs the text as it
 * would any other (the id may be no SHA-256 of it: GraphQL Code Generator's ids may be SHA-1).
 */
function substitute(req: FrontRequest, text: string): void {
  if (req.method === 'POST') {
    const body = req.body as Record<string, unknown>;
    body.query = text;
    delete body.documentId;
    body.extensions = withoutPersistedQuery(body.extensions);
    if (body.extensions === undefined) delete body.extensions;
    return;
  }
  const url = req.url ?? '/graphql';
  const params = searchOf(req);
  params.set('query', text);
  params.delete('documentId');
  const extensions = withoutPersistedQuery(jsonOrUndefined(params.get('extensions')));
  if (extensions === undefined) params.delete('extensions');
  else params.set('extensions', JSON.stringify(extensions));
  const at = url.indexOf('?');
  req.url = `${at === -1 ? url : url.slice(0, at)}?${params.toString()}`;
}

function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions)) return undefined;
  const { persistedQuery: _dropped, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function searchOf(req: FrontRequest): URLSearchParams {
  const url = req.url ?? '';
  const at = url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
}

function jsonOrUndefined(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
