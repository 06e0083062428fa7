/**
 * Jest runs the TypeScript sources through ts-jest as CommonJS. These packages ship ES modules
 * only, so they are transformed too (allowJs) instead of being ignored like the rest of
 * node_modules. (Node 20.19+ itself loads them through require(esm); jest's module system cannot.)
 */
const esmOnly = ['jose', 'oidc-provider', 'p-limit', 'yocto-queue', 'bentocache', '@boringnode/bus', '@julr/utils', '@poppinss/exception', '@poppinss/utils', 'p-timeout', '@poppinss/string', 'case-anything', '@paralleldrive/cuid2', '@noble/hashes'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testTimeout: 60_000,
  maxWorkers: 2,
};
