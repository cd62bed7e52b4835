/**
 * Renders a PlanModel into an .xlsx workbook under a LayoutSpec: the same plan, laid out the
 * way another city (or another year's template) would. Every option imitates something real
 * workbooks do; none is chosen for what the engine happens to read.
 */
import ExcelJS from 'exceljs';

import { GRADES, type Field, type FieldRole, type Grade, type PlanModel, type Row, type Summary, type Table, type Value } from './plan-model';

export type Notation = 'colon' | 'paren' | 'suffix' | 'space' | 'prefix';
export type YearNaming = 'R' | 'reiwa' | 'western';

export interface LayoutSpec {
  /** Header synonyms: 0 keeps the seed's words, n picks the n-th synonym of each role (cycling). */
  wording?: number;
  /** 2: group headers over related columns; 3: also a caption row over the whole table. */
  headerRows?: 2 | 3;
  /** Line breaks inside header words (`前年度\n評価`). */
  lineBreaks?: boolean;
  /** Grade columns named by their year (`R2評価`, `令和2年度評価`, `2019年度 評価`). */
  yearNaming?: YearNaming;
  /** This year's grade column stands left of last year's. */
  gradeLeftOfPrevious?: boolean;
  order?: 'grade-first' | 'department-first';
  spacers?: boolean;
  /** A hidden helper column (a score formula with its cached result). */
  hiddenHelper?: boolean;
  /** A 備考 column of prose holding capital letters (`就労継続支援A型`). */
  proseCapitals?: boolean;
  /** Grades written with their explanation (`A：ほぼ達成`), as a dropdown offers them. */
  notation?: Notation;
  /** A data-validation list on the grade column: plain `A,B,C,D` or the notation's items. */
  validation?: boolean;
  /** All blocks on one sheet, each with a block header and the table header repeated. */
  stacked?: boolean;
  /** The 評価総括表 on the evaluation sheet, below or beside the table. */
  summaryPlace?: 'below' | 'beside';
  summaryCounts?: 'countif' | 'countif-nocache';
  /** A grade merged over a program's department rows (when they agree). */
  mergeGrades?: boolean;
  /** Names and hierarchy cells merged vertically over the rows they cover. */
  mergeNames?: boolean;
  /** Rows hidden: existing item rows (by key), or an abolished program's extra row. */
  hideRows?: { keys: string[] } | 'abolished';
  /** Where the report year is stated when not in the title. */
  yearSource?: 'sheet-name' | 'file-name' | 'year-columns';
  /** A plan period and a future plan column that are not the report year. */
  distractors?: boolean;
  /** The grade scale the city uses instead of A–D: the plan's A–D mapped level for level. */
  scale?: ScaleVariant;
  /** Where the scale's legend (凡例) stands: a cell above the table, or a note on the title. */
  legendAt?: 'cell' | 'note';
  /** How a grade is written: with a note mark (`B※`), as a mark in one of N level columns, or as a formula's cached result. */
  encoding?: Encoding;
  /**
   * Grades written in marks the reader cannot know (♠♥♦♣ for A–D, nothing explaining them):
   * the metamorphic suite's unreadable-on-purpose variants, which must warn, never pass empty.
   */
  hiddenEncoding?: boolean;
  /**
   * Orientation: `long` writes each table as an evaluation system exports it — a 年度 column
   * first and the table's rows once per year (the two years before the report year, then the
   * report year), one header.
   */
  orientation?: 'long';
  /**
   * Years as rows sorted by program, as a person lays them out by hand: each program's rows
   * once per year one after another, its name and levels only on its first year's rows, a
   * heading row once (without a year). Default: sorted by year, as systems export.
   */
  longOrder?: 'program';
  /**
   * Tables per sheet: the plan's tables two to a sheet (a plan of one table is split at a
   * block), the second beside the first (blank columns between) or below it (its own title).
   */
  tablesPerSheet?: 'side-by-side' | 'stacked';
  /** Sheets per year: last year's sheet (its title and name state last year) kept before or after this year's. */
  lastYearSheet?: 'before' | 'after';
  /** Rows that are not programs, as people add them (#20 item 5): none of them may be read as one. */
  decorations?: RowDecorations;
}

export interface RowDecorations {
  /** A title alone in a row outside the outline, before each table's rows: `【基本施策】` or `■ …`. */
  headings?: 'bracket' | 'bullet';
  /** A 記入例 row under the header: named by a word, or drawn italic / grey. */
  examples?: 'word' | 'italic' | 'grey';
  /** Under the rows: `合計` with the count of graded rows, or the count alone. */
  totals?: 'word' | 'counts';
  /** A `※ …` line right under the table. */
  footnotes?: boolean;
}

export type ScaleVariant = 'S-C' | 'A-E' | 'marks' | 'points' | 'words';
export type Encoding = 'footnote' | 'level-columns' | 'formula';

/** The plan's A–D on each variant scale, level for level (best first); A–E adds an E nobody gets. */
export const SCALE_LABELS: Record<ScaleVariant, Record<Grade, string>> = {
  'S-C': { A: 'S', B: 'A', C: 'B', D: 'C' },
  'A-E': { A: 'A', B: 'B', C: 'C', D: 'D' },
  marks: { A: '◎', B: '○', C: '△', D: '×' },
  points: { A: '4', B: '3', C: '2', D: '1' },
  words: { A: '達成', B: '概ね達成', C: '一部未達成', D: '未達成' },
};

/** The variant scale's levels, best first. */
export function scaleLevels(v: ScaleVariant): string[] {
  const mapped = GRADES.map((g) => SCALE_LABELS[v][g]);
  return v === 'A-E' ? [...mapped, 'E'] : mapped;
}

/** A grade as written on the variant's scale: its A–D mapped; anything else kept (a planted slip stays outside the scale). */
export function onScale(v: Value, spec: LayoutSpec): Value {
  if (typeof v !== 'string' || !spec.scale) return v;
  const m = /^([A-D])(.*)$/s.exec(v);
  if (m && (m[2] === '' || /^[(（]再掲[)）]$/.test(m[2]))) return SCALE_LABELS[spec.scale][m[1] as Grade] + m[2];
  return scaleLevels(spec.scale).includes(v) ? 'Z' : v;
}

