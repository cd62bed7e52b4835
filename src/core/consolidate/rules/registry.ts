import type { DefinedRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';
import { departmentMissing } from './department-missing';
import { departmentNameDiffers } from './department-name-differs';
import { duplicateProgram } from './duplicate-program';
import { fileUnreadable } from './file-unreadable';
import { programUnknown } from './program-unknown';
import { programUnreported } from './program-unreported';
import { workbookYearMissing } from './workbook-year-missing';
import { wholePlanWorkbook } from './whole-plan-workbook';
import { yearMismatch } from './year-mismatch';
import { scaleMixed } from './scale-mixed';

export type ConsolidationRule = DefinedRule<ConsolidationContext>;

/** Every consolidation rule, in the order findings of equal position are listed. */
export const CONSOLIDATION_RULES: readonly ConsolidationRule[] = [
  fileUnreadable,
  wholePlanWorkbook,
  departmentNameDiffers,
  workbookYearMissing,
  yearMismatch,
  scaleMixed,
  duplicateProgram,
  programUnknown,
  programUnreported,
  departmentMissing,
];
