import type { Finding, PolicySummary } from '../core';

/** The finding fields of the JSON contract, in their documented order (optional ones only when set). */
export function findingJson(f: Finding): Record<string, unknown> {
  return {
    rule: f.rule,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    row: f.row,
    ...(f.year !== undefined ? { year: f.year } : {}),
    message: f.message,
    ...(f.department ? { department: f.department } : {}),
    ...(f.program ? { program: f.program } : {}),
  };
}

export function policyJson(p: PolicySummary): Record<string, unknown> {
  return {
    sheet: p.sheet,
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
