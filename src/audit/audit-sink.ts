import pino, { type Logger } from 'pino';

/**
 * Where audit events go: standard output as a stream of its own (the application log is on
 * standard error), or a file appended to line by line (`AUDIT_LOG`). Each event is one JSON line.
 */
export function createAuditSink(options: { file?: string; destination?: pino.DestinationStream } = {}): Logger {
  const destination =
    options.destination ??
    // Synchronous file writes: an event is on disk before the response leaves, and none is lost
    // when the process stops. An append costs microseconds next to the Looker calls it records.
    (options.file
      ? pino.destination({ dest: options.file, append: true, mkdir: true, sync: true })
      : pino.destination(1));
  return pino(
    {
      base: undefined,
      // The event carries its own ISO time and type, so pino's numeric time and level are left out.
      // `log: "audit"` marks the stream for shippers that collect it with other output.
      timestamp: false,
      formatters: { level: () => ({ log: 'audit' }) },
    },
    destination,
  );
}
