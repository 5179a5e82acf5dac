// One jest config for the whole monorepo. Two projects:
//  - unit: *.test.ts beside the code, no I/O beyond the process.
//  - integration: *.int.test.ts (service test/ folders, e2e), real PostgreSQL and Redis.
// TypeScript is compiled by swc as native ESM; `source` is the export condition that points
// workspace packages at their TypeScript sources (see tsconfig.base.json customConditions).
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];
const common = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['source', 'node', 'node-addons'] },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.data/'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/**/*.test.ts', '<rootDir>/**/*.test.tsx'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.int\\.test\\.tsx?$', '/web/e2e/'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/*.int.test.ts'],
      globalSetup: '<rootDir>/packages/testing/jest/global-setup.mjs',
      globalTeardown: '<rootDir>/packages/testing/jest/global-teardown.mjs',
      setupFilesAfterEnv: ['<rootDir>/packages/testing/jest/integration-setup.mjs'],
    },
  ],
};
