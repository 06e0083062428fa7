import { watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';

/** Hooks of a file watch: `changed` may fire for unrelated entries of the directory too. */
export interface FileWatchHandlers {
  /** Something in the file's directory may have changed; the caller re-checks the file. */
  readonly changed: () => void;
  /** The watcher failed and was closed; polling (if enabled) remains. */
  readonly failed: (problem: string) => void;
}

/** Timing of a file watch. */
export interface FileWatchOptions {
  /** Use fs.watch on the directory. */
  readonly watch: boolean;
  /** Re-check at this interval even without events (0 = never). */
  readonly pollIntervalMs: number;
  /** Coalesce a burst of events (write temp, rename, chmod) into one re-check. */
  readonly debounceMs: number;
}

/**
 * Watches a file for changes: fs.watch on its directory, because editors and Kubernetes ConfigMap
 * updates replace the file (rename, symlink swap) rather than write it in place, which a watch on
 * the file itself would miss; plus an unref'd timer so a missed event cannot leave the file
 * unchecked for long. Returns a function that stops both.
 */
export function watchFile(file: string, options: FileWatchOptions, handlers: FileWatchHandlers): () => void {
  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;

  const schedule = (): void => {
    if (debounce !== undefined) return;
    debounce = setTimeout(() => {
      debounce = undefined;
      handlers.changed();
    }, options.debounceMs);
    debounce.unref();
  };
  const stopWatcher = (): void => {
    watcher?.close();
    watcher = undefined;
  };

  if (options.watch) {
    try {
      // Every event in the directory triggers a re-check, not only those naming the file: a
      // ConfigMap update renames `..data`, never the file. The re-check is one stat when nothing
      // changed.
      watcher = watch(dirname(file), { persistent: false }, schedule);
      watcher.on('error', (error: Error) => {
        stopWatcher();
        handlers.failed(`watching the directory failed (${errorCode(error)})`);
      });
    } catch (error) {
      handlers.failed(`watching the directory failed (${errorCode(error)})`);
    }
  }

  const poll = options.pollIntervalMs > 0 ? setInterval(handlers.changed, options.pollIntervalMs) : undefined;
  poll?.unref();

  return () => {
    stopWatcher();
    if (debounce !== undefined) clearTimeout(debounce);
    if (poll !== undefined) clearInterval(poll);
  };
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown error';
}
