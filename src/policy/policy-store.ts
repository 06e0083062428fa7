import { stat } from 'node:fs/promises';
import { withDeadline } from '../files';
import { watchFile } from './file-watch';
import {
  defaultPolicyReadTimeoutMs,
  loadPolicyFile,
  loadPolicyFileSync,
  PolicyFileError,
  readTimedOut,
  statSignature,
  type PolicySnapshot,
} from './policy-file';
import type { Policy } from './policy-model';

/** The logging the store needs; a pino logger fits. */
export interface PolicyLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

/** Options of {@link createPolicyStore}. */
export interface PolicyStoreOptions {
  /** The policy file: `.yaml`, `.yml` or `.json`. */
  readonly file: string;
  readonly logger?: PolicyLogger;
  /** Reload when the file changes (fs.watch on its directory). Default true. */
  readonly watch?: boolean;
  /** Also compare the file's stat at this interval, in case an event was missed; 0 = never. Default 1000. */
  readonly pollIntervalMs?: number;
  /** Wait this long after a file event so a burst of events gives one reload. Default 50. */
  readonly debounceMs?: number;
  /**
   * A reload whose stat and read take longer than this fails (the last good policy stays) and the
   * reloads after it go ahead. Default 5000.
   */
  readonly readTimeoutMs?: number;
}

/** The result of one reload attempt. */
export type ReloadOutcome =
  | { readonly ok: true; readonly file: string; readonly rules: number; readonly digest: string }
  | { readonly ok: false; readonly file: string; readonly problems: readonly string[] };

/** The policy in force, kept up to date with its file. */
export interface PolicyStore {
  /** The last good policy; cheap, call it on every request. */
  current(): Policy;
  /** Resolves once the file watch is armed (createPolicyStore arms it before returning). */
  readonly ready: Promise<void>;
  /** Reads the file now, whether or not it looks changed; resolves with the outcome. */
  reloadNow(): Promise<ReloadOutcome>;
  /** Calls `listener` after each reload attempt that found a change; returns the unsubscribe. */
  onReload(listener: (outcome: ReloadOutcome) => void): () => void;
  /** Resolves with the outcome of the next reload attempt. */
  nextReload(): Promise<ReloadOutcome>;
  /** How many reloads succeeded or failed since start (the initial load not counted). */
  readonly reloads: { readonly succeeded: number; readonly failed: number };
  /** Stops watching; current() keeps answering the last good policy. */
  close(): void;
}

const silent: PolicyLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Loads the policy file and keeps it current. A file that is missing or invalid at start throws a
 * PolicyFileError naming the file and the problems, so the server refuses to start. Afterwards an
 * edit takes effect on the next request once the watch (or the periodic stat check) notices it;
 * an invalid edit, a deleted file, or a path that is not a regular file keeps the last good policy
 * and logs why at warn level, once per distinct problem (and once at info when a good file is back).
 * A read that outlasts `readTimeoutMs` fails the same way without holding up the reloads after it;
 * while it is still outstanding no further read is started, so a hung file system cannot pile up
 * reads on libuv's small thread pool.
 */
