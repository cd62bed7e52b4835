import { defineRule, type RuleContext } from './rule';

interface Target {
  sheet: string;
  /** The correction's table key, or null (the sheet's first evaluation table). */
  table: string | null;
  column: string | null;
  row: number | null;
}

/** `「評価調書」表B4・F列` / `"評価調書" table B4, column F`: what the correction named. */
function target(p: Target, lang: 'ja' | 'en'): string {
  if (lang === 'ja') {
    const parts = [p.table !== null ? `表${p.table}` : null, p.column !== null ? `${p.column}列` : null, p.row !== null ? `${p.row}行目` : null].filter(Boolean);
    return `「${p.sheet}」${parts.length ? parts.join('・') : ''}`;
  }
  const parts = [p.table !== null ? `table ${p.table}` : null, p.column !== null ? `column ${p.column}` : null, p.row !== null ? `row ${p.row}` : null].filter(Boolean);
  return `"${p.sheet}"${parts.length ? ` ${parts.join(', ')}` : ''}`;
}

/**
 * A correction a person saved (settings.corrections) that matched no sheet or table the check
 * read was not applied: say so, so a renamed sheet or a moved table does not quietly undo it.
 */
export const correctionUnmatched = defineRule<RuleContext, { 'sheet-missing': Target; 'table-missing': Target }>({
  id: 'correction-unmatched',
  kind: 'check',
  title: { ja: '適用されなかった修正', en: 'Correction not applied' },
  severity: 'warning',
  description: {
    ja: '設定に保存された表の修正が、読み取ったどの表にも当てはまらず、適用されませんでした。',
    en: 'A saved correction matched no table that was read, so it was not applied.',
  },
  messages: {
    'sheet-missing': {
      ja: (p) => `設定の修正（${target(p, 'ja')}）は、そのシートが見つからない（名前の変更・削除・非表示）ため適用していません。`,
      en: (p) => `The correction for ${target(p, 'en')} was not applied: no such visible sheet (renamed, deleted or hidden?).`,
    },
    'table-missing': {
      ja: (p) => `設定の修正（${target(p, 'ja')}）は、当てはまる表が見つからない（表の位置や見出しが変わった可能性）ため適用していません。読み取った表の画面で指定し直してください。`,
      en: (p) => `The correction for ${target(p, 'en')} was not applied: no table it names was found (moved, or its header changed?). Correct it again under the tables read.`,
    },
  },
  check(context, report) {
    const sheets = new Set(context.layouts.map((l) => l.sheet));
    for (const c of context.unmatchedCorrections ?? []) {
      const params: Target = { sheet: c.sheet, table: c.table ?? null, column: c.column ?? null, row: c.row ?? null };
      const present = sheets.has(c.sheet);
      report({ messageId: present ? 'table-missing' : 'sheet-missing', at: { sheet: present ? c.sheet : null, cell: null, row: null }, params });
    }
  },
});
