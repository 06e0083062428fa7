import pino, { type Logger } from 'pino';
import type { Secret } from '../config/secret';
import { AuditChain, chainHasher } from './audit-chain';
import { ChainedFileDestination } from './chained-file';

/** Options of {@link createAuditSink}. */
export interface AuditSinkOptions {
  /** The file events are appended to (`AUDIT_LOG`); standard output without it. */
  readonly file?: string;
  /** A stream of its own (tests, standard error for `npm run mcp`), instead of `file`. */
  readonly destination?: pino.DestinationStream;
  /** `AUDIT_HMAC_KEY`: the chain's hashes are then HMAC-SHA-256, which only the key's holder can recompute. */
  readonly hmacKey?: Secret;
}

/**
 * Where audit events go: standard output as a stream of its own (the application log is on
 * standard error), or a file appended to line by line (`AUDIT_LOG`). Each event is one JSON line,
 * chained to the one before by `seq`, `prev`, `kid` and `hash` (see {@link AuditChain}).
 */
export function createAuditSink(options: AuditSinkOptions = {}): Logger {
  const hasher = chainHasher(options.hmacKey);
  // Synchronous file writes: an event is on disk before the response leaves, and none is lost
  // when the process stops. An append costs microseconds next to the Looker calls it records.
  const destination =
    options.destination === undefined && options.file
      ? new ChainedFileDestination(options.file, hasher)
      : chainedStream(options.destination ?? pino.destination(1), new AuditChain(hasher));
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

/** `stream` with each line chained as it is written; a chain of this process's events only. */
function chainedStream(stream: pino.DestinationStream, chain: AuditChain): pino.DestinationStream {
  const chained = {
    write: (line: string) => stream.write(chain.link(line)),
    flush: (done?: (error?: Error) => void) => {
      const flush: unknown = Reflect.get(stream, 'flush');
      if (typeof flush === 'function') Reflect.apply(flush, stream, [done ?? (() => {})]);
      else done?.();
    },
  };
  return chained;
}