export function createPolicyStore(options: PolicyStoreOptions): PolicyStore {
  const { file, logger = silent } = options;
  const readTimeoutMs = options.readTimeoutMs ?? defaultPolicyReadTimeoutMs;
  const listeners = new Set<(outcome: ReloadOutcome) => void>();
  const reloads = { succeeded: 0, failed: 0 };
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();

  // Reloads run one at a time, in order, so an older read never overwrites a newer one.
  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  // Armed before the first read, so a change made during start-up is not missed.
  const stopWatching = watchFile(
    file,
    {
      watch: options.watch ?? true,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      debounceMs: options.debounceMs ?? 50,
    },
    {
      changed: () => void enqueue(() => attempt(false)),
      failed: (problem) => logger.warn({ file, problem }, 'policy file watch stopped; relying on periodic checks'),
    },
  );

  let good: PolicySnapshot;
  try {
    good = loadPolicyFileSync(file);
  } catch (error) {
    stopWatching();
    throw error;
  }
  /** Signature of the file at the last attempt ('missing' when it was absent). */
  let seen = good.signature;
  let lastOk = true;
  /** The problems last logged, so a failure that repeats is logged once. */
  let lastLogged: string | undefined;
  /** A read that timed out and has not finished yet. */
  let abandoned: Promise<unknown> | undefined;
  logger.info({ file, rules: good.policy.rules.length, digest: good.digest }, 'policy loaded');

  /** What the file holds now, when it looks changed (or `force`); changes no state, so a late answer is harmless. */
  async function look(
    force: boolean,
  ): Promise<{ signature: string; next?: PolicySnapshot; error?: unknown } | undefined> {
    const signature = await currentSignature(file);
    if (!force && signature === seen) return undefined;
    try {
      return { signature, next: await loadPolicyFile(file) };
    } catch (error) {
      return { signature, error };
    }
  }

  async function attempt(force: boolean): Promise<ReloadOutcome | undefined> {
    if (closed) return undefined;
    let found: Awaited<ReturnType<typeof look>>;
    if (abandoned) {
      // The file system has not answered the last read: asking again would only add a stuck read.
      if (!force) return undefined;
      found = {
        signature: seen,
        error: new PolicyFileError(file, [`an earlier read of the file has not finished after ${readTimeoutMs} ms`]),
      };
    } else {
      const reading = look(force);
      try {
        found = await withDeadline(reading, readTimeoutMs, () => readTimedOut(file, readTimeoutMs));
      } catch (error) {
        const settled = (): void => {
          if (abandoned !== stuck) return;
          // The file system answered at last: the next check reads the file again.
          abandoned = undefined;
          seen = 'unknown';
        };
        const stuck: Promise<void> = reading.then(settled, settled);
        abandoned = stuck;
        found = { signature: seen, error };
      }
    }
    if (found === undefined || closed) return undefined;
    const { signature, next, error } = found;
    let outcome: ReloadOutcome;
    if (next) {
      seen = next.signature;
      // Touched or rewritten with the same bytes: nothing to announce.
      if (!force && lastOk && next.digest === good.digest) return undefined;
      const recovered = !lastOk;
      good = next;
      lastOk = true;
      lastLogged = undefined;
      reloads.succeeded += 1;
      outcome = { ok: true, file, rules: next.policy.rules.length, digest: next.digest };
      logger.info(
        { file, rules: outcome.rules, digest: outcome.digest, ...(recovered && { recovered }) },
        'policy reloaded',
      );
    } else {
      seen = signature;
      lastOk = false;
      reloads.failed += 1;
      const problems =
        error instanceof PolicyFileError ? error.problems : ['unexpected error while reading the policy'];
      outcome = { ok: false, file, problems };
      const key = JSON.stringify(problems);
      if (key !== lastLogged) {
        lastLogged = key;
        if (error instanceof PolicyFileError)
          logger.warn({ file, problems }, 'policy reload failed; keeping the last good policy');
        else logger.error({ file, err: error }, 'policy reload failed; keeping the last good policy');
      }
    }
    for (const listener of [...listeners]) listener(outcome);
    return outcome;
  }

  const onReload = (listener: (outcome: ReloadOutcome) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  return {
    current: () => good.policy,
    ready: Promise.resolve(),
    reloadNow: async () => {
      const outcome = await enqueue(() => attempt(true));
      if (outcome === undefined) throw new Error('the policy store is closed');
      return outcome;
    },
    onReload,
    nextReload: () =>
      new Promise((resolve) => {
        const off = onReload((outcome) => {
          off();
          resolve(outcome);
        });
      }),
    reloads,
    close: () => {
      closed = true;
      stopWatching();
    },
  };
}

async function currentSignature(file: string): Promise<string> {
  try {
    return statSignature(await stat(file));
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
    return code === 'ENOENT' ? 'missing' : `error:${code}`;
  }
}