/** `凡例　S：目標を達成　A：…`: the variant's levels with the plan's words. */
export function legendText(plan: PlanModel, v: ScaleVariant): string {
  const words = [...GRADES.map((g) => plan.gradeWords[g]), '未着手'];
  return `凡例　${scaleLevels(v).map((l, i) => `${l}：${words[i]}`).join('　')}`;
}

// ---------------------------------------------------------------------------------------------
// Words

const SYNONYMS: Partial<Record<FieldRole, string[]>> = {
  grade: ['評価', '自己評価', '評価結果', '総合評価', '担当課評価', '事業評価', '評価（A～D）', '今年度評価', 'Check', '判定', '評定', '年間評価', 'ランク'],
  previousGrade: ['前年度評価', '昨年度評価', '前年度事業評価'],
  yearAchievement: ['達成度', '達成率', '進捗率'],
  nextPolicy: ['次年度方針', '今後の方向性', '今後の方針'],
  department: ['担当課', '所管課', '担当', '担当部署'],
  name: ['事業名', '取組', '個別事業', '具体的な取り組み', '実施内容'],
};

export const ROLE_SYNONYMS = SYNONYMS;

// Years before Reiwa are Heisei (平成30年度 = 2018): nobody writes 令和0年度.
const eraShort = (y: number): string => (y <= 2018 ? `H${y - 1988}` : `R${y === 2019 ? '元' : y - 2018}`);
const eraLong = (y: number): string => (y <= 2018 ? `平成${y - 1988}年度` : `令和${y === 2019 ? '元' : y - 2018}年度`);

function yearGradeHeader(naming: YearNaming, year: number): string {
  if (naming === 'R') return `${eraShort(year)}評価`;
  if (naming === 'reiwa') return `${eraLong(year)}評価`;
  return `${year}年度 評価`;
}

const FULL: Record<Grade, string> = { A: 'Ａ', B: 'Ｂ', C: 'Ｃ', D: 'Ｄ' };

export function notate(grade: Grade, notation: Notation, words: Record<Grade, string>, spec: LayoutSpec = {}): string {
  const label = spec.scale ? SCALE_LABELS[spec.scale][grade] : grade;
  switch (notation) {
    case 'colon': return `${label}：${words[grade]}`;
    case 'paren': return `${label}（${words[grade]}）`;
    // Points take their unit (`4点`); letters and marks the word 評価 (`Ｓ評価`, `◎評価`).
    case 'suffix': return spec.scale === 'points' ? `${label}点` : `${spec.scale ? label.replace(/[A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)) : FULL[grade]}評価`;
    case 'space': return `${label} ${words[grade]}`;
    // The word first (`評価A`, `ランク：Ｓ`): points keep their unit only (`4点`), as nobody writes 評価4.
    case 'prefix': return spec.scale === 'points' ? `${label}点` : grade === 'B' ? `ランク：${label}` : `評価${label}`;
  }
}

const PROSE = ['就労継続支援A型事業所と連携して実施', 'Bコース（初級）を年2回開催', '対象者数A：120人、B：35人', 'A型・B型の利用者を含む', 'C地区で先行実施', null, 'D棟の改修にあわせて実施', null];

/** Years in header texts other than grade headers are removed when the variant states the year elsewhere. */
const stripYear = (s: string): string =>
  s.replace(/[(（]?(令和|平成)(元|\d{1,2})年度[)）]?の?/g, '').replace(/^\s+|\s+$/g, '') || s;

// ---------------------------------------------------------------------------------------------
// Columns

interface Column {
  kind: 'field' | 'spacer' | 'helper' | 'prose' | 'future' | 'future-grade' | 'level';
  /** Level columns: the grade field they stand for, and their level. */
  levelOf?: Field;
  level?: string;
  field?: Field;
  /** Header text per header row, top first; null under a merge. */
  header: string;
  group?: string;
  caption?: string;
  width: number;
  hidden?: boolean;
  year?: number;
}

