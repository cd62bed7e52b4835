import type { ValueCell } from '../../plan/types';
import { isDashOnly } from '../../text';
import { defineComparisonRule, lastYearWords, previousCell, subject, type PreviousCell, type ComparisonLocation } from './rule';

type Params = { program: string; department: string | null; column: Column; excerpt: string; lastYear: number | null } & PreviousCell;

/** Shorter entries (「実施した。」) repeat honestly from year to year. */
export const MIN_COPIED_LENGTH = 20;

/** Spaces and line breaks do not make a text new. */
export function proseKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
}

type Column = 'result' | 'reason';

/** The 実績 / 評価の理由 text is identical to last year's: likely copied forward. */
export const textUnchanged = defineComparisonRule<{ copied: Params }>({
  id: 'text-unchanged',
  kind: 'compare',
  title: { ja: '前年度と同じ文章', en: 'Text unchanged from last year' },
  severity: 'info',
  description: {
    ja: '実績・評価の理由が前年度と同じ文章です（前年度の写しの可能性）。',
    en: 'The results / reason text is the same as last year’s (possibly copied forward).',
  },
  messages: {
    copied: {
      ja: (p) =>
        `${subject('ja', p.program, p.department)}の${p.column === 'result' ? '実績' : '評価の理由'}「${p.excerpt}」は${lastYearWords('ja', p.lastYear)}と同じ文章です（${p.previousSheet} ${p.previousCell}）。今年度の内容に更新したか確認してください。`,
      en: (p) =>
        `The ${p.column === 'result' ? 'results' : 'reason for the grade'} of ${subject('en', p.program, p.department)} ("${p.excerpt}") is the same text as ${lastYearWords('en', p.lastYear)} (${p.previousSheet} ${p.previousCell}). Check that it was updated for this year.`,
    },
  },
  check(context, report) {
    const emit = (at: ComparisonLocation, params: Params): void => report({ messageId: 'copied', at, params });
    for (const m of context.match.matches) {
      for (const pair of m.departments) {
        if (pair.previous.length !== 1) continue;
        const last = pair.previous[0];
        // Multi-year tables: this year's 実施状況 / 担当課の評価 against last year's own year block.
        const block = (e: typeof last, year: number | null) => (year === null ? undefined : e.entry.years.find((y) => y.year === year));
        const nowBlock = block(pair.current, context.current.reportYear);
        const lastBlock = block(last, context.previous.reportYear);
        const columns: [Column, ValueCell | null | undefined, ValueCell | null | undefined][] = [
          ['result', pair.current.entry.resultText ?? nowBlock?.status, last.entry.resultText ?? lastBlock?.status],
          ['reason', pair.current.entry.reasonText ?? nowBlock?.evaluation, last.entry.reasonText ?? lastBlock?.evaluation],
        ];
        for (const [column, now, before] of columns) {
          if (!now || !before || isDashOnly(now.text)) continue;
          const key = proseKey(now.text);
          if (key.length < MIN_COPIED_LENGTH || key !== proseKey(before.text)) continue;
          const flat = now.text.replace(/[\s\u3000]+/g, ' ').trim();
          emit(
            { file: pair.current.file, sheet: pair.current.sheet, node: m.current.node.key, row: now.row, col: now.col, department: pair.current.entry.department, program: m.current.name },
            {
              program: m.current.name,
              department: pair.current.entry.department,
              column,
              excerpt: flat.length > 30 ? `${flat.slice(0, 30)}…` : flat,
              lastYear: context.previous.reportYear,
              ...previousCell({ ...m.previous, file: last.file, sheet: last.sheet }, before),
            },
          );
        }
      }
    }
  },
});
