import type { Lang } from '../core/report';
import { escapeName, namesEscaped } from './escape-names';

/** Why `--per-department DIR` cannot be used, found before anything is written. */
export type FolderProblem = 'empty' | 'not-a-folder' | 'under-a-file' | 'permission' | 'read-only' | 'input-folder' | 'other';

/** The CLI's messages about what it writes (docs/output-safety.md): folders, partial multi-file writes, stored data skipped. */
export interface OutputMessages {
  /** `--per-department` unusable: nothing was written. */
  folderRefused: (dir: string, problem: FolderProblem, detail?: string) => string;
  /** Department files already there (without --force): nothing was written. */
  departmentsExist: (dir: string, files: string[]) => string;
  /** A write failed part-way through the department files: which were written and which were not. */
  departmentsPartial: (dir: string, failed: string, detail: string, written: string[], notWritten: string[]) => string;
  /** A department with no workbook of its own to write, and why. */
  departmentNotWritten: (department: string, files: string[]) => string;
  /** A stored add-in property too large to read, skipped. */
  propertySkipped: (file: string, name: string, chars: number) => string;
}

const FOLDER_JA: Record<FolderProblem, string> = {
  empty: 'フォルダ名が空です',
  'not-a-folder': 'フォルダではありません（ファイルまたはデバイスです）',
  'under-a-file': '途中にフォルダでないもの（ファイル）があり、フォルダを作れません',
  permission: 'フォルダを作る・書き込む権限がありません',
  'read-only': '読み取り専用の場所です',
  'input-folder':
    '入力のブックがあるフォルダです。ここに点検結果を書き出すと、次の取りまとめで提出されたブックとして読まれてしまいます。別のフォルダを指定してください',
  other: 'フォルダを作れません',
};
const FOLDER_EN: Record<FolderProblem, string> = {
  empty: 'the folder name is empty',
  'not-a-folder': 'not a folder (a file or a device)',
  'under-a-file': 'a part of the path is a file, so the folder cannot be created',
  permission: 'no permission to create or write to the folder',
  'read-only': 'a read-only place',
  'input-folder':
    'it holds the input workbooks: the findings written there would be read as submissions by the next consolidate. Choose another folder',
  other: 'the folder cannot be created',
};

const list = (files: string[]): string => files.map((f) => `  ${escapeName(f)}`).join('\n');

export const outputMessages: Record<Lang, OutputMessages> = namesEscaped({
  ja: {
    folderRefused: (dir, problem, detail) =>
      `--per-department ${dir === '' ? "''" : dir}: ${FOLDER_JA[problem]}${detail ? `（${detail}）` : ''}。何も書き込んでいません。`,
    departmentsExist: (dir, files) =>
      `${dir} に同じ名前の点検結果が既にあります。上書きするには --force を付けてください。何も書き込んでいません:\n${list(files)}`,
    departmentsPartial: (dir, failed, detail, written, notWritten) =>
      `${failed} に書き出せませんでした（${detail}）。${dir} の担当課別の点検結果は一部だけです。\n` +
      `書き出したもの（${written.length}件）:\n${written.length > 0 ? list(written) : '  なし'}\n` +
      `書き出していないもの（${notWritten.length}件）:\n${list(notWritten)}`,
    departmentNotWritten: (department, files) =>
      `担当課「${department}」の点検結果は書き出していません: ${files.map(escapeName).join('、')} を読み込めなかったため、点検した内容がありません（取りまとめの点検結果・提出状況に理由があります）。`,
    propertySkipped: (file, name, chars) =>
      `${file}: ブックに保存されたアドインのデータ「${name}」（${chars.toLocaleString('ja-JP')}文字）は大きすぎるため読み込まずに点検しました。`,
  },
  en: {
    folderRefused: (dir, problem, detail) => `--per-department ${dir === '' ? "''" : dir}: ${FOLDER_EN[problem]}${detail ? ` (${detail})` : ''}; nothing was written.`,
    departmentsExist: (dir, files) => `Findings workbooks of the same names are already in ${dir}. Add --force to overwrite them; nothing was written:\n${list(files)}`,
    departmentsPartial: (dir, failed, detail, written, notWritten) =>
      `Could not write ${failed} (${detail}). The per-department findings in ${dir} are incomplete.\n` +
      `Written (${written.length}):\n${written.length > 0 ? list(written) : '  none'}\n` +
      `Not written (${notWritten.length}):\n${list(notWritten)}`,
    departmentNotWritten: (department, files) =>
      `No findings workbook for ${department}: ${files.map(escapeName).join(', ')} could not be read, so nothing of it was checked (the consolidation's findings and submissions say why).`,
    propertySkipped: (file, name, chars) => `${file}: add-in data stored in the workbook ("${name}", ${chars.toLocaleString('en-US')} characters) is too large and was not read; checked without it.`,
  },
});
