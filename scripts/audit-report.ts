/**
 * `npm run audit:report -- --out DIR [--policy FILE] FILE…`: reads audit files (AUDIT_LOG and its
 * rotated copies, `.gz` included) and writes an access review to DIR: `index.html` for a reviewer,
 * and `subjects.csv`, `roles.csv`, `refusals.csv`, `content.csv`, `anomalies.csv` for a GRC tool.
 * Bounds of unusual activity: `--calls-factor`, `--calls-min`, `--export-rows`, `--burst-refusals`,
 * `--burst-minutes`.
 */
import { parseArgs } from 'node:util';
import { defaultAnomalyBounds, writeAccessReview, type AnomalyBounds } from '../src/audit-report';

const usage =
  'usage: npm run audit:report -- --out DIR [--policy FILE] [--calls-factor N] [--calls-min N] [--export-rows N] [--burst-refusals N] [--burst-minutes N] FILE…';

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      policy: { type: 'string' },
      'calls-factor': { type: 'string' },
      'calls-min': { type: 'string' },
      'export-rows': { type: 'string' },
      'burst-refusals': { type: 'string' },
      'burst-minutes': { type: 'string' },
    },
  });
  if (values.out === undefined || positionals.length === 0) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const d = defaultAnomalyBounds;
  const bounds: AnomalyBounds = {
    callsFactor: positive('calls-factor', values['calls-factor'], d.callsFactor),
    callsMinimum: positive('calls-min', values['calls-min'], d.callsMinimum),
    exportRows: positive('export-rows', values['export-rows'], d.exportRows),
    burstRefusals: positive('burst-refusals', values['burst-refusals'], d.burstRefusals),
    burstMinutes: positive('burst-minutes', values['burst-minutes'], d.burstMinutes),
  };
  const started = performance.now();
  const result = await writeAccessReview({
    files: positionals,
    out: values.out,
    bounds,
    ...(values.policy !== undefined && { policyFile: values.policy }),
  });
  const seconds = (performance.now() - started) / 1000;
  const { report } = result;
  process.stdout.write(
    `${result.lines} lines (${result.skipped} skipped), ${report.events} events, ${report.subjects.length} subjects, ` +
      `${report.anomalies.length} unusual, from ${report.firstSeen ?? '-'} to ${report.lastSeen ?? '-'}\n` +
      `wrote ${result.written.join(', ')} to ${values.out} in ${seconds.toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit:report failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
