import { achievementGradeMismatch } from './achievement-grade-mismatch';
import { achievementInvalid } from './achievement-invalid';
import { correctionUnmatched } from './correction-unmatched';
import { gradeErrorValue } from './grade-error-value';
import { gradeInvalid } from './grade-invalid';
import { gradeJump } from './grade-jump';
import { gradeMisplaced } from './grade-misplaced';
import { gradeMissing } from './grade-missing';
import { gradeNonstandard } from './grade-nonstandard';
import { gradeUnverified } from './grade-unverified';
import { layoutUncertain } from './layout-uncertain';
import { nextPolicyInvalid } from './next-policy-invalid';
import { nothingChecked } from './nothing-checked';
import { policyGradeMismatch } from './policy-grade-mismatch';
import { previousGradeMissing } from './previous-grade-missing';
import { readingDoubt } from './reading-doubt';
import { recordConflict } from './record-conflict';
import { repostMismatch } from './repost-mismatch';
import { repostUnmatched } from './repost-unmatched';
import { reportYearNotInWorkbook } from './report-year-not-in-workbook';
import { sheetUnreadable } from './sheet-unreadable';
import { summaryCountMismatch } from './summary-count-mismatch';
import { yearMissing } from './year-missing';
import type { CheckRule, DefinedRule, RuleKind, RuleMeta } from './rule';

import { departmentMissing } from '../consolidate/rules/department-missing';
import { departmentNameDiffers } from '../consolidate/rules/department-name-differs';
import { duplicateProgram } from '../consolidate/rules/duplicate-program';
import { fileUnreadable } from '../consolidate/rules/file-unreadable';
import { programUnknown } from '../consolidate/rules/program-unknown';
import { programUnreported } from '../consolidate/rules/program-unreported';
import { wholePlanWorkbook } from '../consolidate/rules/whole-plan-workbook';
import { scaleMixed } from '../consolidate/rules/scale-mixed';
import { workbookYearMissing } from '../consolidate/rules/workbook-year-missing';
import { yearMismatch } from '../consolidate/rules/year-mismatch';
import type { ConsolidationRule } from '../consolidate/rules/registry';

import { abolishedStillReported } from '../compare/rules/abolished-still-reported';
import { newMarkStale } from '../compare/rules/new-mark-stale';
import { newProgramUnmarked } from '../compare/rules/new-program-unmarked';
import { previousGradeConflict } from '../compare/rules/previous-grade-conflict';
import { programMatchAmbiguous } from '../compare/rules/program-match-ambiguous';
import { programVanished } from '../compare/rules/program-vanished';
import { textUnchanged } from '../compare/rules/text-unchanged';
import { yearNotConsecutive } from '../compare/rules/year-not-consecutive';
import type { ComparisonRule } from '../compare/rules/rule';

export type { RuleMeta };

/** A rule of any kind, as the registry holds it (its context type erased). */
export type AnyRule = DefinedRule<never>;

/**
 * THE registry: every rule of every kind (check, consolidate, compare), once, in THE order
 * findings at the same place are listed (src/core/rules/run.ts, `sortFindings`). Settings and
 * profiles name rules by id, so the ids share one space: a duplicate throws here, when the
 * module loads. Adding a rule: its module (everything about it) and one line here.
 */
const ORDER: readonly AnyRule[] = [
  // consolidate, about whole files: listed before a file's own cell findings
  fileUnreadable,
  wholePlanWorkbook,
  departmentNameDiffers,
  workbookYearMissing,
  yearMismatch,
  scaleMixed,
  // check
  reportYearNotInWorkbook,
  sheetUnreadable,
  gradeMissing,
  gradeInvalid,
  gradeErrorValue,
  gradeUnverified,
  gradeNonstandard,
  gradeMisplaced,
  repostMismatch,
  repostUnmatched,
  summaryCountMismatch,
  policyGradeMismatch,
  yearMissing,
  recordConflict,
  previousGradeMissing,
  gradeJump,
  achievementGradeMismatch,
  achievementInvalid,
  nextPolicyInvalid,
  layoutUncertain,
  readingDoubt,
  correctionUnmatched,
  nothingChecked,
  // consolidate, across files
  duplicateProgram,
  programUnknown,
  programUnreported,
  departmentMissing,
  // compare (前年度比較)
  yearNotConsecutive,
  previousGradeConflict,
  programVanished,
  abolishedStillReported,
  newProgramUnmarked,
  newMarkStale,
  textUnchanged,
  programMatchAmbiguous,
];

/** Rule ids are what settings and profiles name: two rules with one id is a bug caught at load. */
export function registryOf(rules: readonly AnyRule[]): ReadonlyMap<string, AnyRule> {
  const byId = new Map<string, AnyRule>();
  for (const r of rules) {
    if (byId.has(r.id)) throw new Error(`duplicate rule id: ${r.id}`);
    byId.set(r.id, r);
  }
  return byId;
}

export const REGISTRY: ReadonlyMap<string, AnyRule> = registryOf(ORDER);

/** Every rule, in the registry's order. */
export const ALL_RULES: readonly AnyRule[] = [...REGISTRY.values()];

/** The rule of an id, or undefined (a finding of a rule this version does not know). */
export function ruleById(id: string): AnyRule | undefined {
  return REGISTRY.get(id);
}

/** The rules of one kind, in the registry's order. */
export function rulesOf(kind: 'check'): readonly CheckRule[];
export function rulesOf(kind: 'consolidate'): readonly ConsolidationRule[];
export function rulesOf(kind: 'compare'): readonly ComparisonRule[];
export function rulesOf(kind: RuleKind): readonly AnyRule[];
export function rulesOf(kind: RuleKind): readonly AnyRule[] {
  return ALL_RULES.filter((r) => r.kind === kind);
}

/** The workbook check's rules (`hyoka check`). */
export const RULES: readonly CheckRule[] = rulesOf('check');
