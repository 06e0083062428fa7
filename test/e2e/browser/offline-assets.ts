/**
 * Finds what a page would load: the URLs in its HTML attributes and in its CSS. The GraphiQL and
 * dashboard viewer tests use it to prove the pages need no host but their own.
 */

/** `src`/`href` attribute values of an HTML document. */
export function htmlReferences(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)\s*=\s*["']([^"']*)["']/gi)].map((match) => match[1] ?? '');
}

/** `url(...)` and `@import` targets of a style sheet. */
export function cssReferences(css: string): string[] {
  const urls = [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/gi)].map((m) =>
    (m[1] ?? m[2] ?? m[3] ?? '').trim(),
  );
  const imports = [...css.matchAll(/@import\s+["']([^"']+)["']/gi)].map((m) => m[1] ?? '');
  return [...urls, ...imports];
}

/** A reference that stays on the page's own origin: a relative URL, not `//host` nor `scheme:`. */
export function isSameOriginReference(reference: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(reference) && !reference.startsWith('//');
}

/** Every absolute http(s) URL's host in a text (scripts carry some as plain strings). */
export function absoluteUrlHosts(text: string): Set<string> {
  return new Set([...text.matchAll(/https?:\/\/([a-z0-9.-]+)/gi)].map((m) => (m[1] ?? '').toLowerCase()));
}
