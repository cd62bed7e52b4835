import { duplicateProgram } from '../../../src/core/consolidate/rules/duplicate-program';
import { context, file, levels, problems, results, row } from './context';

const files = [file('a.xlsx'), file('b.xlsx')];

describe('duplicate-program', () => {
  it.each([
    ['different programs', [row('a.xlsx', '事業X', { department: '課' }), row('b.xlsx', '事業Y', { department: '課', gradeKey: 'B', grade: 'B' })], []],
    ['same grade twice', [row('a.xlsx', '事業X', { department: '課' }), row('b.xlsx', '事業X', { department: '課' })], []],
    ['different departments', [row('a.xlsx', '事業X', { department: '甲課' }), row('b.xlsx', '事業X', { department: '乙課', gradeKey: 'B', grade: 'B' })], []],
    ['a blank is grade-missing, not a conflict', [row('a.xlsx', '事業X', { department: '課' }), row('b.xlsx', '事業X', { department: '課', gradeKey: '', grade: '' })], []],
    ['same file twice (check decides)', [row('a.xlsx', '事業X', { department: '課' }), row('a.xlsx', '事業X', { department: '課', gradeKey: 'B', grade: 'B', cell: 'F11' })], []],
    ['conflicting grades', [row('a.xlsx', '事業X', { department: '課' }), row('b.xlsx', '事業X', { department: '課', gradeKey: 'B', grade: 'B', cell: 'F12' })], ['b.xlsx シート1!F12']],
    [
      'names normalised: full-width, 【新規】, spaces',
      [row('a.xlsx', '事業X', { department: '課' }), row('b.xlsx', '【新規】事業Ｘ', { department: '課 ', levels: levels(['1', '福祉の まちづくり'], ['①', '【新規】事業Ｘ']), gradeKey: 'C', grade: 'C' })],
      ['b.xlsx シート1!F10'],
    ],
  ])('%s', (_, rows, expected) => {
    expect(results(duplicateProgram, context({ files, rows }))).toEqual(expected);
  });

  it('matches through the master when both rows are matched to it', () => {
    const rows = [row('a.xlsx', '事業X', { department: '課', masterIndex: 3 }), row('b.xlsx', '別名', { department: '課', masterIndex: 3, gradeKey: 'D', grade: 'D' })];
    const [r] = problems(duplicateProgram, context({ files, rows }));
    expect(r.ja).toContain('こちら D、向こう A');
    expect(r.ja).toContain('a.xlsx');
    expect(r).toMatchObject({ messageId: 'conflict', params: { program: '別名', department: '課', grade: 'D', otherGrade: 'A', otherFile: 'a.xlsx' } });
    expect(r.en).toContain('(D here, A there)');
  });

  it('ignores rows of wrong-year files', () => {
    const rows = [row('a.xlsx', '事業X', { department: '課' }), row('b.xlsx', '事業X', { department: '課', gradeKey: 'B', grade: 'B' })];
    expect(results(duplicateProgram, context({ files: [file('a.xlsx'), file('b.xlsx', { status: 'wrong-year', reportYear: 2019 })], rows }))).toEqual([]);
  });
});
