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
 *   Excel). A StringCellValue written through `valuesAsJson` (ExcelApi 1.16) is a string —
 *   but only on a library that defines it (`wb.library = 'newer'`): the bundled
 *   @microsoft/office-js 1.1.110 has no `Range.valuesAsJson`, and assigning it there is a plain
 *   JS property that never reaches the workbook (EXCEL-FACTS.md, "library vs host");
 * - writing formats on a protected sheet fails the batch (AccessDenied);
 * - cell notes (`Worksheet.notes`, ExcelApi 1.18) exist only on a library that defines them
 *   (`wb.library = 'newer'`; the bundled 1.1.110 stops at 1.15), threaded comments
 *   (`Worksheet.comments`, ExcelApi 1.10) on both; on a host below the set the call reaches
 *   Excel and the batch fails (ApiNotFound). `getItemAt` past the end fails it (ItemNotFound).
 *   Every call to either is counted (`annotationCalls`).
 */
import type { CellRange } from '../../src/core';
import { columnIndex, columnLetter } from '../../src/core/a1';
import { capabilities, LIBRARY_MARKERS, type Capabilities, type OfficeLibrary } from '../../src/excel/capability';
import type { LiveEnvironment } from '../../src/excel/live-port';
import { HYOKA_STATE_NAMESPACE, rootNamespace, stateFromXml, type WorkbookState } from '../../src/core/workbook-state';

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
  /** Sheet-scoped defined names (ExcelApi 1.4): name → reference ("=Sheet!$A$1"). */
  names = new Map<string, string>();
  charts: { name: string; title: string; deleted: boolean }[] = [];
  /** Cell notes (メモ, ExcelApi 1.18) and threaded comments (ExcelApi 1.10), 0-based, in the order Excel lists them. */
  notes: { row: number; col: number; text: string }[] = [];
  comments: { row: number; col: number; text: string }[] = [];
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
  /** Custom XML parts (ExcelApi 1.5), as the file keeps them. */
  xmlParts: FakeXmlPart[] = [];
  /**
   * The Office.js library the fake models: 'bundled' = the members of @microsoft/office-js
   * 1.1.110 (ExcelApi ≤ 1.15, no valuesAsJson); 'newer' = a library defining ExcelApi 1.16.
   */
  library: 'bundled' | 'newer' = 'bundled';
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

  /** Hyoka's state part as the file would hold it (null: none), parsed. */
  storedState(): WorkbookState | null {
    const part = this.xmlParts.find((p) => rootNamespace(p.xml) === HYOKA_STATE_NAMESPACE);
    if (!part) return null;
    const reading = stateFromXml(part.xml);
    if (!reading.ok) throw new Error(reading.problem);
    return reading.state;
  }
  /** Sheets carrying Hyoka's output marker (a sheet-scoped name). */
  markedSheets(): string[] {
    return this.sheets.filter((s) => [...s.names.keys()].some((n) => n.toLowerCase() === '_hyoka_output')).map((s) => s.name);
  }
  /** The modelled library, as the live port sees it. */
  officeLibrary(): OfficeLibrary {
    return fakeLibrary(this.library);
  }
  /** What the live adapter may use on this fake: host sets AND library members. */
  caps(): Capabilities {
    return capabilities((n, v) => this.isSetSupported(n, v), this.officeLibrary());
  }
  /** A LiveEnvironment on this fake (desktop, unsaved), to spread and override. */
  env(): LiveEnvironment {
    return { run: (b) => this.run(b), isSetSupported: (n, v) => this.isSetSupported(n, v), library: this.officeLibrary(), web: false, fileName: null };
  }
  /** Calls that reached Worksheet.notes / Worksheet.comments (or their items). */
  annotationCalls = 0;
  newWorksheet(sheet: FakeSheet | null, loadedNow: boolean): FakeWorksheet {
    return this.library === 'newer' ? new FakeWorksheetWithNotes(this, sheet, loadedNow) : new FakeWorksheet(this, sheet, loadedNow);
  }
  /** A call to an API the host lacks reaches Excel and fails the batch (ApiNotFound). */
  requireSet(version: string, what: string): void {
    if (!this.isSetSupported('ExcelApi', version)) this.failSync(Object.assign(new Error(`fake: ApiNotFound (${what}, ExcelApi ${version})`), { code: 'ApiNotFound' }));
  }
  newRange(sheet: FakeSheet, box: CellRange | null, whole = false): FakeRange {
    return this.library === 'newer' ? new FakeRangeWithJson(this, sheet, box, whole) : new FakeRange(this, sheet, box, whole);
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
    return new FakeRequestContext(this) as unknown as Excel.RequestContext;
  }
  /** Run a batch the way Excel.run would. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return batch(this.context());
  }
  queueLoad(fn: () => void, cells = 0, bytes: () => number = () => 0): void {
    this.pending.push({ apply: fn, bytes });
    this.loadedCells += cells;
  }
  /** A write Excel applies at the next sync, in queue order (custom XML parts, names). */
  queueWrite(fn: () => void): void {
    this.pending.push({ apply: fn, bytes: () => 0 });
  }
  addRequestBytes(n: number): void {
    this.requestBytes += n;
  }
  failSync(e: Error): void {
    this.failure ??= e;
  }
  /**
   * Cell edit mode: with `delayForCellEdit` Excel holds each request until the edit ends
   * (typings of Excel.run; office-js #806). While editing, a sync is sent (counted, its queue
   * taken) but answered only when endCellEdit() is called.
   */
  startCellEdit(): void {
    this.editing ??= new Promise<void>((resolve) => (this.endEditing = resolve));
  }
  endCellEdit(): void {
    this.endEditing?.();
    this.editing = null;
    this.endEditing = null;
  }
  private editing: Promise<void> | null = null;
  private endEditing: (() => void) | null = null;

  sync(): Promise<void> {
    const held = this.editing;
    const answer = this.answerSync();
    return held ? held.then(answer) : answer();
  }
  /** Takes the queue now (what was sent), applies it when answered. */
  private answerSync(): () => Promise<void> {
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
    return () => {
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
      try {
        for (const x of p) x.apply();
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
      return Promise.resolve();
    };
  }
  private payloadError(code: string): Error {
    this.payloadFailures.push(code);
    return Object.assign(new Error(`fake: ${code}`), { code });
  }
  record(w: WriteRecord): void {
    this.writes.push(w);
  }
}

