/**
 * Jest runs the TypeScript sources through ts-jest as CommonJS. These packages ship ES modules
 * only, so they are transformed too (allowJs) instead of being ignored like the rest of
 * node_modules. (Node 20.19+ itself loads them through require(esm); jest's module system cannot.)
 */
const esmOnly = [
  'jose',
  'oidc-provider',
  'p-limit',
  'yocto-queue',
  'bentocache',
  '@boringnode/bus',
  '@julr/utils',
  '@poppinss/exception',
  '@poppinss/utils',
  'p-timeout',
  '@poppinss/string',
  'case-anything',
  '@paralleldrive/cuid2',
  '@noble/hashes',
];

const {
  machineTools,
  redisServerInstalled,
  suitesNeeding,
  toolInstalled,
  toolRequired,
} = require('./test/support/redis-availability');

// Suites that start a real redis-server (or haproxy) run where it is installed; elsewhere they are
// left out with one line saying which and how to run them. CI (TEST_REQUIRE_REDIS,
// TEST_REQUIRE_HAPROXY) never leaves them out.
const missingToolSuites = [];
for (const [tool, { requiredBy }] of Object.entries(machineTools)) {
  const installed = tool === 'redis-server' ? redisServerInstalled() : toolInstalled(tool);
  const suites = installed ? [] : suitesNeeding(__dirname, tool);
  if (suites.length === 0) continue;
  const names = suites.join(', ');
  if (toolRequired(tool))
    throw new Error(`${requiredBy} is set but ${tool} is not on PATH; these suites need it: ${names}`);
  process.stderr.write(
    `${tool} not found: skipping ${suites.length} suites that need it (${names}); install it (apt-get install ${tool}, as .ci/run does) to run them\n`,
  );
  missingToolSuites.push(...suites);
}

// Subgraph processes the suites start stop at once on SIGTERM, as before SHUTDOWN_DRAIN_SECONDS
// existed; the suites about the drain set it themselves. Workers and their children inherit it.
process.env.SHUTDOWN_DRAIN_SECONDS ??= '0';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    ...[...new Set(missingToolSuites)].map((file) => `<rootDir>/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  ],
  transform: {
    '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testTimeout: 60_000,
  maxWorkers: 2,
};
