import { levelsKey } from '../identity';
import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

/** A reported program the plan master does not have: a renamed, renumbered or stray program. */
export const programUnknown = defineRule<ConsolidationContext, { unknown: { program: string; path: string } }>({
  id: 'program-unknown',
  kind: 'consolidate',
  title: { ja: '計画にない事業', en: 'Program not in the plan' },
  severity: 'warning',
  description: {
    ja: '計画体系にない事業が報告されています。',
    en: 'A reported program is not in the plan master.',
  },
  messages: {
    unknown: {
      ja: (p) => `「${p.program}」は計画体系にない事業です。事業名・番号が計画体系と同じか確認してください（新しい事業なら計画体系に追加してください）。`,
      en: (p) => `"${p.program}" is not in the plan master. Check its name and number against the master (add it there if it is new).`,
    },
  },
  check(context, report) {
    if (!context.master) return;
    const current = new Set(context.files.filter((f) => f.status === 'ok').map((f) => f.file));
    const seen = new Set<string>();
    for (const row of context.rows) {
      if (!current.has(row.file) || row.masterIndex !== null) continue;
      const key = `${row.file}|${levelsKey(row.levels)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report({ messageId: 'unknown', at: { file: row.file, sheet: row.sheet, cell: row.nameCell, row: row.row, department: row.department, program: row.name, node: row.node }, params: { program: row.name || row.path, path: row.path } });
    }
  },
});
