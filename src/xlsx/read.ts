import { parseA1 } from '../core/a1';
import { cellNote, isoTextToDate, MAX_NOTE_CHARS, MAX_NOTES, normaliseCell, type RawCell } from '../core/cells';
import {
  cellText,
  isBlank,
  type CellNote,
  type CellRange,
  type CellValue,
  type SheetSnapshot,
  type SheetVisibility,
  type SkippedProperty,
  type UnreadableSheet,
  type ValidationList,
  type WorkbookSnapshot,
} from '../core/snapshot';
import { strFromU8 } from 'fflate';
import { isUnreadable, UnreadableWorkbookError } from './errors';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './limits';
import { decodeEscapes, readSharedStrings } from './shared-strings';
import { localName, parsePart, parsePartAsync, type Attributes, type XmlHandler } from './xml';
import { applyHyokaState, findHyokaState } from './custom-xml';
import { normalisePartName, platformInflater, ZipReader, type Inflater } from './zip';

/**
 * File → WorkbookSnapshot, the one reader of every host (CLI, browser pane, its Web Worker):
 * each part is inflated in slices (fflate) and tokenised as it inflates (xml.ts), rows become
 * snapshot rows as they close, and nothing but the shared strings, the number formats and the
 * snapshot itself is kept. Pure JS with no Node API: the CLI hands it the file's bytes.
 *
 * Every bound in `limits` (src/xlsx/limits.ts) is checked while reading; a file past one is
 * refused with its own UnreadableReason. The bytes are only read: nothing here can write.
 */
export interface ReadOptions {
  /** Raised only from a CLI profile file (`--config` → `limits`), never from the workbook. */
  limits?: ReadLimits;
  /**
   * The host's inflater for the large parts (the CLI passes node:zlib's). Absent: the
   * platform's DecompressionStream where there is one, else fflate; null: fflate only.
   */
  inflater?: Inflater | null;
}

/** Hyoka's add-in id (manifest.xml `<Id>`): the webextension whose property bag is ours. */
export const HYOKA_ADDIN_ID = '6f1e7f4c-3b8a-4c55-9a0e-2d3c1f5e8a71';

export async function readWorkbook(data: Uint8Array | ArrayBuffer, fileName?: string, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  sniff(bytes, fileName ?? '');
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  const inflater = options.inflater === undefined ? platformInflater() : options.inflater;
  return readPackage(bytes, limits, inflater);
}

/**
 * Only the sheet names of a workbook, in order (reading nothing but its workbook part, bounded
 * like every read); null when the bytes are not a readable workbook.
 */
export function readSheetNames(data: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): string[] | null {
  try {
    sniff(data, '');
    const zip = new ZipReader(data, limits);
    const officeDoc = [...readRels(zip, '', limits).values()].find((r) => !r.external && r.type.endsWith('/officeDocument') && zip.has(r.target));
    const part = officeDoc?.target ?? 'xl/workbook.xml';
    if (!zip.has(part)) return null;
    return readWorkbookPart(zip, part, limits).sheets.map((s) => s.name);
  } catch {
    return null;
  }
}

interface Rel {
  type: string;
  target: string;
  external: boolean;
}

