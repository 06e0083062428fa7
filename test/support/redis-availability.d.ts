/** Whether `redis-server` is an executable on PATH. */
export function redisServerInstalled(): boolean;
/** Whether a missing redis-server must fail the run instead of skipping its suites (`TEST_REQUIRE_REDIS`). */
export function redisServerRequired(): boolean;
/** The test files (relative to `root`) whose every test needs a real redis-server. */
export function suitesNeedingRedis(root: string): string[];
/** The comment line that marks such a suite. */
export const suiteMarker: string;
/** The programs a suite may need (`// needs: <tool>`), each with the variable that makes its absence fail the run. */
export const machineTools: Readonly<Record<string, { readonly requiredBy: string }>>;
/** Where `tool` is: on PATH, or in /usr/local/sbin or /usr/sbin; undefined when nowhere. */
export function toolPath(tool: string): string | undefined;
/** Whether `tool` can be started (see {@link toolPath}). */
export function toolInstalled(tool: string): boolean;
/** Whether a missing `tool` must fail the run instead of skipping its suites. */
export function toolRequired(tool: string): boolean;
/** The test files (relative to `root`) whose every test needs `tool`. */
export function suitesNeeding(root: string, tool: string): string[];
