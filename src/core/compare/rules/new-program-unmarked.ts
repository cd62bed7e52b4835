import { defineComparisonRule, lastYearWords, subject, type ComparisonLocation } from './rule';

type Params = { program: string; path: string; lastYear: number | null };

/** A program that did not exist last year and is not marked 【新規】. */
export const newProgramUnmarked = defineComparisonRule<{ unmarked: Params }>({
  id: 'new-program-unmarked',
  kind: 'compare',
  title: { ja: '【新規】の付け忘れ', en: 'New program not marked 【新規】' },
  severity: 'warning',
  description: {
    ja: '前年度になかった事業に【新規】が付いていません。',
    en: 'A program that did not exist last year is not marked 【新規】.',
  },
  messages: {
    unmarked: {
      ja: (p) => `${subject('ja', p.program, null)}は${lastYearWords('ja', p.lastYear)}の評価調書にありません。新規事業なら名称に【新規】を付けてください（名称や番号を変えた事業なら、前年度と同じ名称か確認してください）。`,
      en: (p) => `${subject('en', p.program, null)} is not in ${lastYearWords('en', p.lastYear)}'s workbook. Mark it 【新規】 if it is new (if it was renamed, check the name against last year's).`,
    },
  },
  check(context, report) {
    const emit = (at: ComparisonLocation, params: Params): void => report({ messageId: 'unmarked', at, params });
    // Nothing matched at all: the two files are different plans, and every program would be "new".
    if (context.match.matches.length === 0) return;
    for (const c of context.match.added) {
      if (c.isNew) continue;
      emit(
        { file: c.file, sheet: c.sheet, node: c.node.key, row: c.nameCell.row, col: c.nameCell.col, program: c.name },
        { program: c.name, path: c.node.path, lastYear: context.previous.reportYear },
      );
    }
  },
});