async function readPackage(bytes: Uint8Array, limits: ReadLimits, inflater: Inflater | null): Promise<WorkbookSnapshot> {
  const zip = new ZipReader(bytes, limits, inflater);
  const rootRels = readRels(zip, '', limits);
  const officeDoc = [...rootRels.values()].find((r) => !r.external && r.type.endsWith('/officeDocument') && zip.has(r.target));
  const workbookPart = officeDoc?.target ?? 'xl/workbook.xml';
  // An Excel Binary Workbook (.xlsb), often renamed .xlsx: its parts are binary records, not XML.
  if (/\.bin$/i.test(workbookPart) || (!zip.has(workbookPart) && zip.has('xl/workbook.bin'))) throw new UnreadableWorkbookError('xlsb');
  // A zip without a workbook part: a .docx, .pptx or plain .zip with an .xlsx name.
  if (!zip.has(workbookPart)) throw new UnreadableWorkbookError('not-xlsx', 'no workbook part');
  const workbook = readWorkbookPart(zip, workbookPart, limits);
  if (workbook.sheets.length === 0) throw new UnreadableWorkbookError('no-sheets');
  const rels = readRels(zip, workbookPart, limits);
  const relOfType = (suffix: string, fallback: string): string | undefined => {
    const rel = [...rels.values()].find((r) => !r.external && r.type.endsWith(suffix));
    const part = rel?.target ?? fallback;
    return zip.has(part) ? part : undefined;
  };
  const stylesPart = relOfType('/styles', 'xl/styles.xml');
  const stringsPart = relOfType('/sharedStrings', 'xl/sharedStrings.xml');
  const { formats, looks } = stylesPart ? readStyles(zip, stylesPart, limits) : { formats: [], looks: new Uint8Array(0) };
  // The strings first: a sheet's cells are made whole as each row closes, nothing held back.
  const strings: readonly string[] | null = stringsPart ? await readSharedStrings(zip, stringsPart, limits) : null;

  const sheets: SheetSnapshot[] = [];
  const unreadable: UnreadableSheet[] = [];
  const pending: { sheet: SheetSnapshot; lists: RawValidation[] }[] = [];
  for (const def of workbook.sheets) {
    const rel = def.rId !== undefined ? rels.get(def.rId) : undefined;
    // Chart sheets and dialog sheets hold no cells.
    if (rel && !rel.type.endsWith('/worksheet')) continue;
    if (!rel || rel.external || !zip.has(rel.target)) {
      unreadable.push({ name: def.name, reason: 'missing-part' });
      continue;
    }
    const reader = new SheetReader(formats, strings, workbook.date1904, limits, looks);
    await parsePartAsync(zip, rel.target, reader, limits);
    const sheet = reader.snapshot(def.name, def.visibility);
    const notes = readNotes(zip, rel.target, limits);
    if (notes.length > 0) sheet.notes = notes;
    sheets.push(sheet);
    pending.push({ sheet, lists: reader.validations });
  }
  if (sheets.length === 0) throw new UnreadableWorkbookError('corrupt', 'no sheet part in the file');
  for (const { sheet, lists } of pending) sheet.validations = resolveValidations(lists, sheet, sheets, workbook.definedNames);
  const snapshot: WorkbookSnapshot = { sheets };
  if (unreadable.length > 0) snapshot.unreadableSheets = unreadable;
  const stored = readStoredSettings(zip);
  if (stored) {
    snapshot.storedSettings = stored.props;
    if (stored.skipped.length > 0) snapshot.storedSettingsSkipped = stored.skipped;
  }
  applyHyokaState(snapshot, findHyokaState(zip, limits), workbook.definedNames, workbook.sheets.map((s) => s.name));
  return snapshot;
}

// ---------------------------------------------------------------------------------------------
// Relationships and the workbook part

