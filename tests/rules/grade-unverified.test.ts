import { checkWorkbook } from '../../src/core';
import { bookOf, programRows } from '../scale/book';
import { expectFindingData, sentence } from './rule-tester';

describe('grade-unverified', () => {
  test('grade formulas saved without results: one warning per sheet with the count, never a missing grade', () => {
    // 0-based rows 3.. are the programs (title, blank, header): the formulas sit in D5, D6, D8.
    const rows = programRows(['A', null, null, 'B', null]);
    const { report } = checkWorkbook(bookOf({ rows, uncachedFormulas: [4, 5, 7].map((row) => ({ row, col: 3 })) }));
    const found = report.findings.filter((f) => f.rule === 'grade-unverified');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ cell: 'D5', params: { count: 3, previous: false } });
    expectFindingData(found[0]);
    expect(sentence(found[0], 'ja')).toContain('評価欄の3件は、計算結果が保存されていない数式');
    expect(sentence(found[0], 'en')).toContain('3 grade cells are formulas saved without results');
    expect(report.findings.filter((f) => f.rule === 'grade-missing')).toEqual([]);
    expect(report.sheets[0].gradeCounts).toEqual({ A: 1, B: 1, C: 0, D: 0 });
  });

  test('a blank grade that is not a formula is still missing', () => {
    const { report } = checkWorkbook(bookOf({ rows: programRows(['A', null, 'B']) }));
    expect(report.findings.filter((f) => f.rule === 'grade-missing').map((f) => f.cell)).toEqual(['D5']);
    expect(report.findings.filter((f) => f.rule === 'grade-unverified')).toEqual([]);
  });
});
