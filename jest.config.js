/**
 * Two tiers, one run. `npm test` (what CI runs) runs every project; `npm run test:unit` runs
 * only the fast tier: the engine and reader tests, which need no webpack build, Chromium,
 * LibreOffice or spawned CLI and pass with them absent. A test file belongs to exactly one
 * project, so `npx jest <file>` works as before.
 */
const base = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/tests'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // jsdom tests resolve packages by their "browser" export; uuid's (used by ExcelJS) is ESM only.
  moduleNameMapper: { '^uuid$': require.resolve('uuid') },
};

/** The fast tier: folders of engine and reader tests … */
const UNIT_DIRS = ['core', 'rules', 'layout', 'scale', 'compare', 'consolidate', 'summary', 'xlsx', 'cli', 'docs'];
/** … less the files in them that spawn the bundled CLI (esbuild) or drive LibreOffice / pdftotext. */
const NOT_UNIT = [
  'layout/libreoffice.test.ts',
  'xlsx/print-pdf.test.ts',
  'xlsx/limits-cli.test.ts',
  'rules/sheet-unreadable.test.ts',
];
const unitMatch = UNIT_DIRS.flatMap((d) => [`<rootDir>/tests/${d}/**/*.test.ts`, `<rootDir>/tests/${d}/**/*.test.tsx`]);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('jest').Config} */
module.exports = {
  // A guard against hangs, not a speed assertion: jsdom screens and CLI child processes can take
  // several seconds each on a loaded 2-core machine.
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: unitMatch, testPathIgnorePatterns: ['/node_modules/', ...NOT_UNIT.map((f) => `/tests/${escape(f)}$`)] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      // Everything the unit tier does not run; tests/e2e runs after the webpack build (npm run test:e2e).
      testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/', ...UNIT_DIRS.map((d) => `/tests/${d}/`)],
    },
    { ...base, displayName: 'integration-tools', testMatch: NOT_UNIT.map((f) => `<rootDir>/tests/${f}`) },
  ],
};
