import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

type Params = { fileName: string; used: string; source: 'column' | 'sheet' };

/**
 * The file name names one department and the sheets another: the sheets' 担当課 (a column, or
 * `担当課：…` above the table) is the one used, and the secretariat is told so.
 */
export const departmentNameDiffers = defineRule<ConsolidationContext, { differs: Params }>({
  id: 'department-name-differs',
  kind: 'consolidate',
  title: { ja: 'ファイル名と担当課の食い違い', en: 'File name names another department' },
  severity: 'info',
  description: {
    ja: 'ファイル名の課とシートに書かれた担当課が違います（シートの担当課で取りまとめました）。',
    en: 'The file name names another department than the sheets do (the sheets’ department was used).',
  },
  messages: {
    differs: {
      ja: (p) =>
        `ファイル名は「${p.fileName}」ですが、シートの${p.source === 'column' ? '担当課の列' : '「担当課」の記載'}は「${p.used}」なので、「${p.used}」の提出として取りまとめました。違う場合はファイルを確認してください。`,
      en: (p) =>
        `The file name says "${p.fileName}" but the sheets' ${p.source === 'column' ? 'department column' : '担当課 line'} says "${p.used}": consolidated as "${p.used}"'s submission. Check the file if that is wrong.`,
    },
  },
  check(context, report) {
    for (const f of context.files) {
      if (!f.fileNameDepartment || f.department === null || f.status === 'unreadable') continue;
      const source = f.departmentSource === 'column' ? 'column' : 'sheet';
      report({ messageId: 'differs', at: { file: f.file, sheet: null, cell: null, row: null, department: f.department }, params: { fileName: f.fileNameDepartment, used: f.department, source } });
    }
  },
});