function columnsFor(plan: PlanModel, table: Table, spec: LayoutSpec): Column[] {
  const w = spec.wording ?? 0;
  // An export of years as rows states each record's year in its 年度 cell: no header names one year (令和2年度の成果).
  const stateElsewhere = spec.yearSource !== undefined || spec.orientation === 'long';
  const taken = new Set(table.fields.map((f) => f.header.replace(/\n/g, '')));
  let cols: Column[] = table.fields.map((f) => {
    let header = f.header;
    const syn = SYNONYMS[f.role];
    if (w > 0 && syn) {
      const roleOffset = Object.keys(SYNONYMS).indexOf(f.role);
      // skip a synonym that another column of the table already uses (担当部署 beside 担当課)
      for (let k = 0; k < syn.length; k++) {
        const cand = syn[(w + roleOffset + k) % syn.length];
        if (cand === f.header.replace(/\n/g, '') || !taken.has(cand)) { header = cand; break; }
      }
    }
    if (spec.yearNaming || spec.yearSource === 'year-columns') {
      const naming = spec.yearNaming ?? 'R';
      if (f.role === 'grade') header = yearGradeHeader(naming, plan.reportYear);
      if (f.role === 'previousGrade') header = yearGradeHeader(naming, plan.reportYear - 1);
    }
    if (stateElsewhere && f.role === 'text') header = stripYear(header);
    return { kind: 'field', field: f, header, group: f.group, width: f.width, year: f.year };
  });

  const idx = (role: FieldRole): number => cols.findIndex((c) => c.field?.role === role);
  if (spec.gradeLeftOfPrevious && idx('grade') >= 0 && idx('previousGrade') >= 0) {
    const g = idx('grade');
    const p = idx('previousGrade');
    [cols[g], cols[p]] = [cols[p], cols[g]];
  }
  if (spec.order === 'grade-first' && idx('grade') >= 0) {
    const graded = cols.filter((c) => c.field?.role === 'grade' || c.field?.role === 'previousGrade');
    const rest = cols.filter((c) => !graded.includes(c));
    const at = rest.findIndex((c) => c.field?.role === 'name');
    cols = [...rest.slice(0, at), ...graded, ...rest.slice(at)];
  }
  if (spec.order === 'department-first' && idx('department') >= 0) {
    const d = cols[idx('department')];
    cols = [d, ...cols.filter((c) => c !== d)];
  }
  const insertAfter = (role: FieldRole, col: Column, last = false): void => {
    const positions = cols.map((c, i) => (c.field?.role === role ? i : -1)).filter((i) => i >= 0);
    if (positions.length === 0) return;
    cols.splice((last ? positions[positions.length - 1] : positions[0]) + 1, 0, col);
  };
  if (spec.yearSource === 'year-columns' && idx('grade') >= 0) {
    // the template lays out every plan year; the years after the report year are still blank
    const naming = spec.yearNaming ?? 'R';
    for (const y of [plan.reportYear + 2, plan.reportYear + 1]) {
      insertAfter('grade', { kind: 'future-grade', header: yearGradeHeader(naming, y), width: 7, year: y });
    }
  }
  if (spec.distractors) {
    cols.push({ kind: 'future', header: `今後（${eraLong(plan.reportYear + 2)}以降）の方針`, width: 30 });
  }
  if (spec.encoding === 'level-columns' && idx('grade') >= 0) {
    // 評価 over one column per level: the form marks the grade in one of them.
    const g = idx('grade');
    const field = cols[g].field!;
    const levels = spec.scale ? scaleLevels(spec.scale) : [...GRADES];
    cols.splice(g, 1, ...levels.map((l): Column => ({ kind: 'level', levelOf: field, level: l, header: l, group: cols[g].header.replace(/\n/g, '') || '評価', width: 5 })));
  }
  if (spec.proseCapitals) insertAfter('name', { kind: 'prose', header: '備考', width: 24 });
  if (spec.hiddenHelper) {
    const anchor: FieldRole = idx('grade') >= 0 ? 'grade' : 'name';
    insertAfter(anchor, { kind: 'helper', header: anchor === 'grade' ? '点数' : '文字数', width: 6, hidden: true });
  }
  if (spec.spacers) {
    insertAfter('name', { kind: 'spacer', header: '', width: 2 });
    insertAfter(idx('grade') >= 0 ? 'grade' : 'department', { kind: 'spacer', header: '', width: 2 }, true);
  }
  if (spec.headerRows) {
    groupColumns(plan, cols);
    if (spec.headerRows === 3) {
      const first = cols.findIndex((c) => c.field?.role !== 'hierarchy' && c.field?.role !== 'name' && c.kind !== 'spacer');
      for (let i = Math.max(first, 0); i < cols.length; i++) cols[i].caption = '事業の進捗状況と評価';
    }
  }
  if (spec.lineBreaks) {
    for (const c of cols) if (c.header.length >= 4 && !c.header.includes('\n')) c.header = `${c.header.slice(0, Math.ceil(c.header.length / 2))}\n${c.header.slice(Math.ceil(c.header.length / 2))}`;
  }
  return cols;
}

/**
 * Group headers as people draw them: the per-year columns under their year, last year's and
 * this year's grade under one 評価 heading, grade and policy under 評価・方針.
 */
function groupColumns(plan: PlanModel, cols: Column[]): void {
  for (const c of cols) {
    const f = c.field;
    if (!f || c.group) continue;
    if (f.year !== undefined) {
      c.group = eraLong(f.year);
      c.header = f.role === 'yearStatus' ? '実施状況' : f.role === 'yearEvaluation' ? '担当課の評価' : c.header.replace(/^.*年度の?/, '') || '達成度';
    }
  }
  const prev = cols.find((c) => c.field?.role === 'previousGrade');
  const grade = cols.find((c) => c.field?.role === 'grade');
  const next = cols.find((c) => c.field?.role === 'nextPolicy');
  if (grade && prev && !/\d|元/.test(grade.header)) {
    grade.group = prev.group = '事業評価';
    prev.header = '前年度';
    grade.header = '今年度';
  } else if (grade && next && cols.indexOf(next) === cols.indexOf(grade) + 1) {
    grade.group = next.group = '評価・方針';
  }
  void plan;
}

// ---------------------------------------------------------------------------------------------
// Cells

const FONT = 'ＭＳ Ｐゴシック';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

export function letter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function put(ws: ExcelJS.Worksheet, row: number, col: number, value: ExcelJS.CellValue, style: 'header' | 'body' | 'title' = 'body'): ExcelJS.Cell {
  const cell = ws.getCell(row, col);
  if (value !== null && value !== '') cell.value = value;
  if (style === 'title') {
    cell.font = { name: FONT, size: 12, bold: true };
    return cell;
  }
  cell.border = BORDER;
  cell.font = { name: FONT, size: 9, bold: style === 'header' };
  cell.alignment = style === 'header' ? { wrapText: true, vertical: 'middle', horizontal: 'center' } : { wrapText: true, vertical: 'top' };
  if (style === 'header') cell.fill = FILL;
  return cell;
}

