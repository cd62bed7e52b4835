/// <reference types="office-js" />
/**
 * A small hand-written fake of the Excel object model: just the calls src/excel makes, with
 * Office.js's proxy rules (a loaded property can be read only after context.sync()). It
 * counts syncs, records every write, and behaves like real Excel where Microsoft's docs or
 * office-js issue threads say real Excel differs from the obvious:
 * - no fill reads as color #FFFFFF, pattern null, tintAndShade null (office-js #4900);
 * - a request or response above 5 MB fails with ResponsePayloadSizeLimitExceeded /
 *   RequestPayloadSizeLimitExceeded (docs: resource limits), and the batch is lost;
 * - getMergedAreasOrNullObject returns only areas whose top-left cell is inside the range
 *   (office-js #3611);
 * - a string starting with = + - @ written through `values` becomes a formula (typings of
 *   Range.values). That the `@` number format set first keeps it text is NOT documented: the
 *   fake assumes it only when a test sets `atFormatKeepsText` (the self-test checks it in real
 *   Excel). A StringCellValue written through `valuesAsJson` (ExcelApi 1.16) is a string.
 * - writing formats on a protected sheet fails the batch (AccessDenied).
 */
import type { CellRange } from '../../src/core';
import { columnIndex, columnLetter } from '../../src/core/a1';

export interface FakeCell {
  value: string | number | boolean | null;
  formula?: string;
  error?: boolean;
  numberFormat: string;
  /** null = no fill. */
  fill: string | null;
  hyperlink?: { documentReference?: string; textToDisplay?: string };
  bold?: boolean;
  fontColor?: string;
}

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: CellRange[] = [];
  hiddenRows = new Set<number>();
  hiddenCols = new Set<number>();
  /** Data-validation lists: ranges and the list source ("A,B,C,D"). */
  validations: { range: CellRange; source: string }[] = [];
  protected = false;
  charts: { name: string; title: string; deleted: boolean }[] = [];
  constructor(
    public name: string,
    public visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible',
  ) {}
  cell(r: number, c: number): FakeCell | undefined {
    return this.cells.get(`${r},${c}`);
  }
  ensure(r: number, c: number): FakeCell {
    let cell = this.cells.get(`${r},${c}`);
    if (!cell) this.cells.set(`${r},${c}`, (cell = { value: null, numberFormat: 'General', fill: null }));
    return cell;
  }
  /** Test setup: rows of values from A1 (or from the given 0-based row/col). */
  setRows(rows: (string | number | boolean | null)[][], top = 0, left = 0): this {
    rows.forEach((row, r) => row.forEach((v, c) => {
      if (v !== null) this.ensure(top + r, left + c).value = v;
    }));
    return this;
  }
  usedBox(): CellRange | null {
    let box: CellRange | null = null;
    for (const [key, cell] of this.cells) {
      if (cell.value === null && !cell.formula) continue;
      const [r, c] = key.split(',').map(Number);
      box = box
        ? { top: Math.min(box.top, r), left: Math.min(box.left, c), bottom: Math.max(box.bottom, r), right: Math.max(box.right, c) }
        : { top: r, left: c, bottom: r, right: c };
    }
    return box;
  }
}

export interface WriteRecord {
  sheet: string;
  cell: string;
  kind: 'value' | 'numberFormat' | 'fill' | 'hyperlink' | 'clear' | 'font' | 'add-sheet' | 'delete-sheet' | 'chart' | 'select';
  value?: unknown;
}

