import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gaugeValue } from '../../../bench/heap-sampler';
import { heapSnapshotFlags, takeHeapSnapshot } from '../../../bench/heap-snapshots';
import { byConstructor, compareHeaps, type HeapSnapshotFile } from '../../../bench/heap-summary';

describe('heap snapshots of a soak subgraph', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'heap-snapshots-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a snapshot of a running process on its signal, and counts its objects by constructor', async () => {
    // A real Node process holding 500 objects of one class, kept alive until it is killed.
    const child = spawn(
      process.execPath,
      [
        ...heapSnapshotFlags(dir),
        '-e',
        'class HeldByTheTest {}; globalThis.held = Array.from({ length: 500 }, () => new HeldByTheTest()); process.stdout.write("ready\\n"); setInterval(() => undefined, 1000);',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const file = await takeHeapSnapshot(child.pid as number, dir, 'held');
      expect(file).toBe(join(dir, 'held.heapsnapshot'));
      const figures = byConstructor(JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshotFile);
      expect(figures.find((c) => c.name === 'HeldByTheTest')?.count).toBe(500);
      const { largest, grown } = compareHeaps([{ name: 'HeldByTheTest', count: 20, selfBytes: 100 }], figures, 500);
      expect(grown.find((c) => c.name === 'HeldByTheTest')).toMatchObject({
        before: { count: 20 },
        after: { count: 500 },
      });
      expect(largest.length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('reads a heap gauge from a Prometheus exposition, not its labelled neighbours', () => {
    const text = [
      '# TYPE nodejs_heap_size_used_bytes gauge',
      'nodejs_heap_size_used_bytes 12345678',
      'nodejs_heap_space_size_used_bytes{space="old"} 999',
    ].join('\n');
    expect(gaugeValue(text, 'nodejs_heap_size_used_bytes')).toBe(12345678);
    expect(gaugeValue(text, 'nodejs_heap_size_total_bytes')).toBeUndefined();
  });
});
