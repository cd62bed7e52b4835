import { levelLabelOfRow } from '../scale';
import { cellAt, cellText, isBlank, type SheetSnapshot } from '../snapshot';
import { normalizeHeader, normalizeLoose } from '../text';
import type { SummaryTableLayout } from './types';

/**
 * 評価総括表: one row per grade (the criterion text ends in `・・・A`, or the cell is just `A`),
 * the number of policies with that grade, the pages and policies listed on that row and on
 * continuation rows below it, and a 合計 row.
 */

function gradeOfLabel(text: string): string | null {
  return levelLabelOfRow(normalizeLoose(text));
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

/**
 * A title naming a 評価総括表: a short line with 総括 or 集計表 in it, or a longer one (the plan's
 * full name and the year before it) that ends in the table's name.
 */
function isSummaryTitle(text: string): boolean {
  const t = text.trim();
  if (t.length === 0) return false;
  if (t.length <= 40) return /総括|集計表/.test(t);
  return t.length <= 100 && /(総括表|集計表)[)）】]?$/.test(t);
}

/**
 * Every 評価総括表 of a sheet: on a sheet of its own, or a region of an evaluation sheet
 * (below it, or beside it: its title names the column it starts at).
 */
export function detectSummaryTables(sheet: SheetSnapshot): SummaryTableLayout[] {
  const out: SummaryTableLayout[] = [];
  const whole = readSummaryTable(sheet, 0, 0);
  if (whole) out.push(whole);
  // Titles further right: a table beside the evaluation table.
  const limit = Math.min(sheet.rows.length, 400);
  const tried = new Set<number>();
  for (let r = 0; r < limit; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    // Two tables side by side (one per plan), each under its own title: a table ends where the next title starts.
    const titles: number[] = [];
    for (let c = 2; c < row.length; c++) if (isSummaryTitle(cellText(row[c]))) titles.push(c);
    titles.forEach((c, i) => {
      if (tried.has(c)) return;
      tried.add(c);
      if (out.some((s) => c >= s.left && c <= s.right && r >= s.top && r <= s.bottom)) return;
      const beside = readSummaryTable(sheet, c, r, i + 1 < titles.length ? titles[i + 1] - 1 : Number.MAX_SAFE_INTEGER);
      if (beside) out.push(beside);
    });
  }
  return out;
}

function readSummaryTable(sheet: SheetSnapshot, left: number, fromRow: number, rightLimit = Number.MAX_SAFE_INTEGER): SummaryTableLayout | null {
  const gradeRows: SummaryTableLayout['gradeRows'] = [];
  let total: SummaryTableLayout['total'] = null;
  let titled = left === 0 && /総括/.test(sheet.name);
  let title = '';
  let titleRow = -1;
  let current: SummaryTableLayout['gradeRows'][number] | null = null;
  let right = left;
  const limit = Math.min(sheet.rows.length, 400);
  const uncached = new Map<number, number[]>();
  for (const u of sheet.uncachedFormulas ?? []) {
    if (u.row >= limit || u.col < left || u.col > rightLimit) continue;
    const list = uncached.get(u.row);
    if (list) list.push(u.col);
    else uncached.set(u.row, [u.col]);
  }
  for (let r = fromRow; r < limit; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const filled: { c: number; t: string }[] = [];
    for (let c = left; c < Math.min(row.length, rightLimit + 1); c++) {
      const t = cellText(row[c]).trim();
      if (t !== '') filled.push({ c, t });
    }
    if (filled.length === 0) continue;
    const first = filled[0];
    if (isSummaryTitle(first.t) && filled.length <= 2 && (left === 0 || first.c === left)) {
      if (gradeRows.length > 0) break; // a second table's title
      titled = true;
      if (!title) {
        title = first.t;
        titleRow = r;
      }
      continue;
    }
    // Once titled, the grade rows follow the title closely: an evaluation table's rows far above or below are not counts.
    if (titleRow >= 0 && gradeRows.length === 0 && r > titleRow + 8) break;
    const grade = first.c <= left + 1 ? gradeOfLabel(first.t) : null;
    // A count written as a formula the file holds no result for: its place, but no number (not a zero).
    const uncachedAt = uncached.get(r)?.find((c) => c > first.c && c <= first.c + 3);
    let countCell = filled.slice(1).find((x) => numberIn(x.t) !== null);
    if (uncachedAt !== undefined && (!countCell || uncachedAt < countCell.c)) countCell = { c: uncachedAt, t: '' };
    if (grade && countCell) {
      current = {
        grade,
        row: r,
        countCol: countCell.c,
        count: numberIn(countCell.t),
        ...(countCell.t === '' ? { unverified: true } : {}),
        policyIds: filled.filter((x) => x.c > countCell.c && looksLikePolicyId(x.t)).map((x) => x.t),
      };
      gradeRows.push(current);
      right = Math.max(right, filled[filled.length - 1].c);
      continue;
    }
    if (normalizeHeader(first.t) === '合計' && first.c <= left + 1) {
      total = { row: r, countCol: countCell?.c ?? first.c + 1, count: countCell ? numberIn(countCell.t) : null, ...(countCell?.t === '' ? { unverified: true } : {}) };
      current = null;
      if (titleRow >= 0 || left > 0) break;
      continue;
    }
    // Continuation of the grade row above: pages and policies only.
    if (current && isBlank(cellAt(sheet, r, current.countCol)) && first.c > current.countCol) {
      current.policyIds.push(...filled.filter((x) => looksLikePolicyId(x.t)).map((x) => x.t));
    } else if (gradeRows.length > 0) {
      current = null;
      if (titleRow >= 0 && r > gradeRows[gradeRows.length - 1].row + 6) break;
    }
  }
  const distinct = new Set(gradeRows.map((g) => g.grade));
  if (distinct.size < 3 || !(titled || total)) return null;
  const rows = gradeRows.map((g) => g.row);
  let top = titleRow >= 0 ? titleRow : Math.min(...rows);
  // Untitled: the table's own header line (`施策の進捗状況 | 件数 | 頁 | 施策`) belongs to it.
  for (let r = top - 1; titleRow < 0 && r >= Math.max(0, top - 2); r--) {
    const cells = (sheet.rows[r] ?? []).slice(left, rightLimit + 1).map((v) => cellText(v).trim()).filter((t) => t !== '');
    if (cells.length === 0) continue;
    if (cells.length >= 2 && cells.every((t) => t.length <= 20) && cells.some((t) => /件数|数$/.test(t))) top = r;
    break;
  }
  const bottom = Math.max(total?.row ?? 0, ...rows);
  return { sheet: sheet.name, title: title || sheet.name, gradeRows, total, top, bottom, left, right };
}