/** Excel on the web: 5 MB per request and per response (docs: resource limits). */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  settings = new Map<string, unknown>();
  syncs = 0;
  writes: WriteRecord[] = [];
  /** Cells loaded (values) in each sync, to check the read stays under Excel's limits. */
  cellsLoadedPerSync: number[] = [];
  /** Response bytes (values + numberFormat + valueTypes as JSON, UTF-8) of each sync. */
  responseBytesPerSync: number[] = [];
  /** Request bytes (values, numberFormat, valuesAsJson written) of each sync. */
  requestBytesPerSync: number[] = [];
  /** Syncs that failed on a payload limit, by error code. */
  payloadFailures: string[] = [];
  active: { sheet: string; cell: string | null } | null = null;
  /** Undocumented assumption, off unless a test opts in: `@` then `values` keeps "=x" text. */
  atFormatKeepsText = false;
  /** What the fake answers to isSetSupported('ExcelApi', v). */
  apiVersion = '1.17';
  payloadLimit = PAYLOAD_LIMIT;
  private pending: { apply: () => void; bytes: () => number }[] = [];
  private loadedCells = 0;
  private requestBytes = 0;
  private failure: Error | null = null;

  isSetSupported(name: string, version: string): boolean {
    if (name !== 'ExcelApi') return false;
    const [a, b] = this.apiVersion.split('.').map(Number);
    const [c, d] = version.split('.').map(Number);
    return a > c || (a === c && b >= (d ?? 0));
  }

  addSheet(name: string, visibility: FakeSheet['visibility'] = 'Visible'): FakeSheet {
    const s = new FakeSheet(name, visibility);
    this.sheets.push(s);
    return s;
  }
  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  context(): Excel.RequestContext {
    return new FakeContext(this) as unknown as Excel.RequestContext;
  }
  /** Run a batch the way Excel.run would. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return batch(this.context());
  }
  queueLoad(fn: () => void, cells = 0, bytes: () => number = () => 0): void {
    this.pending.push({ apply: fn, bytes });
    this.loadedCells += cells;
  }
  addRequestBytes(n: number): void {
    this.requestBytes += n;
  }
  failSync(e: Error): void {
    this.failure ??= e;
  }
  sync(): Promise<void> {
    this.syncs++;
    const p = this.pending;
    const cells = this.loadedCells;
    const request = this.requestBytes;
    const failure = this.failure;
    this.pending = [];
    this.loadedCells = 0;
    this.requestBytes = 0;
    this.failure = null;
    this.requestBytesPerSync.push(request);
    if (failure) return Promise.reject(failure);
    if (request > this.payloadLimit) return Promise.reject(this.payloadError('RequestPayloadSizeLimitExceeded'));
    const response = p.reduce((n, x) => n + x.bytes(), 0);
    if (response > this.payloadLimit) {
      this.cellsLoadedPerSync.push(0);
      this.responseBytesPerSync.push(0);
      return Promise.reject(this.payloadError('ResponsePayloadSizeLimitExceeded'));
    }
    this.cellsLoadedPerSync.push(cells);
    this.responseBytesPerSync.push(response);
    for (const x of p) x.apply();
    return Promise.resolve();
  }
  private payloadError(code: string): Error {
    this.payloadFailures.push(code);
    return Object.assign(new Error(`fake: ${code}`), { code });
  }
  record(w: WriteRecord): void {
    this.writes.push(w);
  }
}

class Loadable {
  protected loaded = false;
  protected need<T>(v: T): T {
    if (!this.loaded) throw new Error(`PropertyNotLoaded: ${this.constructor.name}`);
    return v;
  }
}

class FakeContext {
  workbook: { worksheets: FakeWorksheets; settings: FakeSettings };
  constructor(private wb: FakeWorkbook) {
    this.workbook = { worksheets: new FakeWorksheets(wb), settings: new FakeSettings(wb) };
  }
  sync(): Promise<void> {
    return this.wb.sync();
  }
}

class FakeSettings {
  constructor(private wb: FakeWorkbook) {}
  add(key: string, value: unknown): void {
    // Excel stores settings as JSON.
    this.wb.settings.set(key, JSON.parse(JSON.stringify(value)));
  }
  getItemOrNullObject(key: string) {
    const wb = this.wb;
    const item = new (class extends Loadable {
      private v: unknown = undefined;
      private exists = false;
      load() {
        wb.queueLoad(() => {
          this.loaded = true;
          this.exists = wb.settings.has(key);
          this.v = wb.settings.get(key);
        });
        return this;
      }
      get isNullObject() {
        return this.need(!this.exists);
      }
      get value() {
        return this.need(this.v);
      }
      delete() {
        wb.settings.delete(key);
      }
    })();
    return item;
  }
}

class FakeWorksheets extends Loadable {
  private snapshot: FakeWorksheet[] = [];
  constructor(private wb: FakeWorkbook) {
    super();
  }
  load(_props?: unknown) {
    this.wb.queueLoad(() => {
      this.loaded = true;
      this.snapshot = this.wb.sheets.map((s) => new FakeWorksheet(this.wb, s, true));
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    return this.need(this.snapshot);
  }
  getItem(name: string): FakeWorksheet {
    const s = this.wb.sheet(name);
    if (!s) throw new Error(`ItemNotFound: ${name}`);
    return new FakeWorksheet(this.wb, s, false);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    const s = this.wb.sheet(name);
    return s ? new FakeWorksheet(this.wb, s, false) : new FakeWorksheet(this.wb, null, false);
  }
  add(name: string): FakeWorksheet {
    if (this.wb.sheet(name)) throw new Error(`ItemAlreadyExists: ${name}`);
    this.wb.record({ sheet: name, cell: '', kind: 'add-sheet' });
    return new FakeWorksheet(this.wb, this.wb.addSheet(name), false);
  }
}

class FakeWorksheet {
  constructor(
    private wb: FakeWorkbook,
    private s: FakeSheet | null,
    private loadedNow: boolean,
  ) {}
  get isNullObject() {
    return this.s === null;
  }
  load(_props?: unknown) {
    this.wb.queueLoad(() => undefined);
    return this;
  }
  private sheet(): FakeSheet {
    if (!this.s) throw new Error('ItemNotFound');
    return this.s;
  }
  get name() {
    if (!this.loadedNow) throw new Error('PropertyNotLoaded: name');
    return this.sheet().name;
  }
  get visibility() {
    if (!this.loadedNow) throw new Error('PropertyNotLoaded: visibility');
    return this.sheet().visibility;
  }
  get charts() {
    const sheet = this.sheet();
    const wb = this.wb;
    const loadedNow = this.loadedNow;
    return {
      get items() {
        if (!loadedNow) throw new Error('PropertyNotLoaded: charts');
        return sheet.charts.filter((c) => !c.deleted).map((c) => ({ name: c.name, delete: () => ((c.deleted = true), wb.record({ sheet: sheet.name, cell: '', kind: 'chart', value: 'delete' })) }));
      },
      add(_type: string, _source: unknown, _by: string) {
        const chart = { name: `Chart ${sheet.charts.length + 1}`, title: '', deleted: false };
        sheet.charts.push(chart);
        wb.record({ sheet: sheet.name, cell: '', kind: 'chart', value: 'add' });
        return {
          title: {
            set text(t: string) {
              chart.title = t;
            },
          },
          setPosition() {},
          delete() {
            chart.deleted = true;
            wb.record({ sheet: sheet.name, cell: '', kind: 'chart', value: 'delete' });
          },
        };
      },
      getCount() {
        const result = { loaded: false, n: 0 };
        wb.queueLoad(() => {
          result.loaded = true;
          result.n = sheet.charts.filter((c) => !c.deleted).length;
        });
        return {
          get value() {
            if (!result.loaded) throw new Error('PropertyNotLoaded: value');
            return result.n;
          },
        };
      },
    };
  }
  activate() {
    this.wb.active = { sheet: this.sheet().name, cell: null };
  }
  get protection() {
    const sheet = this.s;
    const wb = this.wb;
    return new (class extends Loadable {
      load() {
        wb.queueLoad(() => (this.loaded = true));
        return this;
      }
      get protected() {
        return this.need(sheet?.protected ?? false);
      }
    })();
  }
  set visibility(v: FakeSheet['visibility']) {
    this.sheet().visibility = v;
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    const box = this.sheet().usedBox();
    return new FakeRange(this.wb, this.sheet(), box);
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.wb, this.sheet(), { top: r, left: c, bottom: r + rows - 1, right: c + cols - 1 });
  }
  getRange(address?: string): FakeRange {
    if (!address) return new FakeRange(this.wb, this.sheet(), { top: 0, left: 0, bottom: 1048575, right: 16383 }, true);
    const [a, b] = address.split(':');
    const p = (x: string) => {
      const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(x);
      if (!m) throw new Error(`InvalidArgument: ${address}`);
      return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
    };
    const s = p(a);
    const e = b ? p(b) : s;
    return new FakeRange(this.wb, this.sheet(), { top: s.row, left: s.col, bottom: e.row, right: e.col });
  }
}

const INTERPRETED = /^[=+\-@]./;

class FakeRange extends Loadable {
  private data: { values: unknown[][]; numberFormat: string[][]; valueTypes: string[][] } | null = null;
  constructor(
    private wb: FakeWorkbook,
    private s: FakeSheet,
    private box: CellRange | null,
    private whole = false,
  ) {
    super();
  }
  get isNullObject() {
    return this.need(this.box === null);
  }
  private rect(): CellRange {
    if (!this.box) throw new Error('null object');
    return this.box;
  }
  private addr(r: number, c: number): string {
    return `${columnLetter(c)}${r + 1}`;
  }
  private extra: { formulas?: unknown[][]; rowHidden?: boolean | null; columnHidden?: boolean | null; address?: string } = {};
  load(props?: unknown) {
    const box = this.box;
    const list = typeof props === 'string' ? props.split(',').map((x) => x.trim()) : [];
    const withValues = list.includes('values');
    const cells = box && withValues ? (box.bottom - box.top + 1) * (box.right - box.left + 1) : 0;
    const read = () => {
      const values: unknown[][] = [];
      const formats: string[][] = [];
      const types: string[][] = [];
      const formulas: unknown[][] = [];
      if (!box || this.whole) return { values, numberFormat: formats, valueTypes: types, formulas };
      for (let r = box.top; r <= box.bottom; r++) {
        const vr: unknown[] = [];
        const fr: string[] = [];
        const tr: string[] = [];
        const fo: unknown[] = [];
        for (let c = box.left; c <= box.right; c++) {
          const cell = this.s.cell(r, c);
          const v = cell?.value ?? '';
          vr.push(v);
          fr.push(cell?.numberFormat ?? 'General');
          tr.push(cell?.error ? 'Error' : v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String');
          fo.push(cell?.formula ?? v);
        }
        values.push(vr);
        formats.push(fr);
        types.push(tr);
        formulas.push(fo);
      }
      return { values, numberFormat: formats, valueTypes: types, formulas };
    };
    // What the response would weigh: each loaded grid as JSON, in UTF-8 (Japanese: 3 bytes a character).
    const bytes = () => {
      if (!box || this.whole) return 0;
      const d = read();
      let n = 0;
      for (const key of ['values', 'numberFormat', 'valueTypes', 'formulas'] as const) if (list.includes(key)) n += Buffer.byteLength(JSON.stringify(d[key]));
      return n;
    };
    this.wb.queueLoad(
      () => {
        this.loaded = true;
        if (!box || this.whole) return;
        const d = read();
        this.data = { values: d.values, numberFormat: d.numberFormat, valueTypes: d.valueTypes };
        this.extra.formulas = d.formulas;
        const rows = [...Array(box.bottom - box.top + 1).keys()].map((i) => this.s.hiddenRows.has(box.top + i));
        const cols = [...Array(box.right - box.left + 1).keys()].map((i) => this.s.hiddenCols.has(box.left + i));
        // Real Excel: true if all are hidden, false if none, null if mixed.
        const tri = (xs: boolean[]) => (xs.every(Boolean) ? true : xs.some(Boolean) ? null : false);
        this.extra.rowHidden = tri(rows);
        this.extra.columnHidden = tri(cols);
        this.extra.address = `'${this.s.name}'!${this.addr(box.top, box.left)}:${this.addr(box.bottom, box.right)}`;
      },
      cells,
      bytes,
    );
    return this;
  }
  get formulas() {
    return this.need(this.extra.formulas)!;
  }
  get rowHidden() {
    return this.need(this.extra.rowHidden);
  }
  get columnHidden() {
    return this.need(this.extra.columnHidden);
  }
  get address() {
    return this.need(this.extra.address);
  }
  get dataValidation() {
    const s = this.s;
    const b = this.rect();
    const wb = this.wb;
    return new (class extends Loadable {
      private kind = 'None';
      private source = '';
      load() {
        wb.queueLoad(() => {
          this.loaded = true;
          // Per cell: which rule covers it; the range reports a type only when all agree.
          const seen = new Set<string>();
          for (let r = b.top; r <= b.bottom; r++)
            for (let c = b.left; c <= b.right; c++) {
              const v = s.validations.find((x) => r >= x.range.top && r <= x.range.bottom && c >= x.range.left && c <= x.range.right);
              seen.add(v ? `L${v.source}` : 'N');
            }
          if (seen.size > 1) this.kind = 'Inconsistent';
          else {
            const only = [...seen][0];
            this.kind = only === 'N' ? 'None' : 'List';
            this.source = only.slice(1);
          }
        });
        return this;
      }
      get type() {
        return this.need(this.kind);
      }
      get rule() {
        return this.need(this.kind === 'List' ? { list: { inCellDropDown: true, source: this.source } } : {});
      }
    })();
  }
  untrack() {
    return this;
  }
  get rowIndex() {
    return this.need(this.rect().top);
  }
  get columnIndex() {
    return this.need(this.rect().left);
  }
  get rowCount() {
    return this.need(this.rect().bottom - this.rect().top + 1);
  }
  get columnCount() {
    return this.need(this.rect().right - this.rect().left + 1);
  }
  get values() {
    return this.need(this.data)!.values;
  }
  get numberFormat(): string[][] {
    return this.need(this.data)!.numberFormat;
  }
  get valueTypes() {
    return this.need(this.data)!.valueTypes;
  }
  private each(fn: (r: number, c: number, i: number, j: number) => void) {
    const b = this.rect();
    for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) fn(r, c, r - b.top, c - b.left);
  }
  set numberFormat(formats: string[][]) {
    this.wb.addRequestBytes(Buffer.byteLength(JSON.stringify(formats)));
    this.guardProtected();
    this.each((r, c, i, j) => {
      this.s.ensure(r, c).numberFormat = formats[i][j];
      this.wb.record({ sheet: this.s.name, cell: this.addr(r, c), kind: 'numberFormat', value: formats[i][j] });
    });
  }
  private guardProtected() {
    if (this.s.protected) this.wb.failSync(Object.assign(new Error(`fake: AccessDenied (${this.s.name} is protected)`), { code: 'AccessDenied' }));
  }
  set valuesAsJson(values: { type: string; basicValue?: unknown }[][]) {
    this.wb.addRequestBytes(Buffer.byteLength(JSON.stringify(values)));
    this.guardProtected();
    this.each((r, c, i, j) => {
      const cell = this.s.ensure(r, c);
      const v = values[i][j];
      this.wb.record({ sheet: this.s.name, cell: this.addr(r, c), kind: 'value', value: v.basicValue });
      delete cell.formula;
      if (v.type === 'String') cell.value = String(v.basicValue ?? '');
      else if (v.type === 'Double') cell.value = Number(v.basicValue);
      else if (v.type === 'Boolean') cell.value = Boolean(v.basicValue);
      else if (v.type === 'Empty') cell.value = null;
      else throw new Error(`fake: valuesAsJson type ${v.type} not modelled`);
    });
  }
  set values(values: unknown[][]) {
    this.wb.addRequestBytes(Buffer.byteLength(JSON.stringify(values)));
    this.guardProtected();
    this.each((r, c, i, j) => {
      const cell = this.s.ensure(r, c);
      const v = values[i][j] as string | number | boolean;
      this.wb.record({ sheet: this.s.name, cell: this.addr(r, c), kind: 'value', value: v });
      if (typeof v === 'string' && INTERPRETED.test(v) && !(cell.numberFormat === '@' && this.wb.atFormatKeepsText)) {
        cell.formula = v.startsWith('=') ? v : `=${v}`;
        cell.value = '#FORMULA';
      } else {
        delete cell.formula;
        cell.value = v === '' ? null : v;
      }
    });
  }
  get hyperlink(): { documentReference?: string; textToDisplay?: string } {
    this.need(true);
    const b = this.rect();
    return this.s.cell(b.top, b.left)?.hyperlink ?? {};
  }
  merge(_across?: boolean) {
    this.s.merges.push({ ...this.rect() });
  }
  getSpecialCellsOrNullObject(type: string) {
    if (type !== 'Formulas') throw new Error(`fake: special cells ${type} not modelled`);
    const b = this.rect();
    const s = this.s;
    const wb = this.wb;
    const found: string[] = [];
    return new (class extends Loadable {
      load() {
        wb.queueLoad(() => {
          this.loaded = true;
          for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) if (s.cell(r, c)?.formula) found.push(`${columnLetter(c)}${r + 1}`);
        });
        return this;
      }
      get isNullObject() {
        return this.need(found.length === 0);
      }
      get address() {
        return this.need(found.join(','));
      }
    })();
  }
  set hyperlink(link: { documentReference?: string; textToDisplay?: string }) {
    this.each((r, c) => {
      const cell = this.s.ensure(r, c);
      cell.hyperlink = link;
      if (link.textToDisplay !== undefined) cell.value = link.textToDisplay;
      this.wb.record({ sheet: this.s.name, cell: this.addr(r, c), kind: 'hyperlink', value: link });
    });
  }
  clear() {
    if (this.whole) {
      this.s.cells.clear();
      this.s.merges = [];
    } else this.each((r, c) => this.s.cells.delete(`${r},${c}`));
    this.wb.record({ sheet: this.s.name, cell: this.whole ? '*' : this.addr(this.rect().top, this.rect().left), kind: 'clear' });
  }
  select() {
    this.wb.active = { sheet: this.s.name, cell: this.addr(this.rect().top, this.rect().left) };
    this.wb.record({ sheet: this.s.name, cell: this.addr(this.rect().top, this.rect().left), kind: 'select' });
  }
  getMergedAreasOrNullObject() {
    const b = this.rect();
    const wb = this.wb;
    const s = this.s;
    if ((b.bottom - b.top + 1) * (b.right - b.left + 1) > 100_000) throw new Error('fake: merged-area request too big');
    // office-js #3611: only areas whose top-left cell lies inside the range asked for.
    const areas = s.merges.filter((m) => m.top >= b.top && m.top <= b.bottom && m.left >= b.left && m.left <= b.right);
    if (areas.length > 512) throw new Error('fake: more than 512 merged areas in one call');
    return new (class extends Loadable {
      load() {
        wb.queueLoad(() => (this.loaded = true));
        return this;
      }
      get isNullObject() {
        return this.need(areas.length === 0);
      }
      get areas() {
        return this.need({
          items: areas.map((m) => ({ address: `'${s.name}'!${columnLetter(m.left)}${m.top + 1}:${columnLetter(m.right)}${m.bottom + 1}` })),
        });
      }
    })();
  }
  private formatProxy: ReturnType<FakeRange['makeFormat']> | null = null;
  /** Office.js hands out the same navigation proxy each time (range.format.fill twice is one object). */
  get format() {
    return (this.formatProxy ??= this.makeFormat());
  }
  private makeFormat() {
    const range = {
      each: (fn: (r: number, c: number, i: number, j: number) => void) => this.each(fn),
      rect: () => this.rect(),
      addr: (r: number, c: number) => this.addr(r, c),
    };
    const wb = this.wb;
    const s = this.s;
    const guard = () => this.guardProtected();
    return {
      set columnWidth(_w: number) {},
      set horizontalAlignment(_a: string) {},
      font: {
        set bold(b: boolean) {
          range.each((r, c) => (s.ensure(r, c).bold = b));
        },
        set color(col: string) {
          range.each((r, c) => (s.ensure(r, c).fontColor = col));
        },
      },
      fill: new (class extends Loadable {
        private colour: string | null = null;
        load() {
          wb.queueLoad(() => {
            this.loaded = true;
            const b = range.rect();
            this.colour = s.cell(b.top, b.left)?.fill ?? null;
          });
          return this;
        }
        // office-js #4900: no fill and a white fill both read #FFFFFF with pattern null;
        // only tintAndShade tells them apart (null = no fill).
        get color(): string {
          return this.need(this.colour ?? '#FFFFFF');
        }
        set color(col: string) {
          guard();
          range.each((r, c) => {
            s.ensure(r, c).fill = col;
            wb.record({ sheet: s.name, cell: range.addr(r, c), kind: 'fill', value: col });
          });
        }
        get pattern(): string | null {
          return this.need(null);
        }
        get tintAndShade(): number | null {
          return this.need(this.colour === null ? null : 0);
        }
        clear() {
          guard();
          range.each((r, c) => {
            const cell = s.cell(r, c);
            if (cell) cell.fill = null;
            wb.record({ sheet: s.name, cell: range.addr(r, c), kind: 'fill', value: null });
          });
        }
      })(),
    };
  }
}

/** Everything a person could see change in a sheet, for "untouched" assertions. */
export function sheetState(sheet: FakeSheet): string {
  const entries = [...sheet.cells.entries()].filter(([, c]) => c.value !== null || c.formula || c.fill || c.hyperlink);
  entries.sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({ entries, merges: sheet.merges, visibility: sheet.visibility });
}
