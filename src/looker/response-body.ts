import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import type { Dispatcher } from 'undici';

/** What Looker requests ask for: the encodings {@link responseBytes} undoes (as `fetch` did). */
export const acceptedEncodings = 'gzip, deflate, br';

const decoders: Record<string, (raw: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

function contentEncoding(response: Dispatcher.ResponseData): string | undefined {
  const value = response.headers['content-encoding'];
  const encoding = (Array.isArray(value) ? value.join(',') : value)?.trim().toLowerCase();
  return encoding === undefined || encoding === '' || encoding === 'identity' ? undefined : encoding;
}

/** The whole body, decompressed when Looker compressed it; an encoding we did not ask for is an error. */
async function responseBytes(response: Dispatcher.ResponseData): Promise<Buffer> {
  const raw = Buffer.from(await response.body.arrayBuffer());
  const encoding = contentEncoding(response);
  if (encoding === undefined) return raw;
  const decode = decoders[encoding];
  if (!decode) throw new Error(`Looker answered with an unsupported Content-Encoding: ${encoding}`);
  return decode(raw);
}

/** The body as text (UTF-8), decompressed when needed. */
export function responseText(response: Dispatcher.ResponseData): Promise<string> {
  // Uncompressed, the common case: undici decodes the stream itself without another copy.
  if (contentEncoding(response) === undefined) return response.body.text();
  return responseBytes(response).then((bytes) => bytes.toString('utf8'));
}

/** The body as a Blob (binary answers: images, PDFs), decompressed when needed. */
export function responseBlob(response: Dispatcher.ResponseData, contentType: string): Promise<Blob> {
  return responseBytes(response).then((bytes) => new Blob([bytes as Buffer<ArrayBuffer>], { type: contentType }));
}
