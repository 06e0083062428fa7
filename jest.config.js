/**
 * Jest runs the TypeScript sources through ts-jest as CommonJS. jose, oidc-provider and a few of
 * their dependencies ship ES modules only, so they are transformed too (allowJs) instead of being
 * ignored like the rest of node_modules.
 */
const esmOnly = ['jose', 'oidc-provider', 'quick-lru', 'nanoid', 'oidc-token-hash', 'eta', 'koa', '@koa'];

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
