import { closeSync, fstatSync, mkdirSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AuditChain, positionOf, type ChainHasher, type ChainPosition } from './audit-chain';

/** The most of a file's end read to find its last event: an event is a few KiB at most. */
const maxTailBytes = 16 * 1024 * 1024;

/**
 * Where the chain in `file` stands: its last line's `seq` and `hash`, or undefined when the file is
 * missing, empty, or ends with a line that is not a chained event (a new chain starts then).
 */
export function readChainTail(file: string): ChainPosition | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    // Read backwards in growing chunks until the last line is whole.
    for (let want = 64 * 1024; ; want *= 4) {
      const length = Math.min(size, want, maxTailBytes);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      const text = buffer.toString('utf8').replace(/\n+$/, '');
      const start = text.lastIndexOf('\n');
      if (start >= 0 || length === size) return positionOf(text.slice(start + 1));
      if (length === maxTailBytes) return undefined;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A pino destination that appends chained audit lines to `file`, synchronously (an event is on
 * disk before the response leaves). At start it continues the chain from the file's last line, so
 * a restarted process links to the events of the one before. Before each write it checks that
 * `file` is still the file it has open: after logrotate renames it (`create`), it opens the new
 * one, whose first event links to the last of the renamed file; after `copytruncate`, the appends
 * go on at the start of the emptied file, the chain unbroken. One process writes one file.
 */
export class ChainedFileDestination {
  readonly #file: string;
  readonly #chain: AuditChain;
  #fd: number;
  #ino: number;

  constructor(file: string, hasher: ChainHasher) {
    this.#file = file;
    mkdirSync(dirname(file), { recursive: true });
    this.#chain = new AuditChain(hasher, readChainTail(file));
    this.#fd = openSync(file, 'a');
    this.#ino = fstatSync(this.#fd).ino;
    // A line cut short (a crash mid-write, a full disk) stays on a line of its own, where verify names it.
    if (!endsWithNewline(file)) writeSync(this.#fd, '\n');
  }

  write(line: string): boolean {
    this.#reopenIfRotated();
    const chained = Buffer.from(this.#chain.link(line));
    for (let written = 0; written < chained.length;) written += writeSync(this.#fd, chained, written);
    return true;
  }

  /** Writes are synchronous: nothing is ever pending. */
  flush(done?: (error?: Error) => void): void {
    done?.();
  }

  flushSync(): void {}

  end(): void {
    closeSync(this.#fd);
  }

  #reopenIfRotated(): void {
    const current = statSync(this.#file, { throwIfNoEntry: false });
    if (current?.ino === this.#ino) return;
    const fd = openSync(this.#file, 'a');
    closeSync(this.#fd);
    this.#fd = fd;
    this.#ino = fstatSync(fd).ino;
  }
}

/** Whether `file` is empty or its last byte is a newline. */
function endsWithNewline(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}
