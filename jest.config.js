/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // A guard against hangs, not a speed assertion: jsdom screens and CLI child processes can take
  // several seconds each on a loaded 2-core machine.
  testTimeout: 30_000,
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
  // jsdom tests resolve packages by their "browser" export; uuid's (used by ExcelJS) is ESM only.
  moduleNameMapper: { '^uuid$': require.resolve('uuid') },
};
