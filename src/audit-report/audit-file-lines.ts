import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** What reading the audit files met besides events. */
export interface AuditReadCounts {
  /** Lines read, blank ones left out. */
  lines: number;
  /** Lines that are not a JSON object with a `type` (a truncated last line, another program's output). */
  skipped: number;
}

/** A rotated file compressed by logrotate (`audit.log.3.gz`) is read through gunzip. */
function open(file: string): Readable {
  const stream = createReadStream(file);
  return file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
}

/**
 * Reads audit files (`AUDIT_LOG`, rotated ones included, `.gz` or not) line by line and hands each
 * event to `onEvent`, one at a time: memory does not grow with the files. Unknown fields are kept
 * as they are; lines that are not events are counted in `skipped`.
 */
export async function readAuditFiles(
  files: readonly string[],
  onEvent: (event: Record<string, unknown>) => void,
): Promise<AuditReadCounts> {
  const counts: AuditReadCounts = { lines: 0, skipped: 0 };
  for (const file of files) {
    const lines = createInterface({ input: open(file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      counts.lines++;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        counts.skipped++;
        continue;
      }
      if (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        typeof Reflect.get(value, 'type') === 'string'
      )
        onEvent(value as Record<string, unknown>);
      else counts.skipped++;
    }
  }
  return counts;
}