/** Writes the header rows from `top`; returns the number of rows used. */
function writeHeader(ws: ExcelJS.Worksheet, top: number, left: number, cols: Column[]): number {
  const hasCaption = cols.some((c) => c.caption);
  const hasGroup = cols.some((c) => c.group);
  const levels = 1 + (hasGroup ? 1 : 0) + (hasCaption ? 1 : 0);
  const bottom = top + levels - 1;
  let i = 0;
  while (i < cols.length) {
    const c = cols[i];
    const col = left + i;
    let r = top;
    if (hasCaption) {
      if (c.caption) {
        let j = i;
        while (j + 1 < cols.length && cols[j + 1].caption === c.caption) j++;
        put(ws, r, col, c.caption, 'header');
        for (let k = i + 1; k <= j; k++) put(ws, r, left + k, null, 'header');
        if (j > i) ws.mergeCells(r, col, r, left + j);
      }
      r++;
    }
    // within the caption span or not, groups and single columns below
    let j = i;
    if (hasCaption && c.caption) while (j + 1 < cols.length && cols[j + 1].caption === c.caption) j++;
    for (let k = i; k <= j; k++) {
      const ck = cols[k];
      const startRow = hasCaption && ck.caption ? top + 1 : top;
      if (hasGroup && ck.group) {
        if (k === i || cols[k - 1].group !== ck.group) {
          let e = k;
          while (e + 1 <= j && cols[e + 1].group === ck.group) e++;
          put(ws, startRow, left + k, ck.group, 'header');
          for (let x = k + 1; x <= e; x++) put(ws, startRow, left + x, null, 'header');
          if (e > k) ws.mergeCells(startRow, left + k, startRow, left + e);
        }
        put(ws, bottom, left + k, ck.header, 'header');
        if (bottom > startRow + 1) ws.mergeCells(startRow + 1, left + k, bottom, left + k);
      } else {
        put(ws, startRow, left + k, ck.header, 'header');
        for (let x = startRow + 1; x <= bottom; x++) put(ws, x, left + k, null, 'header');
        if (bottom > startRow) ws.mergeCells(startRow, left + k, bottom, left + k);
      }
    }
    i = j + 1;
  }
  return levels;
}

// ---------------------------------------------------------------------------------------------
// Workbook

export interface Rendered {
  workbook: ExcelJS.Workbook;
  fileName: string;
  /** Item keys whose rows the variant hid. */
  hiddenKeys: string[];
  /** Where each item row landed: key → sheet and 1-based row. */
  rowsByKey: Map<string, { sheet: string; row: number }>;
}

interface Placed { sheet: string; gradeCol: number | null; firstRow: number; lastRow: number }

