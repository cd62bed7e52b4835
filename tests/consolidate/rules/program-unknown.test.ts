import { programUnknown } from '../../../src/core/consolidate/rules/program-unknown';
import { context, file, master, results, row } from './context';

const plan = master([{ name: '事業X', departments: ['課'] }]);

describe('program-unknown', () => {
  it.each([
    ['in the master', [row('a.xlsx', '事業X', { masterIndex: 0 })], []],
    ['not in it', [row('a.xlsx', '事業Z')], ['a.xlsx シート1!B10']],
    ['once per program and file, not per department row', [row('a.xlsx', '事業Z'), row('a.xlsx', '事業Z', { department: '乙課', row: 11 })], ['a.xlsx シート1!B10']],
  ])('%s', (_, rows, expected) => {
    expect(results(programUnknown, context({ files: [file('a.xlsx')], rows, master: plan }))).toEqual(expected);
  });

  it('needs a master', () => {
    expect(results(programUnknown, context({ files: [file('a.xlsx')], rows: [row('a.xlsx', '事業Z')] }))).toEqual([]);
  });
});
