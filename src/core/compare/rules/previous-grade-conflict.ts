import type { GradeLabel } from '../../scale';
import { defineComparisonRule, lastYearWords, previousCell, subject, type PreviousCell, type ComparisonLocation } from './rule';

type Params = { program: string; department: string | null; previousGrade: string; lastYearGrades: GradeLabel[]; lastYear: number | null } & PreviousCell;

/** This year's 前年度評価 differs from the grade last year's workbook gave the program. */
export const previousGradeConflict = defineComparisonRule<{ conflict: Params }>({
  id: 'previous-grade-conflict',
  kind: 'compare',
  title: { ja: '前年度評価の食い違い', en: 'Previous grade differs from last year' },
  severity: 'error',
  description: {
    ja: '今年度の前年度評価が、前年度の評価調書でその事業に付いた評価と違います。',
    en: "This year's previous-year grade differs from the grade last year's workbook gave the program.",
  },
  messages: {
    conflict: {
      ja: (p) =>
        `${subject('ja', p.program, p.department)}の前年度評価は「${p.previousGrade}」ですが、${lastYearWords('ja', p.lastYear)}の評価調書では「${p.lastYearGrades.join('・')}」です（${p.previousSheet} ${p.previousCell}）。どちらかが誤っています。`,
      en: (p) =>
        `${subject('en', p.program, p.department)} gives "${p.previousGrade}" as its previous-year grade, but ${lastYearWords('en', p.lastYear)}'s workbook says "${p.lastYearGrades.join(', ')}" (${p.previousSheet} ${p.previousCell}). One of them is wrong.`,
    },
  },
  check(context, report) {
    const emit = (at: ComparisonLocation, params: Params): void => report({ messageId: 'conflict', at, params });
    for (const m of context.match.matches) {
      for (const pair of m.departments) {
        const prev = pair.current.entry.previousGrade;
        if (!prev || prev.parsed.kind !== 'grade' || pair.previous.length === 0) continue;
        const grades: GradeLabel[] = [];
        for (const e of pair.previous) {
          const g = e.entry.declaredGrade?.parsed;
          if (g?.kind === 'grade' && !grades.includes(g.grade)) grades.push(g.grade);
        }
        // Merged departments may have had different grades: any of them will do.
        if (grades.length === 0 || grades.includes(prev.parsed.grade)) continue;
        const source = pair.previous.find((e) => e.entry.declaredGrade?.parsed.kind === 'grade') ?? pair.previous[0];
        const cell = source.entry.declaredGrade ?? { row: source.entry.row, col: m.previous.nameCell.col };
        emit(
          { file: pair.current.file, sheet: pair.current.sheet, node: m.current.node.key, row: prev.row, col: prev.col, department: pair.current.entry.department, program: m.current.name },
          {
            program: m.current.name,
            department: pair.current.entry.department,
            previousGrade: prev.parsed.text.trim(),
            lastYearGrades: grades,
            lastYear: context.previous.reportYear,
            ...previousCell({ ...m.previous, file: source.file, sheet: source.sheet }, cell),
          },
        );
      }
    }
  },
});
