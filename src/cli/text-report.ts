import { countBySeverity, GRADES, type Lang, type Report } from '../core';
import { formatFiscalYear } from '../core/years';
import { cliMessages } from '../i18n/cli';
import { describe } from '../render/describe';

/** The readable terminal report: findings grouped by sheet, totals, then the policy table. */
export function renderTextReport(report: Report, lang: Lang): string {
  const m = cliMessages[lang];
  const lines: string[] = [];
  const year = report.reportYear !== null ? formatFiscalYear(report.reportYear, lang) : m.unknownYear;
  lines.push(m.fileHeading(report.file ?? '-', year));
  const workbookFindings = report.findings.filter((f) => f.sheet === null);
  if (workbookFindings.length > 0) {
    lines.push(m.workbookLevel);
    for (const f of workbookFindings) lines.push(`  ${pad(m.severity[f.severity], 6)} ${describe(f, lang)}  [${f.rule}]`);
  }
  for (const sheet of report.sheets) {
    const findings = report.findings.filter((f) => f.sheet === sheet.name);
    if (findings.length === 0 && sheet.kind === 'other') continue;
    lines.push(m.sheetHeading(sheet.name, m.kind[sheet.kind], sheet.headerRow));
    for (const f of findings) {
      lines.push(`  ${pad(m.severity[f.severity], 6)} ${pad(f.cell ?? (f.row ? `${f.row}` : '-'), 6)} ${describe(f, lang)}  [${f.rule}]`);
    }
  }
  lines.push(m.totals(countBySeverity(report.findings)));
  lines.push('');
  lines.push(m.policyTable);
  if (report.policies.length === 0) lines.push(`  ${m.noPolicies}`);
  else {
    const rows = report.policies.map((p) => [
      p.sheet,
      p.id === p.name ? '' : p.id,
      `${'  '.repeat(Math.max(0, p.level - 1))}${p.name}`.slice(0, 40),
      p.declaredGrade ?? '-',
      p.computedGrade ?? '-',
      ...GRADES.map((g) => String(p.counts[g])),
      String(p.programs),
    ]);
    const table = [m.policyHeader, ...rows];
    const widths = m.policyHeader.map((_, i) => Math.max(...table.map((r) => displayWidth(r[i]))));
    for (const r of table) lines.push(`  ${r.map((c, i) => pad(c, Math.min(widths[i], 44))).join('  ')}`.trimEnd());
  }
  return lines.join('\n');
}

/** Full-width characters take two columns in a terminal. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}
