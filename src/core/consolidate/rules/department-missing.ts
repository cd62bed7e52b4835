import { departmentKey } from '../identity';
import { defineConsolidationRule } from './rule';

/** A department the plan master names sent nothing at all (提出なし). */
export const departmentMissing = defineConsolidationRule<{ department: string; programs: number }>({
  id: 'department-missing',
  severity: 'error',
  description: {
    ja: '計画体系に担当課として載っているのに、ファイルが届いていない課があります。',
    en: 'A department named in the plan master sent no file.',
  },
  message: {
    ja: (p) => `${p.department}からファイルが届いていません（計画体系で${p.programs}件の事業を担当）。提出を依頼してください。`,
    en: (p) => `${p.department} sent no file (responsible for ${p.programs} programs in the plan master). Ask for it.`,
  },
  check(context, emit) {
    const master = context.master;
    if (!master) return;
    const received = new Set(context.files.flatMap((f) => f.departmentKeys));
    // A department whose file could not be read has its file-unreadable error: not said twice.
    for (const f of context.files) if (f.status === 'unreadable' && f.department) received.add(departmentKey(f.department));
    for (const d of master.departments) {
      if (received.has(d.key)) continue;
      const programs = master.programs.filter((p) => p.departments.some((x) => departmentKey(x) === d.key)).length;
      emit({ file: context.masterName, sheet: d.sheet, cell: d.cell, row: d.row, department: d.name }, { department: d.name, programs });
    }
  },
});
