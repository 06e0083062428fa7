import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { brotliDecompress, createBrotliDecompress, createGunzip, createInflate, gunzip, inflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { BodyTooLargeError } from './body-limit';

/** What Looker requests ask for: the encodings {@link responseBytes} undoes (as `fetch` did). */
export const acceptedEncodings = 'gzip, deflate, br';

const decoders: Record<string, (raw: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** The same decoders as streams, for bodies read only up to a limit. */
const streamDecoders: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
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

/** Drops an answer unread: undici closes its connection, and reports the abort, which nobody awaits. */
function drop(response: Dispatcher.ResponseData): void {
  response.body.on('error', () => undefined).destroy();
}

/**
 * The body, decompressed when needed, read up to `maxBytes` (of what it decompresses to) and no
 * further: past it, reading stops, the answer is dropped (undici closes its connection) and the
 * read fails with BodyTooLargeError. A `Content-Length` over the limit fails before any byte is read.
 */
export async function responseBytesWithin(response: Dispatcher.ResponseData, maxBytes: number): Promise<Buffer> {
  const encoding = contentEncoding(response);
  const decoder = encoding === undefined ? undefined : streamDecoders[encoding];
  if (encoding !== undefined && !decoder) {
    drop(response);
    throw new Error(`Looker answered with an unsupported Content-Encoding: ${encoding}`);
  }
  if (encoding === undefined && Number(response.headers['content-length']) > maxBytes) {
    drop(response);
    throw new BodyTooLargeError(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Throwing here makes the pipeline destroy the body (and the decoder) at once.
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
      chunks.push(chunk);
    }
  };
  try {
    await (decoder ? pipeline(response.body, decoder(), collect) : pipeline(response.body, collect));
  } catch (error) {
    // With a decoder between, the pipeline reports the abort it caused rather than the reason.
    throw size > maxBytes ? new BodyTooLargeError(maxBytes) : error;
  }
  return Buffer.concat(chunks, size);
}
