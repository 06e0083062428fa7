/** Most code points of a file name's stem (before the extension), cut on whole characters. */
export const maxFileNameCodePoints = 100;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Names Windows keeps for devices, whatever follows a dot (`nul.txt` is the device too); `com¹` and the like count. */
const deviceName = /^(?:con|prn|aux|nul|com[\d¹²³]|lpt[\d¹²³])(?:\.|$)/i;

/** A device name made harmless by a leading `_`. */
function notADevice(stem: string): string {
  return deviceName.test(stem) ? `_${stem}` : stem;
}

/** Hangul fillers: letters by category, yet they draw nothing, so a name of them looks empty. */
const blankLetters = /[\u115F\u1160\u3164\uFFA0]/gu;

/** Dots and spaces at either end: a leading dot hides a file (or climbs with `..`), Windows drops trailing ones. */
function trimEnds(name: string): string {
  return name.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
}

/** The longest run of whole characters (grapheme clusters) of at most `max` code points. */
function cutOnCharacters(text: string, max: number): string {
  let kept = '';
  let codePoints = 0;
  for (const { segment } of graphemes.segment(text)) {
    codePoints += [...segment].length;
    if (codePoints > max) break;
    kept += segment;
  }
  return kept;
}

/**
 * A title made into a file name stem, safe on every system and in a header: lone surrogates
 * become U+FFFD; control and line-separating characters become spaces; format characters (Unicode
 * Cf: bidi overrides and isolates, marks, zero-width characters) go, so nothing reorders or hides
 * what the name shows; path separators, quotes and the other characters Windows refuses become `_`;
 * no leading or trailing dot or space; cut to {@link maxFileNameCodePoints} on whole characters.
 * `export` when nothing is left.
 */
export function exportFileStem(title: string): string {
  const cleaned = title
    .replace(/\p{Cs}/gu, '\uFFFD')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\p{Cf}/gu, '')
    .replace(blankLetters, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\s+/gu, ' ');
  const stem = trimEnds(cutOnCharacters(trimEnds(cleaned), maxFileNameCodePoints));
  if (stem === '') return 'export';
  return notADevice(stem);
}

/** The ASCII stand-in of a name for clients that ignore `filename*`: accents dropped, anything else non-ASCII as `_`. */
function asciiFallback(stem: string): string {
  const ascii = trimEnds(
    stem
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9 ._()-]+/g, '_'),
  );
  // Checked again: NFKD turns `COM¹` into `COM1`.
  return /[A-Za-z0-9]/.test(ascii) ? notADevice(ascii) : 'export';
}

/** RFC 5987 `value-chars`: UTF-8, percent-encoded but for `attr-char` (encodeURIComponent leaves `'()*` too). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition` of a download (RFC 6266): the title made safe ({@link exportFileStem}) in
 * `filename*` (RFC 5987, UTF-8), and an ASCII `filename` for clients that do not read it. The
 * header is printable ASCII whatever the title.
 */
export function attachmentDisposition(title: string, extension: string): string {
  const stem = exportFileStem(title);
  return `attachment; filename="${asciiFallback(stem)}.${extension}"; filename*=UTF-8''${rfc5987(`${stem}.${extension}`)}`;
}
