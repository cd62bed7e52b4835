import type { Lang, Severity } from '../core/report';
import type { UnreadableReason } from '../xlsx/errors';
import type { ColumnRole } from '../core/settings';
import { namesEscaped } from './escape-names';
import { EXPLAIN_MESSAGES } from './explain';

// What can go wrong with the command's files, as the catalogue words it. Declared here, beside
// the words, and imported by src/cli (files.ts, convert.ts): the catalogue never reaches up
// into the command.
/** Why an input cannot be read as a file. */
export type InputProblem = 'not-found' | 'folder' | 'not-a-file' | 'too-large' | 'permission' | 'link-loop';
/** Why --out cannot be written there. */
export type OutputProblem = 'exists' | 'is-input' | 'empty' | 'folder' | 'not-a-file' | 'dangling-link';
/** Why writing --out failed. */
export type WriteProblem = 'no-folder' | 'permission' | 'folder' | 'disk-full' | 'read-only' | 'other';
/** An older spreadsheet format converted through LibreOffice. */
export type LegacyKind = 'xls' | 'ods';
export type ConversionProblem = 'no-soffice' | 'soffice-not-found' | 'timeout' | 'failed';

/** Terminal strings of the `hyoka` command. */
export interface CliMessages {
  usage: string;
  /** `hyoka check --help`: every option of check. */
  helpCheck: string;
  /** `hyoka consolidate --help`: every option of consolidate. */
  helpConsolidate: string;
  /** `hyoka compare --help`: every option of compare. */
  helpCompare: string;
  /** One line of usage per command, said under an argument error. */
  usageLine: Record<'check' | 'consolidate' | 'compare' | 'top', string>;
  /** An option the command does not know, with the nearest known one where there is one. */
  unknownOption: (option: string, suggestion: string | null) => string;
  /** An option given without its value (`--out` last). */
  optionNeedsValue: (option: string) => string;
  /** A correction refused: another column of the table has the role already. */
  correctionConflict: (sheet: string, column: string, role: string, takenBy: string) => string;
  /** A report year outside the plan's years and the last 30 / next 2 fiscal years. */
  yearOutOfRange: (value: string, from: string, to: string) => string;
  /** `hyoka rules --help`. */
  helpRules: string;
  unreadable: (file: string, reason: UnreadableReason) => string;
  /** The same line with the reason already in words. */
  unreadableBecause: (file: string, why: string) => string;
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
  /** An input that is not a readable regular file; `forCheck` adds the consolidate hint for a folder. */
  inputRefused: (file: string, problem: InputProblem, forCheck?: boolean) => string;
  /** The same without the file name (consolidation findings name the file already). */
  inputProblem: (problem: InputProblem) => string;
  outRefused: (file: string, problem: OutputProblem) => string;
  /** A legacy .xls / .ods that was not converted, without the file name. */
  legacyReason: (kind: LegacyKind, problem: ConversionProblem, detail: string) => string;
  /** Said in the report of a file read through a converted copy. */
  converted: (file: string, kind: LegacyKind) => string;
  writeProblem: Record<WriteProblem, string>;
  wrote: (file: string) => string;
  fileHeading: (file: string, year: string) => string;
  sheetHeading: (sheet: string, kind: string, headerRow: number | null) => string;
  workbookLevel: string;
  kind: Record<'evaluation' | 'summary-table' | 'other', string>;
  totals: (counts: Record<Severity, number>) => string;
  severity: Record<Severity, string>;
  policyTable: string;
  /** The policy table's header, one column per level of the report's scale (best first). */
  policyHeader: (levels: readonly string[]) => string[];
  noPolicies: string;
  noFindingsLine: string;
  noFiles: string;
  unknownCommand: (cmd: string, suggestion?: string | null) => string;
  badArgs: (detail: string) => string;
  unknownYear: string;
}

