import type { Settings, SummaryDocument, WorkbookSnapshot, Finding } from '../core';
import type { PickedFile } from './picked-files';
import type { ExcelWait } from './waiting';

/**
 * The one seam between the task pane and a workbook. The live Excel workbook (Office.js) and a
 * file dropped into the browser page both implement it; components only ever see this.
 */
export interface WorkbookPort {
  readonly kind: 'live' | 'file';
  /** File name for reports and titles (null for an unsaved live workbook). */
  readonly fileName: string | null;
  /**
   * A file's own bytes (browser mode): the pane hands them to its engine worker, which reads and
   * checks them off the page. Absent for the live workbook, which only Office.js can read.
   */
  readonly source?: PickedFile;
  /** Reads every visible sheet into the core's snapshot; a live read reports progress and can be stopped. */
  readSnapshot(options?: ReadProgressOptions): Promise<WorkbookSnapshot>;
  /** Per-workbook settings; problems lists why stored settings were rejected (defaults used). */
  loadSettings(): Promise<{ settings: Settings; problems: string[] }>;
  saveSettings(settings: Settings): Promise<void>;
  /** Writes 評価集計 / 点検結果: into the open workbook, or as a downloadable workbook. */
  writeSummary(doc: SummaryDocument): Promise<WriteOutcome>;
  /** Live workbook only: select the cell a finding points at. */
  selectCell?(sheet: string, cell: string): Promise<void>;
  /** Live workbook only: colour flagged cells by severity, reversibly. */
  highlight?(findings: readonly Finding[]): Promise<HighlightOutcome>;
  clearHighlights?(): Promise<number>;
  /** Whether highlights are currently applied (remembered in the workbook). */
  highlightState?(): Promise<boolean>;
  /** Live workbook only: tells when Excel has not answered for a while (cell edit), and 中止. */
  excelWait?: ExcelWait;
  /** Live workbook only: 設定 › 診断, the self-test of the adapter's assumptions in this Excel. */
  diagnose?(): Promise<DiagnosticsReport>;
}

export interface ReadProgressOptions {
  /** Called after each sync of a live read: cells read so far of the total. */
  onProgress?: (done: number, total: number) => void;
  /** 中止: the read stops at the next sync and rejects with an AbortError. */
  signal?: AbortSignal;
}

export interface HighlightOutcome {
  count: number;
  /** Protected sheets that were left as they are. */
  protectedSheets: string[];
}

export interface DiagnosticCheck {
  id: string;
  ok: boolean;
  /** What was seen, in plain words (English: it goes into bug reports as is). */
  detail: string;
}

export interface DiagnosticsReport {
  host: string;
  platform: string;
  version: string;
  /** ExcelApi versions this Excel supports, highest first checked up to 1.20. */
  apiSets: string[];
  /** The Office.js library the pane loaded: its version and the highest ExcelApi set it defines. */
  library: { version: string | null; highestExcelApi: string | null };
  /** Features Hyoka leaves unused here, and why (host set missing, or the library lacks it). */
  unusable: { feature: string; why: string }[];
  checks: DiagnosticCheck[];
}

export type WriteOutcome =
  /** renamed: a sheet of the same name belonged to the user, so Hyoka wrote beside it. */
  | { kind: 'written'; sheets: string[]; renamed?: { wanted: string; written: string }[] }
  | { kind: 'file'; bytes: Uint8Array; fileName: string };
