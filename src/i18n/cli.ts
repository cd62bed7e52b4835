import type { Lang, Severity } from '../core/report';
import type { UnreadableReason } from '../xlsx/errors';

/** Terminal strings of the `hyoka` command. */
export interface CliMessages {
  usage: string;
  unreadable: (file: string, reason: UnreadableReason) => string;
  /** Why a file cannot be read, without the file name (for messages that name it already). */
  unreadableReason: (reason: UnreadableReason) => string;
  notFound: (file: string) => string;
  badYear: (value: string) => string;
  badLang: (value: string) => string;
  badConfig: (file: string, problems: string[]) => string;
  configUnreadable: (file: string, detail: string) => string;
  outExists: (file: string) => string;
  outIsInput: (file: string) => string;
  outWriteFailed: (file: string, detail: string) => string;
  wrote: (file: string) => string;
  fileHeading: (file: string, year: string) => string;
  sheetHeading: (sheet: string, kind: string, headerRow: number | null) => string;
  workbookLevel: string;
  kind: Record<'evaluation' | 'summary-table' | 'other', string>;
  totals: (counts: Record<Severity, number>) => string;
  severity: Record<Severity, string>;
  policyTable: string;
  policyHeader: string[];
  noPolicies: string;
  noFiles: string;
  unknownCommand: (cmd: string) => string;
  badArgs: (detail: string) => string;
  unknownYear: string;
}

const UNREADABLE_JA: Record<UnreadableReason, string> = {
  'not-xlsx': 'Excelブック（.xlsx）ではありません',
  csv: 'CSV・テキストファイルのようです。Excelで開いて「Excelブック(.xlsx)」として保存し直してください',
  'legacy-xls': '古い形式（.xls）のブックです。Excelで開いて「Excelブック(.xlsx)」として保存し直してください',
  encrypted: 'パスワードで保護されています。保護を解除したコピーを点検してください',
  corrupt: 'ファイルが壊れているか、途中までしかありません。元のファイルを取り直してください',
  'empty-file': '空のファイルです',
  'no-sheets': 'シートがありません',
  'too-large': '展開すると大きすぎます（1 GB を超えます）。表だけを新しいブックに写して保存し直してください',
  'zip-bomb': 'ファイルの中身が異常な比率で膨らみます（圧縮爆弾の疑い）。送り主に確認してください',
  'beyond-limits': 'Excel の上限（1,048,576 行 × 16,384 列）を超える行・列番号があります。ファイルが壊れているか、Excel 以外で作られたものです',
  'too-many-strings': '文字データが多すぎます（200 万件または 3,000 万文字を超えます）。表だけを新しいブックに写して保存し直してください',
  'cell-too-long': '1 つのセルに Excel の上限（32,767 文字）を超える文字があります。ファイルが壊れているか、Excel 以外で作られたものです',
  'too-many-sheets': 'シートが多すぎます（1,000 枚を超えます）',
  'too-deep': 'ブックの内部構造が異常に深く入れ子になっています。ファイルが壊れているか、Excel 以外で作られたものです',
  'missing-strings': '文字データの部品（sharedStrings.xml）が欠けています。元のファイルを取り直してください',
};
const UNREADABLE_EN: Record<UnreadableReason, string> = {
  'not-xlsx': 'not an Excel workbook (.xlsx)',
  csv: 'looks like a CSV/text file; open it in Excel and save it as an Excel workbook (.xlsx)',
  'legacy-xls': 'a legacy .xls workbook; open it in Excel and save it as .xlsx',
  encrypted: 'password-protected; check an unprotected copy',
  corrupt: 'damaged or truncated; get the file again',
  'empty-file': 'an empty file',
  'no-sheets': 'a workbook without sheets',
  'too-large': 'too large once unpacked (over 1 GB); copy the tables into a new workbook and save that',
  'zip-bomb': 'its content unpacks at an abnormal ratio (a suspected zip bomb); ask the sender',
  'beyond-limits': "has a row or column number beyond Excel's limits (1,048,576 rows × 16,384 columns); the file is damaged or was not made by Excel",
  'too-many-strings': 'holds too much text (over 2 million entries or 30 million characters); copy the tables into a new workbook and save that',
  'cell-too-long': "a cell holds more than Excel's 32,767 characters; the file is damaged or was not made by Excel",
  'too-many-sheets': 'too many sheets (over 1,000)',
  'too-deep': 'its internal structure is nested abnormally deep; the file is damaged or was not made by Excel',
  'missing-strings': 'its text part (sharedStrings.xml) is missing; get the file again',
};

