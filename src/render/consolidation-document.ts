import type { Line, MergedNode } from '../core/consolidate/tree';
import type { Submission } from '../core/consolidate/submissions';
import type { ConsolidatedFinding, ConsolidationResult } from '../core/consolidate/types';
import type { Lang } from '../core/report';
import type { CellLink, DocCell, DocSheet, SummaryDocument } from '../core/summary-document';
import { formatFiscalYear } from '../core/years';
import { consolidateMessages } from '../i18n/consolidate';
import { baseName, findingsTable } from './findings-table';
import { summarySheet as buildSummarySheet } from './summary-document';

/** The writers put a table's title on row 1 and its header on row 2: data starts on row 3. */
export const FIRST_DATA_ROW = 3;

/**
 * The four sheets of a consolidation: 取りまとめ (every program row, plan order, with where it
 * came from), 評価集計 (as `check --out`, across files, linked to 取りまとめ), 点検結果 (file
 * on every finding) and 提出状況. Renderer-neutral, like every SummaryDocument.
 */
export function buildConsolidationDocument(result: ConsolidationResult, lang: Lang, sourceLink?: (file: string) => string | null): SummaryDocument {
  const input = {
    files: result.files,
    findings: result.findings,
    tree: result.tree,
    perLine: result.findingsPerLine,
    report: result.report,
    submissions: result.submissions,
    masterName: result.masterName,
    hasMaster: result.master !== null,
    rows: result.rows.length,
  };
  const m = consolidateMessages[lang];
  const year = input.report.reportYear !== null ? formatFiscalYear(input.report.reportYear, lang) : m.unknownYear;
  /** A link into an input (CLI: a file beside the output), or into this workbook (the master when it is the open one). */
  const linkTo = (file: string | null, sheet: string, cell: string): CellLink | null => {
    if (file === null) return { sheet, cell };
    const target = sourceLink?.(file) ?? null;
    return target === null ? null : { sheet, cell, file: target };
  };
  const cellWithLink = (text: string, link: CellLink | null): DocCell => (link ? { text, link } : text);

  const merged: DocSheet = {
    name: m.mergedSheet,
    blocks: [
      {
        kind: 'table',
        title: m.mergedTitle(year, input.files.length, input.rows),
        columns: [
          { header: m.col.group, width: 14 },
          { header: m.col.hierarchy, width: 40 },
          { header: m.col.id, width: 10 },
          { header: m.col.program, width: 40 },
          { header: m.col.department, width: 16 },
          { header: m.col.previousGrade, width: 8, align: 'center' },
          { header: m.col.grade, width: 8, align: 'center' },
          { header: m.col.nextPolicy, width: 10, align: 'center' },
          { header: m.col.inMaster, width: 12, align: 'center' },
          { header: m.col.findings, width: 8, align: 'right' },
          { header: m.col.file, width: 24 },
          { header: m.col.sheet, width: 12 },
          { header: m.col.row, width: 8, align: 'right' },
        ],
        rows: input.tree.lines.map((line, i) => mergedLine(line, input.perLine.get(i) ?? 0, input.hasMaster, lang, linkTo, cellWithLink)),
      },
    ],
  };

  // 評価集計 exactly as `check --out` draws it, linked to the 取りまとめ lines (a policy's row is its first line there).
  const summarySheet = buildSummarySheet({ ...input.report, file: m.reportLabel(input.files.length) }, lang, (_sheet, cell) => ({
    sheet: m.mergedSheet,
    cell: `A${Number(cell.slice(1)) + FIRST_DATA_ROW - 1}`,
  }));

  const findings: DocSheet = {
    name: m.findingsSheet,
    blocks: [
      findingsTable(m.findingsTitle(year), input.findings, ['severity', 'file', 'sheet', 'cell', 'rule', 'message', 'department', 'program', 'year', 'ruleId'], {
        lang,
        link: (f, sheet, cell) => linkTo(f.file ?? null, sheet, cell),
      }),
    ],
  };

  const status: DocSheet = {
    name: m.statusSheet,
    blocks: [
      {
        kind: 'table',
        title: m.statusTitle(year, input.masterName),
        columns: [
          { header: m.col.department, width: 22 },
          { header: m.col.submitted, width: 16 },
          { header: m.col.file, width: 30 },
          { header: m.col.status, width: 12 },
          { header: m.col.reportYear, width: 12 },
          { header: m.col.rows, width: 8, align: 'right' },
          { header: m.col.errors, width: 8, align: 'right' },
          { header: m.col.warnings, width: 8, align: 'right' },
          { header: m.col.programs, width: 10, align: 'right' },
        ],
        rows: input.submissions.map((s) => [
          s.department,
          s.state === 'missing'
            ? { text: m.submitted.no, emphasis: 'error' }
            : s.state === 'unreadable'
            ? { text: m.submitted.unreadable, emphasis: 'error' }
            : s.state === 'inside-other'
              ? { text: m.submitted.insideOther(s.files.join('、')), emphasis: 'warning' }
              : s.expected
                ? m.submitted.yes
                : { text: m.submitted.notInMaster, emphasis: 'warning' },
          s.state !== 'inside-other' && s.files.length > 0 ? s.files.join('、') : null,
          s.fileStatus === null ? null : s.fileStatus === 'ok' ? m.fileStatus.ok : { text: m.fileStatus[s.fileStatus], emphasis: 'error' },
          s.reportYear !== null ? formatFiscalYear(s.reportYear, lang) : null,
          s.state === 'received' ? s.rows : null,
          s.state === 'received' ? s.errors : null,
          s.state === 'received' ? s.warnings : null,
          input.hasMaster && s.expected ? s.programs : null,
        ]),
      },
      // Nothing left out in silence: what the folder walk did not read and what was set aside.
      ...(result.notRead.length > 0
        ? [
            {
              kind: 'table' as const,
              title: m.skippedHeading,
              columns: [
                { header: m.col.file, width: 40 },
                { header: m.col.status, width: 60 },
              ],
              rows: result.notRead.map((x): DocCell[] => [x.file, `${m.skipped[x.reason]}${x.sameAs !== undefined ? m.skippedSameAs(x.sameAs) : ''}`]),
            },
          ]
        : []),
    ],
  };
  return { sheets: [merged, summarySheet, findings, status] };
}