function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target → the part it names: absolute (`/xl/…`) or relative to the source part's folder. */
export function resolveTarget(source: string, target: string): string {
  let t = target.trim();
  try {
    t = decodeURIComponent(t);
  } catch {
    // not percent-encoded after all
  }
  t = t.replace(/\\/g, '/');
  const base = t.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

function readRels(zip: ZipReader, source: string, limits: ReadLimits): Map<string, Rel> {
  const part = relsPartOf(source);
  const rels = new Map<string, Rel>();
  if (!zip.has(part)) return rels;
  parsePart(
    zip,
    part,
    {
      open(name, attrs) {
        const id = attrs.get('Id');
        const target = attrs.get('Target');
        if (name !== 'Relationship' || id === undefined || target === undefined) return;
        const external = attrs.get('TargetMode') === 'External';
        rels.set(id, { type: attrs.get('Type') ?? '', target: external ? target : resolveTarget(source, target), external });
      },
      close() {},
    },
    limits,
  );
  return rels;
}


/**
 * The sheet's cell notes (メモ, the legacy comments part; Excel writes one beside threaded
 * comments too) as plain text: a legend (凡例) often stands in one. The author is left out.
 */
function readNotes(zip: ZipReader, sheetPart: string, limits: ReadLimits): CellNote[] {
  const notes: CellNote[] = [];
  for (const rel of readRels(zip, sheetPart, limits).values()) {
    if (rel.external || !rel.type.endsWith('/comments') || !zip.has(rel.target)) continue;
    let current: { row: number; col: number; text: string } | null = null;
    let inText = 0;
    let inT = false;
    parsePart(
      zip,
      rel.target,
      {
        open(name, attrs) {
          const local = localName(name);
          if (local === 'comment') {
            const at = parseA1(attrs.get('ref') ?? '');
            current = at && notes.length < MAX_NOTES ? { row: at.row, col: at.col, text: '' } : null;
          } else if (local === 'text' && current) inText++;
          else if (local === 't' && inText > 0) inT = true;
          // Phonetic runs (ふりがな) are not the note's text.
          else if (local === 'rPh') inText = -1000;
        },
        text(t) {
          if (current && inT && inText > 0 && current.text.length < MAX_NOTE_CHARS) current.text += decodeEscapes(t);
        },
        close(name) {
          const local = localName(name);
          if (local === 't') inT = false;
          else if (local === 'rPh') inText += 1000;
          else if (local === 'text' && inText > 0) inText--;
          else if (local === 'comment' && current) {
            const note = cellNote(current.row, current.col, current.text);
            if (note) notes.push(note);
            current = null;
          }
        },
      },
      limits,
    );
  }
  return notes;
}

interface SheetDef {
  name: string;
  visibility: SheetVisibility;
  rId: string | undefined;
}

interface WorkbookPart {
  sheets: SheetDef[];
  date1904: boolean;
  /** Defined names (for validation lists that name a range), workbook-wide and per sheet index. */
  definedNames: { name: string; sheet: number | undefined; formula: string }[];
}

function readWorkbookPart(zip: ZipReader, part: string, limits: ReadLimits): WorkbookPart {
  const out: WorkbookPart = { sheets: [], date1904: false, definedNames: [] };
  let defined: { name: string; sheet: number | undefined; text: string } | null = null;
  parsePart(
    zip,
    part,
    {
      open(name, attrs) {
        if (name === 'sheet') {
          if (out.sheets.length >= limits.maxSheets) throw new UnreadableWorkbookError('too-many-sheets', `more than ${limits.maxSheets} sheets`);
          out.sheets.push({ name: attrs.get('name') ?? '', visibility: visibilityOf(attrs.get('state')), rId: attrs.local('id') });
        } else if (name === 'workbookPr') {
          out.date1904 = attrs.get('date1904') === '1' || attrs.get('date1904') === 'true';
        } else if (name === 'definedName' && attrs.get('name')) {
          const local = attrs.get('localSheetId');
          defined = { name: attrs.get('name') ?? '', sheet: local !== undefined ? Number(local) : undefined, text: '' };
        }
      },
      text(t) {
        if (defined) defined.text += t;
      },
      close(name) {
        if (name === 'definedName' && defined) {
          out.definedNames.push({ name: defined.name, sheet: defined.sheet, formula: defined.text });
          defined = null;
        }
      },
    },
    limits,
  );
  return out;
}

export function visibilityOf(state: string | undefined): SheetVisibility {
  return state === 'hidden' ? 'hidden' : state === 'veryHidden' ? 'veryHidden' : 'visible';
}

// ---------------------------------------------------------------------------------------------
// Styles and shared strings

/** Excel's built-in number formats by id, as a Japanese Excel shows them (ids 27–36 and 50–58 are its era and 年月日 dates). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: '[$-411]ge.m.d',
  28: '[$-411]ggge"年"m"月"d"日"',
  29: '[$-411]ggge"年"m"月"d"日"',
  30: 'm/d/yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"時"mm"分"',
  33: 'h"時"mm"分"ss"秒"',
  34: 'yyyy"年"m"月"',
  35: 'm"月"d"日"',
  36: '[$-411]ge.m.d',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: '[$-411]ge.m.d',
  51: '[$-411]ggge"年"m"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: '[$-411]ggge"年"m"月"d"日"',
  55: 'yyyy"年"m"月"',
  56: 'm"月"d"日"',
  57: '[$-411]ge.m.d',
  58: '[$-411]ggge"年"m"月"d"日"',
};

/** A cell style's look that marks 記入例 rows: italic text, or a grey font or fill. */
const ITALIC = 1;
const GREY = 2;

/**
 * styles.xml → the number format of each cell style (`s` index), undefined for General, and
 * per style whether it is italic or grey (ITALIC | GREY bits): example rows are often drawn so.
 */
function readStyles(zip: ZipReader, part: string, limits: ReadLimits): { formats: (string | undefined)[]; looks: Uint8Array } {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  const xfFonts: number[] = [];
  const xfFills: number[] = [];
  const fonts: number[] = [];
  const fills: number[] = [];
  let inCellXfs = false;
  let inFonts = false;
  let inFills = false;
  parsePart(
    zip,
    part,
    {
      open(name, attrs) {
        const id = attrs.get('numFmtId');
        const code = attrs.get('formatCode');
        if (name === 'numFmt' && id !== undefined && code !== undefined) custom.set(Number(id), code);
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          ids.push(Number(attrs.get('numFmtId') ?? 0));
          xfFonts.push(Number(attrs.get('fontId') ?? 0));
          xfFills.push(Number(attrs.get('fillId') ?? 0));
        } else if (name === 'fonts') inFonts = true;
        else if (name === 'fills') inFills = true;
        else if (name === 'font' && inFonts) fonts.push(0);
        else if (name === 'fill' && inFills) fills.push(0);
        else if (name === 'i' && inFonts && fonts.length > 0) {
          const val = attrs.get('val');
          if (val !== '0' && val !== 'false') fonts[fonts.length - 1] |= ITALIC;
        } else if (name === 'color' && inFonts && fonts.length > 0 && isGrey(attrs)) fonts[fonts.length - 1] |= GREY;
        else if (name === 'fgColor' && inFills && fills.length > 0 && isGrey(attrs)) fills[fills.length - 1] |= GREY;
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
        else if (name === 'fonts') inFonts = false;
        else if (name === 'fills') inFills = false;
      },
    },
    limits,
  );
  const looks = new Uint8Array(ids.length);
  for (let i = 0; i < ids.length; i++) looks[i] = (fonts[xfFonts[i]] ?? 0) | ((fills[xfFills[i]] ?? 0) & GREY);
  return { formats: ids.map((id) => (id === 0 ? undefined : (custom.get(id) ?? BUILTIN_FORMATS[id]))), looks };
}