export function renderPlan(plan: PlanModel, spec: LayoutSpec): Rendered {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hyoka-layout-generator';
  wb.created = wb.modified = new Date(Date.UTC(2024, 3, 1));
  const yearElsewhere = spec.yearSource !== undefined;
  const sheetName = (name: string): string => (spec.yearSource === 'sheet-name' ? `${eraShort(plan.reportYear)}_${name}`.slice(0, 31) : name);

  if (plan.legend) {
    const ws = wb.addWorksheet(plan.legend.sheet);
    ws.columns = [{ width: 8 }, { width: 60 }];
    put(ws, 1, 1, '【評価の基準】', 'title');
    plan.legend.lines.forEach(([g, t], i) => { put(ws, 3 + i, 1, onScale(g, spec)); put(ws, 3 + i, 2, t); });
  }

  const hiddenKeys: string[] = spec.hideRows && spec.hideRows !== 'abolished' ? [...spec.hideRows.keys] : [];
  const placed = new Map<string, Placed>();
  const rowsByKey = new Map<string, { sheet: string; row: number }>();
  // Summaries on their own sheet come first, as in the seed (Komae prints the 総括表 before the tables).
  const ownSheetSummaries = spec.summaryPlace ? [] : plan.summaries;
  const gradeRefs = new Map<string, { sheet: string; range: string }>();
  // Grade ranges are needed by summary formulas before the tables are written: compute by a dry layout.
  const summaryWrites: (() => void)[] = [];
  for (const s of ownSheetSummaries) {
    const ws = wb.addWorksheet(sheetName(s.sheet));
    summaryWrites.push(() => writeSummary(ws, 1, 1, s, plan, spec, gradeRefs.get(s.counts), ws.name));
  }

  const long = spec.orientation === 'long';
  // A long export has one header and no block lines or year-named grade columns of its own.
  const tableSpec: LayoutSpec = long ? { ...spec, stacked: false, yearNaming: undefined, gradeLeftOfPrevious: undefined, yearSource: spec.yearSource === 'year-columns' ? undefined : spec.yearSource } : spec;
  const sheets = arrangeTables(plan, spec);
  let abolishedDone = false;
  const writeTable = (ws: ExcelJS.Worksheet, table: Table, top: number, left: number, lastYear: boolean): { bottom: number; right: number } => {
    const cols = columnsFor(plan, table, tableSpec);
    const recordCols: Column[] = long ? [{ kind: 'spacer', header: '年度', width: 10 }, ...cols] : cols;
    recordCols.forEach((c, i) => {
      ws.getColumn(left + i).width = c.width;
      if (c.hidden) ws.getColumn(left + i).hidden = true;
    });
    const dataLeft = long ? left + 1 : left;
    let row = top;
    const reportYear = lastYear ? plan.reportYear - 1 : plan.reportYear;
    const title = lastYear ? `${eraLong(reportYear)} ${table.titleWithoutYear ?? table.sheet}` : yearElsewhere ? table.titleWithoutYear : table.title;
    if (title) { put(ws, row, left, title, 'title'); row++; }
    if (spec.distractors) { put(ws, row, left, `計画期間：${eraLong(plan.reportYear - 2)}～${eraLong(plan.reportYear + 3)}`, 'title'); row++; }
    if (spec.scale && spec.legendAt === 'cell') { row++; put(ws, row, left, legendText(plan, spec.scale), 'title'); row++; }
    if (spec.scale && spec.legendAt === 'note') ws.getCell(top, left).note = legendText(plan, spec.scale).replace(/　/g, '\n');
    row++;
    const gradeIdx = cols.findIndex((c) => c.field?.role === 'grade');
    const firstData: number[] = [];
    let lastData = row;

    const groups: { header: [string, string][]; blockTitle: string | null; rows: Row[] }[] = [];
    if (tableSpec.stacked && table.blocks.length > 1) {
      table.blocks.forEach((b, bi) => {
        const rows = table.rows.filter((r) => r.block === bi);
        if (rows.length) groups.push({ header: (table as StackedTable).blockHeaders?.[bi] ?? [], blockTitle: (table as StackedTable).blockHeaders ? null : b, rows });
      });
    } else groups.push({ header: table.blockHeader, blockTitle: null, rows: table.rows });

    for (const g of groups) {
      for (const [label, value] of g.header) { put(ws, row, left, label, 'title'); put(ws, row, left + 1, value, 'title'); row++; }
      if (g.blockTitle) { put(ws, row, left, g.blockTitle, 'title'); row++; }
      if (g.header.length || g.blockTitle) row++;
      row += writeHeader(ws, row, left, recordCols);
      // Years as rows: the rows people add (記入例, a heading, 合計, ※) stand outside the records, in the record columns.
      if (spec.decorations && !lastYear) row = decorateTop(ws, row, cols, g.rows, spec.decorations, plan, spec, dataLeft);
      const rows = [...g.rows];
      if (spec.hideRows === 'abolished' && !abolishedDone && !lastYear) {
        // an abolished program the department hid rather than deleted, half filled in
        const at = Math.min(rows.length, Math.max(1, Math.floor(rows.length / 2)));
        rows.splice(at, 0, abolishedRow(table));
        abolishedDone = true;
      }
      // Long: the table's rows once per year, the sheet's own year last (last year's export
      // ends with last year); earlier years repeat this year's valid grades (last year's where
      // the table has them), so nothing jumps.
      const years = long ? [reportYear - 2, reportYear - 1, reportYear] : [reportYear];
      if (long && spec.longOrder === 'program') {
        firstData.push(row);
        row = writeByProgram(ws, row, left, cols, table, rows, years, reportYear, lastYear, dataLeft);
        lastData = row - 1;
        if (spec.validation && gradeIdx >= 0) {
          const items = spec.notation ? GRADES.map((gr) => notate(gr, spec.notation!, plan.gradeWords, spec)) : GRADES.map((gr) => String(onScale(gr, spec)));
          for (let r = firstData[firstData.length - 1]; r < row; r++) ws.getCell(r, gradeIdx + dataLeft).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${items.join(',')}"`] };
        }
        continue;
      }
      for (const year of years) {
        const start = row;
        if (year === reportYear) firstData.push(row);
        const yearRows = year === reportYear && !lastYear ? rows : rows.map((r) => earlierRecord(r, table));
        yearRows.forEach((r, ri) => {
          if (long) put(ws, row, left, eraLong(year));
          writeDataRow(ws, row, cols, r, plan, tableSpec, ri, dataLeft);
          if (!lastYear && r.item) rowsByKey.set(r.item.key, { sheet: ws.name, row });
          if (!lastYear && r.item && hiddenKeys.includes(r.item.key)) ws.getRow(row).hidden = true;
          if (r.item?.key === ABOLISHED) ws.getRow(row).hidden = true;
          row++;
        });
        applyMerges(ws, start, cols, yearRows, tableSpec, dataLeft);
        if (spec.validation && gradeIdx >= 0) {
          const items = spec.notation ? GRADES.map((gr) => notate(gr, spec.notation!, plan.gradeWords, spec)) : GRADES.map((gr) => String(onScale(gr, spec)));
          for (let r = start; r < row; r++) {
            ws.getCell(r, gradeIdx + dataLeft).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${items.join(',')}"`] };
          }
        }
        if (year === reportYear) lastData = row - 1;
      }
      if (spec.decorations && !lastYear) row = decorateBottom(ws, row, cols, g.rows, spec.decorations, dataLeft);
      if (!long) row += 2;
    }
    if (!lastYear) {
      if (gradeIdx >= 0) gradeRefs.set(table.sheet, { sheet: ws.name, range: `${letter(gradeIdx + dataLeft)}${firstData[0]}:${letter(gradeIdx + dataLeft)}${lastData}` });
      placed.set(table.sheet, { sheet: ws.name, gradeCol: gradeIdx >= 0 ? gradeIdx + dataLeft : null, firstRow: firstData[0], lastRow: lastData });
    }
    return { bottom: row - 1, right: left + recordCols.length - 1 };
  };

  /** Years as rows sorted by program: each program's rows per year in turn; returns the next row. */
  const writeByProgram = (ws: ExcelJS.Worksheet, top: number, left: number, cols: Column[], table: Table, rows: Row[], years: number[], reportYear: number, lastYear: boolean, dataLeft: number): number => {
    const outline = table.fields.filter((f) => f.role === 'name' || f.role === 'hierarchy').map((f) => f.key);
    // A program: an item row naming it and the item rows below that name nothing (its other departments, texts).
    const groups: number[][] = [];
    rows.forEach((r, i) => {
      const names = outline.some((k) => r.values[k] != null);
      const last = groups[groups.length - 1];
      if (r.kind === 'item' && !names && last && rows[last[0]].kind === 'item') last.push(i);
      else groups.push([i]);
    });
    let row = top;
    for (const g of groups) {
      if (rows[g[0]].kind !== 'item') {
        writeDataRow(ws, row, cols, rows[g[0]], plan, tableSpec, g[0], dataLeft);
        row++;
        continue;
      }
      const start = row;
      years.forEach((year, yi) => {
        for (const i of g) {
          const base = year === reportYear && !lastYear ? rows[i] : earlierRecord(rows[i], table);
          const r: Row = yi === 0 ? base : { ...base, values: { ...base.values, ...Object.fromEntries(outline.map((k) => [k, null])) } };
          put(ws, row, left, eraLong(year));
          writeDataRow(ws, row, cols, r, plan, tableSpec, i, dataLeft);
          if (year === reportYear && !lastYear && r.item) rowsByKey.set(r.item.key, { sheet: ws.name, row });
          if (!lastYear && r.item && hiddenKeys.includes(r.item.key)) ws.getRow(row).hidden = true;
          if (r.item?.key === ABOLISHED) ws.getRow(row).hidden = true;
          row++;
        }
      });
      // Merged names: the program's name and levels over all its rows, every year's.
      if (tableSpec.mergeNames && row - start > 1) {
        for (const k of outline) {
          const at = cols.findIndex((c) => c.field?.key === k);
          if (at >= 0 && rows[g[0]].values[k] != null) ws.mergeCells(start, at + dataLeft, row - 1, at + dataLeft);
        }
      }
    }
    return row;
  };

  const writeLastYearSheet = (): void => {
    const table = plan.tables[0];
    const name = spec.yearSource === 'sheet-name' ? `${eraShort(plan.reportYear - 1)}_${table.sheet}` : `${table.sheet}（${eraLong(plan.reportYear - 1)}）`;
    writeTable(wb.addWorksheet(name.slice(0, 31)), table, 1, 1, true);
  };
  if (spec.lastYearSheet === 'before') writeLastYearSheet();
  for (const onSheet of sheets) {
    const ws = wb.addWorksheet(sheetName(onSheet[0].sheet), { views: [{ state: 'frozen', ySplit: 0 }] });
    let bottom = 0;
    let right = 0;
    onSheet.forEach((table, k) => {
      const beside = k > 0 && spec.tablesPerSheet === 'side-by-side';
      const at = writeTable(ws, table, k === 0 || beside ? 1 : bottom + 3, beside ? right + 3 : 1, false);
      bottom = Math.max(bottom, at.bottom);
      right = Math.max(right, at.right);
    });
    if (spec.summaryPlace) {
      for (const table of onSheet) {
        for (const s of plan.summaries.filter((x) => x.counts === table.sheet)) {
          if (spec.summaryPlace === 'below') {
            writeSummary(ws, bottom + 4, 1, s, plan, spec, gradeRefs.get(s.counts), ws.name);
            bottom += 12;
          } else {
            ws.getColumn(right + 2).width = 40;
            writeSummary(ws, 1, right + 2, s, plan, spec, gradeRefs.get(s.counts), ws.name);
            right += 6;
          }
        }
      }
    }
  }
  if (spec.lastYearSheet === 'after') writeLastYearSheet();
  for (const w of summaryWrites) w();
  // Excel hides a whole sheet row: a table beside the one whose row was hidden loses its row
  // there too. Every item whose row ended hidden is a hidden item.
  for (const [key, at] of rowsByKey) {
    if (key !== ABOLISHED && !hiddenKeys.includes(key) && wb.getWorksheet(at.sheet)?.getRow(at.row).hidden) hiddenKeys.push(key);
  }

  const fileName = spec.yearSource === 'file-name' ? `${eraShort(plan.reportYear)}_事業評価_${plan.owner}.xlsx` : `${plan.id}-評価.xlsx`;
  return { workbook: wb, fileName, hiddenKeys, rowsByKey };
}

