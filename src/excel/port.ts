import type { Settings, SummaryDocument, WorkbookSnapshot, Finding } from '../core';
import type { PickedFile } from './picked-files';

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
  /** Reads every visible sheet into the core's snapshot. */
  readSnapshot(): Promise<WorkbookSnapshot>;
  /** Per-workbook settings; problems lists why stored settings were rejected (defaults used). */
  loadSettings(): Promise<{ settings: Settings; problems: string[] }>;
  saveSettings(settings: Settings): Promise<void>;
  /** Writes 評価集計 / 点検結果: into the open workbook, or as a downloadable workbook. */
  writeSummary(doc: SummaryDocument): Promise<WriteOutcome>;
  /** Live workbook only: select the cell a finding points at. */
  selectCell?(sheet: string, cell: string): Promise<void>;
  /** Live workbook only: colour flagged cells by severity, reversibly. */
  highlight?(findings: readonly Finding[]): Promise<number>;
  clearHighlights?(): Promise<number>;
  /** Whether highlights are currently applied (remembered in the workbook). */
  highlightState?(): Promise<boolean>;
}

export type WriteOutcome =
  | { kind: 'written'; sheets: string[] }
  | { kind: 'file'; bytes: Uint8Array; fileName: string };
