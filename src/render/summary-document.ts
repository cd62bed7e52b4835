import { DEFAULT_SCALE, labelsOf, totalCount } from '../core/scale';
import type { GradeCounts, Lang, PolicySummary, ProgressSummary, Report } from '../core/report';
import type { CellLink, DocBlock, DocCell, DocSheet, DocTable, SummaryDocument } from '../core/summary-document';
import { normalizeForMatch } from '../core/text';
import { formatFiscalYear } from '../core/years';
import { reportMessages } from '../i18n/report';
import { describe } from './describe';

/**
 * The sheets Hyoka writes, described once: 評価集計 (policy table, 評価総括表-style tables,
 * plan totals across sheets, progress summaries, a chart of A–D) and 点検結果 (one row per
 * finding with a link to its cell). Every number on 評価集計 comes from the same counts
 * (report.sheets[].gradeCounts and the policies' counts, both counted by summary/counts.ts),
 * so the policy table, its totals, the 評価総括表 blocks and the chart agree.
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

const sumCounts = (list: readonly GradeCounts[], levels: readonly string[]): GradeCounts => {
  const out: GradeCounts = {};
  for (const g of levels) out[g] = 0;
  for (const c of list) for (const g in c) out[g] = (out[g] ?? 0) + c[g];
  return out;
};
const totalOf = (c: GradeCounts): number => totalCount(c);

/**
 * The level columns of every table: the report's scale (best first), then any label a count
 * holds beyond it (sheets or departments on different scales), so no count goes unshown.
 */
export function reportLevels(report: Report): string[] {
  const out = labelsOf(report.scale ?? DEFAULT_SCALE);
  const add = (c: GradeCounts | undefined): void => {
    if (c) for (const k in c) if (!out.includes(k)) out.push(k);
  };
  for (const s of report.sheets) add(s.gradeCounts);
  for (const p of report.policies) add(p.counts);
  return out;
}

function yearText(report: Report, lang: Lang): string {
  return report.reportYear !== null ? formatFiscalYear(report.reportYear, lang) : reportMessages[lang].unknownYear;
}

/** 評価集計 alone (the consolidation document reuses it). */
export function summarySheet(report: Report, lang: Lang, link: LinkTo): DocSheet {
  const m = reportMessages[lang];
  const levels = reportLevels(report);
  const year = yearText(report, lang);
  const infoBySheet = new Map(report.sheets.map((s) => [s.name, s]));
  const policyRows: DocCell[][] = [];
  const bySheet = groupBySheet(report.policies);
  for (const [sheet, policies] of bySheet) {
    const info = infoBySheet.get(sheet);
    // A progress table has no A–D: its summary is the progress block below, not a row of zeros.
    if (info?.progress && !info.gradeCounts) continue;
    for (const p of policies) {
      const graded = p.graded ?? totalOf(p.counts);
      policyRows.push([
        sheet,
        { text: p.id, link: link(sheet, `A${p.row}`) },
        `${'　'.repeat(Math.max(0, p.level - 1))}${p.name}`,
        // A level's label can be a whole header cell (several lines): its first line names it.
        cut((p.levelLabel ?? String(p.level)).split(/\r?\n/)[0].trim(), 12),
        p.declaredGrade,
        p.computedGrade,
        ...levels.map((g) => p.counts[g] ?? 0),
        graded,
        p.programs,
        p.findings,
      ]);
    }
    let topLevel = Infinity;
    for (const p of policies) if (p.level < topLevel) topLevel = p.level;
    const top = policies.filter((p) => p.level === topLevel);
    // The sheet's total is what the sheet counts (再掲 once), the same number its 評価総括表 must show.
    const counts = info?.gradeCounts ?? sumCounts(top.map((p) => p.counts), levels);
    policyRows.push([
      { text: m.sheetTotal(sheet), emphasis: 'total' },
      null,
      null,
      null,
      null,
      null,
      ...levels.map((g) => counts[g] ?? 0),
      totalOf(counts),
      top.reduce((s, p) => s + p.programs, 0),
      top.reduce((s, p) => s + p.findings, 0),
    ]);
  }

  const blocks: DocBlock[] = [];
  if (policyRows.length > 0 || !report.sheets.some((s) => s.progress)) {
    blocks.push({
      kind: 'table',
      title: `${m.policyTableTitle}　${m.fileLine(report.file, year)}`,
      columns: [
        { header: m.col.sheet, width: 14 },
        { header: m.col.id, width: 10 },
        { header: m.col.name, width: 44 },
        { header: m.col.level, width: 8 },
        { header: m.col.declared, width: 8, align: 'center' },
        { header: m.col.computed, width: 8, align: 'center' },
        ...levels.map((g) => ({ header: g, width: Math.max(5, g.length * 2 + 1), align: 'right' as const })),
        { header: m.col.graded, width: 7, align: 'right' },
        { header: m.col.programs, width: 7, align: 'right' },
        { header: m.col.findings, width: 7, align: 'right' },
      ],
      rows: policyRows,
      notes: [m.gradedNote, report.method ? m.methodNote(report.method, levels) : null].filter((n): n is string => n !== null),
    });
  }
  for (const info of report.sheets) {
    if (info.gradeCounts) blocks.push(gradeTable(info.name, bySheet.get(info.name) ?? [], info.gradeCounts, info.scale ? labelsOf(info.scale) : levels, lang));
  }
  const plan = planTotals(report, levels, lang);
  if (plan) blocks.push(plan.table);
  for (const info of report.sheets) {
    if (info.progress && !info.gradeCounts) blocks.push(progressTable(info.name, info.progress, lang));
  }
  const chart = plan?.goals ?? topPolicies(report);
  if (chart.length > 0 && chart.some((c) => totalOf(c.counts) > 0)) {
    blocks.push({
      kind: 'chart',
      title: m.chartTitle,
      categories: chart.map((c) => c.label),
      series: levels.map((g) => ({ name: g, values: chart.map((c) => c.counts[g] ?? 0) })),
    });
  }
  return { name: m.summarySheet, blocks, footer: m.fileLine(report.file, year) };
}

