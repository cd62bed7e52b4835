import type { SheetLayout } from '../layout/types';
import { cellText, type SheetSnapshot, type WorkbookSnapshot } from '../snapshot';
import { departmentFromFileName, departmentKey } from './identity';
import { UNIT_NAME } from './input-kind';

/** `担当課：広報秘書課`, `所管課: 福祉課`, `課名　福祉課` above a table. */
const LABEL = /^[\s　]*[【［[]?(担当課|担当部署|担当部課|所管課|所属課?|課名|部署名?|報告課|提出課)[】］\]]?[\s　]*([:：][\s　]*|[\s　]+)(.*)$/;
const LABEL_ONLY = /^[【［[]?(担当課|担当部署|担当部課|所管課|所属課?|課名|部署名?|報告課|提出課)[】］\]]?[:：]?$/;

/**
 * The 担当課 a workbook's sheets name above their tables (`担当課：広報秘書課`, or a 担当課 cell
 * with the name beside it), read from the sheets `check` read; the most frequent, or null.
 */
export function departmentOnSheets(snapshot: WorkbookSnapshot, layouts: readonly SheetLayout[]): string | null {
  const read = new Set(layouts.map((l) => l.sheet));
  const votes = new Map<string, { name: string; n: number }>();
  for (const sheet of snapshot.sheets) {
    if (!read.has(sheet.name)) continue;
    const top = layouts.filter((l) => l.sheet === sheet.name).reduce((t, l) => Math.min(t, l.headerRows[0] ?? l.firstDataRow), Infinity);
    const name = departmentAbove(sheet, Number.isFinite(top) ? top : 10);
    if (name === null) continue;
    const key = departmentKey(name);
    const v = votes.get(key);
    if (v) v.n++;
    else votes.set(key, { name, n: 1 });
  }
  let best: { name: string; n: number } | null = null;
  for (const v of votes.values()) if (!best || v.n > best.n) best = v;
  return best?.name ?? null;
}

function departmentAbove(sheet: SheetSnapshot, headerRow: number): string | null {
  for (let r = 0; r < Math.min(headerRow, 15); r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = 0; c < Math.min(row.length, 30); c++) {
      const text = cellText(row[c] ?? null).trim();
      if (text === '') continue;
      // One cell may hold a title and the label on separate lines.
      for (const line of text.split(/\r?\n/)) {
        const m = LABEL.exec(line.trim());
        const value = m ? clean(m[3]) : '';
        if (value !== '' && plausible(value)) return value;
      }
      if (LABEL_ONLY.test(text.replace(/[\s　]/g, ''))) {
        for (let k = c + 1; k < Math.min(row.length, c + 6); k++) {
          const next = clean(cellText(row[k] ?? null));
          if (next !== '') return plausible(next) ? next : null;
        }
      }
    }
  }
  return null;
}

function clean(text: string): string {
  return text.replace(/^[\s　]+|[\s　]+$/g, '').replace(/[\s　]{2,}.*$/, '');
}

/** A department's name is short and names a unit; a sentence after 担当 is no name. */
function plausible(name: string): boolean {
  return name.length <= 30 && !/[。、]/.test(name) && (UNIT_NAME.test(name) || name.length <= 12);
}

/**
 * The department a file name names, when it plainly names one: a known department it contains,
 * or its stem without numbering, dates and submission words when that ends in a unit word
 * (`03_健康課_R2.xlsx` → 健康課). Null when the name names none (`提出_0825.xlsx`).
 */
export function departmentInFileName(file: string, known: readonly string[]): string | null {
  const fromKnown = departmentFromFileName(file, known);
  const stem = (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '');
  if (fromKnown !== stem) return fromKnown;
  const words = stem
    .split(/[_\s　\-－・]+/)
    .map((w) => w.replace(/^[\d０-９.．]+/, '').replace(/(令和|平成|R|H)[\d０-９元]+(年度)?/gi, '').replace(/\d{2,}/g, ''))
    .filter((w) => w !== '' && !/^(提出|提出用|報告|報告書|評価|評価表|評価調書|進捗|最終|修正|確定|版|再提出|送付|様式)$/.test(w));
  const unit = words.find((w) => UNIT_NAME.test(w) && w.length <= 20);
  return unit ?? null;
}
