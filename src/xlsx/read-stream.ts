/**
 * File → WorkbookSnapshot for the CLI, in Node only, without ExcelJS's whole-workbook model.
 *
 * `readWorkbook` (read.ts) loads the file into an ExcelJS Workbook — every cell an object with
 * its style — and then copies the values out: at 100k rows that model is ~350 MB of heap and
 * the process peaks near 1 GB. This reader produces the identical snapshot while keeping only
 * the compressed file, the shared-string table, the styles and the snapshot itself: each sheet
 * part is inflated in chunks and fed to a SAX parser, and each `<row>` is parsed, converted and
 * dropped as soon as it closes.
 *
 * "Identical" is by construction, not by re-implementation: the rows are parsed by ExcelJS's
 * own RowXform/CellXform and reconciled by its own RowXform.reconcile (shared strings, number
 * formats, dates, shared formulas), the sheets are matched to their parts as its
 * WorkbookXform.reconcile and Workbook model do, values are read the way its Cell value types
 * expose them, and then the same `toCellValue`, `clearMergedSlaves`, sniffing and sheet-name
 * plan as read.ts apply. tests/xlsx/read-stream.test.ts compares both readers on every sample,
 * seed fixture and hostile file.
 *
 * Known difference: ExcelJS also parses parts Hyoka never reads (docProps, comments, drawings,
 * tables, themes, sheet parts no sheet points to); a damaged one of those makes `readWorkbook`
 * report 'corrupt' while this reader reads the sheets.
 */
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import JSZip from 'jszip';
import type { SaxesParser as SaxesParserType } from 'saxes';
import type BaseXform from 'exceljs/lib/xlsx/xform/base-xform';
import type { SaxNode } from 'exceljs/lib/xlsx/xform/base-xform';
import WorkbookXform from 'exceljs/lib/xlsx/xform/book/workbook-xform';
import RelationshipsXform from 'exceljs/lib/xlsx/xform/core/relationships-xform';
import SharedStringsXform from 'exceljs/lib/xlsx/xform/strings/shared-strings-xform';
import StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform';
import WorksheetXform from 'exceljs/lib/xlsx/xform/sheet/worksheet-xform';
import RowXform from 'exceljs/lib/xlsx/xform/sheet/row-xform';
import colCache from 'exceljs/lib/utils/col-cache';
import type ExcelJS from 'exceljs';

import type { CellRange, CellValue, SheetSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { isUnreadable, UnreadableWorkbookError } from './errors';
import { clearMergedSlaves, isUncachedFormula, hiddenColsIn, hiddenRowsIn, mergesIn, planSheets, resolveValidationRefs, sniff, toCellValue, validationsIn, visibilityOf, type SheetExtras } from './read';

/** saxes, exactly the copy ExcelJS parses with. */
const { SaxesParser } = createRequire(require.resolve('exceljs'))('saxes') as { SaxesParser: typeof SaxesParserType };

/** Reads the file at `file` (only reads it) and returns the same snapshot as `readWorkbook`. */
export async function readWorkbookFile(file: string, fileName?: string): Promise<WorkbookSnapshot> {
  const data = await fs.readFile(file);
  return readWorkbookStreaming(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), fileName ?? file);
}

/** The same as `readWorkbook(bytes, fileName)`, streaming the sheets (Node only). */
export async function readWorkbookStreaming(bytes: Uint8Array, fileName?: string): Promise<WorkbookSnapshot> {
  sniff(bytes, fileName ?? '');
  try {
    return await snapshotOf(bytes);
  } catch (e) {
    if (isUnreadable(e)) throw e;
    throw new UnreadableWorkbookError('corrupt', e instanceof Error ? e.message.slice(0, 200) : String(e));
  }
}

// ExcelJS's Enums.ValueType
const NULL = 0;
const MERGE = 1;
const HYPERLINK = 5;
const FORMULA = 6;

