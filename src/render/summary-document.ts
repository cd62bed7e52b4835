import { GRADES, type Grade } from '../core/grades';
import type { GradeCounts, Lang, PolicySummary, Report } from '../core/report';
import type { CellLink, DocCell, DocSheet, DocTable, SummaryDocument } from '../core/summary-document';
import { formatFiscalYear } from '../core/years';
import { reportMessages } from '../i18n/report';
import { describe } from './describe';

/**
 * The sheets Hyoka writes, described once: 評価集計 (policy table, 評価総括表-style tables,
 * a chart of A–D per top-level item) and 点検結果 (one row per finding with a link to its cell).
 */
export function buildSummaryDocument(report: Report, lang: Lang, options: DocumentOptions = {}): SummaryDocument {
  const link = (sheet: string, cell: string): CellLink => (options.sourceFile ? { sheet, cell, file: options.sourceFile } : { sheet, cell });
  return { sheets: [summarySheet(report, lang, link), findingsSheet(report, lang, link)] };
}

export interface DocumentOptions {
  /** Where the checked workbook is, relative to the written one, when they are different files. */
  sourceFile?: string;
}

export type LinkTo = (sheet: string, cell: string) => CellLink;

/** 評価集計 alone (the consolidation document reuses it). */
export function summarySheet(report: Report, lang: Lang, link: LinkTo): DocSheet {
  const m = reportMessages[lang];
  const year = report.reportYear !== null ? formatFiscalYear(report.reportYear, lang) : m.unknownYear;
  const policyRows: DocCell[][] = [];
  const bySheet = groupBySheet(report.policies);
  for (const [sheet, policies] of bySheet) {
    for (const p of policies) {
      policyRows.push([
        sheet,
        { text: p.id, link: link(sheet, `A${p.row}`) },
        `${'　'.repeat(Math.max(0, p.level - 1))}${p.name}`,
        p.levelLabel ?? String(p.level),
        p.declaredGrade,
        p.computedGrade,
        ...GRADES.map((g) => p.counts[g]),
        p.programs,
        p.findings,
      ]);
    }
    let topLevel = Infinity;
    for (const p of policies) if (p.level < topLevel) topLevel = p.level;
    const top = policies.filter((p) => p.level === topLevel);
    const sum = (g: Grade): number => top.reduce((s, p) => s + p.counts[g], 0);
    policyRows.push([
      { text: m.sheetTotal(sheet), emphasis: 'total' },
      null,
      null,
      null,
      null,
      null,
      ...GRADES.map((g) => sum(g)),
      top.reduce((s, p) => s + p.programs, 0),
      top.reduce((s, p) => s + p.findings, 0),
    ]);
  }
  const policyTable: DocTable = {
    kind: 'table',
    title: `${m.policyTableTitle}　${m.fileLine(report.file, year)}`,
    columns: [
      { header: m.col.sheet, width: 16 },
      { header: m.col.id, width: 12 },
      { header: m.col.name, width: 44 },
      { header: m.col.level, width: 10 },
      { header: m.col.declared, width: 10, align: 'center' },
      { header: m.col.computed, width: 10, align: 'center' },
      ...GRADES.map((g) => ({ header: g, width: 5, align: 'right' as const })),
      { header: m.col.programs, width: 8, align: 'right' },
      { header: m.col.findings, width: 8, align: 'right' },
    ],
    rows: policyRows,
  };

  const blocks: DocSheet['blocks'] = [policyTable];
  for (const info of report.sheets) {
    if (info.gradeCounts) blocks.push(gradeTable(info.name, bySheet.get(info.name) ?? [], info.gradeCounts, lang));
  }
  const tops = report.policies.filter((p) => p.level === 1);
  if (tops.length > 0) {
    blocks.push({
      kind: 'chart',
      title: m.chartTitle,
      categories: tops.map((p) => `${p.id === p.name ? '' : `${p.id} `}${p.name}`.slice(0, 30)),
      series: GRADES.map((g) => ({ name: g, values: tops.map((p) => p.counts[g]) })),
    });
  }
  return { name: m.summarySheet, blocks };
}

/** 評価総括表-style: per grade, how many graded items (再掲 once) and, where policies carry the grade, which. */
function gradeTable(sheet: string, policies: PolicySummary[], counts: GradeCounts, lang: Lang): DocTable {
  const m = reportMessages[lang];
  const rows: DocCell[][] = GRADES.map((g) => [
    g,
    counts[g],
    policies
      .filter((p) => p.declaredGrade === g)
      .map((p) => p.id)
      .join('、'),
  ]);
  rows.push([{ text: m.total, emphasis: 'total' }, GRADES.reduce((s, g) => s + counts[g], 0), null]);
  return {
    kind: 'table',
    title: m.gradeTableTitle(sheet),
    columns: [
      { header: m.col.grade, width: 8, align: 'center' },
      { header: m.col.count, width: 8, align: 'right' },
      { header: m.col.policies, width: 60 },
    ],
    rows,
  };
}

function findingsSheet(report: Report, lang: Lang, link: LinkTo): DocSheet {
  const m = reportMessages[lang];
  const rows: DocCell[][] = report.findings.map((f) => [
    { text: m.severity[f.severity], emphasis: f.severity },
    f.sheet,
    f.sheet && f.cell ? { text: f.cell, link: link(f.sheet, f.cell) } : f.sheet && f.row ? { text: `${f.row}`, link: link(f.sheet, `A${f.row}`) } : null,
    f.rule,
    describe(f, lang),
    f.department ?? null,
    f.year !== undefined ? formatFiscalYear(f.year, lang) : null,
  ]);
  if (rows.length === 0) rows.push([m.noFindings, null, null, null, null, null, null]);
  return {
    name: m.findingsSheet,
    blocks: [
      {
        kind: 'table',
        title: `${m.findingsTableTitle}　${m.fileLine(report.file, report.reportYear !== null ? formatFiscalYear(report.reportYear, lang) : m.unknownYear)}`,
        columns: [
          { header: m.col.severity, width: 8 },
          { header: m.col.sheet, width: 16 },
          { header: m.col.cell, width: 8 },
          { header: m.col.rule, width: 24 },
          { header: m.col.message, width: 80 },
          { header: m.col.department, width: 14 },
          { header: m.col.year, width: 12 },
        ],
        rows,
      },
    ],
  };
}

function groupBySheet(policies: readonly PolicySummary[]): Map<string, PolicySummary[]> {
  const map = new Map<string, PolicySummary[]>();
  for (const p of policies) {
    const list = map.get(p.sheet);
    if (list) list.push(p);
    else map.set(p.sheet, [p]);
  }
  return map;
}
