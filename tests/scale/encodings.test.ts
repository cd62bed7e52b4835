/**
 * Grade encodings (issue #20): a label with its explanation or a note mark on any scale; a mark
 * in one of N level columns under a merged header; a formula's cached result.
 */
import { checkWorkbook, type CellValue, type Report } from '../../src/core';
import type { SheetLayout } from '../../src/core/layout/types';
import { bookOf, programRows, type BookOptions } from './book';

function check(o: BookOptions): { report: Report; layout: SheetLayout } {
  const { report, layouts } = checkWorkbook(bookOf(o));
  return { report, layout: layouts.find((l) => l.kind === 'evaluation')! };
}
const errors = (r: Report) => r.findings.filter((f) => f.severity === 'error');

describe('a label in one cell', () => {
  test('with an explanation, on S/A/B/C: S（目標を上回る）', () => {
    const { report, layout } = check({ rows: programRows(['S（目標を上回る）', 'A（達成）', 'B（概ね達成）', 'S（目標を上回る）', 'C（未達成）', 'S（目標を上回る）']) });
    expect(layout.scale?.levels.map((l) => l.label)).toEqual(['S', 'A', 'B', 'C']);
    expect(errors(report)).toEqual([]);
    expect(report.sheets[0].gradeCounts).toEqual({ S: 3, A: 1, B: 1, C: 1 });
    // One explained notation throughout is the column's standard, not a nonstandard grade.
    expect(report.findings.filter((f) => f.rule === 'grade-nonstandard')).toEqual([]);
  });

  test('with a footnote or note mark: B※, A＊, B(注1) are grades with an annotation, never errors', () => {
    const { report, layout } = check({ rows: programRows(['B※', 'A＊', 'B(注1)', 'C', 'A']) });
    expect(errors(report)).toEqual([]);
    expect(report.sheets[0].gradeCounts).toEqual({ A: 2, B: 2, C: 1, D: 0 });
    expect(layout.scale?.source).toBe('default');
  });

  test('marks with explanations: ◎（十分達成）', () => {
    const { report } = check({ rows: programRows(['◎（十分達成）', '○（概ね達成）', '△（一部達成）', '○（概ね達成）']) });
    expect(errors(report)).toEqual([]);
    expect(report.sheets[0].gradeCounts).toEqual({ '◎': 1, '○': 2, '△': 1, '×': 0 });
  });
});

describe('a mark in one of N level columns under a merged header', () => {
  // 評価 merged over E3:H3 (0-based row 2, cols 3–6); the levels below it in row 4.
  const header: CellValue[] = ['番号', '事業名', '担当課', '評価', null, null, null];
  const merges = [
    { top: 2, bottom: 2, left: 3, right: 6 },
    { top: 2, bottom: 3, left: 0, right: 0 },
    { top: 2, bottom: 3, left: 1, right: 1 },
    { top: 2, bottom: 3, left: 2, right: 2 },
  ];
  const row = (i: number, level: number | null, mark = '○'): CellValue[] => {
    const r: CellValue[] = [String(i), `事業${i}`, '福祉課', null, null, null, null];
    if (level !== null) r[3 + level] = mark;
    return r;
  };

  test('A | B | C | D: the grade is the marked column (today this exited 0 with zero counts)', () => {
    const rows = [row(1, 0), row(2, 1), row(3, 1, '●'), row(4, 2, '✓'), row(5, 3, '1'), row(6, 0, '〇')];
    const { report, layout } = check({ header, subHeader: [null, null, null, 'A', 'B', 'C', 'D'], merges, rows });
    const grade = layout.columns.find((c) => c.role === 'grade')!;
    expect(grade).toMatchObject({ col: 3, encoding: 'level-columns' });
    expect(grade.levelColumns?.map((l) => l.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(report.sheets[0].gradeCounts).toEqual({ A: 2, B: 2, C: 1, D: 1 });
    expect(errors(report)).toEqual([]);
  });

  test('S | A | B | C: the sub-headers are the scale', () => {
    const rows = [row(1, 0), row(2, 1), row(3, 1), row(4, 3)];
    const { report, layout } = check({ header, subHeader: [null, null, null, 'S', 'A', 'B', 'C'], merges, rows });
    expect(layout.scale?.levels.map((l) => l.label)).toEqual(['S', 'A', 'B', 'C']);
    expect(layout.scale?.source).toBe('header');
    expect(report.sheets[0].gradeCounts).toEqual({ S: 1, A: 2, B: 0, C: 1 });
  });

  test('the level sub-headers are the scale of last year’s column too, though it shows one level only (every row 概ね達成)', () => {
    // 令和4年度評価 | 令和5年度評価 over 達成 | 概ね達成 | 一部未達成 | 未達成: last year's grade in words, this year's a mark.
    const yearHeader: CellValue[] = ['番号', '事業名', '担当課', '令和4年度評価', '令和5年度評価', null, null, null];
    const yearMerges = [
      { top: 2, bottom: 2, left: 4, right: 7 },
      ...[0, 1, 2, 3].map((c) => ({ top: 2, bottom: 3, left: c, right: c })),
    ];
    const rows = [1, 2, 3, 4].map((i): CellValue[] => {
      const r: CellValue[] = [String(i), `事業${i}`, '福祉課', '概ね達成', null, null, null, null];
      r[4 + (i === 4 ? 0 : 1)] = '○';
      return r;
    });
    const { report, layout } = check({ title: '令和5年度 事業評価シート', header: yearHeader, subHeader: [null, null, null, null, '達成', '概ね達成', '一部未達成', '未達成'], merges: yearMerges, rows });
    expect(layout.columns.filter((c) => c.role === 'grade' || c.role === 'previousGrade').map((c) => `${c.col}:${c.role}${c.year}`)).toEqual(['3:previousGrade2022', '4:grade2023']);
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual([]);
    expect(report.sheets[0].gradeCounts).toMatchObject({ 達成: 1, 概ね達成: 3 });
  });

  test('no mark is a missing grade at the row; two marks are not one grade', () => {
    const two = row(3, 0);
    two[5] = '○';
    const rows = [row(1, 0), row(2, null), two, row(4, 1)];
    const { report } = check({ header, subHeader: [null, null, null, 'A', 'B', 'C', 'D'], merges, rows });
    expect(report.findings.filter((f) => f.rule === 'grade-missing').map((f) => f.row)).toEqual([6]);
    expect(report.findings.filter((f) => f.rule === 'grade-invalid').map((f) => f.params.text)).toEqual(['A・C']);
  });
});

describe('formulas', () => {
  test("a formula's cached result is the grade (the reader hands the result)", () => {
    // The snapshot holds results: a cached formula is indistinguishable from a typed grade.
    const { report } = check({ rows: programRows(['A', 'B', 'C']) });
    expect(report.sheets[0].gradeCounts).toEqual({ A: 1, B: 1, C: 1, D: 0 });
  });

  test('an uncached formula is not verified: a warning with the count, never a missing grade, never silence', () => {
    const rows = programRows([null, null, null]);
    const { report } = check({ rows, uncachedFormulas: [3, 4, 5].map((r) => ({ row: r, col: 3 })) });
    expect(report.findings.filter((f) => f.rule === 'grade-missing')).toEqual([]);
    expect(report.findings.filter((f) => f.rule === 'grade-unverified').map((f) => f.params.count)).toEqual([3]);
  });
});
