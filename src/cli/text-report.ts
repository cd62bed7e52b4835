import { countBySeverity, totalCount, type Finding, type Lang, type Report } from '../core';
import { reportLevels } from '../render/summary-document';
import { formatFiscalYear } from '../core/years';
import { cliMessages } from '../i18n/cli';
import { reportMessages } from '../i18n/report';
import { describe } from '../render/describe';
import { planViews, sheetsText } from '../render/summary-document';
import { cut, displayWidth, escapeControls, pad, paint, PLAIN, shownPath, wrap, type Terminal } from './terminal';

/** Column of the message: severity (6) and place (10) before it. */
const SEVERITY_COLS = 6;
const PLACE_COLS = 10;
const NAME_COLS = 40;
/** The policy table's number column at most. */
const ID_COLS = 10;

/**
 * The readable terminal report: findings grouped by sheet (only sheets with findings), totals,
 * then the policy table. Messages wrap under their own column to fit the terminal.
 */
export function renderTextReport(report: Report, lang: Lang, t: Terminal = PLAIN): string {
  const m = cliMessages[lang];
  const lines: string[] = [];
  const year = report.reportYear !== null ? formatFiscalYear(report.reportYear, lang) : m.unknownYear;
  lines.push(paint(t, 'heading', m.fileHeading(report.file !== null ? shownPath(t, report.file) : '-', year)));
  const workbookFindings = report.findings.filter((f) => f.sheet === null);
  if (workbookFindings.length > 0) {
    lines.push(m.workbookLevel);
    for (const f of workbookFindings) lines.push(...findingLines(f, '-', lang, t));
  }
  for (const sheet of report.sheets) {
    const findings = report.findings.filter((f) => f.sheet === sheet.name);
    if (findings.length === 0) continue;
    lines.push(m.sheetHeading(escapeControls(sheet.name), m.kind[sheet.kind], sheet.headerRow));
    for (const f of findings) lines.push(...findingLines(f, placeOf(f, sheet.headerRow, lang), lang, t));
  }
  if (report.findings.length === 0) lines.push(`  ${m.noFindingsLine}`);
  lines.push(m.totals(countBySeverity(report.findings)));
  lines.push('');
  lines.push(m.policyTable);
  if (report.policies.length === 0) lines.push(`  ${m.noPolicies}`);
  else {
    const levels = reportLevels(report);
    const header = m.policyHeader(levels);
    const order = report.sheets.map((s) => s.name);
    // One row per policy on one line, whatever the terminal's width: each plan is headed by
    // its sheets (one plan over several sheets is one group), the number column is kept short
    // and the name takes what is left (cut with …) — never a wrapped row.
    const head = header.slice(1);
    const groups = planViews(report)
      .filter((v) => v.policies.length > 0)
      .map((v) => ({
        title: escapeControls(sheetsText(v.sheets, order)),
        rows: v.policies.map((p) => [
          p.id === p.name ? '' : cut(escapeControls(p.id), ID_COLS),
          `${'  '.repeat(Math.max(0, p.level - 1))}${escapeControls(p.name)}`,
          p.declaredGrade ?? '-',
          p.computedGrade ?? '-',
          ...levels.map((g) => String(p.counts[g] ?? 0)),
          String(p.graded ?? totalCount(p.counts)),
          String(p.programs),
        ]),
      }));
    const all = [head, ...groups.flatMap((g) => g.rows)];
    const widths = head.map((_, i) => Math.max(...all.map((r) => displayWidth(r[i]))));
    const others = widths.reduce((s, w, i) => (i === 1 ? s : s + w), 0) + 2 * (widths.length - 1) + 2;
    widths[1] = Math.max(displayWidth(head[1]), Math.min(NAME_COLS, widths[1], t.width - others));
    const numeric = (i: number): boolean => i >= 4;
    const line = (r: string[]): string =>
      `  ${r.map((c, i) => (numeric(i) ? ' '.repeat(Math.max(0, widths[i] - displayWidth(c))) + c : pad(i === 1 ? cut(c, widths[1]) : c, widths[i]))).join('  ')}`.trimEnd();
    lines.push(line(head));
    for (const g of groups) {
      lines.push(cut(`  ■ ${g.title}`, t.width));
      for (const r of g.rows) lines.push(line(r));
    }
  }
  return lines.join('\n');
}

/** Where a finding points: its cell; a sheet-level one names the header row, never a bare number. */
export function placeOf(f: Finding, headerRow: number | null, lang: Lang): string {
  const r = reportMessages[lang];
  if (f.cell) return f.cell;
  if (f.row !== null) return f.row === headerRow ? r.headerRow(f.row) : r.rowOnly(f.row);
  return lang === 'ja' ? '（シート）' : '(sheet)';
}

/** One finding: severity and place, then the message wrapped under itself, the rule id last. */
export function findingLines(f: Finding, place: string, lang: Lang, t: Terminal, indent = '  '): string[] {
  const m = cliMessages[lang];
  const placeWidth = Math.max(PLACE_COLS, displayWidth(place) + 1);
  const lead = `${indent}${pad(m.severity[f.severity], SEVERITY_COLS)} ${pad(place, placeWidth)} `;
  const messageCols = Math.max(20, t.width - displayWidth(lead));
  // Workbook text is escaped before it is coloured: only the report's own colour codes reach the terminal.
  const text = wrap(`${escapeControls(describe(f, lang))}  [${f.rule}]`, messageCols);
  return text.map((line, i) => {
    const head = i === 0 ? `${indent}${paint(t, f.severity, pad(m.severity[f.severity], SEVERITY_COLS))} ${pad(place, placeWidth)} ` : ' '.repeat(displayWidth(lead));
    const body = line.replace(/\[([a-z-]+)\]$/, (all) => paint(t, 'dim', all));
    return `${head}${body}`.trimEnd();
  });
}
