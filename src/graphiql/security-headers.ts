import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/** A fresh CSP nonce for one page response. */
export function newStyleNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The page's Content Security Policy: scripts, styles and requests only from this origin. GraphiQL's
 * fonts and icons are data: URLs inside its CSS, hence `data:` for fonts and images. One exception
 * for styles: GraphiQL's menus and dialogs (Radix, through react-style-singleton) add a small
 * `<style>` element while open; it carries this response's nonce (read from `__webpack_nonce__`),
 * so no other inline style is allowed.
 */
export function graphiqlCsp(styleNonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers for the HTML page: the CSP, no sniffing, no framing, no referrer, not cached. */
export function setPageHeaders(res: Response, styleNonce: string): void {
  res.setHeader('Content-Security-Policy', graphiqlCsp(styleNonce));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

/** Headers for the bundled scripts and styles: no sniffing, and revalidated so a rebuild shows at once. */
export function setAssetHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-cache');
}