/**
 * A grey colour: an RGB whose three channels are equal (within a few steps) and neither near
 * black nor white, or the theme's text or background colour lightened / darkened into grey.
 */
function isGrey(attrs: Attributes): boolean {
  const rgb = attrs.get('rgb');
  if (rgb !== undefined && /^[0-9A-Fa-f]{6,8}$/.test(rgb)) {
    const hex = rgb.length === 8 ? rgb.slice(2) : rgb;
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return Math.max(r, g, b) - Math.min(r, g, b) <= 8 && r >= 0x60 && r <= 0xe0;
  }
  const theme = attrs.get('theme');
  const tint = Number(attrs.get('tint') ?? 0);
  // theme 0/2 are the light (background) colours, 1/3 the dark (text) ones.
  if (theme === '1' || theme === '3') return tint >= 0.25 && tint <= 0.75;
  if (theme === '0' || theme === '2') return tint <= -0.1 && tint >= -0.5;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Sheets

interface RawValidation {
  sqref: string;
  formula: string;
}

const enum Capture {
  None,
  V,
  F,
  InlineT,
  DvFormula,
  DvSqref,
}

/** One worksheet part, streamed: each `<row>` becomes a snapshot row when it closes. */
class SheetReader implements XmlHandler {
  readonly rows: (CellValue[] | undefined)[] = [];
  readonly merges: CellRange[] = [];
  readonly hiddenRows: number[] = [];
  readonly hiddenCols: number[] = [];
  readonly uncached: { row: number; col: number }[] = [];
  /** Formula cells with a cached result, as vertical runs per column (SheetSnapshot.formulaCells), at most MAX_FORMULA_RUNS. */
  readonly formulaRuns: CellRange[] = [];
  /** The run each column is extending, by column. */
  private readonly openRuns = new Map<number, CellRange>();
  readonly validations: RawValidation[] = [];
  /** Rows whose every cell with a value is italic / grey (SheetSnapshot.rowStyles), at most MAX_STYLED_ROWS. */
  readonly rowStyles: { row: number; italic?: true; grey?: true }[] = [];
  private rowCells = 0;
  private rowItalic = 0;
  private rowGrey = 0;

  private inSheetData = false;
  private rowIndex = -1;
  private row: CellValue[] = [];
  private col = -1;
  private type: string | undefined;
  private style = 0;
  private isFormula = false;
  private v: string | null = null;
  private inline: string[] | null = null;
  private rph = 0;
  private capture = Capture.None;
  private dv: { list: boolean; sqref: string; formula: string } | null = null;
  private inFormula1 = false;

  constructor(
    private readonly formats: readonly (string | undefined)[],
    private readonly strings: readonly string[] | null,
    private readonly date1904: boolean,
    private readonly limits: ReadLimits,
    private readonly looks: Uint8Array = new Uint8Array(0),
  ) {}

  open(name: string, attrs: Attributes): void {
    switch (name) {
      case 'c': {
        if (!this.inSheetData) return;
        // Read in place (Attributes.scan): a sheet has millions of cells.
        const letters = attrs.scan('r', columnLetters);
        if (letters !== undefined && letters > this.limits.maxColumns) throw beyond(`cell ${(attrs.get('r') ?? '').slice(0, 20)}`);
        this.col = letters === undefined || letters === 0 ? this.col + 1 : letters - 1;
        if (this.col >= this.limits.maxColumns) throw beyond(`column ${this.col + 1}`);
        this.type = attrs.get('t');
        this.style = attrs.scan('s', styleNumber) ?? 0;
        this.isFormula = false;
        this.v = null;
        this.inline = null;
        return;
      }
      case 'v':
        if (this.inSheetData) {
          this.capture = Capture.V;
          this.v = '';
        }
        return;
      case 'f':
        if (this.inSheetData) {
          // `<f t="shared" si="0"/>`: a shared-formula child is a formula with no text of its own.
          const kind = attrs.get('t');
          if (kind === 'shared' || kind === 'array') this.isFormula = true;
          this.capture = Capture.F;
        } else if (this.inFormula1) this.capture = Capture.DvFormula;
        return;
      case 'is':
        this.inline = [];
        return;
      case 'rPh':
        this.rph++;
        return;
      case 't':
        if (this.inline && this.rph === 0) this.capture = Capture.InlineT;
        return;
      case 'row': {
        if (!this.inSheetData) return;
        const r = attrs.scan('r', indexIn) ?? this.rowIndex + 2;
        if (!(r >= 1)) throw new UnreadableWorkbookError('corrupt', `row number ${attrs.get('r')}`);
        if (r > this.limits.maxRows) throw beyond(`row ${attrs.get('r')}`);
        this.rowIndex = r - 1;
        this.row = [];
        this.col = -1;
        this.rowCells = this.rowItalic = this.rowGrey = 0;
        const hidden = attrs.get('hidden');
        if (hidden === '1' || hidden === 'true') this.hiddenRows.push(this.rowIndex);
        return;
      }
      case 'sheetData':
        this.inSheetData = true;
        return;
      case 'mergeCell': {
        const ref = attrs.get('ref');
        const range = ref !== undefined ? parseRange(ref) : null;
        if (!range) return;
        if (range.bottom >= this.limits.maxRows || range.right >= this.limits.maxColumns) throw beyond(`merged range ${ref}`);
        this.merges.push(range);
        return;
      }
      case 'col': {
        const hidden = attrs.get('hidden');
        if (hidden !== '1' && hidden !== 'true') return;
        const min = parseIndex(attrs.get('min') ?? '');
        const max = parseIndex(attrs.get('max') ?? attrs.get('min') ?? '');
        if (!(min >= 1 && max >= min)) return;
        if (max > this.limits.maxColumns) throw beyond(`column ${max}`);
        for (let c = min - 1; c < max; c++) this.hiddenCols.push(c);
        return;
      }
      case 'dataValidation':
        this.dv = { list: attrs.get('type') === 'list', sqref: attrs.get('sqref') ?? '', formula: '' };
        return;
      case 'formula1':
        if (this.dv) {
          this.inFormula1 = true;
          this.capture = Capture.DvFormula;
        }
        return;
      case 'sqref':
        if (this.dv) this.capture = Capture.DvSqref;
        return;
      default:
        return;
    }
  }

  text(t: string): void {
    switch (this.capture) {
      case Capture.None:
        return;
      case Capture.V:
        this.v += t;
        return;
      case Capture.F:
        if (t.trim() !== '') this.isFormula = true;
        return;
      case Capture.InlineT:
        this.inline!.push(t);
        return;
      case Capture.DvFormula:
        this.dv!.formula += t;
        return;
      case Capture.DvSqref:
        this.dv!.sqref += t;
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 'f':
      case 't':
      case 'sqref':
        this.capture = this.inFormula1 ? Capture.DvFormula : Capture.None;
        if (name === 'sqref') this.capture = Capture.None;
        return;
      case 'rPh':
        this.rph--;
        return;
      case 'c':
        if (this.inSheetData) this.endCell();
        return;
      case 'row':
        if (this.inSheetData) this.endRow();
        return;
      case 'sheetData':
        this.inSheetData = false;
        return;
      case 'formula1':
        this.inFormula1 = false;
        this.capture = Capture.None;
        return;
      case 'dataValidation':
        if (this.dv?.list && this.dv.sqref.trim() !== '') this.validations.push({ sqref: this.dv.sqref, formula: this.dv.formula });
        this.dv = null;
        return;
      default:
        return;
    }
  }

  private endCell(): void {
    const format = this.style > 0 ? this.formats[this.style] : undefined;
    let raw: RawCell;
    const v = this.v;
    const t = this.type;
    if ((v !== null && v !== '') || this.inline !== null) {
      // A cell with a value: counted for the row's look (an empty shared string counts too, rarely).
      this.rowCells++;
      const look = this.style > 0 && this.style < this.looks.length ? this.looks[this.style] : 0;
      if (look & ITALIC) this.rowItalic++;
      if (look & GREY) this.rowGrey++;
    }
    // A formula's cached result is read as the value it shows; where it stands is kept, so a
    // grade that is a formula's result can be said to be one (--explain, 読み取った表).
    if (this.isFormula && v !== null && v !== '') this.formulaCell();
    if (this.isFormula && (v === null || v === '')) {
      // Never calculated: no value — and not a zero.
      this.uncached.push({ row: this.rowIndex, col: this.col });
      raw = null;
    } else if (this.inline !== null && t === 'inlineStr') {
      raw = decodeEscapes(this.inline.join(''));
    } else if (v === null) {
      raw = null;
    } else if (t === 's') {
      if (this.strings === null) throw new UnreadableWorkbookError('missing-strings', 'cells use shared strings, the file has none');
      const i = parseIndex(v);
      if (!(i >= 0 && i < this.strings.length)) throw new UnreadableWorkbookError('corrupt', `shared string ${v} does not exist`);
      raw = this.strings[i];
    } else if (t === 'str' || t === 'inlineStr') {
      raw = decodeEscapes(v);
    } else if (t === 'b') {
      const s = v.trim();
      raw = s !== '0' && s.toLowerCase() !== 'false';
    } else if (t === 'e') {
      raw = { error: v };
    } else if (t === 'd') {
      raw = isoTextToDate(v);
    } else {
      const n = Number(v);
      raw = v.trim() !== '' && Number.isFinite(n) ? n : v;
    }
    if (typeof raw === 'string' && raw.length > this.limits.maxCellChars) {
      throw new UnreadableWorkbookError('cell-too-long', `${raw.length} characters in one cell`);
    }
    // A later cell at the same column replaces an earlier one.
    this.row[this.col] = normaliseCell(raw, format, this.date1904);
  }

  /** Extends the column's run of formula cells, or starts one (bounded: MAX_FORMULA_RUNS). */
  private formulaCell(): void {
    const run = this.openRuns.get(this.col);
    if (run && run.bottom === this.rowIndex - 1) {
      run.bottom = this.rowIndex;
      return;
    }
    if (run && run.bottom === this.rowIndex) return;
    if (this.formulaRuns.length >= MAX_FORMULA_RUNS) return;
    const next = { top: this.rowIndex, bottom: this.rowIndex, left: this.col, right: this.col };
    this.formulaRuns.push(next);
    this.openRuns.set(this.col, next);
  }

  private endRow(): void {
    const cells = this.rowCells;
    if (cells > 0 && (this.rowItalic === cells || this.rowGrey === cells) && this.rowStyles.length < MAX_STYLED_ROWS) {
      const style: { row: number; italic?: true; grey?: true } = { row: this.rowIndex };
      if (this.rowItalic === cells) style.italic = true;
      if (this.rowGrey === cells) style.grey = true;
      this.rowStyles.push(style);
    }
    const values = this.row;
    let end = values.length;
    while (end > 0 && (values[end - 1] === null || values[end - 1] === undefined)) end--;
    if (end === 0) {
      // A repeated row replaces the earlier one, even with nothing in it.
      delete this.rows[this.rowIndex];
      return;
    }
    // A copy of exactly the row's length: the list the cells were set into has room for more,
    // and a sheet keeps every row.
    const row = values.slice(0, end);
    for (let i = 0; i < end; i++) if (row[i] === undefined) row[i] = null;
    this.rows[this.rowIndex] = row;
  }

  snapshot(name: string, visibility: SheetVisibility): SheetSnapshot {
    clearMergedSlaves(this.rows, this.merges);
    const sheet: SheetSnapshot = {
      name,
      visibility,
      rows: this.rows,
      merges: this.merges,
      hiddenRows: ascending(this.hiddenRows),
      hiddenCols: ascending(this.hiddenCols),
    };
    if (this.uncached.length > 0) sheet.uncachedFormulas = this.uncached;
    if (this.rowStyles.length > 0) sheet.rowStyles = this.rowStyles;
    if (this.formulaRuns.length > 0) sheet.formulaCells = this.formulaRuns;
    return sheet;
  }
}

/**
 * Styled rows kept per sheet: example rows are a handful at the top of a table; a sheet drawn
 * all in grey would otherwise keep one entry per row.
 */
const MAX_STYLED_ROWS = 10_000;
/**
 * Runs of formula cells kept per sheet: a column of formulas is one run, so a table's grade
 * column is a handful; a sheet of scattered formulas stops being recorded here (its values are
 * read all the same; only the "a formula's result" remark is lost).
 */
const MAX_FORMULA_RUNS = 10_000;

function beyond(what: string): UnreadableWorkbookError {
  return new UnreadableWorkbookError('beyond-limits', `${what} is beyond Excel's 1,048,576 rows × 16,384 columns`);
}

function ascending(list: number[]): number[] {
  const sorted = list.every((n, i) => i === 0 || n > list[i - 1]) ? list : [...new Set(list)].sort((a, b) => a - b);
  return sorted;
}

/** A decimal index without a sign; NaN for anything else (a 20-digit number is NaN too, not 1e20). */
function parseIndex(s: string): number {
  return indexIn(s, 0, s.length);
}

/** parseIndex of text[start, end). */
function indexIn(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return NaN;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** A cell's style index (`s`) as Number() reads it, without cutting the digits out first. */
function styleNumber(text: string, start: number, end: number): number {
  const n = indexIn(text, start, end);
  return n >= 0 ? n : Number(text.slice(start, end));
}

/**
 * `AB12` → 28, the 1-based column of text[start, end); 0 when it starts with no letter (the
 * cell after the last). Letters only: the row part is the row element's business. Past any
 * column there could be, Infinity.
 */
function columnLetters(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    let code = text.charCodeAt(i);
    if (code === 36) continue; // $
    if (code >= 97 && code <= 122) code -= 32;
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
    if (n > 2 ** 40) return Infinity;
  }
  return n;
}

/** `B3:D4`, `B3`, `$A$1:$A$4` → 0-based range; null when malformed. */
function parseRange(ref: string): CellRange | null {
  const [from, to = from] = ref.replace(/\$/g, '').split(':');
  const a = parseA1(from);
  const b = parseA1(to);
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/**
 * In a merged block only the master (top-left) cell holds the value, as Excel shows it.
 * Walks only the rows that exist, so a merge over a whole column costs nothing.
 */
export function clearMergedSlaves(rows: (CellValue[] | undefined)[], merges: readonly CellRange[]): void {
  if (merges.length === 0) return;
  const present: number[] = [];
  rows.forEach((_, r) => present.push(r)); // forEach skips the holes of a sparse array
  for (const m of merges) {
    let lo = 0;
    let hi = present.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (present[mid] < m.top) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < present.length && present[k] <= m.bottom; k++) {
      const r = present[k];
      const row = rows[r]!;
      for (let c = m.left; c <= m.right && c < row.length; c++) if (r !== m.top || c !== m.left) row[c] = null;
    }
  }
  // Trailing nulls trimmed and empty rows dropped, as if the slave cells had never been read.
  for (const r of present) {
    const row = rows[r]!;
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    if (row.length === 0) delete rows[r];
  }
}

// ---------------------------------------------------------------------------------------------
// Validation lists

const MAX_LIST_ITEMS = 1000;

function resolveValidations(
  raw: readonly RawValidation[],
  sheet: SheetSnapshot,
  sheets: readonly SheetSnapshot[],
  names: WorkbookPart['definedNames'],
): ValidationList[] {
  return raw.map(({ sqref, formula }) => ({
    ranges: sqref
      .trim()
      .split(/\s+/)
      .map(parseRange)
      .filter((r): r is CellRange => r !== null),
    items: listItems(formula.trim(), sheet, sheets, names, 0),
  }));
}

function listItems(formula: string, sheet: SheetSnapshot, sheets: readonly SheetSnapshot[], names: WorkbookPart['definedNames'], depth: number): string[] {
  const f = formula.startsWith('=') ? formula.slice(1) : formula;
  if (f.startsWith('"')) {
    // A literal list: "A,B,C,D" (the file always separates with commas, whatever the locale).
    const body = f.endsWith('"') && f.length > 1 ? f.slice(1, -1) : f.slice(1);
    return body
      .replace(/""/g, '"')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .slice(0, MAX_LIST_ITEMS);
  }
  const bang = f.lastIndexOf('!');
  let target: SheetSnapshot | undefined = sheet;
  let ref = f;
  if (bang >= 0) {
    let name = f.slice(0, bang);
    if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
    target = sheets.find((s) => s.name === name);
    ref = f.slice(bang + 1);
  }
  const range = parseRange(ref);
  if (!range) {
    // A defined name that holds the range (once: a name pointing at a name is not followed further).
    const sheetIndex = sheets.indexOf(sheet);
    const named = names.find((n) => n.name === f && n.sheet === sheetIndex) ?? names.find((n) => n.name === f && n.sheet === undefined);
    return named && depth === 0 ? listItems(named.formula.trim(), sheet, sheets, names, 1) : [];
  }
  if (!target) return [];
  const items: string[] = [];
  target.rows.forEach((row, r) => {
    if (r < range.top || r > range.bottom || !row) return;
    for (let c = range.left; c <= range.right && c < row.length; c++) {
      const v = row[c];
      if (!isBlank(v) && items.length < MAX_LIST_ITEMS) items.push(cellText(v).trim());
    }
  });
  return items;
}

// ---------------------------------------------------------------------------------------------
// Settings an add-in stored in the file

/**
 * Hyoka's own stored values longer than this (characters of the whole `<we:property …/>` tag)
 * are skipped with a notice rather than read: the XML reader refuses any single tag over
 * MAX_MARKUP_CHARS, and a workbook must never become unreadable because of what an add-in
 * stored in it (5,000 remembered highlights, a pasted 10 MB setting).
 */
export const MAX_STORED_PROPERTY_CHARS = 1024 * 1024;
/** Of a webextension part, only this much is read (the reference comes first; properties past it are skipped). */
const MAX_WEBEXTENSION_PART_BYTES = 64 * 1024 * 1024;

class PartTooLong extends Error {}

/**
 * The property bag of Hyoka's webextension (xl/webextensions/webextension*.xml, the part whose
 * `<we:reference id>` is HYOKA_ADDIN_ID): name → raw value (Office stores each value as JSON text).
 * Read with a small scanner of its own, not the workbook XML reader: another add-in's part is
 * not Hyoka's business (left as soon as its reference says whose it is, never refused), and a
 * property of Hyoka's too large to read is skipped and named in `skipped`. A bound on the whole
 * file (too-large, zip-bomb) still refuses it; a damaged webextension part is only left unread.
 */
function readStoredSettings(zip: ZipReader): { props: Record<string, string>; skipped: SkippedProperty[] } | undefined {
  const ours = HYOKA_ADDIN_ID.toLowerCase();
  for (const part of zip.entries.keys()) {
    if (!/^xl\/webextensions\/webextension[^/]*\.xml$/.test(part)) continue;
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      zip.inflate(part, (chunk) => {
        if (size + chunk.length > MAX_WEBEXTENSION_PART_BYTES) {
          chunks.push(chunk.subarray(0, MAX_WEBEXTENSION_PART_BYTES - size));
          throw new PartTooLong();
        }
        chunks.push(chunk.slice());
        size += chunk.length;
      });
    } catch (e) {
      if (isUnreadable(e) && (e.reason === 'too-large' || e.reason === 'zip-bomb')) throw e;
      if (!(e instanceof PartTooLong)) continue;
    }
    const found = scanWebExtension(decodePartText(chunks), ours);
    if (found) return found;
  }
  return undefined;
}

