import type { DefinedRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';
import { departmentMissing } from './department-missing';
import { duplicateProgram } from './duplicate-program';
import { fileUnreadable } from './file-unreadable';
import { programUnknown } from './program-unknown';
import { programUnreported } from './program-unreported';
import { workbookYearMissing } from './workbook-year-missing';
import { yearMismatch } from './year-mismatch';

export type ConsolidationRule = DefinedRule<ConsolidationContext>;

/** Every consolidation rule, in the order findings of equal position are listed. */
export const CONSOLIDATION_RULES: readonly ConsolidationRule[] = [
  fileUnreadable,
  workbookYearMissing,
  yearMismatch,
  duplicateProgram,
  programUnknown,
  programUnreported,
  departmentMissing,
];
