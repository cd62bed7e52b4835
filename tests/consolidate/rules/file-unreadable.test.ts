import { fileUnreadable } from '../../../src/core/consolidate/rules/file-unreadable';
import { context, file, problems, results } from './context';

describe('file-unreadable', () => {
  it.each([
    ['a readable file', [file('介護福祉課.xlsx')], []],
    ['a corrupt file', [file('公民館.xlsx', { status: 'unreadable', unreadable: '壊れています', reportYear: null })], ['公民館.xlsx -!-']],
    ['one of several', [file('a.xlsx'), file('b.xlsx', { status: 'unreadable', unreadable: 'x' })], ['b.xlsx -!-']],
  ])('%s', (_, files, expected) => {
    expect(results(fileUnreadable, context({ files }))).toEqual(expected);
  });

  it('says why and what to do, in both languages', () => {
    const ctx = context({ files: [file('公民館.xlsx', { status: 'unreadable', unreadable: '壊れています' })] });
    expect(problems(fileUnreadable, ctx)[0].ja).toContain('壊れています');
    expect(problems(fileUnreadable, ctx)[0].en).toContain('cannot be read');
  });
});