function mergedLine(
  line: Line,
  findings: number,
  withMaster: boolean,
  lang: Lang,
  linkTo: (file: string | null, sheet: string, cell: string) => CellLink | null,
  cellWithLink: (text: string, link: CellLink | null) => DocCell,
): DocCell[] {
  const m = consolidateMessages[lang];
  const node = line.node;
  const hierarchy = ancestors(node);
  const id = node.level.id !== null ? node.level.path : null;
  if (line.kind === 'unreported') {
    return [node.group, hierarchy, id, node.level.name, line.program.departments.join('、') || null, null, null, null, { text: m.inMaster.unreported, emphasis: 'error' }, findings, null, null, null];
  }
  const r = line.row;
  return [
    node.group,
    hierarchy,
    id,
    node.level.name || r.name,
    r.department,
    r.previousGrade || null,
    r.grade || null,
    r.nextPolicy || null,
    !withMaster ? null : r.masterIndex !== null ? m.inMaster.yes : { text: m.inMaster.no, emphasis: 'warning' },
    findings,
    baseName(r.file),
    r.sheet,
    cellWithLink(String(r.row), linkTo(r.file, r.sheet, r.cell)),
  ];
}

/** `1 福祉のまちづくり › 福祉を支える基盤の整備 › (1) 暮らしやすいまちづくり` */
function ancestors(node: MergedNode): string {
  const parts: string[] = [];
  for (let n = node.parent; n; n = n.parent) {
    const id = n.level.id;
    parts.unshift(id && n.level.name ? `${id} ${n.level.name}` : n.level.name || id || '');
  }
  return parts.join(' › ');
}

/** One department's 点検結果: what it must fix, for the secretariat to send back. */
export interface DepartmentDocument {
  department: string;
  /** Its own files (empty when it sent none). */
  files: string[];
  findings: number;
  document: SummaryDocument;
}

/**
 * Per 担当課: its findings only (those in its own files, and those the run raised about it —
 * 提出なし, 未報告の事業), each linked into its own file. `sourceLink` turns an input's name into
 * the link target as seen from where the department's workbook is written.
 */
export function buildDepartmentDocuments(
  result: { findings: readonly ConsolidatedFinding[]; submissions: readonly Submission[]; reportYear: number | null },
  lang: Lang,
  sourceLink?: (file: string) => string | null,
): DepartmentDocument[] {
  const m = consolidateMessages[lang];
  const year = result.reportYear !== null ? formatFiscalYear(result.reportYear, lang) : m.unknownYear;
  const out: DepartmentDocument[] = [];
  const submitted = new Set(result.submissions.filter((s) => s.state !== 'inside-other').flatMap((s) => s.files));
  for (const s of result.submissions) {
    const own = new Set(s.state === 'inside-other' ? [] : s.files);
    // Its files' findings, and those raised about it elsewhere (in the master: 提出なし, 未報告).
    const findings = result.findings.filter((f) => (f.file !== null && own.has(f.file)) || (!(f.file !== null && submitted.has(f.file)) && f.department === s.department));
    if (findings.length === 0 && own.size === 0) continue;
    out.push({
      department: s.department,
      files: [...own],
      findings: findings.length,
      document: {
        sheets: [
          {
            name: m.findingsSheet,
            footer: m.departmentTitle(s.department, year),
            blocks: [
              findingsTable(m.departmentTitle(s.department, year), findings, ['severity', 'file', 'sheet', 'cell', 'rule', 'message', 'program', 'ruleId'], {
                lang,
                link: (f, sheet, cell) => {
                  const target = f.file === null || f.file === undefined ? null : (sourceLink?.(f.file) ?? null);
                  return target === null ? null : { sheet, cell, file: target };
                },
              }),
            ],
          },
        ],
      },
    });
  }
  return out;
}
