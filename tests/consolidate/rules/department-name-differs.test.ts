import { departmentNameDiffers } from '../../../src/core/consolidate/rules/department-name-differs';
import { context, file, problems, results } from './context';

describe('department-name-differs', () => {
  it.each([
    ['file name and sheets agree (no note kept)', [file('健康課.xlsx', { department: '健康課', departmentSource: 'column' })], []],
    ['the sheets name a department the file name does not name at all', [file('提出_0825.xlsx', { department: '広報秘書課', departmentSource: 'sheet' })], []],
    [
      'the file name names another department: the sheets’ one is used and said',
      [file('健康課_R2.xlsx', { department: '生涯学習課', departmentSource: 'column', fileNameDepartment: '健康課' })],
      ['健康課_R2.xlsx -!-'],
    ],
    ['an unreadable file has no sheets to disagree with', [file('健康課.xlsx', { status: 'unreadable', fileNameDepartment: '健康課', department: '健康課' })], []],
  ])('%s', (_, files, expected) => {
    expect(results(departmentNameDiffers, context({ files }))).toEqual(expected);
  });

  it('names both, says which was used and where it was read, in both languages', () => {
    const ctx = context({ files: [file('健康課_R2.xlsx', { department: '広報秘書課', departmentSource: 'sheet', fileNameDepartment: '健康課' })] });
    const [p] = problems(departmentNameDiffers, ctx);
    expect(p.params).toEqual({ fileName: '健康課', used: '広報秘書課', source: 'sheet' });
    expect(p.ja).toContain('ファイル名は「健康課」');
    expect(p.ja).toContain('「広報秘書課」の提出として取りまとめました');
    expect(p.en).toContain('consolidated as "広報秘書課"');
  });
});
