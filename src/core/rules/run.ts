import type { ComparisonContext } from '../compare/rules/rule';
import type { ConsolidationContext } from '../consolidate/rules/context';
import type { Finding, Severity } from '../report';
import type { Settings } from '../settings';
import { ALL_RULES, rulesOf, type AnyRule } from './registry';
import type { Problem, RuleContext, RuleKind } from './rule';

/** What each kind of rule reads. */
export interface RuleContexts {
  check: RuleContext;
  consolidate: ConsolidationContext;
  compare: ComparisonContext;
}

/** Where a finding sits, for the one ordering: its file's and its sheet's positions in the input. */
export interface Place {
  /** Position of the finding's file among the inputs (check: omit, one file). */
  file?: (f: Finding) => number;
  /** Position of its sheet in its workbook (-1: about the file, before its sheets). */
  sheet: (f: Finding) => number;
}

export interface RunOptions {
  /**
   * A finding to leave out, decided after its severity is known: the check drops errors inside a
   * region read with doubt (check.ts). The one hook for such guards; each says why it drops.
   */
  suppress?: (finding: Finding, rule: AnyRule) => boolean;
  /** Sort into the one order (sortFindings); without it, registry order then report order. */
  place?: Place;
}

/**
 * THE runner, for every kind: each rule of the kind in registry order, unless switched off
 * (`settings.rules[id] === 'off'`); each problem becomes a Finding with the severity of its
 * message; `suppress` drops what a guard says to; then the one ordering (sortFindings).
 */
export function runRules<K extends RuleKind>(kind: K, context: RuleContexts[K], settings: Pick<Settings, 'rules'>, options: RunOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rulesOf(kind)) {
    if (settings.rules[rule.id] === 'off') continue;
    for (const problem of (rule.run as (c: RuleContexts[K]) => Problem[])(context)) {
      const finding = toFinding(rule, rule.severityOf(problem.messageId), problem);
      if (options.suppress?.(finding, rule)) continue;
      findings.push(finding);
    }
  }
  return options.place ? sortFindings(findings, options.place) : findings;
}

/**
 * A rule's problem as a Finding: the rule's id, the message's severity, the messageId and
 * params, where. Consolidation and comparison findings always name their file (null: none).
 */
export function toFinding(rule: Pick<AnyRule, 'id' | 'kind'>, severity: Severity, { messageId, params, at }: Problem): Finding {
  const f: Finding = { rule: rule.id, severity, messageId, params, sheet: at.sheet, cell: at.cell, row: at.row };
  if (at.file !== undefined || rule.kind !== 'check') f.file = at.file ?? null;
  if (at.node !== undefined) f.node = at.node;
  if (at.year !== undefined) f.year = at.year;
  if (at.department) f.department = at.department;
  if (at.program) f.program = at.program;
  return f;
}

const RANK = new Map(ALL_RULES.map((r, i) => [r.id, i]));

/**
 * THE order of findings, for every kind and every output: by file (input order), sheet
 * (workbook order; file-level findings first), row (sheet-level findings first), column
 * (A … Z, AA …), then rule (registry order), then as reported. Stable.
 */
export function sortFindings<F extends Finding>(findings: readonly F[], place: Place): F[] {
  const file = place.file ?? (() => 0);
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        file(a.f) - file(b.f) ||
        place.sheet(a.f) - place.sheet(b.f) ||
        (a.f.row ?? 0) - (b.f.row ?? 0) ||
        compareColumns(a.f.cell, b.f.cell) ||
        (RANK.get(a.f.rule) ?? RANK.size) - (RANK.get(b.f.rule) ?? RANK.size) ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

function compareColumns(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const ca = a.replace(/\d+$/, '');
  const cb = b.replace(/\d+$/, '');
  return ca.length - cb.length || (ca < cb ? -1 : ca > cb ? 1 : 0);
}
