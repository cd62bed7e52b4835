import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';

/**
 * An example sheet (記入例, 記載例, （例）, 見本, サンプル) shows how to fill the form in: it is
 * never a department's report, whatever it holds. Only the sheet's own name says so; 事例 is
 * not an example.
 */
const EXAMPLE_SHEET = /記入例|記載例|入力例|作成例|見本|サンプル|[(（［[]\s*例\s*[)）］\]]|^例$|^例[\s_\-－:：]|\bexamples?\b|\bsample\b/i;

export function isExampleSheet(name: string): boolean {
  return EXAMPLE_SHEET.test(name.normalize('NFKC'));
}

/** Hyoka's own output sheet (its marker, written with the sheet: interfaces §5). */
export function isOutputSheet(sheet: SheetSnapshot): boolean {
  return sheet.hyokaOutput === true;
}

export interface SheetsToRead {
  /** Sheets checked, in workbook order. */
  sheets: SheetSnapshot[];
  /** Visible example sheets, never read as a report. */
  examples: string[];
  /** Hidden sheets read because no visible sheet holds the evaluation table. */
  hiddenRead: string[];
}

/**
 * Which sheets `check` reads: the visible ones, example sheets left out; and when none of
 * those holds an evaluation table, the hidden sheets that do (a department hides its
 * evaluation behind a visible 記入例 or cover sheet). `hasEvaluation` tells from a sheet's
 * detection whether it holds an evaluation table; it is asked once per sheet at most.
 */
export function sheetsToRead(snapshot: WorkbookSnapshot, hasEvaluation: (sheet: SheetSnapshot) => boolean): SheetsToRead {
  const examples: string[] = [];
  const visible: SheetSnapshot[] = [];
  for (const s of snapshot.sheets) {
    if (s.visibility !== 'visible' || isOutputSheet(s)) continue;
    if (isExampleSheet(s.name)) examples.push(s.name);
    else visible.push(s);
  }
  // Excel keeps one sheet visible at least: with none, there is no cover to look behind.
  if (visible.length + examples.length === 0 || visible.some(hasEvaluation)) return { sheets: visible, examples, hiddenRead: [] };
  const hidden = snapshot.sheets.filter((s) => s.visibility !== 'visible' && !isExampleSheet(s.name) && !isOutputSheet(s) && hasEvaluation(s));
  if (hidden.length === 0) return { sheets: visible, examples, hiddenRead: [] };
  const read = new Set([...visible, ...hidden]);
  return { sheets: snapshot.sheets.filter((s) => read.has(s)), examples, hiddenRead: hidden.map((s) => s.name) };
}
