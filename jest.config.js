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

const { redisServerInstalled, redisServerRequired, suitesNeedingRedis } = require('./test/support/redis-availability');

// Suites that start a real redis-server run where it is installed; elsewhere they are left out
// with one line saying which and how to run them. CI (TEST_REQUIRE_REDIS) never leaves them out.
const redisSuites = redisServerInstalled() ? [] : suitesNeedingRedis(__dirname);
if (redisSuites.length > 0) {
  const names = redisSuites.join(', ');
  if (redisServerRequired())
    throw new Error(`TEST_REQUIRE_REDIS is set but redis-server is not on PATH; these suites need it: ${names}`);
  process.stderr.write(
    `redis-server not found: skipping ${redisSuites.length} suites that need it (${names}); install it (apt-get install redis-server, as .ci/run does) to run them\n`,
  );
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    ...redisSuites.map((file) => `<rootDir>/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  ],
  transform: {
    '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testTimeout: 60_000,
  maxWorkers: 2,
};