// ---------------------------------------------------------------------------------------------
// Row decorations: rows that are not programs. None carries an item, so none may change a finding.

const GREY_FONT: Partial<ExcelJS.Font> = { name: FONT, size: 9, color: { argb: 'FF808080' } };
const ITALIC_FONT: Partial<ExcelJS.Font> = { name: FONT, size: 9, italic: true };

function colOfRole(cols: Column[], ...roles: FieldRole[]): number {
  for (const role of roles) {
    const i = cols.findIndex((c) => c.field?.role === role);
    if (i >= 0) return i + 1;
  }
  return 0;
}

/** Outline columns hold the plan's own lines; a title outside them is a heading, not a level. */
function outsideOutline(cols: Column[]): number {
  return colOfRole(cols, 'department', 'text', 'grade', 'yearStatus') || cols.findIndex((c) => c.field && c.field.role !== 'hierarchy' && c.field.role !== 'name') + 1;
}

/** `left`: the table's first column (1-based; a second table beside the first starts further right). */
function decorateTop(ws: ExcelJS.Worksheet, row: number, cols: Column[], rows: Row[], d: RowDecorations, plan: PlanModel, spec: LayoutSpec, left = 1): number {
  if (d.examples) {
    const name = colOfRole(cols, 'name') || 1;
    const grade = colOfRole(cols, 'grade');
    const department = colOfRole(cols, 'department');
    const text = colOfRole(cols, 'text', 'yearStatus');
    const cells: [number, string][] = [[name, d.examples === 'word' ? '【記入例】〇〇〇〇事業の推進' : '〇〇〇〇事業の推進']];
    if (grade) cells.push([grade, String(gradeValue('A', plan, spec))]);
    if (department) cells.push([department, '〇〇課']);
    if (text && text !== name) cells.push([text, '（例）講座を年2回開催し、延べ40人が参加した。']);
    for (const [c, v] of cells) {
      const cell = put(ws, row, c + left - 1, v);
      if (d.examples === 'italic') cell.font = ITALIC_FONT;
      if (d.examples === 'grey') cell.font = GREY_FONT;
    }
    row++;
  }
  if (d.headings) {
    const block = rows.find((r) => r.kind === 'item')?.item?.program ?? '';
    put(ws, row, outsideOutline(cols) + left - 1, d.headings === 'bracket' ? '【基本施策】' : `■ ${block.slice(0, 12)}に関する取組`);
    row++;
  }
  return row;
}

function decorateBottom(ws: ExcelJS.Worksheet, row: number, cols: Column[], rows: Row[], d: RowDecorations, left = 1): number {
  if (d.totals) {
    const grade = colOfRole(cols, 'grade');
    const count = rows.filter((r) => r.item?.graded && r.values.grade != null).length || rows.filter((r) => r.item).length;
    const at = grade || colOfRole(cols, 'department') || outsideOutline(cols);
    if (d.totals === 'word' || !grade) put(ws, row, (colOfRole(cols, 'name') || 1) + left - 1, '合計');
    put(ws, row, at + left - 1, count);
    row++;
  }
  if (d.footnotes) {
    put(ws, row, left, '※ 新型コロナウイルス感染症の影響により、一部の事業は縮小して実施した。');
    row++;
  }
  return row;
}

const ABOLISHED = '__abolished__';

/**
 * The tables and the sheets they go on: one table a sheet (all on one when stacked as blocks),
 * or two a sheet for tablesPerSheet (a plan of one table split in two at a block boundary).
 */
