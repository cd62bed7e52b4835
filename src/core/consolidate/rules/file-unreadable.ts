import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

/** A file that could not be read is reported, and the run goes on without it. */
export const fileUnreadable = defineRule<ConsolidationContext, { unreadable: { detail: string } }>({
  id: 'file-unreadable',
  kind: 'consolidate',
  title: { ja: '読めないファイル', en: 'File unreadable' },
  severity: 'error',
  description: {
    ja: '読み込めないファイルがあります（取りまとめに含まれません）。',
    en: 'A file could not be read (it is left out of the consolidation).',
  },
  messages: {
    unreadable: {
      ja: (p) => `このファイルを読み込めません（${p.detail}）。このファイルの報告は取りまとめに含まれていません。担当課に送り直しを依頼してください。`,
      en: (p) => `This file cannot be read (${p.detail}). Its report is not in the consolidation; ask the department to send it again.`,
    },
  },
  check(context, report) {
    for (const f of context.files) {
      if (f.status !== 'unreadable') continue;
      report({ messageId: 'unreadable', at: { file: f.file, sheet: null, cell: null, row: null, department: f.department }, params: { detail: f.unreadable ?? '' } });
    }
  },
});
