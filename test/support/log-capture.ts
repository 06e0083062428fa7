import { Writable } from 'node:stream';
import { createAuditSink } from '../../src/audit/audit-sink';
import { createLogger, type Logger } from '../../src/observability/logger';

/** A stream that keeps every line written to it, so tests can read what was logged. */
export function memoryLines(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

/** A logger whose JSON lines are kept in memory. */
export function captureLogger(level = 'info'): { logger: Logger; lines: string[] } {
  const { stream, lines } = memoryLines();
  return { logger: createLogger(level, stream), lines };
}

/** An audit sink whose events are kept in memory, parsed. */
export function captureAudit(): { sink: Logger; lines: string[]; events: () => Record<string, unknown>[] } {
  const { stream, lines } = memoryLines();
  return {
    sink: createAuditSink({ destination: stream }),
    lines,
    events: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
