/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
  // jsdom tests resolve packages by their "browser" export; uuid's (used by ExcelJS) is ESM only.
  moduleNameMapper: { '^uuid$': require.resolve('uuid') },
};