function arrangeTables(plan: PlanModel, spec: LayoutSpec): Table[][] {
  if (!spec.tablesPerSheet) {
    const tables = spec.stacked && spec.orientation !== 'long' && plan.tables.length > 1 && sameFields(plan.tables) ? [mergeTables(plan.tables)] : plan.tables;
    return tables.map((t) => [t]);
  }
  let tables = plan.tables;
  if (tables.length === 1 && tables[0].blocks.length > 1) {
    const t = tables[0];
    const half = Math.ceil(t.blocks.length / 2);
    tables = [
      { ...t, rows: t.rows.filter((r) => r.block < half), blocks: t.blocks.slice(0, half) },
      { ...t, sheet: `${t.sheet}_2`, rows: t.rows.filter((r) => r.block >= half).map((r) => ({ ...r, block: r.block - half })), blocks: t.blocks.slice(half) },
    ];
  }
  const out: Table[][] = [];
  for (let i = 0; i < tables.length; i += 2) out.push(tables.slice(i, i + 2));
  return out;
}

/** A row as an earlier year recorded it: this year's valid grade (or last year's, where the table has it), else B. */
function earlierRecord(r: Row, table: Table): Row {
  if (r.kind !== 'item') return r;
  const values = { ...r.values };
  const grade = table.fields.find((f) => f.role === 'grade');
  const previous = table.fields.find((f) => f.role === 'previousGrade');
  if (grade) {
    const before = previous ? values[previous.key] : values[grade.key];
    // a grade as written (`A`, `A(再掲)`, `Ａ`) stays; anything else (a planted defect) becomes B
    if (before === null || before === undefined) values[grade.key] = null;
    else values[grade.key] = typeof before === 'string' && (/^[A-DＡ-Ｄ]([(（]|$)/.test(before.trim()) || /再掲/.test(before)) ? before : 'B';
  }
  return { ...r, values };
}

function abolishedRow(table: Table): Row {
  const values: Record<string, Value> = {};
  for (const f of table.fields) {
    if (f.role === 'name') values[f.key] = '（廃止）旧・ふれあい電話訪問事業';
    else if (f.role === 'department') values[f.key] = '福祉総務課';
    else if (f.role === 'grade') values[f.key] = '廃止';
    else if (f.role === 'previousGrade') values[f.key] = 'C';
    else if (f.role === 'text') values[f.key] = '令和元年度末で廃止';
  }
  return { kind: 'item', block: 0, values, item: { key: ABOLISHED, program: '（廃止）旧・ふれあい電話訪問事業', department: null, graded: true } };
}

interface StackedTable extends Table { blockHeaders?: [string, string][][] }

function sameFields(tables: Table[]): boolean {
  const sig = (t: Table): string => t.fields.map((f) => `${f.key}:${f.role}`).join(',');
  return tables.every((t) => sig(t) === sig(tables[0]));
}

/** Koganei's nine sheets on one: each 基本施策 a block with its own block header. */
function mergeTables(tables: Table[]): StackedTable {
  const rows: Row[] = [];
  tables.forEach((t, i) => rows.push(...t.rows.map((r) => ({ ...r, block: i }))));
  return {
    ...tables[0], sheet: '評価表', rows, blocks: tables.map((t) => t.blocks[0] ?? t.sheet),
    blockHeaders: tables.map((t) => t.blockHeader), blockHeader: [],
  };
}

/** Private marks no legend, header or list explains: the grades are there, unreadable on purpose. */
const HIDDEN_MARKS: Record<string, string> = { A: '♠', B: '♥', C: '♦', D: '♣' };

function gradeValue(v: Value, plan: PlanModel, spec: LayoutSpec, ri = 0): Value {
  if (typeof v === 'string' && spec.hiddenEncoding) return v.replace(/^[A-D]/, (g) => HIDDEN_MARKS[g]);
  if (typeof v !== 'string') return v;
  if (!spec.notation || plan.repostInGradeCell || !/^[A-D]$/.test(v)) {
    const on = onScale(v, spec);
    // A footnote mark on every third grade (`B※`): an annotation, never an error.
    return spec.encoding === 'footnote' && typeof on === 'string' && /^[A-D]$/.test(v) && ri % 3 === 1 ? `${on}※` : on;
  }
  return notate(v as Grade, spec.notation, plan.gradeWords, spec);
}

function writeDataRow(ws: ExcelJS.Worksheet, row: number, cols: Column[], r: Row, plan: PlanModel, spec: LayoutSpec, ri: number, left = 1): void {
  cols.forEach((c, i) => {
    const col = i + left;
    if (c.kind === 'field' && c.field) {
      let v = r.values[c.field.key] ?? null;
      if (c.field.role === 'grade' || c.field.role === 'previousGrade') v = gradeValue(v, plan, spec, ri);
      // A grade computed by a formula, saved with its result (a lookup on a score, a copied form).
      const formula = spec.encoding === 'formula' && c.field.role === 'grade' && typeof v === 'string' && v !== '';
      const cell = put(ws, row, col, formula ? { formula: `IF(TRUE,"${String(v).replace(/"/g, '""')}","")`, result: String(v) } : v);
      if (c.field.role === 'yearAchievement' && typeof v === 'number') cell.numFmt = '0%';
      if (c.field.role === 'grade' || c.field.role === 'previousGrade') cell.alignment = { horizontal: 'center', vertical: 'top' };
    } else if (c.kind === 'helper') {
      const gi = cols.findIndex((x) => x.field?.role === 'grade');
      if (r.kind !== 'item') { put(ws, row, col, null); return; }
      if (gi >= 0) {
        const g = typeof r.values[cols[gi].field!.key] === 'string' ? String(r.values[cols[gi].field!.key]).slice(0, 1) : '';
        const score = ({ A: 4, B: 3, C: 2, D: 1 } as Record<string, number>)[g] ?? '';
        const ref = `${letter(gi + left)}${row}`;
        put(ws, row, col, { formula: `IF(LEFT(${ref},1)="A",4,IF(LEFT(${ref},1)="B",3,IF(LEFT(${ref},1)="C",2,IF(LEFT(${ref},1)="D",1,""))))`, result: score });
      } else {
        const ni = cols.findIndex((x) => x.field?.role === 'name');
        const name = String(r.values[cols[ni].field!.key] ?? '');
        put(ws, row, col, { formula: `LEN(${letter(ni + left)}${row})`, result: name.length });
      }
    } else if (c.kind === 'level') {
      const v = gradeValue(r.values[c.levelOf!.key] ?? null, plan, { ...spec, encoding: undefined, notation: undefined }, ri);
      const first = cols.find((x) => x.kind === 'level') === c;
      const levels = cols.filter((x) => x.kind === 'level').map((x) => x.level);
      // The level's column gets the mark; a value no column names (a slip, 廃止) is typed into the first.
      const marks = ['○', '●', '✓', '1', '〇'];
      if (v !== null && v === c.level) put(ws, row, col, marks[ri % marks.length]);
      else if (first && typeof v === 'string' && v !== '' && !levels.includes(v)) put(ws, row, col, v);
      else put(ws, row, col, null);
    } else if (c.kind === 'prose') {
      put(ws, row, col, r.kind === 'item' ? PROSE[ri % PROSE.length] : null);
    } else if (c.kind === 'future') {
      put(ws, row, col, r.kind === 'item' ? '引き続き実施する。' : null);
    } else {
      put(ws, row, col, null);
    }
  });
  if (r.kind === 'heading') for (let i = 0; i < cols.length; i++) ws.getCell(row, i + left).font = { name: FONT, size: 9, bold: true };
}

/** Vertical merges: a grade over its program's department rows, names and hierarchy over the rows they cover. */
function applyMerges(ws: ExcelJS.Worksheet, start: number, cols: Column[], rows: Row[], spec: LayoutSpec, left = 1): void {
  const colOf = (key: string): number => {
    const i = cols.findIndex((c) => c.field?.key === key);
    return i < 0 ? 0 : i + left;
  };
  if (spec.mergeGrades) {
    for (const key of ['grade', 'previousGrade']) {
      const col = colOf(key);
      if (col === 0) continue;
      let i = 0;
      while (i < rows.length) {
        const r = rows[i];
        let j = i;
        // rows of one program: continuation rows (no name of their own) with the same grade
        while (j + 1 < rows.length && rows[j + 1].item && rows[j + 1].values.name == null && r.item && rows[j + 1].item!.program === r.item.program
          && rows[j + 1].values[key] === r.values[key] && r.values[key] != null) j++;
        if (j > i) {
          for (let k = i + 1; k <= j; k++) ws.getCell(start + k, col).value = null;
          ws.mergeCells(start + i, col, start + j, col);
        }
        i = j + 1;
      }
    }
  }
  if (spec.mergeNames) {
    for (const c of cols) {
      if (!c.field || (c.field.role !== 'hierarchy' && c.field.role !== 'name')) continue;
      const col = cols.indexOf(c) + left;
      const key = c.field.key;
      let i = 0;
      while (i < rows.length) {
        if (rows[i].values[key] == null) { i++; continue; }
        let j = i;
        while (j + 1 < rows.length && rows[j + 1].values[key] == null && rows[j + 1].block === rows[i].block
          && (c.field.role === 'hierarchy' || (rows[j + 1].kind === 'item' && rows[j + 1].item?.program === rows[i].item?.program))) j++;
        if (j > i) ws.mergeCells(start + i, col, start + j, col);
        i = j + 1;
      }
    }
  }
}

/** 評価総括表: per grade the criterion, the count (a value or a COUNTIF) and the policies listed. */
function writeSummary(ws: ExcelJS.Worksheet, top: number, left: number, s: Summary, plan: PlanModel, spec: LayoutSpec, ref: { sheet: string; range: string } | undefined, here: string): void {
  const title = spec.yearSource ? s.title.replace(/\s*令和\d+年度報告書\s*/, ' ') : s.title;
  put(ws, top, left, title, 'title');
  let row = top + 2;
  put(ws, row, left, '施策の進捗状況', 'header');
  put(ws, row, left + 1, '件数', 'header');
  put(ws, row, left + 2, '頁', 'header');
  put(ws, row, left + 3, '施策', 'header');
  row++;
  const first = row;
  for (const [grade, raw] of s.criteria) {
    const label = String(onScale(grade, spec));
    const criterion = raw.replace(/([A-D])\s*$/, label);
    const list = s.lines[grade];
    const span = Math.max(1, list.length);
    for (let i = 0; i < span; i++) {
      put(ws, row + i, left, i === 0 ? criterion : null);
      put(ws, row + i, left + 1, null);
      put(ws, row + i, left + 2, list[i]?.pages ?? null);
      put(ws, row + i, left + 3, list[i]?.policy ?? null);
    }
    const typed = s.typedCounts?.[grade];
    const cell = ws.getCell(row, left + 1);
    if (typed !== undefined || !spec.summaryCounts || !ref) cell.value = typed ?? list.length;
    else {
      const range = ref.sheet === here ? ref.range : `'${ref.sheet}'!${ref.range}`;
      cell.value = spec.summaryCounts === 'countif'
        ? { formula: `COUNTIF(${range},"${label}")`, result: list.length }
        : ({ formula: `COUNTIF(${range},"${label}")` } as ExcelJS.CellFormulaValue);
    }
    if (span > 1) {
      ws.mergeCells(row, left, row + span - 1, left);
      ws.mergeCells(row, left + 1, row + span - 1, left + 1);
    }
    row += span;
  }
  put(ws, row, left, '合 計');
  const total = GRADES.reduce((n, g) => n + s.lines[g].length, 0);
  const countCol = letter(left + 1);
  put(ws, row, left + 1, spec.summaryCounts === 'countif' ? { formula: `SUM(${countCol}${first}:${countCol}${row - 1})`, result: total }
    : spec.summaryCounts === 'countif-nocache' ? ({ formula: `SUM(${countCol}${first}:${countCol}${row - 1})` } as ExcelJS.CellFormulaValue) : total);
}
