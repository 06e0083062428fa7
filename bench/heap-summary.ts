/**
 * `npx tsx bench/heap-summary.ts BEFORE.heapsnapshot AFTER.heapsnapshot [TOP]`: the heap of a
 * process by constructor (as DevTools' "Summary" groups it: objects by constructor, then
 * `(closure)`, `(string)`, `(array)`, `(compiled code)`, `(system)`, …) at two points, with the
 * change between them: a constructor whose count keeps growing across a run that drained is what
 * leaks. Self sizes only (what each object itself takes, not what it keeps alive).
 */
import { readFileSync } from 'node:fs';

/** The parts of a `.heapsnapshot` file read here. */
export interface HeapSnapshotFile {
  readonly snapshot: {
    readonly meta: { readonly node_fields: readonly string[]; readonly node_types: readonly unknown[] };
  };
  readonly nodes: readonly number[];
  readonly strings: readonly string[];
}

/** One constructor's objects in a snapshot. */
export interface ConstructorFigures {
  readonly name: string;
  readonly count: number;
  readonly selfBytes: number;
}

const grouped: Readonly<Record<string, string>> = {
  closure: '(closure)',
  string: '(string)',
  'concatenated string': '(string)',
  'sliced string': '(string)',
  array: '(array)',
  code: '(compiled code)',
  hidden: '(system)',
  number: '(heap number)',
  bigint: '(bigint)',
  regexp: '(regexp)',
  symbol: '(symbol)',
};

/** Counts and self sizes by constructor, largest first. */
export function byConstructor(file: HeapSnapshotFile): ConstructorFigures[] {
  const fields = file.snapshot.meta.node_fields;
  const types = file.snapshot.meta.node_types[0] as readonly string[];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const totals = new Map<string, { count: number; selfBytes: number }>();
  for (let i = 0; i < file.nodes.length; i += width) {
    const type = types[file.nodes[i + typeAt] as number] ?? 'unknown';
    const name =
      grouped[type] ??
      (type === 'object' || type === 'native' ? file.strings[file.nodes[i + nameAt] as number] : `(${type})`);
    const key = name ?? '(unknown)';
    const entry = totals.get(key) ?? { count: 0, selfBytes: 0 };
    entry.count += 1;
    entry.selfBytes += file.nodes[i + sizeAt] as number;
    totals.set(key, entry);
  }
  return [...totals].map(([name, t]) => ({ name, ...t })).sort((a, b) => b.selfBytes - a.selfBytes);
}

/** One constructor at two points. */
export interface ConstructorChange {
  readonly name: string;
  readonly before: ConstructorFigures | undefined;
  readonly after: ConstructorFigures | undefined;
}

/** The `top` constructors of `after` by size, and the `top` that grew most in count, each with both points. */
export function compareHeaps(
  before: readonly ConstructorFigures[],
  after: readonly ConstructorFigures[],
  top: number,
): { largest: ConstructorChange[]; grown: ConstructorChange[] } {
  const earlier = new Map(before.map((c) => [c.name, c]));
  const change = (c: ConstructorFigures): ConstructorChange => ({
    name: c.name,
    before: earlier.get(c.name),
    after: c,
  });
  const largest = after.slice(0, top).map(change);
  const grown = after
    .map(change)
    .sort((a, b) => (b.after?.count ?? 0) - (b.before?.count ?? 0) - ((a.after?.count ?? 0) - (a.before?.count ?? 0)))
    .slice(0, top);
  return { largest, grown };
}

const mb = (bytes: number | undefined) => (bytes === undefined ? '-' : (bytes / 1024 / 1024).toFixed(2));

function rows(changes: readonly ConstructorChange[]): string {
  const header = ['constructor', 'count before', 'count after', 'MB before', 'MB after'];
  const lines = changes.map((c) => [
    c.name.length > 48 ? `${c.name.slice(0, 45)}...` : c.name,
    String(c.before?.count ?? 0),
    String(c.after?.count ?? 0),
    mb(c.before?.selfBytes),
    mb(c.after?.selfBytes),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [format(header), ...lines.map(format)].join('\n');
}

function total(figures: readonly ConstructorFigures[]): number {
  return figures.reduce((sum, c) => sum + c.selfBytes, 0);
}

function main(): void {
  const [beforePath, afterPath, topRaw] = process.argv.slice(2);
  if (beforePath === undefined || afterPath === undefined) {
    process.stderr.write('Usage: npx tsx bench/heap-summary.ts BEFORE.heapsnapshot AFTER.heapsnapshot [TOP]\n');
    process.exit(2);
  }
  const top = Number(topRaw ?? 15);
  const read = (path: string) => byConstructor(JSON.parse(readFileSync(path, 'utf8')) as HeapSnapshotFile);
  const before = read(beforePath);
  const after = read(afterPath);
  const { largest, grown } = compareHeaps(before, after, top);
  process.stdout.write(
    `heap in snapshots: ${mb(total(before))} MB -> ${mb(total(after))} MB\n\n` +
      `largest ${top} (self size) in the second:\n${rows(largest)}\n\n` +
      `${top} grown most in count:\n${rows(grown)}\n`,
  );
}

if (require.main === module) main();
