/** 取りまとめ: many department workbooks → one checked, merged result. Host-free like the rest of core. */
export { consolidate, ConsolidationCancelled } from './run';
export { readPlanMaster, type PlanMaster, type MasterProgram, type MasterDepartment, type ProgramLevel } from './identity';
export { CONSOLIDATION_RULES } from './rules/registry';
export type { Submission } from './submissions';
export type {
  ConsolidatedFile,
  ConsolidatedFinding,
  ConsolidationInput,
  ConsolidationOptions,
  ConsolidationResult,
  FileStatus,
  InputSnapshot,
  MergedRow,
} from './types';