/**
 * Every fake class stands for one Excel class (its `static excelClass`). Members an add-in could
 * touch are the Excel member names; the fake's own helpers start with `_`.
 * tests/excel/library-fidelity.test.ts fails if a fake class defines a member the bundled
 * Office.js library lacks on that class's prototype.
 */
class Loadable {
  protected _loaded = false;
  protected _need<T>(v: T): T {
    if (!this._loaded) throw new Error(`PropertyNotLoaded: ${this.constructor.name}`);
    return v;
  }
}

/** OfficeExtension.ClientResult: not an Excel class. */
class FakeClientResult<T> {
  _loaded = false;
  _v!: T;
  get value(): T {
    if (!this._loaded) throw new Error('PropertyNotLoaded: value');
    return this._v;
  }
}

export class FakeRequestContext {
  static excelClass = 'RequestContext';
  workbook: FakeWorkbookObject;
  constructor(private _wb: FakeWorkbook) {
    this.workbook = new FakeWorkbookObject(_wb);
  }
  sync(): Promise<void> {
    return this._wb.sync();
  }
}

export class FakeWorkbookObject {
  static excelClass = 'Workbook';
  constructor(private _wb: FakeWorkbook) {}
  get worksheets() {
    return new FakeWorksheetCollection(this._wb);
  }
  get settings() {
    return new FakeSettingCollection(this._wb);
  }
  get customXmlParts() {
    return new FakeCustomXmlPartCollection(this._wb);
  }
}

export class FakeSettingCollection {
  static excelClass = 'SettingCollection';
  constructor(private _wb: FakeWorkbook) {}
  add(key: string, value: unknown): void {
    // Excel stores settings as JSON.
    this._wb.settings.set(key, JSON.parse(JSON.stringify(value)));
  }
  getItemOrNullObject(key: string) {
    return new FakeSetting(this._wb, key);
  }
}

export class FakeSetting extends Loadable {
  static excelClass = 'Setting';
  private _v: unknown = undefined;
  private _exists = false;
  constructor(
    private _wb: FakeWorkbook,
    private _key: string,
  ) {
    super();
  }
  load() {
    this._wb.queueLoad(() => {
      this._loaded = true;
      this._exists = this._wb.settings.has(this._key);
      this._v = this._wb.settings.get(this._key);
    });
    return this;
  }
  get isNullObject() {
    return this._need(!this._exists);
  }
  get value() {
    return this._need(this._v);
  }
  delete() {
    this._wb.settings.delete(this._key);
  }
}

/** A custom XML part as Excel stores it in the file (customXml/itemN.xml). */
export interface FakeXmlPart {
  id: string;
  xml: string;
}

/** Excel matches getByNamespace against the root element's namespace. */
function namespaceOf(xml: string): string {
  return rootNamespace(xml) ?? '';
}

export class FakeCustomXmlPartCollection {
  static excelClass = 'CustomXmlPartCollection';
  constructor(private _wb: FakeWorkbook) {}
  add(xml: string) {
    const part: FakeXmlPart = { id: `{${String(this._wb.xmlParts.length + 1).padStart(8, '0')}-0000-4000-8000-000000000000}`, xml };
    this._wb.queueWrite(() => this._wb.xmlParts.push(part));
    return new FakeCustomXmlPart(this._wb, () => part);
  }
  getByNamespace(namespaceUri: string) {
    return new FakeCustomXmlPartScopedCollection(this._wb, namespaceUri);
  }
}

