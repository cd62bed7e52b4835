import { wholePlanWorkbook } from '../../../src/core/consolidate/rules/whole-plan-workbook';
import { context, file, problems, results } from './context';

describe('whole-plan-workbook', () => {
  it.each([
    ['a department’s file', [file('福祉課.xlsx')], []],
    ['one workbook reporting for many departments', [file('評価調書.xlsx', { department: null, wholePlanDepartments: 12 })], ['評価調書.xlsx -!-']],
  ])('%s', (_, files, expected) => {
    expect(results(wholePlanWorkbook, context({ files }))).toEqual(expected);
  });

  it('says what the workbook is and what to run instead, in both languages', () => {
    const [p] = problems(wholePlanWorkbook, context({ files: [file('評価調書.xlsx', { department: null, wholePlanDepartments: 12 })] }));
    expect(p.ja).toContain('計画全体の評価調書です（12課分');
    expect(p.ja).toContain('hyoka check');
    expect(p.en).toContain('hyoka check');
  });
});