interface Category {
  label: string;
  counts: GradeCounts;
}

/** Each graded sheet's top level (基本目標 …), labelled with its sheet when there are several. */
function topPolicies(report: Report): Category[] {
  const graded = report.sheets.filter((s) => s.gradeCounts);
  const out: Category[] = [];
  for (const info of graded) {
    const policies = report.policies.filter((p) => p.sheet === info.name);
    if (policies.length === 0) continue;
    const top = Math.min(...policies.map((p) => p.level));
    for (const p of policies.filter((x) => x.level === top)) {
      const label = `${p.id === p.name ? '' : `${p.id} `}${p.name}`;
      out.push({ label: cut(graded.length > 1 ? `${info.name}：${label}` : label, 40), counts: p.counts });
    }
  }
  return out;
}

/**
 * A plan spread over several sheets (one per 基本施策, each repeating its 基本目標 row): the
 * 基本目標 added up across sheets, and the whole plan. Only when a top-level item does repeat
 * across sheets — several independent plans in one book (Komae) keep their own totals.
 */
function planTotals(report: Report, levels: readonly string[], lang: Lang): { table: DocTable; goals: Category[] } | null {
  const m = reportMessages[lang];
  const graded = report.sheets.filter((s) => s.gradeCounts);
  if (graded.length < 2) return null;
  const goals = new Map<string, { label: string; counts: GradeCounts[]; programs: number; sheets: Set<string> }>();
  for (const info of graded) {
    const policies = report.policies.filter((p) => p.sheet === info.name);
    if (policies.length === 0) continue;
    const top = Math.min(...policies.map((p) => p.level));
    for (const p of policies.filter((x) => x.level === top)) {
      const label = p.id === p.name ? p.name : `${p.id} ${p.name}`;
      const key = normalizeForMatch(label);
      const goal = goals.get(key) ?? { label, counts: [], programs: 0, sheets: new Set<string>() };
      goal.counts.push(p.counts);
      goal.programs += p.programs;
      goal.sheets.add(info.name);
      goals.set(key, goal);
    }
  }
  if (![...goals.values()].some((g) => g.sheets.size > 1)) return null;
  const rows: DocCell[][] = [];
  const categories: Category[] = [];
  for (const goal of goals.values()) {
    const counts = sumCounts(goal.counts, levels);
    categories.push({ label: cut(goal.label, 40), counts });
    rows.push([goal.label, goal.sheets.size, ...levels.map((g) => counts[g] ?? 0), totalOf(counts), goal.programs]);
  }
  const whole = sumCounts(graded.map((s) => s.gradeCounts as GradeCounts), levels);
  const goalSum = sumCounts(categories.map((c) => c.counts), levels);
  // Grades outside any top-level item (rare): shown, so the rows still add up to the plan.
  const rest = levels.map((g) => (whole[g] ?? 0) - (goalSum[g] ?? 0));
  if (rest.some((n) => n !== 0)) rows.push([m.outsideGoals, null, ...rest, rest.reduce((s, n) => s + n, 0), null]);
  rows.push([{ text: m.planTotal, emphasis: 'total' }, graded.length, ...levels.map((g) => whole[g] ?? 0), totalOf(whole), categories.length > 0 ? [...goals.values()].reduce((s, g) => s + g.programs, 0) : null]);
  return {
    goals: categories,
    table: {
      kind: 'table',
      title: m.planTableTitle,
      columns: [
        { header: m.col.goal, width: 40 },
        { header: m.col.sheets, width: 8, align: 'right' },
        ...levels.map((g) => ({ header: g, width: Math.max(5, g.length * 2 + 1), align: 'right' as const })),
        { header: m.col.graded, width: 7, align: 'right' },
        { header: m.col.programs, width: 7, align: 'right' },
      ],
      rows,
    },
  };
}

