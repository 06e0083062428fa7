import { writeResultFiles } from './command-line';
import { formatCacheReport } from './cache-report';
import { runCacheScenarios } from './cache-scenarios';
import type { BenchOptions } from './options';
import type { Stoppers } from './stoppers';

/**
 * Scenario C of `npm run bench`: runs it, writes `cache-<timestamp>.json` and `cache-latest.json`
 * to the results folder, and returns the printed report.
 */
export async function runCacheBench(
  options: BenchOptions,
  stack: Stoppers,
  progress: (line: string) => void,
): Promise<string> {
  const results = await runCacheScenarios(
    {
      scale: options.scale,
      seed: options.seed,
      durationS: options.durationS,
      cacheResultTtlS: options.cacheResultTtlS,
    },
    stack,
    progress,
  );
  const file = writeResultFiles(options.resultsDir, 'cache-', results);
  return `${formatCacheReport(results)}\n\nresults: ${file} (and cache-latest.json)`;
}
