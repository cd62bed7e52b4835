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
  /** `PlanNode.key` of this year's program the finding is about. */
  node?: string;
  year?: number;
  department?: string | null;
  program?: string | null;
}

/*
 * The kernel mirrors the one `check` is moving to: `messages` keyed by messageId, rules report
 * data (messageId, params, where), the sentence is rendered from the message table.
 */
export type Message<P> = Record<Lang, (params: P) => string>;
export type MessageParams = Record<string, object>;
export type Messages<M extends MessageParams> = { [K in keyof M]: Message<M[K]> };
export type Report<M extends MessageParams> = <K extends keyof M & string>(problem: { messageId: K; at: ComparisonLocation; params: M[K] }) => void;

export interface ComparisonRuleSpec<M extends MessageParams> extends RuleMeta {
  messages: Messages<M>;
  /** A message weaker than the rule's severity (program-vanished when nobody can tell). */
  messageSeverity?: Partial<Record<keyof M & string, Severity>>;
  check(context: ComparisonContext, report: Report<M>): void;
}

export interface ComparisonProblem {
  messageId: string;
  params: Record<string, unknown>;
  at: ComparisonLocation;
}

export interface RegisteredComparisonRule extends RuleMeta {
  messageIds: readonly string[];
  severityOf(messageId: string): Severity;
  run(context: ComparisonContext): ComparisonProblem[];
  render(messageId: string, params: Record<string, unknown>, lang: Lang): string;
}

export function defineComparisonRule<M extends MessageParams>(spec: ComparisonRuleSpec<M>): RegisteredComparisonRule & { spec: ComparisonRuleSpec<M> } {
  const overrides = (spec.messageSeverity ?? {}) as Partial<Record<string, Severity>>;
  return {
    id: spec.id,
    severity: spec.severity,
    description: spec.description,
    messageIds: Object.keys(spec.messages),
    spec,
    severityOf: (messageId) => overrides[messageId] ?? spec.severity,
    run(context) {
      const out: ComparisonProblem[] = [];
      spec.check(context, ({ messageId, at, params }) => out.push({ messageId, params: params as Record<string, unknown>, at }));
      return out;
    },
    render(messageId, params, lang) {
      const message = (spec.messages as Record<string, Message<Record<string, unknown>> | undefined>)[messageId];
      if (!message) throw new Error(`rule ${spec.id} has no message ${messageId}`);
      return message[lang](params);
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