function decodePartText(chunks: Uint8Array[]): string {
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return new TextDecoder(utf16 ? (bytes[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'utf-8').decode(bytes);
}

/** A webextension part's reference and, when it is `ours`, its properties; null for another add-in's part. */
function scanWebExtension(text: string, ours: string): { props: Record<string, string>; skipped: SkippedProperty[] } | null {
  const props: Record<string, string> = {};
  const skipped: SkippedProperty[] = [];
  let reference: string | undefined;
  let inAlternates = false;
  let i = 0;
  while ((i = text.indexOf('<', i)) >= 0) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      i = end < 0 ? text.length : end + 3;
      continue;
    }
    if (text.startsWith('<?', i) || text.startsWith('<!', i)) {
      const end = text.indexOf('>', i);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    const end = tagEnd(text, i);
    const tag = text.slice(i, end < 0 ? Math.min(text.length, i + 4096) : Math.min(end + 1, i + MAX_STORED_PROPERTY_CHARS + 1));
    const chars = (end < 0 ? text.length : end + 1) - i;
    i = end < 0 ? text.length : end + 1;
    const m = /^<(\/?)(?:[\w.-]+:)?([\w.-]+)/.exec(tag);
    if (!m) continue;
    const [, closing, name] = m;
    if (name === 'alternateReferences') inAlternates = closing === '' && !tag.endsWith('/>');
    else if (name === 'reference' && !closing && !inAlternates && reference === undefined) {
      reference = attributesOf(tag).id;
      // Another add-in's part: its properties are its own, whatever their size.
      if (reference === undefined || reference.replace(/[{}]/g, '').toLowerCase() !== ours) return null;
    } else if (name === 'property' && !closing) {
      if (end < 0 || chars > MAX_STORED_PROPERTY_CHARS) {
        // Only the start of the tag is looked at: its name comes first, as Office writes it.
        skipped.push({ name: attributesOf(tag.slice(0, 4096)).name ?? '?', chars });
        continue;
      }
      const a = attributesOf(tag);
      if (a.name !== undefined && a.value !== undefined) props[a.name] = a.value;
    }
  }
  if (reference === undefined || reference.replace(/[{}]/g, '').toLowerCase() !== ours) return null;
  return { props, skipped };
}

/** Index of the `>` that ends the tag starting at `start` (quotes respected), -1 when it never ends. */
function tagEnd(text: string, start: number): number {
  let quote = 0;
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return j;
  }
  return -1;
}

