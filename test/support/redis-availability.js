/**
 * Whether the tests that start a real `redis-server` can run here, shared by jest.config.js (which
 * leaves out the suites that need it) and by suites with single Redis tests. Plain CommonJS:
 * jest.config.js loads it before any transform.
 */
const { accessSync, constants, readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

/** The line a suite carries, near its top, when every test in it needs a real redis-server. */
const suiteMarker = '// needs: redis-server';

/** Whether `redis-server` is an executable on PATH. */
function redisServerInstalled() {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, 'redis-server'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether a missing redis-server must fail the run instead of skipping its suites (`.ci/run` sets it). */
function redisServerRequired() {
  return /^(1|true|yes)$/i.test(process.env.TEST_REQUIRE_REDIS ?? '');
}

/** The test files under `root` that carry {@link suiteMarker}, relative to `root`. */
function suitesNeedingRedis(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.ts') && readFileSync(full, 'utf8').slice(0, 2000).includes(suiteMarker))
        found.push(path.relative(root, full));
    }
  };
  walk(path.join(root, 'test'));
  return found.sort();
}

module.exports = { redisServerInstalled, redisServerRequired, suitesNeedingRedis, suiteMarker };
