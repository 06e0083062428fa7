/**
 * Whether the tests that start a real `redis-server` (or another program from the machine, such as
 * `haproxy`) can run here, shared by jest.config.js (which leaves out the suites that need a missing
 * one) and by suites with single Redis tests. Plain CommonJS: jest.config.js loads it before any
 * transform.
 */
const { accessSync, constants, readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

/**
 * The programs a suite may need, each with the variable that makes its absence fail the run
 * (`.ci/run` sets them) instead of leaving its suites out.
 */
const machineTools = {
  'redis-server': { requiredBy: 'TEST_REQUIRE_REDIS' },
  haproxy: { requiredBy: 'TEST_REQUIRE_HAPROXY' },
};

/** The line a suite carries, near its top, when every test in it needs `tool`. */
function markerOf(tool) {
  return `// needs: ${tool}`;
}

/** The line a suite carries, near its top, when every test in it needs a real redis-server. */
const suiteMarker = markerOf('redis-server');

/**
 * Where `tool` is: the first executable of that name on PATH, or in the sbin directories Debian
 * installs daemons such as haproxy in (not on every user's PATH); undefined when it is nowhere.
 */
function toolPath(tool) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/sbin', '/usr/sbin'];
  for (const dir of dirs.filter((d) => d !== '')) {
    try {
      accessSync(path.join(dir, tool), constants.X_OK);
      return path.join(dir, tool);
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** Whether `tool` can be started (see {@link toolPath}). */
function toolInstalled(tool) {
  return toolPath(tool) !== undefined;
}

/** Whether a missing `tool` must fail the run instead of skipping its suites. */
function toolRequired(tool) {
  const variable = machineTools[tool]?.requiredBy;
  return variable !== undefined && /^(1|true|yes)$/i.test(process.env[variable] ?? '');
}

/** The test files under `root` that carry `tool`'s marker, relative to `root`. */
function suitesNeeding(root, tool) {
  const marker = markerOf(tool);
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.ts') && readFileSync(full, 'utf8').slice(0, 2000).includes(marker))
        found.push(path.relative(root, full));
    }
  };
  walk(path.join(root, 'test'));
  return found.sort();
}

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
  return toolRequired('redis-server');
}

/** The test files under `root` that carry {@link suiteMarker}, relative to `root`. */
function suitesNeedingRedis(root) {
  return suitesNeeding(root, 'redis-server');
}

module.exports = {
  machineTools,
  toolPath,
  toolInstalled,
  toolRequired,
  suitesNeeding,
  redisServerInstalled,
  redisServerRequired,
  suitesNeedingRedis,
  suiteMarker,
};
