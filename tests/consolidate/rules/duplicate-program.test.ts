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
    expect(r.ja).toContain('このファイル D、「a.xlsx」 A');
    expect(r.ja).toContain('先に読み込んだファイル');
    expect(r).toMatchObject({ messageId: 'first', params: { program: '別名', department: '課', grade: 'D', usedGrade: 'A', usedFile: 'a.xlsx' } });
    expect(r.en).toContain('(D here, A there)');
  });

  it.each([
    ['a resubmission wins, wherever it is read', ['課_再提出.xlsx', '課.xlsx'], '課_再提出.xlsx', 'resubmission', '「再提出」'],
    ['修正版 wins over the first file', ['課.xlsx', '課（修正版）.xlsx'], '課（修正版）.xlsx', 'resubmission', '「修正版」'],
    ['差替 wins', ['課.xlsx', '課_差替.xlsx'], '課_差替.xlsx', 'resubmission', '「差替」'],
    ['the newer version by name', ['課_v1.xlsx', '課_v2.xlsx'], '課_v2.xlsx', 'newer', '「v2」から新しい版'],
    ['the later date by name', ['課_20240610.xlsx', '課_20240531.xlsx'], '課_20240610.xlsx', 'newer', '「20240610」'],
    ['nothing in the names: the first read', ['課A.xlsx', '課B.xlsx'], '課A.xlsx', 'first', '先に読み込んだ'],
  ])('%s: its grade is used and the message says which file and why', (_, [first, second], used, messageId, why) => {
    const rows = [row(first, '事業X', { department: '課', gradeKey: 'A', grade: 'A' }), row(second, '事業X', { department: '課', gradeKey: 'C', grade: 'C' })];
    const [r, ...rest] = problems(duplicateProgram, context({ files: [file(first), file(second)], rows }));
    expect(rest).toEqual([]);
    const other = used === first ? second : first;
    expect(r.at.file).toBe(other);
    expect(r.messageId).toBe(messageId);
    expect(r.ja).toContain(`集計には「${used}」の評価を使っています`);
    expect(r.ja).toContain(why);
  });

  it('ignores rows of wrong-year files', () => {
    const rows = [row('a.xlsx', '事業X', { department: '課' }), row('b.xlsx', '事業X', { department: '課', gradeKey: 'B', grade: 'B' })];
    expect(results(duplicateProgram, context({ files: [file('a.xlsx'), file('b.xlsx', { status: 'wrong-year', reportYear: 2019 })], rows }))).toEqual([]);
  });
});
