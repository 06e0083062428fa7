import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';
import { download } from './export-download';

/**
 * A look's title names the downloaded file. Whatever a Looker user typed as the title (set here with
 * the emulator's control), the download succeeds and its `Content-Disposition` is safe: an ASCII
 * `filename` any client reads, and the title in `filename*` (RFC 6266/5987) cut on whole characters,
 * with no control or bidi character, no path separator and no quote.
 */
const lookId = '13';
let stack: SubgraphStack;
let analyst: string;
let csvLink: string;

beforeAll(async () => {
  stack = await startSubgraphStack();
  analyst = await stack.token('demo-analyst');
  const answer = await stack.graphql('query ($id: ID!) { look(id: $id) { exportUrl(format: CSV) } }', {
    token: analyst,
    variables: { id: lookId },
  });
  csvLink = (answer.body.data?.look as { exportUrl: string }).exportUrl;
});

afterAll(() => stack?.stop());

/** The two names of a `Content-Disposition` header, `filename*` decoded; fails on any other shape. */
function fileNames(header: string | null): { ascii: string; utf8: string } {
  const match = /^attachment; filename="([^"\\]*)"; filename\*=UTF-8''([!#$&+.^_`|~0-9A-Za-z%-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`unexpected Content-Disposition: ${header}`);
  return { ascii: match[1] as string, utf8: decodeURIComponent(match[2] as string) };
}

const a99 = 'a'.repeat(99);
const b99 = 'b'.repeat(99);

test.each([
  {
    why: 'an emoji across the 100-character cut',
    title: `${a99}😀 and more`,
    utf8: `${a99}😀.csv`,
    ascii: `${a99}_.csv`,
  },
  {
    why: 'a flag (two code points, one character) across the cut',
    title: `${b99}🇫🇷 and more`,
    utf8: `${b99}.csv`,
    ascii: `${b99}.csv`,
  },
  {
    why: 'a lone surrogate',
    title: 'Revenue \uD83D report',
    utf8: 'Revenue \uFFFD report.csv',
    ascii: 'Revenue _ report.csv',
  },
  {
    why: 'a right-to-left override and other bidi controls',
    title: 'invoice\u202Efdp.exe\u2066\u200E',
    utf8: 'invoicefdp.exe.csv',
    ascii: 'invoicefdp.exe.csv',
  },
  {
    why: 'quotes, slashes and a leading ..',
    title: '../"Q3" report\\final',
    utf8: '__Q3_ report_final.csv',
    ascii: '__Q3_ report_final.csv',
  },
  {
    why: 'line breaks',
    title: 'Sales\r\nX-Injected: yes',
    utf8: 'Sales X-Injected_ yes.csv',
    ascii: 'Sales X-Injected_ yes.csv',
  },
  { why: 'nothing printable', title: '\u202E...', utf8: 'export.csv', ascii: 'export.csv' },
])('a title with $why downloads with safe file names', async ({ title, utf8, ascii }) => {
  await stack.control(`looks/${lookId}`, { title }, 'PATCH');
  const answer = await download(stack, csvLink, analyst);
  expect(answer.status).toBe(200);
  const header = answer.headers.get('content-disposition');
  // Printable ASCII only: nothing a client could read as the end of the header or a second one.
  expect(header).toMatch(/^[\x20-\x7e]+$/);
  const names = fileNames(header);
  expect(names).toEqual({ ascii, utf8 });
  expect(names.ascii).toMatch(/^[A-Za-z0-9 ._()-]+$/);
  expect(names.utf8).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}/\\"]/u);
  expect([...names.utf8.slice(0, -'.csv'.length)].length).toBeLessThanOrEqual(100);
});

test('the control refuses an unknown look', async () => {
  await expect(stack.control('looks/999999', { title: 'x' }, 'PATCH')).rejects.toThrow(/404/);
});
