/** Whether `redis-server` is an executable on PATH. */
export function redisServerInstalled(): boolean;
/** Whether a missing redis-server must fail the run instead of skipping its suites (`TEST_REQUIRE_REDIS`). */
export function redisServerRequired(): boolean;
/** The test files (relative to `root`) whose every test needs a real redis-server. */
export function suitesNeedingRedis(root: string): string[];
/** The comment line that marks such a suite. */
export const suiteMarker: string;