interface CellModel {
  address?: string;
  type: number;
  value?: unknown;
  text?: unknown;
  hyperlink?: unknown;
  formula?: unknown;
  result?: unknown;
  ref?: unknown;
  shareType?: unknown;
  sharedFormula?: unknown;
  style?: { numFmt?: string };
}
interface RowModel {
  number: number;
  cells: (CellModel | undefined)[];
}
interface Rel {
  Id: string;
  Target: string;
}
interface SheetDef {
  name?: string;
  id?: number;
  state?: string;
  rId?: string;
}
/** One `xl/worksheets/sheetN.xml` part, as ExcelJS's load lists them (zip order). */
interface Part {
  path: string;
  sheetNo: string;
  entry: JSZip.JSZipObject;
  name?: string;
  id?: number;
  state?: string;
  orderNo?: number;
}

async function snapshotOf(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  const zip = await JSZip.loadAsync(bytes);

  // --- what read.ts's prepare() reads: real names, stand-ins, the parts merges come from
  const workbookXml = await zip.file('xl/workbook.xml')?.async('string');
  const relsXml = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (workbookXml === undefined) throw new UnreadableWorkbookError('not-xlsx', 'no xl/workbook.xml');
  const plan = planSheets(workbookXml, relsXml);

  // --- what ExcelJS's load() parses (entry names without a leading slash)
  const entries = new Map<string, JSZip.JSZipObject>();
  const parts: Part[] = [];
  const sheetRels = new Map<string, JSZip.JSZipObject>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const name = entry.name[0] === '/' ? entry.name.slice(1) : entry.name;
    entries.set(name, entry);
    let m = /xl\/worksheets\/sheet(\d+)[.]xml/.exec(name);
    if (m && !['_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'].includes(name)) {
      parts.push({ path: name, sheetNo: m[1], entry });
      continue;
    }
    m = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/.exec(name);
    if (m) sheetRels.set(m[1], entry);
  }
  // The workbook part as ExcelJS gets it: with the stand-in names when some were renamed.
  const workbook = await parseText(new WorkbookXform(), plan.workbookXml);
  if (!workbook) throw new Error('xl/workbook.xml: no workbook element');
  const { sheets: defs, properties } = workbook as { sheets?: SheetDef[]; properties?: { date1904?: boolean } };
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  const workbookRels = relsEntry ? ((await parseEntry(new RelationshipsXform(), relsEntry)) as Rel[] | null) : undefined;
  const stringsEntry = entries.get('xl/sharedStrings.xml');
  let sharedStrings: SharedStringsXform | undefined;
  if (stringsEntry) {
    sharedStrings = new SharedStringsXform();
    await parseEntry(sharedStrings, stringsEntry);
  }
  const stylesEntry = entries.get('xl/styles.xml');
  let styles: StylesXform | undefined;
  if (stylesEntry) {
    styles = new StylesXform();
    await parseEntry(styles, stylesEntry);
  }

  // --- WorkbookXform.reconcile: sheet → part through the rels
  const rels: Record<string, Rel> = {};
  for (const rel of workbookRels ?? []) rels[rel.Id] = rel;
  const byPath = new Map(parts.map((p) => [p.path, p]));
  for (const def of defs ?? []) {
    const rel = rels[def.rId as string];
    if (!rel) continue;
    const part = byPath.get(`xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`);
    if (part) {
      part.name = def.name;
      part.id = def.id;
      part.state = def.state;
    }
  }
  // --- Workbook `set model` and `get worksheets`: named in zip order, indexed by sheet id
  const byId: Part[] = [];
  for (const part of parts) {
    part.orderNo = defs && defs.findIndex((d) => d.id === part.id);
    part.name = worksheetName(part.name === undefined ? `sheet${part.id}` : part.name, byId);
    (byId as unknown as Record<string, Part>)[String(part.id)] = part;
  }
  const ordered = byId
    .slice(1)
    .sort((a, b) => (a.orderNo as number) - (b.orderNo as number))
    .filter(Boolean);

  const date1904 = properties?.date1904;
  const scanned = new Map<JSZip.JSZipObject, MergeScan>();
  const built: { part: Part; realName: string; rows: (CellValue[] | undefined)[]; uncached: { row: number; col: number }[] }[] = [];
  for (const part of ordered) {
    const realName = plan.realNames.get(part.name as string) ?? (part.name as string);
    const scan = new MergeScan();
    let rows = await readSheet(part, { styles, sharedStrings, date1904, hyperlinkMap: {} }, scan);
    scanned.set(part.entry, scan);
    const links = rows.hyperlinks;
    if (links.length > 0) {
      // <hyperlinks> follows <sheetData>: ExcelJS turns those cells into hyperlink values, so
      // the (rare) sheet that has some is read a second time knowing them.
      const relsModel = sheetRels.has(part.sheetNo) ? ((await parseEntry(new RelationshipsXform(), sheetRels.get(part.sheetNo)!)) as Rel[] | null) : undefined;
      const sheetRelsById: Record<string, Rel> = {};
      for (const rel of relsModel ?? []) sheetRelsById[rel.Id] = rel;
      const hyperlinkMap: Record<string, string> = {};
      for (const h of links) if (h.rId) hyperlinkMap[h.address] = sheetRelsById[h.rId].Target;
      if (Object.values(hyperlinkMap).some(Boolean)) {
        rows = { rows: [], hyperlinks: [], uncached: [] };
        rows = await readSheet(part, { styles, sharedStrings, date1904, hyperlinkMap }, null);
      }
    }
    built.push({ part, realName, rows: rows.rows, uncached: rows.uncached });
  }

  // --- prepare()'s merges: per real name, from the part the regex-read rels name (the same
  // part in any ordinary file, scanned above while its cells were read)
  const merges = new Map<string, CellRange[]>();
  const extras = new Map<string, SheetExtras>();
  for (const sheet of plan.sheets) {
    if (!sheet.part) continue;
    const entry = zip.file(sheet.part);
    if (!entry) continue;
    let scan = scanned.get(entry);
    if (!scan) {
      scan = new MergeScan();
      scanned.set(entry, scan);
      await streamEntry(entry, (chunk) => scan!.write(chunk));
    }
    if (scan.seenText) {
      merges.set(sheet.name, scan.end());
      extras.set(sheet.name, scan.extras());
    }
  }

  const sheets: SheetSnapshot[] = built.map(({ part, realName, rows, uncached }) => {
    const sheetMerges = merges.get(realName) ?? [];
    clearMergedSlaves(rows, sheetMerges);
    const sheet: SheetSnapshot = { name: realName, visibility: visibilityOf(part.state ?? 'visible'), rows, merges: sheetMerges };
    const e = extras.get(realName);
    if (e) Object.assign(sheet, { hiddenRows: e.hiddenRows, hiddenCols: e.hiddenCols, validations: e.validations });
    if (uncached.length > 0) sheet.uncachedFormulas = uncached;
    return sheet;
  });
  if (sheets.length === 0) throw new UnreadableWorkbookError('no-sheets');
  resolveValidationRefs(sheets, extras);
  return { sheets };
}

