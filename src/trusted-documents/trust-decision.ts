import { sha256Hex, type TrustedManifest } from './manifest';

/** How trusted documents apply: `off` runs anything, `allow` adds ids, `enforce` runs registered documents only. */
export type TrustedDocumentsMode = 'off' | 'allow' | 'enforce';

/** What an operation request carries that names its document, from a JSON body or a GET's parameters. */
export interface PersistedRequestParts {
  readonly query: unknown;
  /** GraphQL Code Generator's client preset (and the GraphQL over HTTP persisted documents draft). */
  readonly documentId: unknown;
  /** Apollo's: `extensions.persistedQuery.sha256Hash`. */
  readonly extensions: unknown;
}

/** What to do with one request. */
export type TrustDecision =
  | { readonly kind: 'run' }
  /** A registered id: run this text (the registered one, whatever text came with the id). */
  | { readonly kind: 'substitute'; readonly text: string }
  | { readonly kind: 'refuse' }
  /** A `documentId` the manifest does not hold, with no text to run instead. */
  | { readonly kind: 'unknown' };

const run: TrustDecision = Object.freeze({ kind: 'run' });
const refuse: TrustDecision = Object.freeze({ kind: 'refuse' });
const unknown: TrustDecision = Object.freeze({ kind: 'unknown' });

/** The id a request names its document by: `documentId`, else `extensions.persistedQuery.sha256Hash`. */
export function persistedIdOf(parts: PersistedRequestParts): string | undefined {
  if (typeof parts.documentId === 'string' && parts.documentId !== '') return parts.documentId;
  const extensions = parts.extensions;
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const persisted: unknown = Reflect.get(extensions, 'persistedQuery');
  if (typeof persisted !== 'object' || persisted === null) return undefined;
  const hash: unknown = Reflect.get(persisted, 'sha256Hash');
  return typeof hash === 'string' && hash !== '' ? hash : undefined;
}

/**
 * Decides, without parsing anything, whether a request may run. A registered id runs its
 * registered text (in `allow` and `enforce`). In `enforce`, anything else runs only when the caller
 * is exempt, or when its text is, byte for byte, a registered document.
 */
export function decideTrust(
  manifest: TrustedManifest | undefined,
  mode: TrustedDocumentsMode,
  parts: PersistedRequestParts,
  exempt: boolean,
): TrustDecision {
  if (mode === 'off' || manifest === undefined) return run;
  const id = persistedIdOf(parts);
  const registered = id === undefined ? undefined : manifest.byId.get(id);
  if (registered !== undefined) return { kind: 'substitute', text: registered };
  // Apollo's own protocol answers an unknown `sha256Hash` (APQ); a `documentId` has no such fallback.
  const unknownDocumentId =
    typeof parts.documentId === 'string' &&
    parts.documentId !== '' &&
    (typeof parts.query !== 'string' || parts.query === '');
  if (mode === 'allow' || exempt) return unknownDocumentId ? unknown : run;
  if (typeof parts.query === 'string' && manifest.textHashes.has(sha256Hex(parts.query))) return run;
  return refuse;
}
