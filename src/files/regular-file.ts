import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';

/** Why a file was not read. */
export type FileProblemKind = 'missing' | 'denied' | 'not-regular' | 'too-large' | 'unreadable';

/**
 * A file that was not read. `problem` is a sentence about the path (what stands there, its size,
 * an errno code), never anything read from the file, so it is safe in logs.
 */
export class FileReadError extends Error {
  constructor(
    readonly file: string,
    readonly kind: FileProblemKind,
    readonly problem: string,
    /** The errno code (`ENOENT`, `EACCES`, …) when the system refused. */
    readonly code?: string,
    /** What stands at the path instead of a regular file (`a named pipe (FIFO)`), for `not-regular`. */
    readonly found?: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'FileReadError';
  }
}

/** Bounds on one read. */
export interface FileReadLimits {
  /** A larger file is refused by its size, before anything is read. */
  readonly maxBytes: number;
}

/** The bytes of a regular file and the stats of the very file they were read from. */
export interface RegularFileRead {
  readonly bytes: Buffer;
  /** `fstat` of the opened file, before it was read. */
  readonly stats: Stats;
  /** Whether its size or times changed while it was read (a writer caught mid-write). */
  readonly changedWhileRead: boolean;
}

/**
 * Opening never waits: a named pipe with no writer would otherwise block `open()` — the event loop
 * for a sync read, a libuv pool thread for an async one, which also keeps the process from
 * exiting. It is refused by `fstat` right after. O_NONBLOCK changes nothing for regular files.
 */
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const chunkBytes = 64 * 1024;

/**
 * Reads a regular file of at most `maxBytes` at start-up, without ever blocking on what stands at
 * the path: `stat` refuses a named pipe, directory, device or socket and a file that is too large
 * before it is opened; the opened handle is checked again (`fstat`), since the path may have been
 * swapped in between; at most `maxBytes + 1` bytes are read, in case it grew. Throws FileReadError.
 */
export function readRegularFileSync(file: string, limits: FileReadLimits): RegularFileRead {
  try {
    refuseUnlessReadable(file, statSync(file), limits.maxBytes);
    const fd = openSync(file, openFlags);
    try {
      const stats = fstatSync(fd);
      refuseUnlessReadable(file, stats, limits.maxBytes);
      const into = new BoundedBytes(file, limits.maxBytes);
      for (;;) {
        const chunk = into.next();
        if (!into.took(chunk, readSync(fd, chunk, 0, chunk.length, null))) break;
      }
      return { bytes: into.bytes(), stats, changedWhileRead: versionOf(stats) !== versionOf(fstatSync(fd)) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw asFileReadError(file, error);
  }
}

/**
 * The async twin of {@link readRegularFileSync}, for reads while serving. Nothing here can wait on
 * a pipe; a hung file system can still stall it, so a caller that must answer bounds it with
 * {@link withDeadline}.
 */
export async function readRegularFile(file: string, limits: FileReadLimits): Promise<RegularFileRead> {
  let handle: FileHandle | undefined;
  try {
    refuseUnlessReadable(file, await stat(file), limits.maxBytes);
    const opened = (handle = await open(file, openFlags));
    const stats = await opened.stat();
    refuseUnlessReadable(file, stats, limits.maxBytes);
    const into = new BoundedBytes(file, limits.maxBytes);
    for (;;) {
      const chunk = into.next();
      const { bytesRead } = await opened.read(chunk, 0, chunk.length, null);
      if (!into.took(chunk, bytesRead)) break;
    }
    return { bytes: into.bytes(), stats, changedWhileRead: versionOf(stats) !== versionOf(await opened.stat()) };
  } catch (error) {
    throw asFileReadError(file, error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Settles as `work` does, or rejects with `timedOut()` after `ms`. `work` keeps running (file I/O
 * cannot be cancelled); the caller decides what a late result is worth. The timer never holds the
 * process open.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** The chunks of one read, refused as soon as more than `maxBytes` came (a file that grew after its stat). */
class BoundedBytes {
  readonly #chunks: Buffer[] = [];
  #total = 0;

  constructor(
    readonly file: string,
    readonly maxBytes: number,
  ) {}

  /** A buffer for the next read: never more than one byte past the limit in all. */
  next(): Buffer {
    return Buffer.alloc(Math.min(chunkBytes, this.maxBytes + 1 - this.#total));
  }

  /** Keeps what a read gave; false at end of file. */
  took(chunk: Buffer, bytesRead: number): boolean {
    if (bytesRead === 0) return false;
    this.#chunks.push(chunk.subarray(0, bytesRead));
    this.#total += bytesRead;
    if (this.#total > this.maxBytes) throw tooLarge(this.file, this.maxBytes);
    return true;
  }

  bytes(): Buffer {
    return Buffer.concat(this.#chunks, this.#total);
  }
}

function refuseUnlessReadable(file: string, stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) {
    const found = whatIs(stats);
    throw new FileReadError(file, 'not-regular', `the path is ${found}, not a regular file`, undefined, found);
  }
  if (stats.size > maxBytes) throw tooLarge(file, maxBytes);
}

function tooLarge(file: string, maxBytes: number): FileReadError {
  return new FileReadError(file, 'too-large', `the file is larger than ${maxBytes} bytes`);
}

function whatIs(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/** What a writer changes: size and times (the inode is the handle's own). */
function versionOf(stats: Stats): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

function asFileReadError(file: string, error: unknown): FileReadError {
  if (error instanceof FileReadError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new FileReadError(file, 'missing', 'the file does not exist', code);
  if (code === 'EACCES' || code === 'EPERM')
    return new FileReadError(file, 'denied', 'the file is not readable (permission denied)', code);
  if (code === 'EISDIR')
    return new FileReadError(file, 'not-regular', 'the path is a directory, not a regular file', code, 'a directory');
  return new FileReadError(file, 'unreadable', `the file cannot be read (${code ?? 'unknown error'})`, code);
}