/** ExcelJS's Worksheet `set name`: the checks it would throw on, the 31-character cut. */
function worksheetName(name: string, existing: readonly Part[]): string {
  if (typeof name !== 'string') throw new Error('The name has to be a string.');
  if (name === '') throw new Error("The name can't be empty.");
  if (name === 'History') throw new Error('The name "History" is protected.');
  if (/[*?:/\\[\]]/.test(name)) throw new Error(`Worksheet name ${name} cannot include any of * ? : \\ / [ ]`);
  if (/(^')|('$)/.test(name)) throw new Error(`The first or last character of worksheet name cannot be a single quotation mark: ${name}`);
  const cut = name.length > 31 ? name.substring(0, 31) : name;
  if (existing.find((p) => p && (p.name as string).toLowerCase() === cut.toLowerCase())) throw new Error(`Worksheet name already exists: ${cut}`);
  return cut;
}

interface ReconcileOptions {
  styles: StylesXform | undefined;
  sharedStrings: SharedStringsXform | undefined;
  date1904: boolean | undefined;
  hyperlinkMap: Record<string, string>;
}

interface SheetRead {
  rows: (CellValue[] | undefined)[];
  hyperlinks: { address: string; rId?: string }[];
  uncached: { row: number; col: number }[];
}

/**
 * One sheet part through ExcelJS's WorksheetXform with its `sheetData` list replaced by one
 * that hands each row on as it closes instead of keeping it.
 */
