import { createHash } from 'node:crypto';

/** The manifest formats read: Apollo's persisted query manifest, GraphQL Code Generator's persisted documents. */
export type ManifestFormat = 'apollo-persisted-query-manifest' | 'graphql-codegen-persisted-documents';

/** A manifest that was read and checked: every registered document, by id and by the SHA-256 of its text. */
export interface TrustedManifest {
  readonly format: ManifestFormat;
  /** Document text by id (as clients send it in `sha256Hash` or `documentId`). */
  readonly byId: ReadonlyMap<string, string>;
  /** The SHA-256 (hex) of every registered text, so a client sending a registered text verbatim is recognised. */
  readonly textHashes: ReadonlySet<string>;
  /** SHA-256 of the file's bytes, for logs: which manifest is in force. */
  readonly digest: string;
}

/** A manifest that could not be used; `problems` name places in the file, never quote its text. */
export class ManifestError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`trusted documents manifest ${file}: ${problems.join('; ')}`);
    this.name = 'ManifestError';
  }
}

/** Lower-case hex SHA-256 of a text's UTF-8 bytes: Apollo's `sha256Hash`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const sha256Like = /^[0-9a-f]{64}$/;
const sha1Like = /^[0-9a-f]{40}$/;
/** A manifest holds what the clients of one build send; more is a file in the wrong place. */
const maxDocuments = 100_000;

/**
 * Reads a manifest in either format:
 * - Apollo's (`@apollo/generate-persisted-query-manifest`): `{ "format": "apollo-persisted-query-manifest",
 *   "version": 1, "operations": [{ "id", "name", "type", "body" }] }`, where `id` is the SHA-256 of `body`;
 * - GraphQL Code Generator's client preset (`persisted-documents.json`): `{ "<hash>": "<document>" }`,
 *   the hash being SHA-1 or SHA-256 of the document (the preset's `hashAlgorithm`), or the
 *   preset's own function's; a 64- or 40-hex id must be that hash of its text.
 * Throws {@link ManifestError} listing every problem.
 */
export function parseManifest(file: string, bytes: Buffer): TrustedManifest {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ManifestError(file, ['not JSON']);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ManifestError(file, ['must be a JSON object (an Apollo manifest, or persisted-documents.json)']);
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  const byId = new Map<string, string>();
  let format: ManifestFormat;
  if ('format' in record || 'operations' in record) {
    format = 'apollo-persisted-query-manifest';
    if (record.format !== 'apollo-persisted-query-manifest')
      problems.push('format: must be "apollo-persisted-query-manifest"');
    if (record.version !== 1) problems.push('version: must be 1');
    const operations = record.operations;
    if (!Array.isArray(operations)) problems.push('operations: must be a list');
    else if (operations.length > maxDocuments) problems.push(`operations: more than ${maxDocuments} documents`);
    else
      operations.forEach((operation: unknown, index) => {
        const where = `operations[${index}]`;
        if (typeof operation !== 'object' || operation === null) {
          problems.push(`${where}: must be an object with id, name, type, body`);
          return;
        }
        const { id, body, type } = operation as Record<string, unknown>;
        if (typeof id !== 'string' || !sha256Like.test(id)) problems.push(`${where}.id: must be a hex SHA-256`);
        else if (typeof body !== 'string' || body === '') problems.push(`${where}.body: must be the document text`);
        else if (sha256Hex(body) !== id) problems.push(`${where}.id: is not the SHA-256 of its body`);
        else if (type !== 'query' && type !== 'mutation' && type !== 'subscription')
          problems.push(`${where}.type: must be query, mutation or subscription`);
        else byId.set(id, body);
      });
  } else {
    format = 'graphql-codegen-persisted-documents';
    const entries = Object.entries(record);
    if (entries.length > maxDocuments) problems.push(`more than ${maxDocuments} documents`);
    else
      entries.forEach(([id, body], index) => {
        // The id is what clients send: it may be quoted; the entry's position names it otherwise.
        const where = sha256Like.test(id) || sha1Like.test(id) ? `"${id}"` : `entry ${index + 1}`;
        if (typeof body !== 'string' || body === '') problems.push(`${where}: must map to the document text`);
        else if (sha256Like.test(id) && sha256Hex(body) !== id)
          problems.push(`${where}: is not the SHA-256 of its document`);
        else if (sha1Like.test(id) && createHash('sha1').update(body, 'utf8').digest('hex') !== id)
          problems.push(`${where}: is not the SHA-1 of its document`);
        else if (id === '' || id.length > 200) problems.push(`${where}: the id must be 1 to 200 characters`);
        else byId.set(id, body);
      });
  }
  if (problems.length > 0) throw new ManifestError(file, problems.slice(0, 20));
  const textHashes = new Set([...byId.values()].map(sha256Hex));
  return { format, byId, textHashes, digest: createHash('sha256').update(bytes).digest('hex') };
}
