import { runPairTests } from '../compare/pair-tester';
import { cellOf, findRow, koganeiLastYear, koganeiThisYear, type YearSpec } from '../compare/pairs';

const last: YearSpec = { year: 2019, rows: koganeiLastYear(), template: 'koganei' };
const now: YearSpec = { year: 2020, rows: koganeiThisYear(), template: 'koganei' };
const flatNow: YearSpec = { ...now, template: 'flat' };

/** This year's 前年度評価 of CoCoバス changed from the B last year gave it to A. */
function conflicting(template: 'koganei' | 'flat'): YearSpec {
  const rows = koganeiThisYear();
  findRow(rows, 'CoCoバスの利便性向上').previousGrade = 'A';
  return { year: 2020, rows, template };
}

/** Last year one department ran 移送サービスへの支援; this year two split it. */
function split(previousGrades: [string, string]): YearSpec {
  const rows = koganeiThisYear();
  const i = rows.indexOf(findRow(rows, '移送サービスへの支援'));
  rows.splice(i, 1,
    { ...rows[i], department: '障害福祉課', previousGrade: previousGrades[0] },
    { ...rows[i], department: '高齢福祉課', previousGrade: previousGrades[1] });
  return { year: 2020, rows, template: 'flat' };
}

const conflict = conflicting('koganei');
const conflictFlat = conflicting('flat');
const splitBad = split(['A', 'C']);

runPairTests('previous-grade-conflict', {
  valid: [
    { name: 'the published FY2020 report against the FY2019 grades it quotes', previous: last, current: now },
    { name: 'the same after the city moved to one flat table', previous: last, current: flatNow },
    { name: 'a department split in two, both quoting last year’s grade', previous: last, current: split(['A', 'A']) },
  ],
  invalid: [
    {
      name: '前年度事業評価 A where last year gave B',
      previous: last,
      current: conflict,
      errors: [{
        ...cellOf(conflict, findRow(conflict.rows, 'CoCoバスの利便性向上'), 'previousGrade'),
        program: 'CoCoバスの利便性向上', department: '交通対策課',
        params: { previousGrade: 'A', lastYearGrades: ['B'], lastYear: 2019, previousSheet: 'シート1' },
        message: { ja: ['「CoCoバスの利便性向上」（交通対策課）の前年度評価は「A」', '「B」'], en: ['"CoCoバスの利便性向上" (交通対策課)', '"B"'] },
      }],
    },
    {
      name: 'the same conflict in this year’s flat table (layout changed between the years)',
      previous: last,
      current: conflictFlat,
      errors: [{
        ...cellOf(conflictFlat, findRow(conflictFlat.rows, 'CoCoバスの利便性向上'), 'previousGrade'),
        params: { previousGrade: 'A', lastYearGrades: ['B'] },
        message: { ja: ['前年度評価は「A」'], en: ['"A"'] },
      }],
    },
    {
      name: 'a split department quoting a grade last year’s single department did not give',
      previous: last,
      current: splitBad,
      errors: [{
        ...cellOf(splitBad, findRow(splitBad.rows, '移送サービスへの支援', '高齢福祉課'), 'previousGrade'),
        department: '高齢福祉課',
        params: { previousGrade: 'C', lastYearGrades: ['A'] },
        message: { ja: ['（高齢福祉課）'], en: ['(高齢福祉課)'] },
      }],
    },
  ],
});
