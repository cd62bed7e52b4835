import type { ColumnRole } from '../settings';
import { findYears } from '../years';
import { HEADER_SCALE_SOURCE, scaleOfHeader } from '../scale';

/**
 * Column roles from header labels. Labels arrive normalised by normalizeHeader (NFKC, no
 * spaces or line breaks), joined over the header rows, e.g. `施策大`, `Check(評価)`, `前年度事業評価`.
 */

export interface ClassifiedColumn {
  role: ColumnRole;
  year?: number;
}

const SUB_LEVELS = new Set(['大', '中', '小']);

const HIERARCHY =
  /^(基本理念|基本目標|基本方針|基本施策|施策の柱|重点施策|施策|施策の方向性|方向性|取り?組み?の方向性|計画における項目|シート番号|施策番号|番号|No\.?|項目番号|目標)$/i;
const NAME =
  /^(program(me)?|project|activity)(name)?$|(具体的な取り?組み?|個別事業・?取り?組み?|取り?組み?内容|事業内容|事業名|実施内容|主な事業|取り?組み?名?|事業|Plan)$|Plan\(|^【?個別事業/i;
// Header words per role (the synonym lists and their common spellings), matched on
// labels normalised by normalizeHeader. A header word is one piece of evidence: detect.ts
// weighs it against what the column's cells hold and any validation list on the column.
const GRADE_SCALE = HEADER_SCALE_SOURCE;
const GRADE = new RegExp(
  String.raw`^((今年度|当該年度|本年度|年間|年度末|通年|令和\d+年度|\d{4}年度)の?)?(担当課の?|所管課の?|担当部署の?|事業|進捗|総合|自己|最終|施策)?(評価|判定|評定)(結果|区分|ランク|点)?${GRADE_SCALE}$|^check(\(評価\))?$|^評価\(check\)$|^チェック$|^ランク${GRADE_SCALE}$|^(rating|grade|evaluation|assessment)$`,
  'i',
);
const PREVIOUS_GRADE = new RegExp(String.raw`^(前年度|昨年度|前回)の?(担当課の?|事業|進捗|総合|自己)?評価(結果)?${HEADER_SCALE_SOURCE}$`);
const NEXT_POLICY = /次年度.*(方針|方向性)|^今後の(方針|方向性|取り?組み?方針)$|^(方向性|今後の展開)$/;
const DEPARTMENT = /^(dept\.?|department|division|section|担当課|所管課|担当部署|担当部局|担当|担当課名|所管|所管部署|主管課|実施主体|担当課等|担当課・?機関|実施課|関係課)$/i;
const ACHIEVEMENT = /^(達成(度|率|状況)|進捗(状況|率|度))(\(%\))?$/;
// Prose the rules do not check, but 前年度比較 compares with last year's (text copied forward).
const REASON = /評価の?理由|評価理由/;
const RESULT = /^(事業|取り?組み?|活動)?実績(\(.*\))?$/;

export function classifyLabel(label: string, context: { previousYear?: number; multiYear: boolean }): ClassifiedColumn {
  if (label === '') return { role: 'ignore' };
  const last = lastPart(label);
  if (SUB_LEVELS.has(last)) return { role: 'hierarchy' };
  const plain = label.replace(/\n/g, '').replace(/^【(.*)】$/, '$1');

  // A group label over sub-labels (`事業評価` over `前年度` | `今年度`): read the sub-label first.
  if (label.includes('\n')) {
    const parts = label.split('\n');
    const sub = parts[parts.length - 1];
    for (let k = parts.length - 2; k >= 0; k--) {
      const reordered = sub + parts.slice(k, -1).join('');
      if (/^(前年度|昨年度|前回)/.test(reordered) && PREVIOUS_GRADE.test(reordered)) return { role: 'previousGrade' };
      if (/^(今年度|本年度|当該年度)/.test(reordered) && GRADE.test(reordered)) return { role: 'grade' };
    }
  }
  const years = findYears(plain);
  const recordYears = years.filter((y) => !y.future);
  if (context.multiYear) {
    if (years.length > 0 && recordYears.length === 0) return { role: 'ignore' }; // 今後(令和5年度以降)の実施計画
    if (recordYears.length > 0) {
      const year = recordYears[0].year;
      const own = ownYearPart(label);
      if (/計画$|予定$/.test(own)) return { role: 'ignore' }; // 令和4年度の実施計画: a plan, not a record
      // 達成度, 達成率, 進捗率: a measure of the year (進捗状況 may be its prose status)
      if (/達成|進捗(率|度)/.test(own)) return { role: 'yearAchievement', year };
      if (/評価/.test(own)) return { role: 'yearEvaluation', year };
      return { role: 'yearStatus', year };
    }
    if (ACHIEVEMENT.test(plain) && context.previousYear !== undefined) {
      return { role: 'yearAchievement', year: context.previousYear };
    }
    if (/評価/.test(plain) && /担当課の評価|に関する/.test(plain) && context.previousYear !== undefined) {
      return { role: 'yearEvaluation', year: context.previousYear };
    }
  }
  if (PREVIOUS_GRADE.test(plain)) return { role: 'previousGrade' };
  if (recordYears.length === 1 && years.length === 1) {
    // `R5評価`, `令和5年度評価`, `2023年度 評価`: the grade of that year (current or previous once the report year is known).
    const rest = plain.slice(0, years[0].index) + plain.slice(years[0].index + years[0].text.length);
    if (GRADE.test(rest.replace(/^の/, '')) || /^の?評価$/.test(rest)) return { role: 'grade', year: recordYears[0].year };
  }
  if (GRADE.test(plain)) return { role: 'grade' };
  // A legend of its own in the parentheses (`評価(5:大変良い~1:悪い)`): the words before it name the column.
  const legend = /^(.+?)\(([^()]{1,40})\)$/.exec(plain);
  if (legend && GRADE.test(legend[1]) && scaleOfHeader(plain)) return { role: 'grade' };
  if (NEXT_POLICY.test(plain)) return { role: 'nextPolicy' };
  if (/^再掲/.test(plain) && plain.length <= 4) return { role: 'repost' };
  if (DEPARTMENT.test(plain)) return { role: 'department' };
  if (ACHIEVEMENT.test(plain)) return { role: 'achievement' };
  if (REASON.test(plain)) return { role: 'reasonText' };
  if (RESULT.test(plain)) return { role: 'resultText' };
  if (HIERARCHY.test(plain) || /^施策(大|中|小)?$/.test(plain)) return { role: 'hierarchy' };
  if (NAME.test(plain)) return { role: 'name' };
  // A caption over the table (`事業の進捗状況と評価` over `担当課`): the sub-label names the column.
  const parts = label.split('\n');
  if (parts.length > 1) {
    const sub = classifyLabel(parts[parts.length - 1], context);
    if (sub.role !== 'text') return sub;
  }
  return { role: 'text' };
}

/**
 * What names a year's column in a band of header rows: the row naming the year and the rows
 * under it. A caption above the year groups (`事業の進捗状況と評価` over `令和元年度` over
 * `実施状況`) heads every column alike and says nothing of this one; when nothing but the year
 * stands below it (`評価` over `令和5年度`), the words above are all there is.
 */
function ownYearPart(label: string): string {
  const parts = label.split('\n');
  const k = parts.findIndex((p) => findYears(p).some((y) => !y.future));
  const whole = label.replace(/\n/g, '').replace(/^【(.*)】$/, '$1');
  if (k <= 0) return whole;
  const own = parts.slice(k).join('');
  let rest = own;
  for (const y of findYears(own).reverse()) rest = rest.slice(0, y.index) + rest.slice(y.index + y.text.length);
  return rest.replace(/[の()（）\s]/g, '') === '' ? whole : own;
}

function lastPart(label: string): string {
  const parts = label.split('\n');
  return parts[parts.length - 1];
}

/** How strongly a row looks like a table header: the number of cells naming a known column. */
export function headerScore(labels: string[]): number {
  let score = 0;
  // A title merged across the table repeats in every column: count each label once.
  for (const label of new Set(labels)) {
    if (label === '' || label.length > 40) continue;
    const c = classifyLabel(label, { multiYear: true, previousYear: 2000 });
    if (c.role !== 'text' && c.role !== 'ignore') score++;
  }
  return score;
}
