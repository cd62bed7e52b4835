import type { SheetLayout } from '../layout/types';
import type { SheetPlan } from '../plan/types';
import { isOutputSheet } from '../sheets-read';
import { cellText, isBlank, type SheetSnapshot, type WorkbookSnapshot } from '../snapshot';
import { normalizeForMatch } from '../text';

/**
 * Is this workbook one Hyoka wrote (取りまとめ, 点検結果, 評価集計, 前年度比較, 提出状況)? Its
 * output marker says so (interfaces §5); a file written before the marker existed is known by
 * its sheets: only Hyoka's sheet names, each carrying Hyoka's own column headers — or its file
 * name says it is an output (`…_点検結果.xlsx`, what --per-department writes).
 */
export function isHyokaOutput(snapshot: WorkbookSnapshot, fileName: string): boolean {
  if (snapshot.sheets.length === 0) return false;
  if (snapshot.sheets.every(isOutputSheet)) return true;
  // A sheet continued for printing is named after it: 評価集計（2） (xlsx/write.ts printedDocument).
  if (!snapshot.sheets.every((s) => OUTPUT_SHEETS.has(s.name.replace(/（\d+）$/, '')))) return false;
  if (OUTPUT_FILE.test(baseName(fileName))) return true;
  return snapshot.sheets.every((s) => s.visibility !== 'visible' || hasOwnHeader(s));
}

/** The sheet names Hyoka writes (the same in both languages). */
const OUTPUT_SHEETS = new Set(['取りまとめ', '点検結果', '評価集計', '提出状況', '前年度比較']);
/** What --per-department names its files, and names a user keeps for outputs. */
const OUTPUT_FILE = /_点検結果(_\d+)?\.xlsx$|^(取りまとめ|前年度比較|点検結果)/;
/**
 * Headers only Hyoka's tables carry (its renderers' column titles, ja and en): a department's
 * form has none of them. This is a fingerprint of Hyoka's own output, not a guess about users'.
 */
const OWN_HEADERS = new Set(['規則ID', 'Rule id', '指摘数', '担当事業数', '今年度の指摘', '元のシート', 'Source sheet', '評価（算出）', '評価（記載）']);

function hasOwnHeader(sheet: SheetSnapshot): boolean {
  for (let r = 0; r < Math.min(sheet.rows.length, 12); r++) {
    for (const v of sheet.rows[r] ?? []) if (typeof v === 'string' && OWN_HEADERS.has(v.trim())) return true;
  }
  return false;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** A 担当課-like name: ends in a unit word (課, 室, 部, 局, センター, 協議会 …). */
export const UNIT_NAME = /(課|室|部|局|係|所|館|センター|協議会|事務所|事業団|支所)(\s*[(（][^)）]*[)）])?$/;

/** 提出状況 words: what a tracking sheet's status column holds. */
const STATUS = /^(済|未|提出済み?|未提出|提出|受領済?|未受領|受付済?|確認済み?|未確認|督促(中|済)?|催促中?|到着|未着|回答済み?|未回答|○|◯|〇|×|✓|✔|-|－|—|有|無|あり|なし|OK|NG|\d{1,4}[/.-]\d{1,2}([/.-]\d{1,2})?|\d{4}-\d{2}-\d{2}.*|\d{1,2}月\d{1,2}日.*)$/i;

/**
 * A tracking or summary workbook (提出状況・一覧): no grade or year columns anywhere, and a
 * table listing departments beside a column of statuses or dates. Evidence from the cells,
 * not the file name: a department's report lists programs with grades, this lists who sent what.
 */
export function isTrackingWorkbook(snapshot: WorkbookSnapshot, plans: readonly SheetPlan[], layouts: readonly SheetLayout[]): boolean {
  if (plans.some((p) => p.gradeCol !== null || p.years.length > 0)) return false;
  if (layouts.some((l) => l.kind === 'summary-table')) return false;
  return snapshot.sheets.some((s) => s.visibility === 'visible' && listsDepartmentStatuses(s));
}

function listsDepartmentStatuses(sheet: SheetSnapshot): boolean {
  const width = Math.min(40, sheet.rows.reduce((w, r) => Math.max(w, r?.length ?? 0), 0));
  const rows = sheet.rows.slice(0, 2000);
  // The column naming the most distinct units (a 部 column beside the 課 column names fewer).
  let departmentCol = -1;
  let most = 0;
  for (let c = 0; c < width; c++) {
    const texts = column(rows, c).filter((t) => t !== '');
    const units = texts.filter((t) => t.length <= 30 && UNIT_NAME.test(t));
    const distinct = new Set(units).size;
    if (units.length >= 3 && units.length >= texts.length * 0.5 && distinct > most) {
      departmentCol = c;
      most = distinct;
    }
  }
  if (departmentCol < 0) return false;
  // The rows that name a department, and in them another column of statuses or dates.
  const deptRows = rows.map((r, i) => ({ r, i })).filter(({ r }) => r && UNIT_NAME.test(cellText(r[departmentCol] ?? null).trim()));
  // A list of departments names each once or so; a report repeats its department on every program.
  const distinct = new Set(deptRows.map(({ r }) => normalizeForMatch(cellText(r?.[departmentCol] ?? null)))).size;
  if (distinct < deptRows.length * 0.8) return false;
  for (let c = 0; c < width; c++) {
    if (c === departmentCol) continue;
    const values = deptRows.map(({ r }) => r?.[c] ?? null).filter((v) => !isBlank(v));
    if (values.length < Math.max(3, deptRows.length * 0.5)) continue;
    const status = values.filter((v) => STATUS.test(normalizeForMatch(cellText(v)))).length;
    if (status >= values.length * 0.6) return true;
  }
  return false;
}

function column(rows: readonly (readonly unknown[] | undefined)[], c: number): string[] {
  return rows.map((r) => {
    const v = r?.[c];
    return typeof v === 'string' ? v.trim() : '';
  });
}