export class FakeCustomXmlPartScopedCollection extends Loadable {
  static excelClass = 'CustomXmlPartScopedCollection';
  private _found: FakeXmlPart[] = [];
  constructor(
    private _wb: FakeWorkbook,
    private _ns: string,
  ) {
    super();
  }
  private _match() {
    return this._wb.xmlParts.filter((p) => namespaceOf(p.xml) === this._ns);
  }
  load() {
    this._wb.queueLoad(() => {
      this._loaded = true;
      this._found = this._match();
    });
    return this;
  }
  get items() {
    return this._need(this._found).map((p) => new FakeCustomXmlPart(this._wb, () => p, true));
  }
  getCount() {
    const r = new FakeClientResult<number>();
    this._wb.queueLoad(() => {
      r._loaded = true;
      r._v = this._match().length;
    });
    return r;
  }
  getOnlyItemOrNullObject() {
    // Excel: null object unless exactly one part has the namespace (resolved at sync).
    return new FakeCustomXmlPart(this._wb, () => {
      const found = this._match();
      return found.length === 1 ? found[0] : null;
    });
  }
}

export class FakeCustomXmlPart extends Loadable {
  static excelClass = 'CustomXmlPart';
  private _part: FakeXmlPart | null = null;
  constructor(
    private _wb: FakeWorkbook,
    private _resolve: () => FakeXmlPart | null,
    loadedNow = false,
  ) {
    super();
    if (loadedNow) {
      this._loaded = true;
      this._part = _resolve();
    }
  }
  load() {
    this._wb.queueLoad(() => {
      this._loaded = true;
      this._part = this._resolve();
    });
    return this;
  }
  get isNullObject() {
    return this._need(this._part === null);
  }
  get id() {
    return this._need(this._part?.id ?? '');
  }
  get namespaceUri() {
    return this._need(this._part ? namespaceOf(this._part.xml) : '');
  }
  getXml() {
    const r = new FakeClientResult<string>();
    this._wb.queueLoad(() => {
      const part = this._resolve();
      if (!part) throw new Error('fake: ItemNotFound (custom XML part)');
      r._loaded = true;
      r._v = part.xml;
    });
    return r;
  }
  setXml(xml: string) {
    this._wb.addRequestBytes(Buffer.byteLength(xml));
    this._wb.queueWrite(() => {
      const part = this._resolve();
      if (!part) throw new Error('fake: ItemNotFound (custom XML part)');
      part.xml = xml;
    });
  }
  delete() {
    this._wb.queueWrite(() => {
      const part = this._resolve();
      if (part) this._wb.xmlParts = this._wb.xmlParts.filter((p) => p !== part);
    });
  }
}

