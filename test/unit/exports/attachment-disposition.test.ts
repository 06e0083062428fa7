import { attachmentDisposition, exportFileStem } from '../../../src/exports/attachment-disposition';

describe('exportFileStem', () => {
  test.each([
    ['Top 20 Products by Units Sold', 'Top 20 Products by Units Sold'],
    ['Café – été 🚀', 'Café – été 🚀'],
    [`${'x'.repeat(99)}😀😀`, `${'x'.repeat(99)}😀`],
    // 👍🏽 is one character of two code points: kept whole or not at all.
    [`${'x'.repeat(99)}👍🏽`, 'x'.repeat(99)],
    [`${'x'.repeat(98)}👍🏽!`, `${'x'.repeat(98)}👍🏽`],
    ['lone \uDC00 low', 'lone \uFFFD low'],
    [
      'a\u202Eb\u202Ac\u202Bd\u202Ce\u202Df\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl\u200Bm\uFEFFn\u00ADo',
      'abcdefghijklmno',
    ],
    ['tab\there\u2028and\u0085there', 'tab here and there'],
    ['C:\\Users\\x/../y <z> "q" a|b? c*', 'C__Users_x_.._y _z_ _q_ a_b_ c_'],
    ['..hidden', 'hidden'],
    ['trailing dots...   ', 'trailing dots'],
    ['CON', '_CON'],
    ['lpt1', '_lpt1'],
    // Windows takes `nul.txt` for the device whatever follows the dot, and `COM¹` for COM1.
    ['nul.txt', '_nul.txt'],
    ['COM¹', '_COM¹'],
    // Hangul fillers draw nothing: a name of them would look empty.
    ['\u115F\u3164', 'export'],
    ['', 'export'],
    [' \u200B . ', 'export'],
  ])('%j → %j', (title, stem) => {
    expect(exportFileStem(title)).toBe(stem);
  });
});

describe('attachmentDisposition', () => {
  test('the ASCII fallback is no device name either, after accents and superscripts are folded', () => {
    expect(attachmentDisposition('COM¹', 'csv')).toBe(
      `attachment; filename="_COM1.csv"; filename*=UTF-8''_COM%C2%B9.csv`,
    );
  });

  test('an ASCII filename and the UTF-8 name in filename* (RFC 5987: quotes and parentheses percent-encoded)', () => {
    expect(attachmentDisposition("Bob's (final) *report* – été", 'csv')).toBe(
      `attachment; filename="Bob_s (final) _report_ _ ete.csv"; filename*=UTF-8''Bob%27s%20%28final%29%20_report_%20%E2%80%93%20%C3%A9t%C3%A9.csv`,
    );
  });

  test('a title with no ASCII letter or digit falls back to export in filename only', () => {
    expect(attachmentDisposition('売上 🚀', 'xlsx')).toBe(
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent('売上 🚀.xlsx')}`,
    );
  });

  test.each(['\uD800', `${'a'.repeat(99)}\uD83D\uDE00`, '\r\nSet-Cookie: a=b', '\u202Egpj.exe'])(
    '%j gives a printable ASCII header',
    (title) => {
      expect(attachmentDisposition(title, 'csv')).toMatch(
        /^attachment; filename="[A-Za-z0-9 ._()-]+\.csv"; filename\*=UTF-8''[!#$&+.^_`|~0-9A-Za-z%-]+$/,
      );
    },
  );
});
