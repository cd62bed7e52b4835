import { departmentKey } from '../identity';
import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

/** A department the plan master names sent nothing at all (提出なし). */
export const departmentMissing = defineRule<ConsolidationContext, { missing: { department: string; programs: number } }>({
  id: 'department-missing',
  kind: 'consolidate',
  title: { ja: '未提出の担当課', en: 'Department sent no file' },
  severity: 'error',
  description: {
    ja: '計画体系に担当課として載っているのに、ファイルが届いていない課があります。',
    en: 'A department named in the plan master sent no file.',
  },
  messages: {
    missing: {
      ja: (p) => `${p.department}からファイルが届いていません（計画体系で${p.programs}件の事業を担当）。提出を依頼してください。`,
      en: (p) => `${p.department} sent no file (responsible for ${p.programs} programs in the plan master). Ask for it.`,
    },
  },
  check(context, report) {
    const master = context.master;
    if (!master) return;
    const received = new Set(context.files.flatMap((f) => f.departmentKeys));
    // A department whose file could not be read has its file-unreadable error: not said twice.
    for (const f of context.files) if (f.status === 'unreadable' && f.department) received.add(departmentKey(f.department));
    for (const d of master.departments) {
      if (received.has(d.key)) continue;
      const programs = master.programs.filter((p) => p.departments.some((x) => departmentKey(x) === d.key)).length;
      report({ messageId: 'missing', at: { file: context.masterName, sheet: d.sheet, cell: d.cell, row: d.row, department: d.name }, params: { department: d.name, programs } });
    }
  },
});
