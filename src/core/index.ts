/**
 * The engine's public face. Adapters hand in a WorkbookSnapshot; renderers take the Report
 * and the SummaryDocument. Nothing here touches Node, the DOM or Office.js.
 */
export * from './snapshot';
export * from './report';
export * from './settings';
export * from './scale';
export * from './corrections';
export * from './years';
export * from './summary-document';
export type { SheetLayout, ColumnLayout, SummaryTableLayout } from './layout/types';
export { checkWorkbook, type CheckOptions, type CheckResult } from './check';
export { RULES, ALL_RULES, REGISTRY, ruleById, rulesOf, type AnyRule, type RuleMeta } from './rules/registry';
export { runRules, sortFindings, toFinding, type Place, type RunOptions } from './rules/run';
export { defineRule, RULE_KINDS, type DefinedRule, type FindingLocation, type Problem, type RuleKind } from './rules/rule';
export * from './consolidate';
export * from './compare';
export * from './workbook-state';
