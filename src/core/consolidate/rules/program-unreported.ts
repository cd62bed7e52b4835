import { formatFiscalYear } from '../../years';
import { departmentKey } from '../identity';
import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

/** Why a department's report of a program is absent, for telling the secretariat whom to chase. */
export type AbsenceReason = 'no-file' | 'unreadable' | 'wrong-year' | 'not-in-file';

interface Absence {
  department: string;
  reason: AbsenceReason;
}

const REASON_JA: Record<AbsenceReason, string> = {
  'no-file': 'ファイルが届いていません',
  unreadable: 'ファイルが読み込めません',
  'wrong-year': 'ファイルの報告年度が違います',
  'not-in-file': 'ファイルにこの事業の行がありません',
};
const REASON_EN: Record<AbsenceReason, string> = {
  'no-file': 'sent no file',
  unreadable: 'sent an unreadable file',
  'wrong-year': "sent another year's file",
  'not-in-file': "has no row for it in its file",
};

/** 記入漏れ across files: a program of the plan master that no file reports for the year. */
export const programUnreported = defineRule<ConsolidationContext, { unreported: { program: string; year: number | null; absences: Absence[] } }>({
  id: 'program-unreported',
  kind: 'consolidate',
  title: { ja: '未報告の事業', en: 'Program not reported' },
  severity: 'error',
  description: {
    ja: '計画体系の事業のうち、どのファイルにも報告がないものがあります。',
    en: 'A program of the plan master is reported in no file.',
  },
  messages: {
    unreported: {
      ja: (p) =>
        `計画体系の「${p.program}」について、${p.year !== null ? `${formatFiscalYear(p.year, 'ja')}の` : ''}報告がどのファイルにもありません。${p.absences.map((a) => `${a.department}: ${REASON_JA[a.reason]}。`).join('')}`,
      en: (p) =>
        `No file reports "${p.program}" of the plan master${p.year !== null ? ` for ${formatFiscalYear(p.year, 'en')}` : ''}.${p.absences.map((a) => ` ${a.department} ${REASON_EN[a.reason]}.`).join('')}`,
    },
  },
  check(context, report) {
    const master = context.master;
    if (!master) return;
    const reported = new Set<number>();
    const current = new Set(context.files.filter((f) => f.status === 'ok').map((f) => f.file));
    for (const row of context.rows) if (row.masterIndex !== null && current.has(row.file)) reported.add(row.masterIndex);
    for (const p of master.programs) {
      if (reported.has(p.index)) continue;
      report({ messageId: 'unreported', at: { file: context.masterName, sheet: p.sheet, cell: p.cell, row: p.row, department: p.departments.join('、') || null, program: p.name, node: p.node }, params: { program: p.path && p.path !== p.name ? `${p.path} ${p.name}` : p.name, year: context.reportYear, absences: p.departments.map((d) => ({ department: d, reason: absence(context, d) })) } });
    }
  },
});

function absence(context: ConsolidationContext, department: string): AbsenceReason {
  const key = departmentKey(department);
  const files = context.files.filter((f) => f.departmentKeys.includes(key));
  if (files.length === 0) return 'no-file';
  if (files.some((f) => f.status === 'ok')) return 'not-in-file';
  if (files.some((f) => f.status === 'wrong-year')) return 'wrong-year';
  return 'unreadable';
}
