import { a1 } from '../../a1';
import { defineComparisonRule, lastYearWords, subject, type ComparisonLocation } from './rule';

type Params = { program: string; candidates: { sheet: string; cell: string; name: string }[]; lastYear: number | null };

/** A program of this year fits several of last year's equally well: reported, never guessed. */
export const programMatchAmbiguous = defineComparisonRule<{ ambiguous: Params }>({
  id: 'program-match-ambiguous',
  kind: 'compare',
  title: { ja: '前年度の事業を特定できない', en: 'Last year’s program ambiguous' },
  severity: 'info',
  description: {
    ja: '今年度の事業が前年度の複数の事業と同じくらい一致し、どれと比べるか決められません。',
    en: 'A program of this year fits several of last year’s equally well, so it is not compared.',
  },
  messages: {
    ambiguous: {
      ja: (p) =>
        `${subject('ja', p.program, null)}は${lastYearWords('ja', p.lastYear)}の${p.candidates.map((c) => `「${c.name}」（${c.sheet} ${c.cell}）`).join('、')}のどれとも同じくらい一致するため、前年度との比較をしていません。番号か名称で区別できるようにしてください。`,
      en: (p) =>
        `${subject('en', p.program, null)} fits ${p.candidates.map((c) => `"${c.name}" (${c.sheet} ${c.cell})`).join(', ')} of ${lastYearWords('en', p.lastYear)} equally well, so it is not compared with last year. Tell them apart by number or name.`,
    },
  },
  check(context, report) {
    const emit = (at: ComparisonLocation, params: Params): void => report({ messageId: 'ambiguous', at, params });
    for (const a of context.match.ambiguous) {
      const c = a.current;
      emit(
        { file: c.file, sheet: c.sheet, node: c.node.key, row: c.nameCell.row, col: c.nameCell.col, program: c.name },
        {
          program: c.name,
          candidates: a.candidates.map((p) => ({ sheet: p.sheet, cell: a1(p.nameCell.row, p.nameCell.col), name: p.name })),
          lastYear: context.previous.reportYear,
        },
      );
    }
  },
});

