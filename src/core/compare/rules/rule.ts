import { a1 } from '../../a1';
import { formatFiscalYear } from '../../years';
import type { Lang } from '../../report';
import { defineRule, grid, type DefinedRule, type GridLocation, type MessageParams, type RuleSpec } from '../../rules/rule';
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

/** Where a finding points: this year's workbook where it has a cell (0-based row and col, as the plan gives them). */
export type ComparisonLocation = GridLocation;

export type Report<M extends MessageParams> = <K extends keyof M & string>(problem: { messageId: K; at: ComparisonLocation; params: M[K] }) => void;

/** The one kernel's rule spec, reporting plan coordinates; a message may be weaker than the rule. */
export interface ComparisonRuleSpec<M extends MessageParams> extends Omit<RuleSpec<ComparisonContext, M>, 'check'> {
  check(context: ComparisonContext, report: Report<M>): void;
}

export type ComparisonRule = DefinedRule<ComparisonContext>;

/** A comparison rule reports plan coordinates; this turns them into cells, like any rule's. */
export function defineComparisonRule<M extends MessageParams>(spec: ComparisonRuleSpec<M>): ComparisonRule {
  return defineRule<ComparisonContext, M>({
    ...spec,
    check: (context, report) => spec.check(context, ({ messageId, at, params }) => report({ messageId, at: grid(at), params })),
  });
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
  return year === null ? '前年度' : `前年度（${formatFiscalYear(year, 'ja')}）`;
}
