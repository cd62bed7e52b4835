import { columnLetter } from '../a1';
import { cellText, type SheetSnapshot } from '../snapshot';
import { parseLegend, scaleOfHeader } from './infer';
import type { Scale } from './scale';

/** Legends are short: a long cell is prose (an evaluation reason), never a legend. */
const MAX_LEGEND_TEXT = 600;
const LEGEND_HEADING = /^(凡例|評価基準|評価区分|判定基準|評価の基準|評価の目安|評価方法|【?評価について】?)[:：]?$/;

/**
 * The legends (凡例・評価基準) of a sheet: level definitions in one cell (`A：達成 B：…`), in a
 * cell note, or as a small two-column table under a heading (`凡例` then `A | 達成`, `B | …`).
 */
export function findLegends(sheet: SheetSnapshot): Scale[] {
  const out: Scale[] = [];
  const headings: { row: number; col: number }[] = [];
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    row.forEach((v, c) => {
      if (typeof v !== 'string' || v.length < 4 || v.length > MAX_LEGEND_TEXT) {
        if (typeof v === 'string' && LEGEND_HEADING.test(v.trim())) headings.push({ row: r, col: c });
        return;
      }
      if (LEGEND_HEADING.test(v.trim())) {
        headings.push({ row: r, col: c });
        return;
      }
      // A point range whose ends are named, in a title or a note line (`評価（5：大変良い～1：悪い）`):
      // it says which end is best, which the bare numbers in the column cannot.
      if (/\d\s*[:：=＝][^\d]{1,12}[~〜～]\s*\d\s*[:：=＝]/.test(v)) {
        const ranged = scaleOfHeader(v);
        if (ranged && ranged.kind === 'points' && !ranged.directionUnknown) {
          out.push({ ...ranged, source: 'legend', evidence: `${sheet.name}!${columnLetter(c)}${r + 1}` });
          return;
        }
      }
      // Cheap test before the parse: at least two separators.
      if ((v.match(/[:：＝=…]|・・|→/g) ?? []).length < 2) return;
      const s = parseLegend(v, `${sheet.name}!${columnLetter(c)}${r + 1}`);
      if (s) out.push(s);
    });
  });
  for (const h of headings) {
    const s = legendTable(sheet, h.row, h.col);
    if (s) out.push(s);
  }
  for (const n of sheet.notes ?? []) {
    if (n.text.length > MAX_LEGEND_TEXT) continue;
    const s = parseLegend(n.text, `${sheet.name}!${columnLetter(n.col)}${n.row + 1} (note)`);
    if (s) out.push(s);
  }
  return out;
}

/** `凡例` above rows of `label | meaning` (the label alone in its cell, the meaning beside it). */
function legendTable(sheet: SheetSnapshot, row: number, col: number): Scale | null {
  const lines: string[] = [];
  for (let r = row + 1; r <= row + 8; r++) {
    const cells = sheet.rows[r];
    if (!cells) break;
    let label = '';
    let meaning = '';
    for (let c = col; c < Math.min(cells.length, col + 4); c++) {
      const t = cellText(cells[c] ?? null).trim();
      if (t === '') continue;
      if (label === '') label = t;
      else if (meaning === '') meaning = t;
    }
    if (label === '' || meaning === '' || label.length > 6 || meaning.length > 60) break;
    lines.push(`${label}：${meaning}`);
  }
  if (lines.length < 2) return null;
  return parseLegend(lines.join('\n'), `${sheet.name}!${columnLetter(col)}${row + 1}`, true);
}
