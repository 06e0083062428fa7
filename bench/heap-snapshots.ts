import { closeSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** The signal the measured subgraph writes a heap snapshot on (`node --heapsnapshot-signal`). */
export const heapSnapshotSignal = 'SIGUSR2';

/** Node flags that make a process write a heap snapshot into `dir` on {@link heapSnapshotSignal}. */
export function heapSnapshotFlags(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return [`--heapsnapshot-signal=${heapSnapshotSignal}`, `--diagnostic-dir=${dir}`];
}

/** Whether a snapshot file is written to its end (its JSON closes). */
function complete(path: string, size: number): boolean {
  const fd = openSync(path, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last.toString() === '}';
  } finally {
    closeSync(fd);
  }
}

function snapshotsIn(dir: string): Set<string> {
  return new Set(readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot')));
}

/**
 * Makes process `pid` (started with {@link heapSnapshotFlags}) write a heap snapshot, waits until
 * the file is complete (its size stable for a second, at most `timeoutMs`), and renames it
 * `<name>.heapsnapshot`. Writing one stops the process for seconds (and runs a full GC first), so
 * figures taken across it are disturbed. Returns the file's path.
 */
export async function takeHeapSnapshot(pid: number, dir: string, name: string, timeoutMs = 120_000): Promise<string> {
  const before = snapshotsIn(dir);
  process.kill(pid, heapSnapshotSignal);
  const deadline = Date.now() + timeoutMs;
  let file: string | undefined;
  let size = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await delay(250);
    file ??= [...snapshotsIn(dir)].find((f) => !before.has(f));
    if (file === undefined) continue;
    const now = statSync(join(dir, file)).size;
    if (now !== size) {
      size = now;
      stableSince = Date.now();
    } else if (size > 0 && Date.now() - stableSince >= 1000 && complete(join(dir, file), size)) {
      const target = join(dir, `${name}.heapsnapshot`);
      renameSync(join(dir, file), target);
      return target;
    }
  }
  throw new Error(`no complete heap snapshot from process ${pid} within ${timeoutMs / 1000} s`);
}
