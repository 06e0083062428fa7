import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/** The parts of a V8 `.cpuprofile` the summary reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  /** Microseconds on the monotonic clock, the one `process.hrtime` reads. */
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A stretch of time on the monotonic clock, µs (`process.hrtime.bigint() / 1000n`). */
export type TimeWindow = readonly [startUs: number, endUs: number];

/** Now on the clock V8 stamps profile samples with, µs. */
export function monotonicNowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** A frame's share of the profile. */
export interface FrameShare {
  readonly frame: string;
  readonly ms: number;
  readonly percent: number;
}

/** Where the sampled time went. */
export interface ProfileSummary {
  readonly totalMs: number;
  /** Time in the frame itself. */
  readonly topSelf: readonly FrameShare[];
  /** Time in the frame and everything it called, for the project's own frames only. */
  readonly topProjectInclusive: readonly FrameShare[];
  /** Self time grouped by package (`node_modules/<pkg>`), project folder, or V8/Node bucket. */
  readonly byPackage: readonly FrameShare[];
}

const root = resolve(__dirname, '..');

/** Where the benchmark compiles the project (bench/processes.ts): its frames are the project's own. */
const compiled = 'bench/results/build/';

function location(url: string): string {
  if (url === '') return '';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const inRepository = path.startsWith(root) ? relative(root, path) : path;
  return inRepository.startsWith(compiled) ? inRepository.slice(compiled.length) : inRepository;
}

function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const path = location(url);
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules?.[1]) return inModules[1];
  if (path.startsWith('node:')) return 'node internals';
  return path.split('/')[0] ?? path;
}

function isProjectFrame(url: string): boolean {
  if (!url.startsWith('file://') && !url.startsWith('/')) return false;
  const path = location(url);
  return !path.startsWith('/') && !path.includes('node_modules');
}

function top(map: Map<string, number>, totalMs: number, n: number): FrameShare[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([frame, ms]) => ({ frame, ms, percent: (100 * ms) / totalMs }));
}

/**
 * Reads a `.cpuprofile` and summarises where its time went; with `windows`, only the samples taken
 * within them (so start-up and idle gaps between runs stay out).
 */
export function summarizeProfile(file: string, n = 20, windows?: readonly TimeWindow[]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frameName = (id: number): string => {
    const { callFrame } = byId.get(id) as CpuProfile['nodes'][number];
    const where = location(callFrame.url);
    return `${callFrame.functionName || '(anonymous)'}${where ? ` ${where}:${callFrame.lineNumber + 1}` : ''}`;
  };

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const packages = new Map<string, number>();
  let totalMs = 0;
  let clock = profile.startTime;
  profile.samples.forEach((sampleId, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    clock += delta;
    if (windows && !windows.some(([from, to]) => clock >= from && clock <= to)) return;
    const ms = delta / 1000;
    totalMs += ms;
    const leaf = byId.get(sampleId);
    if (!leaf) return;
    const name = frameName(sampleId);
    self.set(name, (self.get(name) ?? 0) + ms);
    const pkg = packageOf(leaf.callFrame.url, leaf.callFrame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
    // Each project frame on the stack counts once per sample, however deep the recursion.
    const seen = new Set<string>();
    for (let id: number | undefined = sampleId; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node || !isProjectFrame(node.callFrame.url)) continue;
      const key = frameName(id);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  });
  return {
    totalMs,
    topSelf: top(self, totalMs, n),
    topProjectInclusive: top(inclusive, totalMs, n),
    byPackage: top(packages, totalMs, n),
  };
}

/** The summary as text. */
export function formatProfileSummary(file: string, summary: ProfileSummary, windowed = false): string {
  const rows = (title: string, shares: readonly FrameShare[]) => [
    title,
    ...shares.map((s) => `  ${s.percent.toFixed(1).padStart(5)} %  ${s.ms.toFixed(0).padStart(7)} ms  ${s.frame}`),
  ];
  return [
    `CPU profile ${location(file)}: ${(summary.totalMs / 1000).toFixed(1)} s sampled${windowed ? ' during the runs' : ''}`,
    ...rows('Self time by package / bucket:', summary.byPackage),
    ...rows('Top frames by self time:', summary.topSelf),
    ...rows('Project frames by inclusive time (the frame and what it calls):', summary.topProjectInclusive),
  ].join('\n');
}

// `tsx bench/profile-summary.ts <file.cpuprofile>` summarises a profile taken elsewhere.
if (require.main === module) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top N]\n');
    process.exit(2);
  }
  process.stdout.write(`${formatProfileSummary(file, summarizeProfile(file, Number(process.argv[3] ?? 20)))}\n`);
}
