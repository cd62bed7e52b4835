/**
 * One scale (issue #20): ESLint (the project's own config) refuses grade levels spelled outside
 * src/core/scale — an import of GRADES/Grade, a list of the A–D letters, a record or type keyed
 * by them, a union of them, an `[A-D]` pattern — and accepts the same code inside it.
 */
import { lintCases } from './lint-cases';

/** Every snippet of this file, linted in one ESLint run before the tests read the answers. */
const lint = lintCases('src/core/rules/x.ts');

const spelled = [
  ["import { GRADES } from '../scale';\nexport const x = GRADES;", 'src/core/rules/x.ts', 'import of GRADES'],
  ["import type { Grade } from '../../core';\nexport type X = Grade;", 'src/render/x.ts', 'import of Grade'],
  ["export const levels = ['A', 'B', 'C', 'D'];", 'src/core/summary/x.ts', 'a list of the A–D letters'],
  ["export const levels = ['A', 'B', 'C'] as const;", 'src/taskpane/screens/X.tsx', 'a list of the A–D letters'],
  ['export const counts = { A: 0, B: 0, C: 0, D: 0 };', 'src/render/x.ts', 'a record keyed by A–D'],
  ["export const t = { 'A': 3.5, 'B': 2.5, 'C': 1.5 };", 'src/core/settings-x.ts', 'a record keyed by A–D'],
  ['export type T = { A: number; B: number; C: number };', 'src/core/report-x.ts', 'a type keyed by A–D'],
  ["export type G = 'A' | 'B' | 'C' | 'D';", 'src/core/layout/x.ts', 'a union of the A–D letters'],
  ['export const re = /^([A-D])$/;', 'src/core/layout/x.ts', 'an [A-D] pattern'],
  ['export const re = /^[A-Da-d]\\s*評価$/;', 'src/cli/x.ts', 'an [A-D] pattern'],
  ["export const re = new RegExp('^[ABCD]$');", 'src/core/x.ts', 'an [A-D] pattern'],
  ['export const re = new RegExp(String.raw`^([A-D・,、]+)$`);', 'src/core/x.ts', 'an [A-D] pattern'],
] as const;

describe('grade levels spelled outside src/core/scale are refused', () => {
  test.each(spelled.map(([code, file, what]) => [code, what, lint(code, file)] as const))('%s', (_code, what, answer) => {
    expect(answer().join('\n')).toContain(`scale/one-scale: Grade levels are the scale's: ${what} outside src/core/scale`);
  });
});

describe('the scale module itself may spell them', () => {
  const inside = spelled.slice(2).map(([code]) => lint(code, 'src/core/scale/x.ts'));
  test('no finding inside src/core/scale', () => {
    for (const a of inside) expect(a().filter((l) => l.includes('one-scale'))).toEqual([]);
  });
});

describe('what is not a spelling of the levels', () => {
  test.each(
    [
      "export const pair = ['A', 'B'];", // two letters: anything
      "export const cells = { A1: 1, B2: 2, C3: 3 };",
      'export const re = /^[A-Z]$/;',
      "import { DEFAULT_SCALE, labelsOf } from '../scale';\nexport const l = labelsOf(DEFAULT_SCALE);",
      "export const message = 'A〜Dの評価ではありません';",
    ].map((code) => [code, lint(code)] as const),
  )('%s', (_code, answer) => {
    expect(answer().filter((l) => l.includes('one-scale'))).toEqual([]);
  });
});
