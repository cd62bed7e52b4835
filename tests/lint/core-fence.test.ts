/**
 * The fence around src/core holds: ESLint (the project's own config, as `npm run lint` runs
 * it) rejects code in src/core that imports from outside it, imports an npm package other than
 * zod or fastest-levenshtein, or touches a host global — and accepts the same code elsewhere.
 */
import { lintCases } from './lint-cases';

/** Every snippet of this file, linted in one ESLint run before the tests read the answers. */
const lint = lintCases('src/core/x.ts');

describe('src/core may not reach outside itself', () => {
  test.each(
    [
      ["import { readWorkbook } from '../xlsx/read';\nexport const r = readWorkbook;", 'src/core/x.ts'],
      ["import { reportMessages } from '../../i18n/report';\nexport const m = reportMessages;", 'src/core/summary/x.ts'],
      ["export { createLivePort } from '../excel/live-port';", 'src/core/x.ts'],
      ["export * from '../render';", 'src/core/x.ts'],
      ["export type T = typeof import('../cli/main');", 'src/core/x.ts'],
      ["export const load = () => import('../taskpane/store');", 'src/core/x.ts'],
    ].map(([code, file]) => [code, lint(code, file)] as const),
  )('%s', (_code, answer) => {
    expect(answer().join('\n')).toMatch(/hyoka\/core-fence: src\/core is pure: ".*" is outside src\/core/);
  });

  const inside = lint("import { a1 } from '../../a1';\nimport { DEFAULT_SCALE } from '../scale';\nexport const x = [a1, DEFAULT_SCALE];", 'src/core/consolidate/rules/x.ts');
  test('imports inside src/core, at any depth, are fine', () => {
    expect(inside()).toEqual([]);
  });
});

describe('src/core imports only zod and fastest-levenshtein from npm', () => {
  test.each(
    ['exceljs', 'exceljs/lib/doc/workbook', 'react', '@fluentui/react-components', 'node:fs', 'fs', 'fflate', 'picocolors'].map((pkg) => [pkg, lint(`import * as m from '${pkg}';\nexport const x = m;`)] as const),
  )('%s is refused', (pkg, answer) => {
    expect(answer().join('\n')).toContain(`hyoka/core-fence: src/core may import only zod, fastest-levenshtein; not "${pkg}"`);
  });

  const allowed = lint("import { z } from 'zod';\nimport { distance } from 'fastest-levenshtein';\nexport const x = [z, distance];");
  test('zod and fastest-levenshtein are allowed', () => {
    expect(allowed()).toEqual([]);
  });
});

describe('src/core uses no host globals', () => {
  test.each([
    'export const w = window.innerWidth;',
    'export const d = document.title;',
    "export const s = localStorage.getItem('x');",
    "export const f = () => fetch('https://example.org');",
    'export const t = () => setTimeout(() => undefined, 0);',
    'export const i = () => setInterval(() => undefined, 10);',
    'export const e = process.env.HOME;',
    "export const b = Buffer.from('x');",
    'export const o = Office.context;',
    'export const x = Excel.run;',
    'export const g = () => globalThis.setTimeout(() => undefined, 0);',
  ].map((code) => [code, lint(code)] as const))('%s', (_code, answer) => {
    expect(answer().some((p) => /^no-restricted-(globals|properties):/.test(p))).toBe(true);
  });

  const outside = lint("import { readWorkbook } from '../xlsx/read';\nexport const t = () => setTimeout(() => readWorkbook, 0);", 'src/taskpane/x.ts');
  test('the same code outside src/core is not fenced', () => {
    expect(outside()).toEqual([]);
  });
});

describe("no library's private modules anywhere in src", () => {
  test.each(
    [
      ["import Workbook from 'exceljs/lib/doc/workbook';\nexport const w = Workbook;", 'src/xlsx/x.ts'],
      ["import { parse } from 'saxes/lib/saxes';\nexport const p = parse;", 'src/taskpane/x.ts'],
      ["import x from 'jszip/lib/index';\nexport const j = x;", 'src/cli/x.ts'],
      ["import x from 'fflate/lib/index.cjs';\nexport const f = x;", 'src/excel/x.ts'],
    ].map(([code, file]) => [code, lint(code, file)] as const),
  )('%s', (_code, answer) => {
    expect(answer().join('\n')).toMatch(/^no-restricted-imports:.*private module/m);
  });

  const publicEntry = lint("import ExcelJS from 'exceljs';\nimport { Inflate } from 'fflate';\nexport const x = [ExcelJS, Inflate];", 'src/xlsx/x.ts');
  test('their public entry points are fine', () => {
    expect(publicEntry()).toEqual([]);
  });
});
