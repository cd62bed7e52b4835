import { departmentMissing } from './department-missing';
import { duplicateProgram } from './duplicate-program';
import { fileUnreadable } from './file-unreadable';
import { programUnknown } from './program-unknown';
import { programUnreported } from './program-unreported';
import type { RegisteredConsolidationRule } from './rule';
import { yearMismatch } from './year-mismatch';
import { yearMissing } from './year-missing';

/** Every consolidation rule, in the order findings of equal position are listed. */
export const CONSOLIDATION_RULES: readonly RegisteredConsolidationRule[] = [
  fileUnreadable,
  yearMissing,
  yearMismatch,
  duplicateProgram,
  programUnknown,
  programUnreported,
  departmentMissing,
];
