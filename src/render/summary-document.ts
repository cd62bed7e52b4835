import { DEFAULT_SCALE, labelsOf, totalCount } from '../core/scale';
import type { GradeCounts, Lang, PolicySummary, ProgressSummary, Report } from '../core/report';
import type { CellLink, DocBlock, DocCell, DocSheet, DocTable, SummaryDocument } from '../core/summary-document';
import { formatFiscalYear } from '../core/years';
import { reportMessages } from '../i18n/report';
import { findingsTable } from './findings-table';

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

/** Counts added level by level (every label any of them holds, in the order first seen). */
const sumCounts = (list: readonly GradeCounts[]): GradeCounts => {
  const out: GradeCounts = {};
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

/**
 * The file's name without its folders: a committee document names the workbook, never where it
 * lay on someone's PC (`C:\\Users\\…`, `/tmp/…`).
 */
export function fileNameOf(file: string | null): string | null {
  if (file === null) return null;
  const parts = file.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? file;
}

/** A level of the grade scale as the 評価基準 states it: its label and, where the workbook defines it, its meaning. */
interface ScaleLevelView {
  label: string;
  meaning?: string;
}

/** The grade scale to state: the report's (read from the workbook's legend where it has one), else A–D without meanings. */
function scaleOf(report: Report): { levels: ScaleLevelView[]; fromWorkbook: boolean } {
  const scale = report.scale ?? DEFAULT_SCALE;
  return { levels: scale.levels.map((l) => ({ label: l.label, meaning: l.meaning })), fromWorkbook: scale.source !== 'default' };
}

/** 評価基準: the scale's levels, best first, with their meanings where the workbook states them. */
function criteriaTable(report: Report, lang: Lang): DocTable {
  const m = reportMessages[lang];
  const { levels, fromWorkbook } = scaleOf(report);
  const anyMeaning = levels.some((l) => l.meaning);
  return {
    kind: 'table',
    title: m.criteriaTitle,
    columns: [
      { header: m.col.grade, width: 8, align: 'center' },
      { header: m.col.meaning, width: 60 },
    ],
    rows: levels.map((l, i) => [l.label, l.meaning ?? (i === 0 ? m.bestLevel : i === levels.length - 1 ? m.worstLevel : null)]),
    notes: [anyMeaning && fromWorkbook ? m.criteriaFromWorkbook : m.criteriaDefault(levels.map((l) => l.label))],
  };
}

function yearText(report: Report, lang: Lang): string {
  return report.reportYear !== null ? formatFiscalYear(report.reportYear, lang) : reportMessages[lang].unknownYear;
}

/** A policy's number and name as a committee reads them (`1 普及啓発`); the name alone when it has no number. */
export function policyLabel(p: PolicySummary): string {
  return p.id === p.name ? p.name : `${p.id} ${p.name}`;
}

/** The sheets a policy spans (`シート1〜シート4`, `シート1、シート3`): runs of neighbouring sheets joined. */
export function sheetsText(sheets: readonly string[], order: readonly string[]): string {
  const index = new Map(order.map((s, i) => [s, i]));
  const parts: string[] = [];
  let i = 0;
  while (i < sheets.length) {
    let j = i;
    while (j + 1 < sheets.length && index.has(sheets[j]) && index.get(sheets[j + 1]) === index.get(sheets[j])! + 1) j++;
    parts.push(j - i >= 2 ? `${sheets[i]}〜${sheets[j]}` : sheets.slice(i, j + 1).join('、'));
    i = j + 1;
  }
  return parts.join('、');
}

/** A plan: the sheets it is written on (several when one plan spans them) and its policies, in order. */
export interface PlanView {
  sheets: string[];
  policies: PolicySummary[];
  /** What the plan's sheets count (再掲 once), or null when none of them holds grades. */
  counts: GradeCounts | null;
}

/**
 * The report's plans, in sheet order: each policy belongs to the plan of the sheets it spans
 * (core/summary/policies.ts decides which sheets are one plan), a sheet without policies is its own.
 */
export function planViews(report: Report): PlanView[] {
  const groupOf = new Map<string, PlanView>();
  const views: PlanView[] = [];
  for (const plan of report.plans ?? []) {
    const view: PlanView = { sheets: [...plan.sheets], policies: [], counts: null };
    for (const s of plan.sheets) groupOf.set(s, view);
    views.push(view);
  }
  for (const p of report.policies) {
    const sheets = p.sheets ?? [p.sheet];
    let view = sheets.map((s) => groupOf.get(s)).find((v) => v !== undefined);
    if (!view) {
      view = { sheets: [], policies: [], counts: null };
      views.push(view);
    }
    for (const s of sheets) {
      if (!groupOf.has(s)) {
        groupOf.set(s, view);
        view.sheets.push(s);
      }
    }
    view.policies.push(p);
  }
  for (const info of report.sheets) {
    if (groupOf.has(info.name)) continue;
    const view: PlanView = { sheets: [info.name], policies: [], counts: null };
    groupOf.set(info.name, view);
    views.push(view);
  }
  const order = new Map(report.sheets.map((s, i) => [s.name, i]));
  for (const view of views) {
    view.sheets.sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
    const counts = view.sheets.map((s) => report.sheets.find((x) => x.name === s)?.gradeCounts).filter((c): c is GradeCounts => c !== undefined);
    view.counts = counts.length > 0 ? sumCounts(counts) : null;
  }
  return views.sort((x, y) => (order.get(x.sheets[0]) ?? 0) - (order.get(y.sheets[0]) ?? 0));
}

/** The plan's top-level policies (基本目標 …). */
function topOf(policies: readonly PolicySummary[]): PolicySummary[] {
  let topLevel = Infinity;
  for (const p of policies) if (p.level < topLevel) topLevel = p.level;
  return policies.filter((p) => p.level === topLevel);
}

/** 評価集計 alone (the consolidation document reuses it). */
export function summarySheet(report: Report, lang: Lang, link: LinkTo): DocSheet {
  const m = reportMessages[lang];
  const levels = reportLevels(report);
  const year = yearText(report, lang);
  const infoBySheet = new Map(report.sheets.map((s) => [s.name, s]));
  const order = report.sheets.map((s) => s.name);
  const views = planViews(report);
  const policyRows: DocCell[][] = [];
  for (const view of views) {
    if (view.policies.length === 0) continue;
    // A progress table has no A–D: its summary is the progress block below, not a row of zeros.
    if (!view.counts && view.sheets.every((s) => infoBySheet.get(s)?.progress)) continue;
    for (const p of view.policies) {
      const graded = p.graded ?? totalOf(p.counts);
      const numbered = p.id !== p.name;
      const name = `${'　'.repeat(Math.max(0, p.level - 1))}${p.name}`;
      policyRows.push([
        sheetsText(p.sheets ?? [p.sheet], order),
        // A policy without a number is linked by its name: 番号 holds numbers only.
        numbered ? { text: p.id, link: link(p.sheet, `A${p.row}`) } : null,
        numbered ? name : { text: name, link: link(p.sheet, `A${p.row}`) },
        // A level's label can be a whole header cell (several lines): its first line names it.
        cut((p.levelLabel ?? String(p.level)).split(/\r?\n/)[0].trim(), 8),
        p.declaredGrade,
        p.computedGrade,
        ...levels.map((g) => p.counts[g] ?? 0),
        graded,
        p.programs,
        p.findings,
      ]);
    }
    const top = topOf(view.policies);
    // The plan's total is what its sheets count (再掲 once), the same number their 評価総括表 must show.
    const counts = view.counts ?? sumCounts(top.map((p) => p.counts));
    const label = view.sheets.length > 1 ? m.planTotalOf(sheetsText(view.sheets, order)) : m.sheetTotal(view.sheets[0]);
    policyRows.push([
      { text: label, emphasis: 'total' },
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
      title: `${m.policyTableTitle}　${m.fileLine(fileNameOf(report.file), year)}`,
      columns: [
        { header: m.col.sheet, width: 12 },
        { header: m.col.id, width: 9 },
        { header: m.col.name, width: 40 },
        { header: m.col.level, width: 9 },
        { header: m.col.declared, width: 7, align: 'center' },
        { header: m.col.computed, width: 7, align: 'center' },
        ...levels.map((g) => ({ header: g, width: Math.max(5, g.length * 2 + 1), align: 'right' as const })),
        { header: m.col.graded, width: 6, align: 'right' },
        { header: m.col.programs, width: 6, align: 'right' },
        { header: m.col.findings, width: 6, align: 'right' },
      ],
      rows: policyRows,
      notes: [m.gradedNote, report.method ? m.methodNote(report.method, levels) : null].filter((n): n is string => n !== null),
    });
  }
  for (const view of views) {
    if (!view.counts) continue;
    if (view.sheets.length === 1) {
      blocks.push(gradeTable(m.gradeTableTitle(view.sheets[0]), view.policies, view.counts, levelsOfSheet(report, view.sheets[0], levels), lang));
      continue;
    }
    // One plan over several sheets: a 評価総括表 per top-level item, titled by it, not by a sheet.
    const top = topOf(view.policies);
    for (let i = 0; i < top.length; i++) {
      const start = view.policies.indexOf(top[i]);
      const end = i + 1 < top.length ? view.policies.indexOf(top[i + 1]) : view.policies.length;
      blocks.push(gradeTable(m.gradeTableTitle(policyLabel(top[i])), view.policies.slice(start + 1, end), top[i].counts, levels, lang));
    }
  }
  const plan = planTotals(views, levels, lang);
  if (plan) blocks.push(plan.table);
  if (report.sheets.some((s) => s.gradeCounts)) blocks.push(criteriaTable(report, lang));
  for (const info of report.sheets) {
    if (info.progress && !info.gradeCounts) blocks.push(progressTable(info.name, info.progress, lang));
  }
  const chart = plan?.goals ?? topPolicies(views, order);
  if (chart.length > 0 && chart.some((c) => totalOf(c.counts) > 0)) {
    blocks.push({
      kind: 'chart',
      title: m.chartTitle,
      dataTitle: m.chartDataTitle,
      categories: chart.map((c) => c.label),
      series: levels.map((g) => ({ name: g, values: chart.map((c) => c.counts[g] ?? 0) })),
    });
  }
  return { name: m.summarySheet, blocks, footer: m.fileLine(fileNameOf(report.file), year) };
}

interface Category {
  label: string;
  counts: GradeCounts;
}

/** Each graded plan's top level (基本目標 …), labelled with its sheet when there are several plans. */
function topPolicies(views: readonly PlanView[], order: readonly string[]): Category[] {
  const graded = views.filter((v) => v.counts && v.policies.length > 0);
  const out: Category[] = [];
  for (const view of graded) {
    for (const p of topOf(view.policies)) {
      const label = policyLabel(p);
      out.push({ label: cut(graded.length > 1 ? `${sheetsText(view.sheets, order)}：${label}` : label, 40), counts: p.counts });
    }
  }
  return out;
}

/**
 * A plan spread over several sheets (one per 基本施策, each repeating its 基本目標 row): its
 * 基本目標, each added up over the sheets it spans, and the whole plan. Only for such plans —
 * several independent plans in one book (Komae) keep their own totals.
 */
function planTotals(views: readonly PlanView[], levels: readonly string[], lang: Lang): { table: DocTable; goals: Category[] } | null {
  const m = reportMessages[lang];
  const spread = views.filter((v) => v.sheets.length > 1 && v.counts);
  if (spread.length === 0) return null;
  const rows: DocCell[][] = [];
  const categories: Category[] = [];
  for (const view of spread) {
    const goals = topOf(view.policies);
    for (const goal of goals) {
      categories.push({ label: cut(policyLabel(goal), 40), counts: goal.counts });
      rows.push([policyLabel(goal), (goal.sheets ?? [goal.sheet]).length, ...levels.map((g) => goal.counts[g] ?? 0), totalOf(goal.counts), goal.programs]);
    }
    const whole = view.counts as GradeCounts;
    const goalSum = sumCounts(goals.map((g) => g.counts));
    // Grades outside any top-level item (rare): shown, so the rows still add up to the plan.
    const rest = levels.map((g) => (whole[g] ?? 0) - (goalSum[g] ?? 0));
    if (rest.some((n) => n !== 0)) rows.push([m.outsideGoals, null, ...rest, rest.reduce((s, n) => s + n, 0), null]);
    rows.push([{ text: m.planTotal, emphasis: 'total' }, view.sheets.length, ...levels.map((g) => whole[g] ?? 0), totalOf(whole), goals.length > 0 ? goals.reduce((s, g) => s + g.programs, 0) : null]);
  }
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

/**
 * 評価総括表-style: per grade, how many graded items (再掲 once) and which policies — numbers with
 * names (`1 普及啓発`). Where policies carry the grades, the policies with that grade; where the
 * programs do, the policies just above them that hold programs of that grade, with how many.
 */
function gradeTable(title: string, policies: readonly PolicySummary[], counts: GradeCounts, levels: readonly string[], lang: Lang): DocTable {
  const m = reportMessages[lang];
  const declared = policies.some((p) => p.declaredGrade !== null);
  // The lowest policies: those no deeper policy follows (their children are programs).
  const lowest = policies.filter((p, i) => !(policies[i + 1] && policies[i + 1].level > p.level));
  const rows: DocCell[][] = levels.map((g) => [
    g,
    counts[g] ?? 0,
    (declared
      ? policies.filter((p) => p.declaredGrade === g).map(policyLabel)
      : lowest.filter((p) => (p.counts[g] ?? 0) > 0).map((p) => m.policyWithCount(policyLabel(p), p.counts[g]))
    ).join('、') || null,
  ]);
  rows.push([{ text: m.total, emphasis: 'total' }, totalOf(counts), null]);
  return {
    kind: 'table',
    title,
    columns: [
      { header: m.col.grade, width: 8, align: 'center' },
      { header: m.col.count, width: 8, align: 'right' },
      { header: m.col.policies, width: 80 },
    ],
    rows,
  };
}

function findingsSheet(report: Report, lang: Lang, link: LinkTo): DocSheet {
  const m = reportMessages[lang];
  const fileLine = m.fileLine(fileNameOf(report.file), yearText(report, lang));
  const table = findingsTable(`${m.findingsTableTitle}　${fileLine}`, report.findings, ['severity', 'sheet', 'cell', 'rule', 'message', 'department', 'year', 'ruleId'], {
    lang,
    link: (_f, sheet, cell) => link(sheet, cell),
    headerRow: (f) => report.sheets.find((s) => s.name === f.sheet)?.headerRow ?? null,
  });
  return { name: m.findingsSheet, footer: fileLine, blocks: [table] };
}

function cut(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s;
}

/** A sheet's own levels (its 評価総括表 lists its scale), else the report's. */
function levelsOfSheet(report: Report, sheet: string, levels: readonly string[]): readonly string[] {
  const scale = report.sheets.find((s) => s.name === sheet)?.scale;
  return scale ? labelsOf(scale) : levels;
}