const UNREADABLE_JA: Record<UnreadableReason, string> = {
  'not-xlsx': 'Excelブック（.xlsx）ではありません',
  csv: 'CSV・テキストファイルのようです。Excelで開いて「Excelブック(.xlsx)」として保存し直してください',
  'legacy-xls': '古い形式（.xls）のブックです。Excelで開いて「Excelブック(.xlsx)」として保存し直してください',
  xlsb: 'Excel バイナリブック（.xlsb）です（名前は .xlsx でも中身はバイナリ形式）。Excelで開いて「名前を付けて保存」で「Excelブック(.xlsx)」を選んで保存し直してください',
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
  xlsb: "an Excel Binary Workbook (.xlsb), whatever its name says; open it in Excel and use Save As → Excel Workbook (.xlsx)",
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

const INPUT_JA: Record<InputProblem, string> = {
  'not-found': 'ファイルが見つかりません',
  folder: 'フォルダです。ファイルを指定してください',
  'not-a-file': '通常のファイルではありません（デバイス・FIFO・ソケットなど）。読み込みません',
  'too-large': 'ファイルが大きすぎます（512 MB まで）',
  permission: 'ファイルを読む権限がありません',
  'link-loop': 'シンボリックリンクが循環しています',
};
const INPUT_EN: Record<InputProblem, string> = {
  'not-found': 'no such file',
  folder: 'a folder; name a file',
  'not-a-file': 'not a regular file (a device, FIFO or socket); not read',
  'too-large': 'too large (the limit is 512 MB)',
  permission: 'permission denied',
  'link-loop': 'a symbolic link loop',
};
const OUTPUT_JA: Record<Exclude<OutputProblem, 'exists' | 'is-input'>, string> = {
  empty: '書き出し先のファイル名が空です',
  folder: 'フォルダです。書き出すファイルの名前を指定してください',
  'not-a-file': '通常のファイルではありません（デバイス・FIFO・ソケット）。--force でも書き込みません',
  'dangling-link': '行き先のないシンボリックリンクです。--force でも書き込みません',
};
const OUTPUT_EN: Record<Exclude<OutputProblem, 'exists' | 'is-input'>, string> = {
  empty: 'the output file name is empty',
  folder: 'a folder; name the file to write',
  'not-a-file': 'not a regular file (a device, FIFO or socket); not written even with --force',
  'dangling-link': 'a symbolic link to nothing; not written even with --force',
};

/** A column role as 読み取った表 and --explain name it (one set of labels). */
const roleLabel = (lang: Lang, role: string): string => EXPLAIN_MESSAGES[lang].role[role as ColumnRole] ?? role;

// Names quoted in a message are escaped (src/i18n/escape-names.ts): a line feed in a file name cannot forge a line.
export const cliMessages: Record<Lang, CliMessages> = namesEscaped({
  ja: {
    usage: [
      '使い方:',
      '  hyoka check <file.xlsx>… [--year 年度] [--config 設定.json] [--lang ja|en] [--json] [--explain] [--out 結果.xlsx] [--force]',
      '  hyoka consolidate <ファイルまたはフォルダ>… --out 取りまとめ.xlsx [--master 計画体系.xlsx] [--per-department フォルダ] [--year 年度] [--json] [--force]',
      '  hyoka compare <前年度.xlsxまたはフォルダ> <今年度.xlsxまたはフォルダ> [--out 比較.xlsx] [--json] [--explain] [--force]',
      '  hyoka rules [--json]',
      '  hyoka check --help / hyoka consolidate --help / hyoka compare --help / hyoka rules --help でコマンドごとの説明',
      '',
      '  --year     報告年度（2023、R5、令和5、令和５年度 など）',
      '  --config   設定ファイル（JSON）。列の役割・算出方法・次年度方針の語などを指定',
      '  --json     結果をJSONで出力（sheets[].regions に読み取った表）',
      '  --explain  check: 読み取った表（見出し行・各列の役割とその根拠・報告年度とその根拠）を表示。compare: 前年度と今年度の事業をどう対応付けたかを理由とともに表示',
      '  --out      評価集計・点検結果のシートを持つ新しいブックを書き出す（入力ファイルは変更しません）',
      '  --force    --out のファイルが既にあるとき上書きする',
      '',
      '終了コード: 0 エラーなし / 1 エラーの指摘あり / 2 読めないファイル・引数の誤り',
    ].join('\n'),
    helpRules: [
      '使い方: hyoka rules [--json] [--lang ja|en]',
      '',
      '点検・取りまとめ・前年度比較のすべての規則を一覧します（ID・種類・重大度・名称・点検する内容）。',
      '設定ファイルの "rules": { "<ID>": "off" } で規則を止められます。',
      '',
      '  --json         一覧をJSONで出力（{ rules: [{ id, kind, severity, title, description, messageIds }] }）',
      '  --lang ja|en   表示の言語（既定: ja）',
      '  -h, --help     このヘルプを表示',
    ].join('\n'),
    helpCheck: [
      '使い方: hyoka check <file.xlsx>… [オプション]',
      '',
      '評価調書のブックを点検し、指摘と施策別の評価集計を表示します。入力ファイルは変更しません。',
      '',
      '  --year <年度>        報告年度（2023、R5、令和5、令和５年度 など）。省略時はシートの表題から判断',
      '  --config <file>      設定ファイル（JSON）。列の役割・算出方法（平均／割合）・しきい値・次年度方針の語',
      '  --lang ja|en         表示と書き出しの言語（既定: ja）',
      '  --json               結果をJSONで出力（docs/json.md）',
      '  --explain            読み取った表（見出し行・各列の役割とその根拠・報告年度とその根拠）を表示',
      '  --out <file.xlsx>    評価集計・点検結果のシートを持つ新しいブックを書き出す（A4横・1ページ幅で印刷可）',
      '  --force              --out のファイルが既にあるとき上書きする',
      '  -h, --help           このヘルプを表示',
      '',
      '終了コード: 0 エラーなし / 1 エラーの指摘あり / 2 読めないファイル・引数の誤り',
    ].join('\n'),
    helpConsolidate: [
      '使い方: hyoka consolidate <ファイルまたはフォルダ>… [オプション]',
      '',
      '担当課から届いたブックをまとめて点検し、取りまとめ・評価集計・点検結果・提出状況を作ります。',
      'フォルダを指定するとその中のブックをすべて読みます（.xlsx。.xls・.ods は LibreOffice があれば .xlsx に変換したコピーを読みます）。計画体系のブック（評価のない体系表）がフォルダにあれば、それを計画体系として使います。',
      '',
      '  --master <file.xlsx>        計画体系（計画マスタ）のブック',
      '  --out <file.xlsx>           取りまとめのブックを書き出す',
      '  --per-department <folder>   担当課ごとの点検結果ブックをこのフォルダに書き出す（各課の指摘と、その課のファイルへのリンク）',
      '  --year <年度>               報告年度（2023、R5、令和5 など）',
      '  --config <file>             設定ファイル（JSON）',
      '  --lang ja|en                表示と書き出しの言語（既定: ja）',
      '  --json                      結果をJSONで出力',
      '  --force                     書き出すファイルが既にあるとき上書きする',
      '  -h, --help                  このヘルプを表示',
      '',
      '終了コード: 0 エラーなし / 1 エラーの指摘あり / 2 読めないファイル・引数の誤り',
    ].join('\n'),
    helpCompare: [
      '使い方: hyoka compare <前年度.xlsxまたはフォルダ> <今年度.xlsxまたはフォルダ> [オプション]',
      '',
      '前年度と今年度の評価調書を事業ごとに対応付け、評価の変化・前年度評価の食い違い・なくなった事業・前年度と同じ文章などを指摘します。入力ファイルは変更しません。',
      '',
      '  --out <file.xlsx>    前年度比較のシートを持つ新しいブックを書き出す',
      '  --year <年度>        今年度の報告年度（前年度のブックは自身の年度を使います）',
      '  --config <file>      設定ファイル（JSON）',
      '  --lang ja|en         表示と書き出しの言語（既定: ja）',
      '  --json               結果をJSONで出力（docs/json.md）',
      '  --explain            前年度と今年度の事業をどう対応付けたかを理由とともに表示',
      '  --force              --out のファイルが既にあるとき上書きする',
      '  -h, --help           このヘルプを表示',
      '',
      '終了コード: 0 エラーなし / 1 エラーの指摘あり / 2 読めないファイル・引数の誤り',
    ].join('\n'),
    usageLine: {
      check: '使い方: hyoka check <file.xlsx>… [オプション]（詳しくは hyoka check --help）',
      consolidate: '使い方: hyoka consolidate <ファイルまたはフォルダ>… [オプション]（詳しくは --help）',
      compare: '使い方: hyoka compare <前年度> <今年度> [オプション]（詳しくは hyoka compare --help）',
      top: '使い方: hyoka check | consolidate | compare | rules …（詳しくは hyoka --help）',
    },
    unknownOption: (option, suggestion) => `「${option}」というオプションはありません。${suggestion ? `もしかして ${suggestion} ですか？` : ''}`,
    optionNeedsValue: (option) => `${option} には値を指定してください。`,
    correctionConflict: (sheet, column, role, takenBy) =>
      `corrections: シート「${sheet}」の${column}列を「${roleLabel('ja', role)}」にする修正は効きません。${takenBy}列が既に「${roleLabel('ja', role)}」です（表が読むのは1列だけです）。どちらか一方にしてください。`,
    yearOutOfRange: (value, from, to) => `--year「${value}」は報告年度として範囲外です。${from}から${to}までの年度を指定してください。`,
    unreadable: (file, reason) => `${file}: 読み込めません — ${UNREADABLE_JA[reason]}。`,
    unreadableBecause: (file, why) => `${file}: 読み込めません — ${why}。`,
    unreadableReason: (reason) => UNREADABLE_JA[reason],
    notFound: (file) => `${file}: ファイルが見つかりません。`,
    badYear: (v) => `--year「${v}」は年度として読めません。2023、R5、令和5、令和５年度 のように指定してください。`,
    badLang: (v) => `--lang「${v}」には ja か en を指定してください。`,
    badConfig: (file, problems) => `設定ファイル ${file} に誤りがあります:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    configUnreadable: (file, detail) => `設定ファイル ${file} を読めません: ${detail}`,
    outExists: (file) => `${file} は既にあります。上書きするには --force を付けてください。`,
    outIsInput: (file) => `${file} は入力ファイルです。入力ファイルには書き込みません。別の名前を指定してください。`,
    outWriteFailed: (file, detail) => `${file} に書き出せませんでした（${detail}）。フォルダがあるか、書き込めるかを確かめてください。何も書き込んでいません。`,
    inputRefused: (file, problem, forCheck = false) =>
      problem === 'folder' && forCheck
        ? `${file} はフォルダです。フォルダの中のブックをまとめて点検するには hyoka consolidate ${file} を使ってください。`
        : `${file}: ${INPUT_JA[problem]}。`,
    inputProblem: (problem) => INPUT_JA[problem],
    outRefused: (file, problem) =>
      problem === 'exists' ? cliMessages.ja.outExists(file) : problem === 'is-input' ? cliMessages.ja.outIsInput(file) : `--out ${file === '' ? "''" : file}: ${OUTPUT_JA[problem]}。何も書き込んでいません。`,
    writeProblem: {
      'no-folder': '書き出し先のフォルダがありません',
      permission: '書き込む権限がありません',
      folder: '同じ名前のフォルダがあります',
      'disk-full': 'ディスクに空きがありません',
      'read-only': '読み取り専用の場所です',
      other: '書き込みに失敗しました',
    },
    legacyReason: (kind, problem, detail) =>
      (kind === 'xls' ? '古い形式（.xls）のブックです。' : 'OpenDocument 形式（.ods）のブックです。') +
      (problem === 'no-soffice'
        ? 'Excelで開いて「Excelブック(.xlsx)」として保存し直してください。LibreOffice を入れると（soffice が PATH にあるか、環境変数 HYOKA_SOFFICE でその場所を指定）コピーを .xlsx に変換して自動で点検します'
        : problem === 'soffice-not-found'
          ? `環境変数 HYOKA_SOFFICE に指定された「${detail}」が見つからないか、実行できるファイルではないため、.xlsx に変換できませんでした。LibreOffice の soffice の場所を指定し直すか、Excelで開いて「Excelブック(.xlsx)」として保存し直してください`
          : problem === 'timeout'
          ? 'LibreOffice での .xlsx への変換が時間内に終わらなかったため中止しました。Excelで開いて「Excelブック(.xlsx)」として保存し直してください'
          : `LibreOffice で .xlsx に変換できませんでした${detail ? `（${detail}）` : ''}。Excelで開いて「Excelブック(.xlsx)」として保存し直してください`),
    converted: (file, kind) => `${file}: ${kind === 'xls' ? '古い形式（.xls）' : 'OpenDocument 形式（.ods）'}のため、LibreOffice で .xlsx に変換したコピーを点検しました（元のファイルは変更していません）。`,
    wrote: (file) => `${file} に評価集計・点検結果を書き出しました。`,
    fileHeading: (file, year) => `${file}（報告年度: ${year}）`,
    sheetHeading: (sheet, kind, headerRow) => `■ シート「${sheet}」（${kind}${headerRow ? `・見出し ${headerRow}行目` : ''}）`,
    workbookLevel: '■ ブック全体',
    kind: { evaluation: '評価表', 'summary-table': '評価総括表', other: 'その他' },
    totals: (c) => `指摘: エラー ${c.error}件 / 警告 ${c.warning}件 / 情報 ${c.info}件`,
    severity: { error: 'エラー', warning: '警告', info: '情報' },
    policyTable: '施策別の評価集計（再掲は1件）',
    policyHeader: (levels) => ['シート', '番号', '名称', '記載', '算出', ...levels, '評価数', '事業数'],
    noPolicies: '（集計できる施策はありません）',
    noFindingsLine: '指摘はありません。',
    noFiles: '点検するファイルを指定してください。',
    unknownCommand: (cmd, suggestion) => `「${cmd}」というコマンドはありません。${suggestion ? `もしかして ${suggestion} ですか？` : ''}`,
    badArgs: (d) => `引数の誤り: ${d}`,
    unknownYear: '不明',
  },
  en: {
    usage: [
      'Usage:',
      '  hyoka check <file.xlsx>… [--year Y] [--config profile.json] [--lang ja|en] [--json] [--explain] [--out report.xlsx] [--force]',
      '  hyoka consolidate <files or folders>… --out merged.xlsx [--master plan.xlsx] [--per-department DIR] [--year Y] [--json] [--force]',
      '  hyoka compare <last-year.xlsx or folder> <this-year.xlsx or folder> [--out compare.xlsx] [--json] [--explain] [--force]',
      '  hyoka rules [--json]',
      '  hyoka check --help / hyoka consolidate --help / hyoka compare --help / hyoka rules --help for each command',
      '',
      '  --year     report year (2023, R5, 令和5, 令和５年度 …)',
      '  --config   profile (JSON): column roles, method, thresholds, next-year policy words',
      '  --json     print JSON (sheets[].regions: what was read)',
      '  --explain  check: show what was read (tables, header rows, each column\'s role and why, the report year and its source); compare: how last year\'s programs were matched with this year\'s, and why',
      '  --out      write a new workbook with the 評価集計 and 点検結果 sheets (inputs are never written)',
      '  --force    overwrite the --out file if it exists',
      '',
      'Exit codes: 0 no errors / 1 error findings / 2 unreadable file or bad arguments',
    ].join('\n'),
    helpRules: [
      'Usage: hyoka rules [--json] [--lang ja|en]',
      '',
      'Lists every rule of check, consolidate and compare: id, kind, severity, title and what it checks.',
      'Switch a rule off with "rules": { "<id>": "off" } in the settings file.',
      '',
      '  --json         print the list as JSON ({ rules: [{ id, kind, severity, title, description, messageIds }] })',
      '  --lang ja|en   language (default: ja)',
      '  -h, --help     show this help',
    ].join('\n'),
    helpCheck: [
      'Usage: hyoka check <file.xlsx>… [options]',
      '',
      'Checks evaluation workbooks and prints the findings and the grades by policy. Inputs are never written.',
      '',
      '  --year <year>        report year (2023, R5, 令和5, 令和５年度 …); default: from the sheet titles',
      '  --config <file>      profile (JSON): column roles, method (mean/share), thresholds, next-year policy words',
      '  --lang ja|en         language of the report and of written sheets (default: ja)',
      '  --json               print JSON (docs/json.md)',
      "  --explain            show what was read: tables, header rows, each column's role and why, the report year and its source",
      '  --out <file.xlsx>    write a new workbook with the 評価集計 and 点検結果 sheets (prints A4 landscape, one page wide)',
      '  --force              overwrite the --out file if it exists',
      '  -h, --help           show this help',
      '',
      'Exit codes: 0 no errors / 1 error findings / 2 unreadable file or bad arguments',
    ].join('\n'),
    helpConsolidate: [
      'Usage: hyoka consolidate <files or folders>… [options]',
      '',
      "Checks the departments' workbooks together and writes 取りまとめ, 評価集計, 点検結果 and 提出状況.",
      'A folder means every workbook in it (.xlsx; .xls and .ods through a converted copy when LibreOffice is installed); a plan master in the folder (a hierarchy without grades) is used as the master.',
      '',
      '  --master <file.xlsx>        the plan master (計画体系)',
      '  --out <file.xlsx>           write the consolidation workbook',
      "  --per-department <folder>   write one 点検結果 workbook per department into the folder (its findings, linked into its file)",
      '  --year <year>               report year (2023, R5, 令和5 …)',
      '  --config <file>             profile (JSON)',
      '  --lang ja|en                language of the report and of written sheets (default: ja)',
      '  --json                      print JSON',
      '  --force                     overwrite files that exist',
      '  -h, --help                  show this help',
      '',
      'Exit codes: 0 no errors / 1 error findings / 2 unreadable file or bad arguments',
    ].join('\n'),
    helpCompare: [
      'Usage: hyoka compare <last-year.xlsx or folder> <this-year.xlsx or folder> [options]',
      '',
      "Matches last year's programs with this year's and reports grade changes, a 前年度評価 that differs from last year's grade, programs gone, text copied forward and more. Inputs are never written.",
      '',
      '  --out <file.xlsx>    write a new workbook with the 前年度比較 sheet',
      "  --year <year>        this year's report year (last year's workbooks state their own)",
      '  --config <file>      profile (JSON)',
      '  --lang ja|en         language of the report and of written sheets (default: ja)',
      '  --json               print JSON (docs/json.md)',
      "  --explain            show how last year's programs were matched with this year's, and why",
      '  --force              overwrite the --out file if it exists',
      '  -h, --help           show this help',
      '',
      'Exit codes: 0 no errors / 1 error findings / 2 unreadable file or bad arguments',
    ].join('\n'),
    usageLine: {
      check: 'Usage: hyoka check <file.xlsx>… [options]   (more: hyoka check --help)',
      consolidate: 'Usage: hyoka consolidate <files or folders>… [options]   (more: --help)',
      compare: 'Usage: hyoka compare <last year> <this year> [options]   (more: --help)',
      top: 'Usage: hyoka check | consolidate | compare | rules …   (more: hyoka --help)',
    },
    unknownOption: (option, suggestion) => `Unknown option "${option}".${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
    optionNeedsValue: (option) => `${option} needs a value.`,
    correctionConflict: (sheet, column, role, takenBy) =>
      `corrections: setting column ${column} of sheet "${sheet}" to "${roleLabel('en', role)}" cannot take effect: column ${takenBy} is "${roleLabel('en', role)}" already (a table reads one such column). Keep one of them.`,
    yearOutOfRange: (value, from, to) => `--year "${value}" is out of range for a report year: give a year from ${from} to ${to}.`,
    unreadable: (file, reason) => `${file}: cannot read — ${UNREADABLE_EN[reason]}.`,
    unreadableBecause: (file, why) => `${file}: cannot read — ${why}.`,
    unreadableReason: (reason) => UNREADABLE_EN[reason],
    notFound: (file) => `${file}: no such file.`,
    badYear: (v) => `--year "${v}" is not a fiscal year; use 2023, R5, 令和5 or 令和５年度.`,
    badLang: (v) => `--lang "${v}": use ja or en.`,
    badConfig: (file, problems) => `The profile ${file} has errors:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    configUnreadable: (file, detail) => `Cannot read the profile ${file}: ${detail}`,
    outExists: (file) => `${file} already exists. Add --force to overwrite it.`,
    outIsInput: (file) => `${file} is an input file; Hyoka never writes to its inputs. Choose another name.`,
    outWriteFailed: (file, detail) => `Could not write ${file} (${detail}). Check that the folder exists and is writable; nothing was written.`,
    inputRefused: (file, problem, forCheck = false) =>
      problem === 'folder' && forCheck
        ? `${file} is a folder. To check the workbooks in a folder together, use: hyoka consolidate ${file}`
        : `${file}: ${INPUT_EN[problem]}.`,
    inputProblem: (problem) => INPUT_EN[problem],
    outRefused: (file, problem) =>
      problem === 'exists' ? cliMessages.en.outExists(file) : problem === 'is-input' ? cliMessages.en.outIsInput(file) : `--out ${file === '' ? "''" : file}: ${OUTPUT_EN[problem]}. Nothing was written.`,
    writeProblem: {
      'no-folder': 'the folder does not exist',
      permission: 'permission denied',
      folder: 'a folder of that name is there',
      'disk-full': 'the disk is full',
      'read-only': 'a read-only location',
      other: 'the write failed',
    },
    legacyReason: (kind, problem, detail) =>
      (kind === 'xls' ? 'a legacy .xls workbook; ' : 'an OpenDocument (.ods) workbook; ') +
      (problem === 'no-soffice'
        ? 'open it in Excel and save it as .xlsx. With LibreOffice installed (soffice on PATH, or its location in the HYOKA_SOFFICE environment variable) a copy is converted to .xlsx and checked automatically'
        : problem === 'soffice-not-found'
          ? `it could not be converted: "${detail}", named by the HYOKA_SOFFICE environment variable, was not found or is not a program. Point HYOKA_SOFFICE at LibreOffice's soffice, or open the file in Excel and save it as .xlsx`
          : problem === 'timeout'
          ? 'converting it to .xlsx with LibreOffice took too long and was stopped; open it in Excel and save it as .xlsx'
          : `LibreOffice could not convert it to .xlsx${detail ? ` (${detail})` : ''}; open it in Excel and save it as .xlsx`),
    converted: (file, kind) => `${file}: ${kind === 'xls' ? 'a legacy .xls' : 'an OpenDocument .ods'} workbook; a copy converted to .xlsx by LibreOffice was checked (the original is unchanged).`,
    wrote: (file) => `Wrote 評価集計 and 点検結果 to ${file}.`,
    fileHeading: (file, year) => `${file} (report year: ${year})`,
    sheetHeading: (sheet, kind, headerRow) => `■ Sheet "${sheet}" (${kind}${headerRow ? `, header row ${headerRow}` : ''})`,
    workbookLevel: '■ Workbook',
    kind: { evaluation: 'evaluation table', 'summary-table': 'summary table', other: 'other' },
    totals: (c) => `Findings: ${c.error} errors / ${c.warning} warnings / ${c.info} info`,
    severity: { error: 'error', warning: 'warning', info: 'info' },
    policyTable: 'Grades by policy (再掲 counted once)',
    policyHeader: (levels) => ['Sheet', 'No.', 'Name', 'Decl.', 'Comp.', ...levels, 'Graded', 'Programs'],
    noPolicies: '(no policies to summarise)',
    noFindingsLine: 'No findings.',
    noFiles: 'Name the files to check.',
    unknownCommand: (cmd, suggestion) => `Unknown command "${cmd}".${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
    badArgs: (d) => `Bad arguments: ${d}`,
    unknownYear: 'unknown',
  },
});
