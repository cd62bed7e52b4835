import type { Lang, Severity } from '../../report';
import type { RuleMeta } from '../../rules/rule';
import type { PlanMaster } from '../identity';
import type { ConsolidatedFile, MergedRow } from '../types';

/**
 * Consolidation rules look across files, so they read the run (files, merged rows, master)
 * instead of one workbook's plan. Otherwise they are written like the `check` rules: one
 * module each, metadata and messages beside the logic.
 */
export interface ConsolidationContext {
  files: readonly ConsolidatedFile[];
  /** Rows of every readable file, wrong-year files included (rules decide what counts). */
  rows: readonly MergedRow[];
  /** The run's report year: --year, else the year most files state. */
  reportYear: number | null;
  master: PlanMaster | null;
  masterName: string | null;
}

/** Where a finding points: a file (an input or the master) and, where it can, a cell. */
export interface ConsolidationLocation {
  file: string | null;
  sheet: string | null;
  /** A1 address, or null. */
  cell: string | null;
  /** 1-based row, or null. */
  row: number | null;
  year?: number;
  department?: string | null;
  program?: string | null;
}

export interface ConsolidationRule<P> extends RuleMeta {
  message: Record<Lang, (params: P) => string>;
  check(context: ConsolidationContext, emit: (at: ConsolidationLocation, params: P) => void): void;
}

export interface ConsolidationRuleResult {
  at: ConsolidationLocation;
  message: string;
}

export interface RegisteredConsolidationRule extends RuleMeta {
  run(context: ConsolidationContext, lang: Lang): ConsolidationRuleResult[];
}

export function defineConsolidationRule<P>(rule: ConsolidationRule<P>): ConsolidationRule<P> & RegisteredConsolidationRule {
  return {
    ...rule,
    run(context, lang) {
      const out: ConsolidationRuleResult[] = [];
      rule.check(context, (at, params) => out.push({ at, message: rule.message[lang](params) }));
      return out;
    },
  };
}

export type { Severity };