export const cliMessages: Record<Lang, CliMessages> = {
  ja: {
    usage: [
      '使い方:',
      '  hyoka check <file.xlsx>… [--year 年度] [--config 設定.json] [--lang ja|en] [--json] [--explain] [--out 結果.xlsx] [--force]',
      '  hyoka consolidate <ファイルまたはフォルダ>… --out 取りまとめ.xlsx [--master 計画体系.xlsx] [--year 年度] [--json] [--force]',
      '',
      '  --year     報告年度（2023、R5、令和5、令和５年度 など）',
      '  --config   設定ファイル（JSON）。列の役割・算出方法・次年度方針の語などを指定',
      '  --json     結果をJSONで出力（sheets[].regions に読み取った表）',
      '  --explain  読み取った表（見出し行・各列の役割とその根拠・報告年度とその根拠）を表示',
      '  --out      評価集計・点検結果のシートを持つ新しいブックを書き出す（入力ファイルは変更しません）',
      '  --force    --out のファイルが既にあるとき上書きする',
      '',
      '終了コード: 0 エラーなし / 1 エラーの指摘あり / 2 読めないファイル・引数の誤り',
    ].join('\n'),
    unreadable: (file, reason) => `${file}: 読み込めません — ${UNREADABLE_JA[reason]}。`,
    unreadableReason: (reason) => UNREADABLE_JA[reason],
    notFound: (file) => `${file}: ファイルが見つかりません。`,
    badYear: (v) => `--year「${v}」は年度として読めません。2023、R5、令和5、令和５年度 のように指定してください。`,
    badLang: (v) => `--lang「${v}」には ja か en を指定してください。`,
    badConfig: (file, problems) => `設定ファイル ${file} に誤りがあります:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    configUnreadable: (file, detail) => `設定ファイル ${file} を読めません: ${detail}`,
    outExists: (file) => `${file} は既にあります。上書きするには --force を付けてください。`,
    outIsInput: (file) => `${file} は入力ファイルです。入力ファイルには書き込みません。別の名前を指定してください。`,
    outWriteFailed: (file, detail) => `${file} に書き出せませんでした（${detail}）。フォルダがあるか、書き込めるかを確かめてください。何も書き込んでいません。`,
    wrote: (file) => `${file} に評価集計・点検結果を書き出しました。`,
    fileHeading: (file, year) => `${file}（報告年度: ${year}）`,
    sheetHeading: (sheet, kind, headerRow) => `■ シート「${sheet}」（${kind}${headerRow ? `・見出し ${headerRow}行目` : ''}）`,
    workbookLevel: '■ ブック全体',
    kind: { evaluation: '評価表', 'summary-table': '評価総括表', other: 'その他' },
    totals: (c) => `指摘: エラー ${c.error}件 / 警告 ${c.warning}件 / 情報 ${c.info}件`,
    severity: { error: 'エラー', warning: '警告', info: '情報' },
    policyTable: '施策別の評価集計（再掲は1件）',
    policyHeader: ['シート', '番号', '名称', '記載', '算出', 'A', 'B', 'C', 'D', '事業数'],
    noPolicies: '（集計できる施策はありません）',
    noFiles: '点検するファイルを指定してください。',
    unknownCommand: (cmd) => `「${cmd}」というコマンドはありません。`,
    badArgs: (d) => `引数の誤り: ${d}`,
    unknownYear: '不明',
  },
  en: {
    usage: [
      'Usage:',
      '  hyoka check <file.xlsx>… [--year Y] [--config profile.json] [--lang ja|en] [--json] [--explain] [--out report.xlsx] [--force]',
      '  hyoka consolidate <files or folders>… --out merged.xlsx [--master plan.xlsx] [--year Y] [--json] [--force]',
      '',
      '  --year     report year (2023, R5, 令和5, 令和５年度 …)',
      '  --config   profile (JSON): column roles, method, thresholds, next-year policy words',
      '  --json     print JSON (sheets[].regions: what was read)',
      '  --explain  show what was read: tables, header rows, each column\'s role and why, the report year and its source',
      '  --out      write a new workbook with the 評価集計 and 点検結果 sheets (inputs are never written)',
      '  --force    overwrite the --out file if it exists',
      '',
      'Exit codes: 0 no errors / 1 error findings / 2 unreadable file or bad arguments',
    ].join('\n'),
    unreadable: (file, reason) => `${file}: cannot read — ${UNREADABLE_EN[reason]}.`,
    unreadableReason: (reason) => UNREADABLE_EN[reason],
    notFound: (file) => `${file}: no such file.`,
    badYear: (v) => `--year "${v}" is not a fiscal year; use 2023, R5, 令和5 or 令和５年度.`,
    badLang: (v) => `--lang "${v}": use ja or en.`,
    badConfig: (file, problems) => `The profile ${file} has errors:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    configUnreadable: (file, detail) => `Cannot read the profile ${file}: ${detail}`,
    outExists: (file) => `${file} already exists. Add --force to overwrite it.`,
    outIsInput: (file) => `${file} is an input file; Hyoka never writes to its inputs. Choose another name.`,
    outWriteFailed: (file, detail) => `Could not write ${file} (${detail}). Check that the folder exists and is writable; nothing was written.`,
    wrote: (file) => `Wrote 評価集計 and 点検結果 to ${file}.`,
    fileHeading: (file, year) => `${file} (report year: ${year})`,
    sheetHeading: (sheet, kind, headerRow) => `■ Sheet "${sheet}" (${kind}${headerRow ? `, header row ${headerRow}` : ''})`,
    workbookLevel: '■ Workbook',
    kind: { evaluation: 'evaluation table', 'summary-table': 'summary table', other: 'other' },
    totals: (c) => `Findings: ${c.error} errors / ${c.warning} warnings / ${c.info} info`,
    severity: { error: 'error', warning: 'warning', info: 'info' },
    policyTable: 'Grades by policy (再掲 counted once)',
    policyHeader: ['Sheet', 'No.', 'Name', 'Decl.', 'Comp.', 'A', 'B', 'C', 'D', 'Programs'],
    noPolicies: '(no policies to summarise)',
    noFiles: 'Name the files to check.',
    unknownCommand: (cmd) => `Unknown command "${cmd}".`,
    badArgs: (d) => `Bad arguments: ${d}`,
    unknownYear: 'unknown',
  },
};