async function readSheet(part: Part, options: ReconcileOptions, scan: MergeScan | null): Promise<SheetRead> {
  const rows: (CellValue[] | undefined)[] = [];
  const reconcile = { ...options, formulae: {} as Record<string, string>, uncached: [] as { row: number; col: number }[] };
  const rowXform = new RowXform();
  const sheetData = {
    model: [] as unknown[],
    parser: undefined as RowXform | undefined,
    reset(): void {
      this.model = [];
      this.parser = undefined;
    },
    parseOpen(node: SaxNode): boolean {
      if (this.parser) {
        this.parser.parseOpen(node);
        return true;
      }
      if (node.name === 'sheetData') return true;
      if (rowXform.parseOpen(node)) {
        this.parser = rowXform;
        return true;
      }
      return false;
    },
    parseText(text: string): void {
      if (this.parser) this.parser.parseText(text);
    },
    parseClose(name: string): boolean {
      if (this.parser) {
        if (!this.parser.parseClose(name)) {
          addRow(rows, this.parser.model as RowModel, rowXform, reconcile);
          this.parser = undefined;
        }
        return true;
      }
      return false;
    },
    reconcile(): void {},
  };
  const xform = new WorksheetXform({ ignoreNodes: ['mergeCells', 'dataValidations'] });
  xform.map.sheetData = sheetData;
  const model = (await parseEntry(xform, part.entry, scan ? (chunk) => scan.write(chunk) : undefined)) as { hyperlinks?: SheetRead['hyperlinks'] } | null;
  if (!model) throw new Error(`${part.path}: no worksheet element`);
  return { rows, hyperlinks: model.hyperlinks ?? [], uncached: reconcile.uncached };
}

/** Worksheet `_parseRows` + Row `set model` + `eachRow`/`eachCell` + read.ts's row loop, for one row. */
function addRow(rows: (CellValue[] | undefined)[], row: RowModel, rowXform: RowXform, options: ReconcileOptions & { formulae: Record<string, string>; uncached: { row: number; col: number }[] }): void {
  row.cells = row.cells.filter(Boolean);
  rowXform.reconcile(row, options);
  const n = row.number;
  const values: CellValue[] = [];
  let previous: number | undefined;
  let hasPrevious = false;
  for (const cell of row.cells as CellModel[]) {
    if (cell.type === MERGE) continue;
    let col: number | undefined;
    if (cell.address) col = colCache.decodeAddress(cell.address).col;
    else if (hasPrevious) col = (previous as number) + 1;
    else throw new Error('a cell without an address opens its row');
    previous = col;
    hasPrevious = true;
    if (col === undefined || !Number.isInteger(col) || col < 1) continue;
    // A later cell at the same column replaces the earlier one, as getCellEx does.
    values[col - 1] = cell.type === NULL ? null : toCellValue(valueOf(cell), cell.style?.numFmt);
    if (values[col - 1] === null && cell.type !== NULL && isUncachedFormula(valueOf(cell)) && Number.isInteger(n) && n >= 1) options.uncached.push({ row: n - 1, col: col - 1 });
  }
  while (values.length > 0 && (values[values.length - 1] === null || values[values.length - 1] === undefined)) values.pop();
  if (!(Number.isInteger(n) && n >= 1)) return;
  if (values.length === 0) {
    delete rows[n - 1];
    return;
  }
  for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
  rows[n - 1] = values;
}

/** What ExcelJS's Cell `value` getter returns for a reconciled cell model. */
function valueOf(cell: CellModel): ExcelJS.CellValue | undefined {
  if (cell.type === HYPERLINK) return { text: cell.text, hyperlink: cell.hyperlink } as ExcelJS.CellValue;
  if (cell.type === FORMULA) {
    const copy: Record<string, unknown> = {};
    for (const key of ['formula', 'result', 'ref', 'shareType', 'sharedFormula'] as const) if (cell[key]) copy[key] = cell[key];
    return copy as unknown as ExcelJS.CellValue;
  }
  return cell.value as ExcelJS.CellValue | undefined;
}

