import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { FileReadError, readRegularFile, readRegularFileSync, withDeadline } from '../files';
import { watchFile } from '../policy';
import { ManifestError, parseManifest, type TrustedManifest } from './manifest';

/** The logging the store needs; a pino logger fits. */
export interface ManifestLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** Options of {@link createManifestStore}. */
export interface ManifestStoreOptions {
  readonly file: string;
  readonly logger: ManifestLogger;
  /** Re-check the file's stat at this interval, in case a watch event was missed; 0 = never. Default 1000. */
  readonly pollIntervalMs?: number;
  /** A reload whose read takes longer fails, keeping the last good manifest. Default 5000. */
  readonly readTimeoutMs?: number;
}

/** The outcome of one reload that found the file changed. */
export type ManifestReload =
  | { readonly ok: true; readonly documents: number; readonly digest: string }
  | { readonly ok: false; readonly problems: readonly string[] };

/** The manifest in force, kept up to date with its file. */
export interface ManifestStore {
  /** The last good manifest; cheap, read it on every request. */
  current(): TrustedManifest;
  /** Resolves with the outcome of the next reload that found a change. */
  nextReload(): Promise<ManifestReload>;
  close(): void;
}

/** Apollo's generator writes one operation per line or so: 16 MiB is far beyond any client's set. */
const maxManifestBytes = 16 * 1024 * 1024;

/**
 * Loads the trusted documents manifest and keeps it current, watched as the policy file is
 * ({@link watchFile}: the directory, for editors' and ConfigMaps' renames, plus a periodic stat).
 * A manifest that is missing or invalid at start throws {@link ManifestError}, so the server
 * refuses to start; a bad edit later keeps the last good manifest and is logged once per distinct
 * problem. Reloads run one at a time.
 */
export function createManifestStore(options: ManifestStoreOptions): ManifestStore {
  const { file, logger } = options;
  const readTimeoutMs = options.readTimeoutMs ?? 5_000;
  const waiting = new Set<(outcome: ManifestReload) => void>();
  let good = loadSync(file);
  let seen: string = 'unknown';
  let lastLogged: string | undefined;
  let running = false;
  let again = false;
  let closed = false;
  logger.info(
    { file, format: good.format, documents: good.byId.size, digest: good.digest },
    'trusted documents loaded',
  );

  const announce = (outcome: ManifestReload): void => {
    for (const resolve of [...waiting]) resolve(outcome);
    waiting.clear();
  };

  async function check(): Promise<void> {
    const signature = await signatureOf(file);
    if (signature === seen) return;
    let next: TrustedManifest;
    try {
      const read = await withDeadline(
        readRegularFile(file, { maxBytes: maxManifestBytes }),
        readTimeoutMs,
        () => new ManifestError(file, [`the read took longer than ${readTimeoutMs} ms`]),
      );
      seen = signature;
      next = parseManifest(file, read.bytes);
    } catch (error) {
      seen = signature;
      const problems = problemsOf(file, error);
      const key = JSON.stringify(problems);
      if (key !== lastLogged) {
        lastLogged = key;
        logger.warn({ file, problems }, 'trusted documents reload failed; keeping the last good manifest');
      }
      announce({ ok: false, problems });
      return;
    }
    lastLogged = undefined;
    if (next.digest === good.digest) return;
    good = next;
    logger.info({ file, documents: next.byId.size, digest: next.digest }, 'trusted documents reloaded');
    announce({ ok: true, documents: next.byId.size, digest: next.digest });
  }

  const changed = (): void => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void check()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          changed();
        }
      });
  };

  const stop = watchFile(
    file,
    { watch: true, pollIntervalMs: options.pollIntervalMs ?? 1000, debounceMs: 50 },
    {
      changed,
      failed: (problem) =>
        logger.warn({ file, problem }, 'trusted documents watch stopped; relying on periodic checks'),
    },
  );
  // The stat the start read corresponds to (a change between read and stat is picked up by the next check).
  void signatureOf(file).then((signature) => {
    if (seen === 'unknown') seen = signature;
  });

  return {
    current: () => good,
    nextReload: () => new Promise((resolve) => waiting.add(resolve)),
    close: () => {
      closed = true;
      stop();
    },
  };
}

function loadSync(file: string): TrustedManifest {
  try {
    return parseManifest(file, readRegularFileSync(file, { maxBytes: maxManifestBytes }).bytes);
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    throw new ManifestError(file, problemsOf(file, error));
  }
}

function problemsOf(file: string, error: unknown): readonly string[] {
  if (error instanceof ManifestError) return error.problems;
  if (error instanceof FileReadError) return [error.problem];
  return [`unexpected error while reading ${file}`];
}

function signatureOf(file: string): Promise<string> {
  return stat(file).then(
    (s: Stats) => `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`,
    () => 'missing',
  );
}
