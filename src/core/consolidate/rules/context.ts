import type { PlanMaster } from '../identity';
import type { ConsolidatedFile, MergedRow } from '../types';

/**
 * What consolidation rules read: they look across files, so they get the run (files, merged
 * rows, master) instead of one workbook's plan. They are written with the same `defineRule`
 * as the check rules (src/core/rules/rule.ts) and report the same data.
 */
export interface ConsolidationContext {
  files: readonly ConsolidatedFile[];
  /** Rows of every readable file, wrong-year files included (rules decide what counts). */
  rows: readonly MergedRow[];
  /** The run's report year: --year, else the year most files state. */
  reportYear: number | null;
  /** The run's year was stated (--year, the pane's 報告年度), not voted by the files. */
  reportYearGiven?: boolean;
  master: PlanMaster | null;
  masterName: string | null;
}
