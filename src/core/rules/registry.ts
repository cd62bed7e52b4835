import { achievementGradeMismatch } from './achievement-grade-mismatch';
import { achievementInvalid } from './achievement-invalid';
import { correctionUnmatched } from './correction-unmatched';
import { gradeInvalid } from './grade-invalid';
import { gradeJump } from './grade-jump';
import { gradeMisplaced } from './grade-misplaced';
import { gradeMissing } from './grade-missing';
import { gradeNonstandard } from './grade-nonstandard';
import { layoutUncertain } from './layout-uncertain';
import { nextPolicyInvalid } from './next-policy-invalid';
import { nothingChecked } from './nothing-checked';
import { policyGradeMismatch } from './policy-grade-mismatch';
import { previousGradeMissing } from './previous-grade-missing';
import { recordConflict } from './record-conflict';
import { repostMismatch } from './repost-mismatch';
import { repostUnmatched } from './repost-unmatched';
import { sheetUnreadable } from './sheet-unreadable';
import { uniqueRules, type CheckRule, type RuleMeta } from './rule';
import { summaryCountMismatch } from './summary-count-mismatch';
import { yearMissing } from './year-missing';

import { COMPARISON_RULES } from '../compare/rules/registry';
import { CONSOLIDATION_RULES } from '../consolidate/rules/registry';

export type { RuleMeta };

/** Every rule, in the order findings of equal position are listed. */
export const RULES: readonly CheckRule[] = [
  sheetUnreadable,
  gradeMissing,
  gradeInvalid,
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
  correctionUnmatched,
  nothingChecked,
];

/**
 * The one registry: check, consolidation and 前年度比較 rules share one id space (settings and profiles
 * name rules by id), and a duplicate id throws here, when the module loads.
 */
export const ALL_RULES: readonly RuleMeta[] = uniqueRules<RuleMeta>([...RULES, ...CONSOLIDATION_RULES, ...COMPARISON_RULES]);
