import { checkWorkbook } from '../../src/core';
import { bookOf, programRows } from '../scale/book';
import { expectFindingData, sentence } from './rule-tester';

describe('grade-error-value', () => {
  test('an Excel error value in a grade cell is its own error at that cell, never grade-invalid', () => {
    const rows = programRows(['A', { error: '#N/A' }, 'B', { error: '#REF!' }, 'C']);
    const { report } = checkWorkbook(bookOf({ rows }));
    const found = report.findings.filter((f) => f.rule === 'grade-error-value');
    expect(found.map((f) => [f.cell, f.params.value])).toEqual([
      ['D5', '#N/A'],
      ['D7', '#REF!'],
    ]);
    for (const f of found) expectFindingData(f);
    expect(sentence(found[0], 'ja')).toContain('エラー値「#N/A」');
    expect(sentence(found[1], 'en')).toContain('shows the error value #REF!');
    expect(report.findings.filter((f) => f.rule === 'grade-invalid' || f.rule === 'grade-missing')).toEqual([]);
    // The error is not a grade: the counts hold the three real ones.
    expect(report.sheets[0].gradeCounts).toEqual({ A: 1, B: 1, C: 1, D: 0 });
  });

  test('clean grades raise none', () => {
    const { report } = checkWorkbook(bookOf({ rows: programRows(['A', 'B', 'C', 'D']) }));
    expect(report.findings.filter((f) => f.rule === 'grade-error-value')).toEqual([]);
  });
});
