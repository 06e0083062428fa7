import type { SubgraphStack } from '../../support/subgraph-stack';

/** What a download answered. */
export interface Download {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Buffer;
}

/** A download as a browser's fetch makes it (with `headers`, e.g. an `origin`); the answer goes to the stack's leak check too. */
export async function download(
  stack: SubgraphStack,
  url: string,
  token?: string,
  headers: Record<string, string> = {},
): Promise<Download> {
  const response = await fetch(new URL(url, stack.url), {
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  stack.responses.push(JSON.stringify([...response.headers]), bytes.toString('latin1'));
  return { status: response.status, headers: response.headers, bytes };
}

/** RFC 4180: fields separated by commas, quoted when they hold commas, quotes or line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 1;
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
