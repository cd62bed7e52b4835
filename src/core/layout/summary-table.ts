import type { Grade } from '../grades';
import { cellAt, cellText, isBlank, type SheetSnapshot } from '../snapshot';
import { normalizeHeader, normalizeLoose } from '../text';
import type { SummaryTableLayout } from './types';

/**
 * 評価総括表: one row per grade (the criterion text ends in `・・・A`, or the cell is just `A`),
 * the number of policies with that grade, the pages and policies listed on that row and on
 * continuation rows below it, and a 合計 row.
 */

const GRADE_AT_END = /(?:・{2,}|…+|\.{2,}|:|\s|^)\s*([A-D])\s*$/;
const GRADE_AT_START = /^([A-D])(?:\s*[(（].*[)）])?$/;

function gradeOfLabel(text: string): Grade | null {
  const t = normalizeLoose(text);
  if (t.length === 0 || t.length > 120) return null;
  const m = GRADE_AT_END.exec(t) ?? GRADE_AT_START.exec(t);
  return m ? (m[1] as Grade) : null;
}

function numberIn(text: string): number | null {
  const t = normalizeLoose(text).replace(/件$/, '');
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** Policy identifiers printed in the table: `1－(2)－①`, `1 普及啓発`. */
function looksLikePolicyId(text: string): boolean {
  const t = normalizeLoose(text);
  return /^[\d(（]/.test(t) && !/^\d+\s*[～~〜-]\s*\d+$/.test(t) && !/^\d+$/.test(t);
}

export function detectSummaryTable(sheet: SheetSnapshot): SummaryTableLayout | null {
  const gradeRows: SummaryTableLayout['gradeRows'] = [];
  let total: SummaryTableLayout['total'] = null;
  let titled = /総括/.test(sheet.name);
  let title = '';
  let current: SummaryTableLayout['gradeRows'][number] | null = null;
  const limit = Math.min(sheet.rows.length, 400);
  for (let r = 0; r < limit; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const filled = row.map((v, c) => ({ c, t: cellText(v).trim() })).filter((x) => x.t !== '');
    if (filled.length === 0) continue;
    const first = filled[0];
    if (/総括/.test(first.t) && filled.length <= 2) {
      titled = true;
      if (!title) title = first.t;
      continue;
    }
    const grade = first.c <= 1 ? gradeOfLabel(first.t) : null;
    const countCell = filled.slice(1).find((x) => numberIn(x.t) !== null);
    if (grade && countCell) {
      current = {
        grade,
        row: r,
        countCol: countCell.c,
        count: numberIn(countCell.t),
        policyIds: filled.filter((x) => x.c > countCell.c && looksLikePolicyId(x.t)).map((x) => x.t),
      };
      gradeRows.push(current);
      continue;
    }
    if (normalizeHeader(first.t) === '合計' && first.c <= 1) {
      total = { row: r, countCol: countCell?.c ?? first.c + 1, count: countCell ? numberIn(countCell.t) : null };
      current = null;
      continue;
    }
    // Continuation of the grade row above: pages and policies only.
    if (current && isBlank(cellAt(sheet, r, current.countCol)) && first.c > current.countCol) {
      current.policyIds.push(...filled.filter((x) => looksLikePolicyId(x.t)).map((x) => x.t));
    } else if (gradeRows.length > 0) {
      current = null;
    }
  }
  const distinct = new Set(gradeRows.map((g) => g.grade));
  if (distinct.size < 3 || !(titled || total)) return null;
  return { sheet: sheet.name, title: title || sheet.name, gradeRows, total };
}
