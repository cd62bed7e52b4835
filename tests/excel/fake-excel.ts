/// <reference types="office-js" />
/**
 * A small hand-written fake of the Excel object model: just the calls src/excel makes, with
 * Office.js's proxy rules (a loaded property can be read only after context.sync()). It
 * counts syncs, records every write, and models the one Excel behaviour the writer must
 * defend against: a string such as "=SUM(A1)", "+1", "-1" or "@x" written into a cell that is
 * not text-formatted becomes a formula.
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

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  settings = new Map<string, unknown>();
  syncs = 0;
  writes: WriteRecord[] = [];
  /** Cells loaded (values) in each sync, to check the read stays under Excel's limits. */
  cellsLoadedPerSync: number[] = [];
  active: { sheet: string; cell: string | null } | null = null;
  private pending: (() => void)[] = [];
  private loadedCells = 0;

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
  queueLoad(fn: () => void, cells = 0): void {
    this.pending.push(fn);
    this.loadedCells += cells;
  }
  sync(): Promise<void> {
    this.syncs++;
    this.cellsLoadedPerSync.push(this.loadedCells);
    this.loadedCells = 0;
    const p = this.pending;
    this.pending = [];
    for (const fn of p) fn();
    return Promise.resolve();
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
        };
      },
    };
  }
  activate() {
    this.wb.active = { sheet: this.sheet().name, cell: null };
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
  load(props?: unknown) {
    const box = this.box;
    const withValues = typeof props === 'string' && props.includes('values');
    const cells = box && withValues ? (box.bottom - box.top + 1) * (box.right - box.left + 1) : 0;
    this.wb.queueLoad(() => {
      this.loaded = true;
      if (!box || this.whole) return;
      const values: unknown[][] = [];
      const formats: string[][] = [];
      const types: string[][] = [];
      for (let r = box.top; r <= box.bottom; r++) {
        const vr: unknown[] = [];
        const fr: string[] = [];
        const tr: string[] = [];
        for (let c = box.left; c <= box.right; c++) {
          const cell = this.s.cell(r, c);
          const v = cell?.value ?? '';
          vr.push(v);
          fr.push(cell?.numberFormat ?? 'General');
          tr.push(cell?.error ? 'Error' : v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String');
        }
        values.push(vr);
        formats.push(fr);
        types.push(tr);
      }
      this.data = { values, numberFormat: formats, valueTypes: types };
    }, cells);
    return this;
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
    this.each((r, c, i, j) => {
      this.s.ensure(r, c).numberFormat = formats[i][j];
      this.wb.record({ sheet: this.s.name, cell: this.addr(r, c), kind: 'numberFormat', value: formats[i][j] });
    });
  }
  set values(values: unknown[][]) {
    this.each((r, c, i, j) => {
      const cell = this.s.ensure(r, c);
      const v = values[i][j] as string | number | boolean;
      this.wb.record({ sheet: this.s.name, cell: this.addr(r, c), kind: 'value', value: v });
      if (typeof v === 'string' && INTERPRETED.test(v) && cell.numberFormat !== '@') {
        cell.formula = v.startsWith('=') ? v : `=${v}`;
        cell.value = '#FORMULA';
      } else {
        delete cell.formula;
        cell.value = v === '' ? null : v;
      }
    });
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
    const areas = s.merges.filter((m) => m.top <= b.bottom && m.bottom >= b.top && m.left <= b.right && m.right >= b.left);
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
  get format() {
    const range = {
      each: (fn: (r: number, c: number, i: number, j: number) => void) => this.each(fn),
      rect: () => this.rect(),
      addr: (r: number, c: number) => this.addr(r, c),
    };
    const wb = this.wb;
    const s = this.s;
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
        get color(): string {
          return this.need(this.colour ?? '#FFFFFF');
        }
        set color(col: string) {
          range.each((r, c) => {
            s.ensure(r, c).fill = col;
            wb.record({ sheet: s.name, cell: range.addr(r, c), kind: 'fill', value: col });
          });
        }
        get pattern(): string {
          return this.need(this.colour === null ? 'None' : 'Solid');
        }
        clear() {
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