/** A tag's attributes by local name, entity references decoded. */
function attributesOf(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/\s(?:[\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] ??= decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (whole, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

// ---------------------------------------------------------------------------------------------
// Sniffing the wrong kinds of file

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Tell the common wrong files apart before the zip reader gives a cryptic error. */
export function sniff(bytes: Uint8Array, fileName: string): void {
  if (bytes.length === 0) throw new UnreadableWorkbookError('empty-file');
  if (OLE2.every((b, i) => bytes[i] === b)) {
    // An encrypted .xlsx is an OLE2 container holding an "EncryptedPackage" stream.
    throw new UnreadableWorkbookError(containsUtf16(bytes, 'EncryptedPackage') ? 'encrypted' : 'legacy-xls');
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return; // PK: a zip
  let head = '';
  try {
    head = strFromU8(bytes.subarray(0, 2048));
  } catch {
    // not UTF-8 text: stays '' and is judged not printable below
    head = '\u0000';
  }
  const lines = head.split(/\r?\n/).filter((l) => l.length > 0);
  // eslint-disable-next-line no-control-regex -- binary bytes are exactly what we look for
  const printable = !/[\u0000-\u0008\u000e-\u001f]/.test(head);
  const csvLike = lines.length > 0 && lines.slice(0, 3).every((l) => /[,\t]/.test(l));
  if (printable && (csvLike || /\.(csv|tsv|txt)$/i.test(fileName))) throw new UnreadableWorkbookError('csv');
  throw new UnreadableWorkbookError('not-xlsx');
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern: number[] = [];
  for (const ch of text) pattern.push(ch.charCodeAt(0), 0);
  const limit = Math.min(bytes.length, 1 << 20) - pattern.length;
  outer: for (let i = 0; i < limit; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

/** Exported for tests: the zip layer's part-name normalisation. */
export { normalisePartName };