export class FakeWorksheetCollection extends Loadable {
  static excelClass = 'WorksheetCollection';
  private _snapshot: FakeWorksheet[] = [];
  constructor(private _wb: FakeWorkbook) {
    super();
  }
  load(_props?: unknown) {
    this._wb.queueLoad(() => {
      this._loaded = true;
      this._snapshot = this._wb.sheets.map((s) => this._wb.newWorksheet(s, true));
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    return this._need(this._snapshot);
  }
  getItem(name: string): FakeWorksheet {
    const s = this._wb.sheet(name);
    if (!s) throw new Error(`ItemNotFound: ${name}`);
    return this._wb.newWorksheet(s, false);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    const s = this._wb.sheet(name);
    return this._wb.newWorksheet(s ?? null, false);
  }
  add(name: string): FakeWorksheet {
    if (this._wb.sheet(name)) throw new Error(`ItemAlreadyExists: ${name}`);
    this._wb.record({ sheet: name, cell: '', kind: 'add-sheet' });
    return this._wb.newWorksheet(this._wb.addSheet(name), false);
  }
}

export class FakeWorksheet {
  static excelClass = 'Worksheet';
  constructor(
    protected _wb: FakeWorkbook,
    protected _s: FakeSheet | null,
    protected _loadedNow: boolean,
  ) {}
  get isNullObject() {
    return this._s === null;
  }
  load(_props?: unknown) {
    this._wb.queueLoad(() => undefined);
    return this;
  }
  protected _sheet(): FakeSheet {
    if (!this._s) throw new Error('ItemNotFound');
    return this._s;
  }
  get comments() {
    this._wb.annotationCalls++;
    this._wb.requireSet('1.10', 'Worksheet.comments');
    return new FakeCommentCollection(this._wb, this._sheet(), 'comments');
  }
  get name() {
    if (!this._loadedNow) throw new Error('PropertyNotLoaded: name');
    return this._sheet().name;
  }
  get visibility() {
    if (!this._loadedNow) throw new Error('PropertyNotLoaded: visibility');
    return this._sheet().visibility;
  }
  set visibility(v: FakeSheet['visibility']) {
    this._sheet().visibility = v;
  }
  get charts() {
    return new FakeChartCollection(this._wb, this._sheet(), this._loadedNow);
  }
  get names() {
    return new FakeNamedItemCollection(this._wb, this._sheet(), this._loadedNow);
  }
  activate() {
    this._wb.active = { sheet: this._sheet().name, cell: null };
  }
  get protection() {
    return new FakeWorksheetProtection(this._wb, this._s);
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    const box = this._sheet().usedBox();
    return this._wb.newRange(this._sheet(), box);
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): FakeRange {
    return this._wb.newRange(this._sheet(), { top: r, left: c, bottom: r + rows - 1, right: c + cols - 1 });
  }
  getRange(address?: string): FakeRange {
    if (!address) return this._wb.newRange(this._sheet(), { top: 0, left: 0, bottom: 1048575, right: 16383 }, true);
    const [a, b] = address.split(':');
    const p = (x: string) => {
      const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(x);
      if (!m) throw new Error(`InvalidArgument: ${address}`);
      return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
    };
    const s = p(a);
    const e = b ? p(b) : s;
    return this._wb.newRange(this._sheet(), { top: s.row, left: s.col, bottom: e.row, right: e.col });
  }
}

/** A library defining ExcelApi 1.18 (a newer Office.js than the bundled one): Worksheet.notes. */
export class FakeWorksheetWithNotes extends FakeWorksheet {
  static override excelClass = 'Worksheet';
  get notes() {
    this._wb.annotationCalls++;
    this._wb.requireSet('1.18', 'Worksheet.notes');
    return new FakeNoteCollection(this._wb, this._sheet(), 'notes');
  }
}

/** Threaded comments (ExcelApi 1.10), or notes: one shape, by index, each with its cell. */
class FakeAnnotationCollection {
  constructor(
    protected _wb: FakeWorkbook,
    protected _s: FakeSheet,
    protected _kind: 'notes' | 'comments',
  ) {}
  getCount() {
    this._wb.annotationCalls++;
    const r = new FakeClientResult<number>();
    this._wb.queueLoad(() => {
      r._loaded = true;
      r._v = this._s[this._kind].length;
    });
    return r;
  }
  getItemAt(index: number) {
    this._wb.annotationCalls++;
    return this._kind === 'notes' ? new FakeNote(this._wb, this._s, this._kind, index) : new FakeComment(this._wb, this._s, this._kind, index);
  }
}

export class FakeCommentCollection extends FakeAnnotationCollection {
  static excelClass = 'CommentCollection';
}

export class FakeNoteCollection extends FakeAnnotationCollection {
  static excelClass = 'NoteCollection';
}

class FakeAnnotation extends Loadable {
  private _text = '';
  constructor(
    protected _wb: FakeWorkbook,
    protected _s: FakeSheet,
    protected _kind: 'notes' | 'comments',
    protected _index: number,
  ) {
    super();
  }
  private _item() {
    const item = this._s[this._kind][this._index];
    if (!item) throw Object.assign(new Error(`fake: ItemNotFound (${this._kind} ${this._index})`), { code: 'ItemNotFound' });
    return item;
  }
  load(_props?: unknown) {
    this._wb.annotationCalls++;
    this._wb.queueLoad(
      () => {
        this._loaded = true;
        this._text = this._item().text;
      },
      0,
      () => Buffer.byteLength(this._s[this._kind][this._index]?.text ?? ''),
    );
    return this;
  }
  get content() {
    return this._need(this._text);
  }
  getLocation() {
    this._wb.annotationCalls++;
    const item = this._s[this._kind][this._index];
    // Past the end: the batch fails when it reaches Excel.
    if (!item) this._wb.failSync(Object.assign(new Error(`fake: ItemNotFound (${this._kind} ${this._index})`), { code: 'ItemNotFound' }));
    const at = item ?? { row: 0, col: 0 };
    return this._wb.newRange(this._s, { top: at.row, left: at.col, bottom: at.row, right: at.col });
  }
}

export class FakeComment extends FakeAnnotation {
  static excelClass = 'Comment';
}

export class FakeNote extends FakeAnnotation {
  static excelClass = 'Note';
}

/** Sheet-scoped names (ExcelApi 1.4): Excel keeps them in the file's definedNames with localSheetId. */
export class FakeNamedItemCollection {
  static excelClass = 'NamedItemCollection';
  constructor(
    private _wb: FakeWorkbook,
    private _s: FakeSheet,
    private _loadedNow = false,
  ) {}
  get items() {
    if (!this._loadedNow) throw new Error('PropertyNotLoaded: names');
    return [...this._s.names.keys()].map((n) => {
      const item = new FakeNamedItem(this._wb, this._s, n);
      item._markLoaded(true);
      return item;
    });
  }
  add(name: string, reference: unknown, _comment?: string) {
    if (!/^[A-Za-z_\\][\w.\\]*$/.test(name)) throw new Error(`fake: InvalidArgument (name ${name})`);
    this._wb.queueWrite(() => {
      if ([...this._s.names.keys()].some((n) => n.toLowerCase() === name.toLowerCase())) throw Object.assign(new Error(`fake: ItemAlreadyExists (${name})`), { code: 'ItemAlreadyExists' });
      this._s.names.set(name, typeof reference === 'string' ? reference : `='${this._s.name}'!$A$1`);
    });
    return new FakeNamedItem(this._wb, this._s, name);
  }
  getItemOrNullObject(name: string) {
    return new FakeNamedItem(this._wb, this._s, name);
  }
}

export class FakeNamedItem extends Loadable {
  static excelClass = 'NamedItem';
  private _exists = false;
  constructor(
    private _wb: FakeWorkbook,
    private _s: FakeSheet,
    private _name: string,
  ) {
    super();
  }
  _markLoaded(exists: boolean) {
    this._loaded = true;
    this._exists = exists;
  }
  private _key() {
    return [...this._s.names.keys()].find((n) => n.toLowerCase() === this._name.toLowerCase());
  }
  load() {
    this._wb.queueLoad(() => {
      this._loaded = true;
      this._exists = this._key() !== undefined;
    });
    return this;
  }
  get isNullObject() {
    return this._need(!this._exists);
  }
  get name() {
    return this._need(this._name);
  }
  get formula() {
    return this._need(this._s.names.get(this._key() ?? '') ?? '');
  }
  delete() {
    this._wb.queueWrite(() => {
      const k = this._key();
      if (k) this._s.names.delete(k);
    });
  }
}

export class FakeChartCollection {
  static excelClass = 'ChartCollection';
  constructor(
    private _wb: FakeWorkbook,
    private _s: FakeSheet,
    private _loadedNow: boolean,
  ) {}
  get items() {
    if (!this._loadedNow) throw new Error('PropertyNotLoaded: charts');
    return this._s.charts.filter((c) => !c.deleted).map((c) => new FakeChart(this._wb, this._s, c));
  }
  add(_type: string, _source: unknown, _by: string) {
    const chart = { name: `Chart ${this._s.charts.length + 1}`, title: '', deleted: false };
    this._s.charts.push(chart);
    this._wb.record({ sheet: this._s.name, cell: '', kind: 'chart', value: 'add' });
    return new FakeChart(this._wb, this._s, chart);
  }
  getCount() {
    const r = new FakeClientResult<number>();
    this._wb.queueLoad(() => {
      r._loaded = true;
      r._v = this._s.charts.filter((c) => !c.deleted).length;
    });
    return r;
  }
}

export class FakeChart {
  static excelClass = 'Chart';
  constructor(
    private _wb: FakeWorkbook,
    private _s: FakeSheet,
    private _c: { name: string; title: string; deleted: boolean },
  ) {}
  get name() {
    return this._c.name;
  }
  get title() {
    return new FakeChartTitle(this._c);
  }
  setPosition(_start: unknown, _end?: unknown) {}
  delete() {
    this._c.deleted = true;
    this._wb.record({ sheet: this._s.name, cell: '', kind: 'chart', value: 'delete' });
  }
}

export class FakeChartTitle {
  static excelClass = 'ChartTitle';
  constructor(private _c: { title: string }) {}
  set text(t: string) {
    this._c.title = t;
  }
}

export class FakeWorksheetProtection extends Loadable {
  static excelClass = 'WorksheetProtection';
  constructor(
    private _wb: FakeWorkbook,
    private _s: FakeSheet | null,
  ) {
    super();
  }
  load() {
    this._wb.queueLoad(() => (this._loaded = true));
    return this;
  }
  get protected() {
    return this._need(this._s?.protected ?? false);
  }
}

const INTERPRETED = /^[=+\-@]./;

export class FakeRange extends Loadable {
  static excelClass = 'Range';
  private _data: { values: unknown[][]; numberFormat: string[][]; valueTypes: string[][] } | null = null;
  constructor(
    protected _wb: FakeWorkbook,
    protected _s: FakeSheet,
    private _box: CellRange | null,
    private _whole = false,
  ) {
    super();
  }
  get isNullObject() {
    return this._need(this._box === null);
  }
  _rect(): CellRange {
    if (!this._box) throw new Error('null object');
    return this._box;
  }
  _addr(r: number, c: number): string {
    return `${columnLetter(c)}${r + 1}`;
  }
  private _extra: { formulas?: unknown[][]; rowHidden?: boolean | null; columnHidden?: boolean | null; address?: string } = {};
  load(props?: unknown) {
    const box = this._box;
    const list = typeof props === 'string' ? props.split(',').map((x) => x.trim()) : [];
    const withValues = list.includes('values');
    const cells = box && withValues ? (box.bottom - box.top + 1) * (box.right - box.left + 1) : 0;
    const read = () => {
      const values: unknown[][] = [];
      const formats: string[][] = [];
      const types: string[][] = [];
      const formulas: unknown[][] = [];
      if (!box || this._whole) return { values, numberFormat: formats, valueTypes: types, formulas };
      for (let r = box.top; r <= box.bottom; r++) {
        const vr: unknown[] = [];
        const fr: string[] = [];
        const tr: string[] = [];
        const fo: unknown[] = [];
        for (let c = box.left; c <= box.right; c++) {
          const cell = this._s.cell(r, c);
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
      if (!box || this._whole) return 0;
      const d = read();
      let n = 0;
      for (const key of ['values', 'numberFormat', 'valueTypes', 'formulas'] as const) if (list.includes(key)) n += Buffer.byteLength(JSON.stringify(d[key]));
      return n;
    };
    this._wb.queueLoad(
      () => {
        this._loaded = true;
        if (!box || this._whole) return;
        const d = read();
        this._data = { values: d.values, numberFormat: d.numberFormat, valueTypes: d.valueTypes };
        this._extra.formulas = d.formulas;
        const rows = [...Array(box.bottom - box.top + 1).keys()].map((i) => this._s.hiddenRows.has(box.top + i));
        const cols = [...Array(box.right - box.left + 1).keys()].map((i) => this._s.hiddenCols.has(box.left + i));
        // Real Excel: true if all are hidden, false if none, null if mixed.
        const tri = (xs: boolean[]) => (xs.every(Boolean) ? true : xs.some(Boolean) ? null : false);
        this._extra.rowHidden = tri(rows);
        this._extra.columnHidden = tri(cols);
        this._extra.address = `'${this._s.name}'!${this._addr(box.top, box.left)}:${this._addr(box.bottom, box.right)}`;
      },
      cells,
      bytes,
    );
    return this;
  }
  get formulas() {
    return this._need(this._extra.formulas)!;
  }
  get rowHidden() {
    return this._need(this._extra.rowHidden);
  }
  get columnHidden() {
    return this._need(this._extra.columnHidden);
  }
  get address() {
    return this._need(this._extra.address);
  }
  get dataValidation() {
    return new FakeDataValidation(this._wb, this._s, this._rect());
  }
  untrack() {
    return this;
  }
  get rowIndex() {
    return this._need(this._rect().top);
  }
  get columnIndex() {
    return this._need(this._rect().left);
  }
  get rowCount() {
    return this._need(this._rect().bottom - this._rect().top + 1);
  }
  get columnCount() {
    return this._need(this._rect().right - this._rect().left + 1);
  }
  get values() {
    return this._need(this._data)!.values;
  }
  get numberFormat(): string[][] {
    return this._need(this._data)!.numberFormat;
  }
  get valueTypes() {
    return this._need(this._data)!.valueTypes;
  }
  _each(fn: (r: number, c: number, i: number, j: number) => void) {
    const b = this._rect();
    for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) fn(r, c, r - b.top, c - b.left);
  }
  set numberFormat(formats: string[][]) {
    this._wb.addRequestBytes(Buffer.byteLength(JSON.stringify(formats)));
    this._guardProtected();
    this._each((r, c, i, j) => {
      this._s.ensure(r, c).numberFormat = formats[i][j];
      this._wb.record({ sheet: this._s.name, cell: this._addr(r, c), kind: 'numberFormat', value: formats[i][j] });
    });
  }
  _guardProtected() {
    if (this._s.protected) this._wb.failSync(Object.assign(new Error(`fake: AccessDenied (${this._s.name} is protected)`), { code: 'AccessDenied' }));
  }
  set values(values: unknown[][]) {
    this._wb.addRequestBytes(Buffer.byteLength(JSON.stringify(values)));
    this._guardProtected();
    this._each((r, c, i, j) => {
      const cell = this._s.ensure(r, c);
      const v = values[i][j] as string | number | boolean;
      this._wb.record({ sheet: this._s.name, cell: this._addr(r, c), kind: 'value', value: v });
      if (typeof v === 'string' && INTERPRETED.test(v) && !(cell.numberFormat === '@' && this._wb.atFormatKeepsText)) {
        cell.formula = v.startsWith('=') ? v : `=${v}`;
        cell.value = '#FORMULA';
      } else {
        delete cell.formula;
        cell.value = v === '' ? null : v;
      }
    });
  }
  get hyperlink(): { documentReference?: string; textToDisplay?: string } {
    this._need(true);
    const b = this._rect();
    return this._s.cell(b.top, b.left)?.hyperlink ?? {};
  }
  set hyperlink(link: { documentReference?: string; textToDisplay?: string }) {
    this._each((r, c) => {
      const cell = this._s.ensure(r, c);
      cell.hyperlink = link;
      if (link.textToDisplay !== undefined) cell.value = link.textToDisplay;
      this._wb.record({ sheet: this._s.name, cell: this._addr(r, c), kind: 'hyperlink', value: link });
    });
  }
  merge(_across?: boolean) {
    this._s.merges.push({ ...this._rect() });
  }
  getSpecialCellsOrNullObject(type: string) {
    if (type !== 'Formulas') throw new Error(`fake: special cells ${type} not modelled`);
    const b = this._rect();
    const s = this._s;
    return new FakeRangeAreas(this._wb, () => {
      const found: string[] = [];
      for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) if (s.cell(r, c)?.formula) found.push(`${columnLetter(c)}${r + 1}`);
      return found;
    });
  }
  clear() {
    if (this._whole) {
      this._s.cells.clear();
      this._s.merges = [];
    } else this._each((r, c) => this._s.cells.delete(`${r},${c}`));
    this._wb.record({ sheet: this._s.name, cell: this._whole ? '*' : this._addr(this._rect().top, this._rect().left), kind: 'clear' });
  }
  select() {
    this._wb.active = { sheet: this._s.name, cell: this._addr(this._rect().top, this._rect().left) };
    this._wb.record({ sheet: this._s.name, cell: this._addr(this._rect().top, this._rect().left), kind: 'select' });
  }
  getMergedAreasOrNullObject() {
    const b = this._rect();
    const s = this._s;
    if ((b.bottom - b.top + 1) * (b.right - b.left + 1) > 100_000) throw new Error('fake: merged-area request too big');
    // office-js #3611: only areas whose top-left cell lies inside the range asked for.
    const areas = s.merges.filter((m) => m.top >= b.top && m.top <= b.bottom && m.left >= b.left && m.left <= b.right);
    if (areas.length > 512) throw new Error('fake: more than 512 merged areas in one call');
    return new FakeRangeAreas(this._wb, () => areas.map((m) => `'${s.name}'!${columnLetter(m.left)}${m.top + 1}:${columnLetter(m.right)}${m.bottom + 1}`));
  }
  private _formatProxy: FakeRangeFormat | null = null;
  /** Office.js hands out the same navigation proxy each time (range.format.fill twice is one object). */
  get format() {
    return (this._formatProxy ??= new FakeRangeFormat(this));
  }
  get _sheetModel() {
    return this._s;
  }
  get _workbook() {
    return this._wb;
  }
}

/**
 * Range as a library that defines ExcelApi 1.16 has it (the CDN's office.js, or a folder
 * fetched with `npm run office-js:fetch`). Used only when a test sets `wb.library = 'newer'`;
 * with the bundled library an assignment to `valuesAsJson` is a plain JS property and nothing
 * reaches the workbook — as in real Excel with @microsoft/office-js 1.1.110.
 */
export class FakeRangeWithJson extends FakeRange {
  static override excelClass = 'Range';
  set valuesAsJson(values: { type: string; basicValue?: unknown }[][]) {
    this._wb.addRequestBytes(Buffer.byteLength(JSON.stringify(values)));
    this._guardProtected();
    this._each((r, c, i, j) => {
      const cell = this._s.ensure(r, c);
      const v = values[i][j];
      this._wb.record({ sheet: this._s.name, cell: this._addr(r, c), kind: 'value', value: v.basicValue });
      delete cell.formula;
      if (v.type === 'String') cell.value = String(v.basicValue ?? '');
      else if (v.type === 'Double') cell.value = Number(v.basicValue);
      else if (v.type === 'Boolean') cell.value = Boolean(v.basicValue);
      else if (v.type === 'Empty') cell.value = null;
      else throw new Error(`fake: valuesAsJson type ${v.type} not modelled`);
    });
  }
}

/** Members only the newer-library classes add (ExcelApi 1.16 valuesAsJson, 1.18 notes), absent from the bundled library. */
export const NEWER_LIBRARY_MEMBERS: readonly (readonly [string, string])[] = [
  ['Range', 'valuesAsJson'],
  ['Worksheet', 'notes'],
  ['NoteCollection', 'getCount'],
  ['NoteCollection', 'getItemAt'],
  ['Note', 'load'],
  ['Note', 'content'],
  ['Note', 'getLocation'],
];

export class FakeRangeAreas extends Loadable {
  static excelClass = 'RangeAreas';
  private _found: string[] = [];
  constructor(
    private _wb: FakeWorkbook,
    private _find: () => string[],
  ) {
    super();
  }
  load(_props?: unknown) {
    this._wb.queueLoad(() => {
      this._loaded = true;
      this._found = this._find();
    });
    return this;
  }
  get isNullObject() {
    return this._need(this._found.length === 0);
  }
  get address() {
    return this._need(this._found.map((a) => a.slice(a.lastIndexOf('!') + 1)).join(','));
  }
  get areas() {
    return this._need({ items: this._found.map((address) => ({ address })) });
  }
}

export class FakeDataValidation extends Loadable {
  static excelClass = 'DataValidation';
  private _kind = 'None';
  private _source = '';
  constructor(
    private _wb: FakeWorkbook,
    private _s: FakeSheet,
    private _b: CellRange,
  ) {
    super();
  }
  load(_props?: unknown) {
    const b = this._b;
    this._wb.queueLoad(() => {
      this._loaded = true;
      // Per cell: which rule covers it; the range reports a type only when all agree.
      const seen = new Set<string>();
      for (let r = b.top; r <= b.bottom; r++)
        for (let c = b.left; c <= b.right; c++) {
          const v = this._s.validations.find((x) => r >= x.range.top && r <= x.range.bottom && c >= x.range.left && c <= x.range.right);
          seen.add(v ? `L${v.source}` : 'N');
        }
      if (seen.size > 1) this._kind = 'Inconsistent';
      else {
        const only = [...seen][0];
        this._kind = only === 'N' ? 'None' : 'List';
        this._source = only.slice(1);
      }
    });
    return this;
  }
  get type() {
    return this._need(this._kind);
  }
  get rule() {
    return this._need(this._kind === 'List' ? { list: { inCellDropDown: true, source: this._source } } : {});
  }
}

export class FakeRangeFormat {
  static excelClass = 'RangeFormat';
  font: FakeRangeFont;
  fill: FakeRangeFill;
  constructor(range: FakeRange) {
    this.font = new FakeRangeFont(range);
    this.fill = new FakeRangeFill(range);
  }
  set columnWidth(_w: number) {}
  set horizontalAlignment(_a: string) {}
}

export class FakeRangeFont {
  static excelClass = 'RangeFont';
  constructor(private _r: FakeRange) {}
  set bold(b: boolean) {
    this._r._each((r, c) => (this._r._sheetModel.ensure(r, c).bold = b));
  }
  set color(col: string) {
    this._r._each((r, c) => (this._r._sheetModel.ensure(r, c).fontColor = col));
  }
}

export class FakeRangeFill extends Loadable {
  static excelClass = 'RangeFill';
  private _colour: string | null = null;
  constructor(private _r: FakeRange) {
    super();
  }
  load(_props?: unknown) {
    this._r._workbook.queueLoad(() => {
      this._loaded = true;
      const b = this._r._rect();
      this._colour = this._r._sheetModel.cell(b.top, b.left)?.fill ?? null;
    });
    return this;
  }
  // office-js #4900: no fill and a white fill both read #FFFFFF with pattern null;
  // only tintAndShade tells them apart (null = no fill).
  get color(): string {
    return this._need(this._colour ?? '#FFFFFF');
  }
  set color(col: string) {
    this._r._guardProtected();
    const s = this._r._sheetModel;
    this._r._each((r, c) => {
      s.ensure(r, c).fill = col;
      this._r._workbook.record({ sheet: s.name, cell: this._r._addr(r, c), kind: 'fill', value: col });
    });
  }
  get pattern(): string | null {
    return this._need(null);
  }
  get tintAndShade(): number | null {
    return this._need(this._colour === null ? null : 0);
  }
  clear() {
    this._r._guardProtected();
    const s = this._r._sheetModel;
    this._r._each((r, c) => {
      const cell = s.cell(r, c);
      if (cell) cell.fill = null;
      this._r._workbook.record({ sheet: s.name, cell: this._r._addr(r, c), kind: 'fill', value: null });
    });
  }
}

/** Every fake class standing for an Excel class, for the library-fidelity test. */
export const FAKE_EXCEL_CLASSES = [
  FakeRequestContext,
  FakeWorkbookObject,
  FakeSettingCollection,
  FakeSetting,
  FakeCustomXmlPartCollection,
  FakeCustomXmlPartScopedCollection,
  FakeCustomXmlPart,
  FakeWorksheetCollection,
  FakeWorksheet,
  FakeCommentCollection,
  FakeComment,
  FakeNamedItemCollection,
  FakeNamedItem,
  FakeChartCollection,
  FakeChart,
  FakeChartTitle,
  FakeWorksheetProtection,
  FakeRange,
  FakeRangeAreas,
  FakeDataValidation,
  FakeRangeFormat,
  FakeRangeFont,
  FakeRangeFill,
] as const;

/** The fake classes only a newer library has (members above the bundled library's), for the fidelity test. */
export const NEWER_FAKE_CLASSES = [FakeRangeWithJson, FakeWorksheetWithNotes, FakeNoteCollection, FakeNote] as const;

/** The library the fake models: a member counts if the fake class for that Excel class has it. */
export function fakeLibrary(level: 'bundled' | 'newer'): OfficeLibrary {
  return {
    version: level === 'bundled' ? 'fake: members of the bundled @microsoft/office-js' : 'fake: a library with ExcelApi 1.16',
    has(className, member) {
      if (level === 'newer' && NEWER_LIBRARY_MEMBERS.some(([c, m]) => c === className && m === member)) return true;
      // Members the fake does not model but the bundled library has, for the ExcelApi markers.
      if (BUNDLED_MARKERS.some(([c, m]) => c === className && m === member)) return true;
      const cls = FAKE_EXCEL_CLASSES.find((k) => k.excelClass === className);
      return cls !== undefined && member in cls.prototype;
    },
  };
}

/** The bundled library's ExcelApi markers up to 1.15 (src/excel/capability.ts LIBRARY_MARKERS; proven there by the fidelity test). */
const BUNDLED_MARKERS = LIBRARY_MARKERS.filter(([v]) => Number(v.split('.')[1]) <= 15).map(([, c, m]) => [c, m] as const);

/** Everything a person could see change in a sheet, for "untouched" assertions. */
export function sheetState(sheet: FakeSheet): string {
  const entries = [...sheet.cells.entries()].filter(([, c]) => c.value !== null || c.formula || c.fill || c.hyperlink);
  entries.sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({ entries, merges: sheet.merges, visibility: sheet.visibility });
}
