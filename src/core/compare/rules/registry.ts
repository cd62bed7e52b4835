import { abolishedStillReported } from './abolished-still-reported';
import { newMarkStale } from './new-mark-stale';
import { newProgramUnmarked } from './new-program-unmarked';
import { previousGradeConflict } from './previous-grade-conflict';
import { programMatchAmbiguous } from './program-match-ambiguous';
import { programVanished } from './program-vanished';
import type { ComparisonRule } from './rule';
import { textUnchanged } from './text-unchanged';
import { yearNotConsecutive } from './year-not-consecutive';

/** Every 前年度比較 rule, in the order findings of equal position are listed. */
export const COMPARISON_RULES: readonly ComparisonRule[] = [
  yearNotConsecutive,
  previousGradeConflict,
  programVanished,
  abolishedStillReported,
  newProgramUnmarked,
  newMarkStale,
  textUnchanged,
  programMatchAmbiguous,
];