/**
 * read.ts's `mergesIn` over a stream: `<mergeCell ref>` after the last `sheetData>`. Text is
 * cut after its last `>` so every tag is scanned whole; a later `sheetData>` drops what came
 * before it.
 */
class MergeScan {
  private carry = '';
  private found: CellRange[] = [];
  /** Text after the last `sheetData>`: the validation lists are read from it at the end. */
  private tail = '';
  readonly hiddenRows = new Set<number>();
  readonly hiddenCols = new Set<number>();
  seenText = false;

  write(chunk: string): void {
    if (chunk.length > 0) this.seenText = true;
    const text = this.carry + chunk;
    const cut = text.lastIndexOf('>') + 1;
    this.carry = text.slice(cut);
    this.segment(text.slice(0, cut));
  }

  end(): CellRange[] {
    this.segment(this.carry);
    this.carry = '';
    return this.found;
  }

  extras(): SheetExtras {
    return {
      hiddenRows: [...this.hiddenRows].sort((a, b) => a - b),
      hiddenCols: [...this.hiddenCols].sort((a, b) => a - b),
      ...validationsIn(this.tail),
    };
  }

  private segment(text: string): void {
    if (text.length === 0) return;
    hiddenRowsIn(text, this.hiddenRows);
    hiddenColsIn(text, this.hiddenCols);
    const at = text.lastIndexOf('sheetData>');
    if (at >= 0) {
      this.found = [];
      this.tail = text.slice(at);
    } else if (this.tail !== '' || text.indexOf('dataValidation') >= 0) this.tail += text;
    if (text.indexOf('mergeCell', Math.max(0, at)) < 0) return;
    for (const range of mergesIn(at >= 0 ? text.slice(at) : text)) this.found.push(range);
  }
}

/** BaseXform.parse over a string (small parts). */
async function parseText(xform: BaseXform, text: string): Promise<unknown> {
  const feed = sax(xform);
  feed.write(text);
  return feed.model();
}

/** BaseXform.parseStream over a zip entry, inflated and decoded in chunks. */
async function parseEntry(xform: BaseXform, entry: JSZip.JSZipObject, tap?: (chunk: string) => void): Promise<unknown> {
  const feed = sax(xform);
  await streamEntry(entry, (chunk) => {
    tap?.(chunk);
    feed.write(chunk);
  });
  return feed.model();
}

/** A saxes parser driving an xform as ExcelJS's parse-sax + BaseXform.parse do. */
function sax(xform: BaseXform): { write(text: string): void; model(): unknown } {
  const parser = new SaxesParser();
  let error: Error | undefined;
  let done = false;
  parser.on('error', (e) => (error = e));
  parser.on('opentag', (node) => {
    if (!done) xform.parseOpen(node as unknown as SaxNode);
  });
  parser.on('text', (text) => {
    if (!done) xform.parseText(text);
  });
  parser.on('closetag', (node) => {
    if (!done && !xform.parseClose(node.name)) done = true;
  });
  return {
    write(text: string): void {
      if (done) return;
      parser.write(text);
      if (error) throw error;
    },
    model: () => xform.model,
  };
}

/** JSZip's StreamHelper (untyped in its .d.ts). */
interface JSZipStream {
  on(event: 'data', cb: (chunk: unknown) => void): JSZipStream;
  on(event: 'error', cb: (e: Error) => void): JSZipStream;
  on(event: 'end', cb: () => void): JSZipStream;
  pause(): JSZipStream;
  resume(): JSZipStream;
}

/** The entry inflated and UTF-8 decoded chunk by chunk (JSZip's decoder, as `async('string')`). */
function streamEntry(entry: JSZip.JSZipObject, onChunk: (chunk: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    const stream = (entry as unknown as { internalStream(type: 'string'): JSZipStream }).internalStream('string');
    stream
      .on('data', (chunk) => {
        if (failed) return;
        try {
          onChunk(chunk as string);
        } catch (e) {
          failed = true;
          stream.pause();
          reject(e);
        }
      })
      .on('error', (e) => {
        failed = true;
        reject(e);
      })
      .on('end', () => {
        if (!failed) resolve();
      })
      .resume();
  });
}
