import { a1 } from '../../a1';
import type { Lang, Severity } from '../../report';
import type { RuleMeta } from '../../rules/rule';
import type { Settings } from '../../settings';
import type { MatchResult } from '../match';
import type { YearProgram } from '../programs';

/**
 * 前年度比較 rules look across two years, so they read the comparison (both years'
 * programs and how they were matched) instead of one workbook's plan. Otherwise they are
 * written like the `check` rules: one module each, metadata and messages beside the logic,
 * messages built only from their params.
 */
export interface ComparisonContext {
  previous: { reportYear: number | null; programs: readonly YearProgram[]; file: string | null };
  current: { reportYear: number | null; programs: readonly YearProgram[]; file: string | null };
  match: MatchResult;
  settings: Settings;
}

/** Where a finding points: this year's workbook where it has a cell (0-based row and col). */
export interface ComparisonLocation {
  file: string | null;
  sheet: string | null;
  row: number | null;
  col: number | null;
  year?: number;
  department?: string | null;
  program?: string | null;
  /** A finding weaker than the rule's usual severity (program-vanished when nobody can tell). */
  severity?: Severity;
}

export interface ComparisonRule<P> extends RuleMeta {
  message: Record<Lang, (params: P) => string>;
  check(context: ComparisonContext, emit: (at: ComparisonLocation, params: P) => void): void;
}

export interface ComparisonRuleResult {
  at: ComparisonLocation;
  params: unknown;
  message: string;
}

export interface RegisteredComparisonRule extends RuleMeta {
  run(context: ComparisonContext, lang: Lang): ComparisonRuleResult[];
}

export function defineComparisonRule<P>(rule: ComparisonRule<P>): ComparisonRule<P> & RegisteredComparisonRule {
  return {
    ...rule,
    run(context, lang) {
      const out: ComparisonRuleResult[] = [];
      rule.check(context, (at, params) => out.push({ at, params, message: rule.message[lang](params) }));
      return out;
    },
  };
}

/** `「名前」（担当課）` / `"name" (department)`: how every comparison message names a row. */
export function subject(lang: Lang, program: string, department: string | null | undefined): string {
  return lang === 'ja' ? `「${program}」${department ? `（${department}）` : ''}` : `"${program}"${department ? ` (${department})` : ''}`;
}

/** Last year's cell, as params carry it: sheet and A1 (and the file, for a folder). */
export interface PreviousCell {
  previousFile: string | null;
  previousSheet: string;
  previousCell: string;
}

export function previousCell(program: YearProgram, at: { row: number; col: number } = program.nameCell): PreviousCell {
  return { previousFile: program.file, previousSheet: program.sheet, previousCell: a1(at.row, at.col) };
}

/** 前年度（令和5年度） / last year (FY2023). */
export function lastYearWords(lang: Lang, year: number | null): string {
  if (lang === 'en') return year === null ? 'last year' : `last year (FY${year})`;
  return year === null ? '前年度' : `前年度（${year}年度）`;
}
