import type { Finding, Lang, PolicySummary } from '../core';
import { describe } from '../render/describe';

/**
 * The finding fields of the JSON contract, in their documented order (optional ones only when
 * set): the sentence in the asked language, and the data it is made from (messageId, params, node).
 */
/**
 * The version of the JSON contracts (check, consolidate, compare). 2: per-level counts keyed by
 * the scale's labels, and each plan node once with the sheets it spans (docs/json.md).
 */
export const JSON_SCHEMA_VERSION = 2;

export function findingJson(f: Omit<Finding, 'file'>, lang: Lang): Record<string, unknown> {
  return {
    rule: f.rule,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    row: f.row,
    ...(f.year !== undefined ? { year: f.year } : {}),
    message: describe(f, lang),
    messageId: f.messageId,
    params: f.params,
    ...(f.node !== undefined ? { node: f.node } : {}),
    ...(f.department ? { department: f.department } : {}),
    ...(f.program ? { program: f.program } : {}),
  };
}

export function policyJson(p: PolicySummary): Record<string, unknown> {
  return {
    sheet: p.sheet,
    sheets: p.sheets ?? [p.sheet],
    id: p.id,
    name: p.name,
    level: p.level,
    levelLabel: p.levelLabel,
    declaredGrade: p.declaredGrade,
    computedGrade: p.computedGrade,
    counts: p.counts,
    ...(p.graded !== undefined ? { graded: p.graded } : {}),
    programs: p.programs,
    findings: p.findings,
  };
}