/** A sheet that records progress, not grades: what it records per year instead of a table of zeros. */
function progressTable(sheet: string, progress: ProgressSummary, lang: Lang): DocTable {
  const m = reportMessages[lang];
  return {
    kind: 'table',
    title: m.progressTitle(sheet),
    columns: [
      { header: m.col.year, width: 12 },
      { header: m.col.rows, width: 8, align: 'right' },
      { header: m.col.entered, width: 8, align: 'right' },
      { header: m.col.done, width: 8, align: 'right' },
      { header: m.col.notDone, width: 8, align: 'right' },
      { header: m.col.achievement, width: 44 },
    ],
    rows: progress.years.map((y) => [
      y.year !== null ? formatFiscalYear(y.year, lang) : m.singleYear,
      y.rows,
      y.entered,
      y.done,
      y.notDone,
      Object.entries(y.achievement)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k}: ${n}`)
        .join('、') || null,
    ]),
    notes: [m.progressNote],
  };
}

/** 評価総括表-style: per grade, how many graded items (再掲 once) and, where policies carry the grade, which. */
function gradeTable(sheet: string, policies: PolicySummary[], counts: GradeCounts, levels: readonly string[], lang: Lang): DocTable {
  const m = reportMessages[lang];
  const rows: DocCell[][] = levels.map((g) => [
    g,
    counts[g] ?? 0,
    policies
      .filter((p) => p.declaredGrade === g)
      .map((p) => p.id)
      .join('、') || null,
  ]);
  rows.push([{ text: m.total, emphasis: 'total' }, totalOf(counts), null]);
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
    findingPlace(f, report, link, lang),
    m.ruleTitle(f.rule),
    describe(f, lang),
    f.department ?? null,
    f.year !== undefined ? formatFiscalYear(f.year, lang) : null,
    f.rule,
  ]);
  if (rows.length === 0) rows.push([m.noFindings, null, null, null, null, null, null, null]);
  return {
    name: m.findingsSheet,
    footer: m.fileLine(report.file, yearText(report, lang)),
    blocks: [
      {
        kind: 'table',
        title: `${m.findingsTableTitle}　${m.fileLine(report.file, yearText(report, lang))}`,
        columns: [
          { header: m.col.severity, width: 7 },
          { header: m.col.sheet, width: 14 },
          { header: m.col.cell, width: 9 },
          { header: m.col.rule, width: 18 },
          { header: m.col.message, width: 70 },
          { header: m.col.department, width: 12 },
          { header: m.col.year, width: 11 },
          { header: m.col.ruleId, width: 10 },
        ],
        rows,
      },
    ],
  };
}

/** The cell; a sheet-level finding names the sheet's header row (見出し n行目), never a bare row number. */
function findingPlace(f: Report['findings'][number], report: Report, link: LinkTo, lang: Lang): DocCell {
  const m = reportMessages[lang];
  if (!f.sheet) return null;
  if (f.cell) return { text: f.cell, link: link(f.sheet, f.cell) };
  if (f.row) {
    const header = report.sheets.find((s) => s.name === f.sheet)?.headerRow ?? null;
    const text = header !== null && f.row === header ? m.headerRow(f.row) : m.rowOnly(f.row);
    return { text, link: link(f.sheet, `A${f.row}`) };
  }
  return null;
}

function cut(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s;
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
