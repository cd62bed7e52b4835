import type { ColumnRole, Severity } from '../core';

/**
 * Every string the task pane shows, in Japanese and English. Placeholders are `{name}`.
 * Components never hold text inline: they call `useText()` / `format()` with a key from here.
 */
const ja = {
  appTitle: 'Hyoka 評価点検',
  tabCheck: '点検',
  tabFindings: '指摘一覧',
  tabSummary: '集計',
  tabSettings: '設定',
  navLabel: '画面',

  // 点検
  runCheck: '点検する',
  rerunCheck: 'もう一度点検する',
  phaseReading: 'ブックを読み込んでいます…',
  phaseChecking: '点検しています…',
  phaseWriting: '集計シートを書き込んでいます…',
  checkIntroLive: '開いているブックの評価シートを点検します。ブックの値や数式は変更しません。',
  checkIntroFile: '選んだファイルの評価シートを点検します。ファイルはこのページの中だけで処理されます。',
  countsTitle: '重要度別の指摘数',
  lastRun: '最終実行: {time}',
  noFindings: '指摘はありません。',
  sheetsChecked: '{count} シートを点検しました（評価シート {evaluation}）',
  reportYear: '報告年度: {year}',
  reportYearUnknown: '報告年度: 不明（設定で指定できます）',
  highlightOn: '指摘セルに色を付ける',
  highlightOff: '色付けを元に戻す',
  highlightDone: '{count} 個のセルに色を付けました。「色付けを元に戻す」で元の塗りつぶしに戻せます。',
  highlightCleared: '{count} 個のセルの塗りつぶしを元に戻しました。',
  writeSummary: '集計シートを書き込む',
  downloadReport: '点検結果をダウンロード',
  summaryWritten: '「{sheets}」シートを書き込みました。',
  reportDownloaded: '{file} をダウンロードしました。',
  checkFirst: 'まず「点検する」を押してください。',
  errorTitle: 'エラー',
  errorUnreadable: 'このファイルは Excel ブック (.xlsx) として読み込めませんでした。',
  'unreadable_legacy-xls': 'Excel 97-2003 形式 (.xls) のファイルです。Excel で「.xlsx」形式で保存し直してから選んでください。',
  unreadable_encrypted: 'パスワードで保護されたブックは読み込めません。保護を解除して保存し直してから選んでください。',
  unreadable_csv: 'CSV などのテキストファイルです。Excel で「.xlsx」形式で保存し直してから選んでください。',
  'unreadable_empty-file': 'ファイルが空です。',
  errorGeneric: '処理中に問題が起きました: {message}',
  officeMissing: 'Office.js を読み込めませんでした。Excel のアドインとして開いているか確認してください。',

  // severities
  severity_error: 'エラー',
  severity_warning: '警告',
  severity_info: '情報',

  // ファイル (browser mode)
  fileTitle: 'Excel ファイルを点検',
  fileDrop: '評価シートの .xlsx ファイルをここにドロップするか、下のボタンで選んでください。',
  fileChoose: 'ファイルを選ぶ',
  filePrivacy: 'ファイルはお使いのブラウザーの中だけで処理され、どこにも送信されません。',
  fileLoaded: 'ファイル: {name}',
  fileOther: '別のファイルを選ぶ',
  fileNotXlsx: '.xlsx ファイルを選んでください。',

  // 指摘一覧
  filterSeverity: '重要度',
  filterSheet: 'シート',
  filterDepartment: '担当課',
  filterAll: 'すべて',
  findingsShown: '{shown} / {total} 件',
  findingCellLive: '{cell} を選択',
  findingNoCell: 'ブック全体',
  findingsEmptyFilter: '条件に合う指摘はありません。',
  workbookLevel: 'ブック全体',

  // 集計
  policyTableTitle: '施策ごとの評価',
  colPolicy: '施策',
  colGrade: '評価',
  colDistribution: '事業の評価分布',
  declared: '記載',
  computed: '算出',
  gradeNone: '—',
  programs: '事業 {count}',
  distributionLabel: 'A {A}・B {B}・C {C}・D {D}',
  noPolicies: '集計できる施策がありません。',
  gradeMismatch: '記載と算出が異なります',

  // 設定
  settingsTitle: 'このブックの設定',
  settingsReportYear: '報告年度',
  settingsReportYearHint: '例: 令和5年度、R5、2023',
  settingsMethod: '施策評価の算出方法',
  method_mean: '平均（A=4〜D=1 の平均）',
  method_share: '割合（A の事業の割合）',
  settingsThresholds: 'しきい値',
  thresholdFor: '{grade} 以上',
  settingsColumns: 'シートごとの列の役割',
  settingsColumnsHint: '検出した役割を表示しています。違う場合は選び直してください。',
  columnDetected: '検出',
  columnOverride: '変更済み',
  settingsNoSheets: '点検すると列の一覧が表示されます。',
  settingsSave: '保存して再点検',
  settingsSaved: '設定を保存しました。',
  settingsProblems: '保存されていた設定に問題があったため既定値を使っています:',
  settingsInvalid: '入力を確認してください: {problems}',

  // column roles
  role_hierarchy: '階層・番号',
  role_name: '事業名・取組名',
  role_department: '担当課',
  role_grade: '評価',
  role_previousGrade: '前年度評価',
  role_nextPolicy: '次年度方針',
  role_repost: '再掲',
  role_achievement: '達成度',
  role_yearStatus: '年度別 実施状況',
  role_yearEvaluation: '年度別 担当課の評価',
  role_yearAchievement: '年度別 達成度',
  role_text: '文章（点検しない）',
  role_ignore: '無視する',
};

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  appTitle: 'Hyoka evaluation check',
  tabCheck: 'Check',
  tabFindings: 'Findings',
  tabSummary: 'Summary',
  tabSettings: 'Settings',
  navLabel: 'Screens',

  runCheck: 'Check',
  rerunCheck: 'Check again',
  phaseReading: 'Reading the workbook…',
  phaseChecking: 'Checking…',
  phaseWriting: 'Writing the summary sheets…',
  checkIntroLive: 'Checks the evaluation sheets of the open workbook. Values and formulas are never changed.',
  checkIntroFile: 'Checks the evaluation sheets of the chosen file. The file is processed only inside this page.',
  countsTitle: 'Findings by severity',
  lastRun: 'Last run: {time}',
  noFindings: 'No findings.',
  sheetsChecked: 'Checked {count} sheets ({evaluation} evaluation sheets)',
  reportYear: 'Report year: {year}',
  reportYearUnknown: 'Report year: unknown (set it in Settings)',
  highlightOn: 'Highlight flagged cells',
  highlightOff: 'Remove highlights',
  highlightDone: 'Highlighted {count} cells. "Remove highlights" restores their original fill.',
  highlightCleared: 'Restored the fill of {count} cells.',
  writeSummary: 'Write summary sheets',
  downloadReport: 'Download report',
  summaryWritten: 'Wrote the sheets "{sheets}".',
  reportDownloaded: 'Downloaded {file}.',
  checkFirst: 'Run the check first.',
  errorTitle: 'Error',
  errorUnreadable: 'This file could not be read as an Excel workbook (.xlsx).',
  'unreadable_legacy-xls': 'This is an Excel 97-2003 (.xls) file. Save it as .xlsx in Excel, then choose it again.',
  unreadable_encrypted: 'Password-protected workbooks cannot be read. Remove the password, save, and choose it again.',
  unreadable_csv: 'This is a CSV or text file. Save it as .xlsx in Excel, then choose it again.',
  'unreadable_empty-file': 'The file is empty.',
  errorGeneric: 'Something went wrong: {message}',
  officeMissing: 'Office.js could not be loaded. Open this page as an Excel add-in.',

  severity_error: 'Error',
  severity_warning: 'Warning',
  severity_info: 'Info',

  fileTitle: 'Check an Excel file',
  fileDrop: 'Drop an evaluation workbook (.xlsx) here, or choose one with the button below.',
  fileChoose: 'Choose a file',
  filePrivacy: 'The file is processed only inside your browser and is never uploaded.',
  fileLoaded: 'File: {name}',
  fileOther: 'Choose another file',
  fileNotXlsx: 'Please choose an .xlsx file.',

  filterSeverity: 'Severity',
  filterSheet: 'Sheet',
  filterDepartment: 'Department',
  filterAll: 'All',
  findingsShown: '{shown} of {total}',
  findingCellLive: 'Select {cell}',
  findingNoCell: 'Whole workbook',
  findingsEmptyFilter: 'No findings match the filters.',
  workbookLevel: 'Whole workbook',

  policyTableTitle: 'Grades by policy',
  colPolicy: 'Policy',
  colGrade: 'Grade',
  colDistribution: 'Program grades',
  declared: 'Stated',
  computed: 'Computed',
  gradeNone: '—',
  programs: '{count} programs',
  distributionLabel: 'A {A}, B {B}, C {C}, D {D}',
  noPolicies: 'No policies to summarise.',
  gradeMismatch: 'Stated and computed grades differ',

  settingsTitle: 'Settings for this workbook',
  settingsReportYear: 'Report year',
  settingsReportYearHint: 'e.g. 2023, R5, 令和5年度',
  settingsMethod: 'Policy grade method',
  method_mean: 'Mean (A=4 … D=1)',
  method_share: 'Share of programs graded A',
  settingsThresholds: 'Thresholds',
  thresholdFor: '{grade} from',
  settingsColumns: 'Column roles per sheet',
  settingsColumnsHint: 'Roles as detected. Pick another where detection is wrong.',
  columnDetected: 'detected',
  columnOverride: 'changed',
  settingsNoSheets: 'Run the check to see the columns.',
  settingsSave: 'Save and check again',
  settingsSaved: 'Settings saved.',
  settingsProblems: 'The stored settings had problems, so defaults are used:',
  settingsInvalid: 'Please check: {problems}',

  role_hierarchy: 'Hierarchy / number',
  role_name: 'Program name',
  role_department: 'Department',
  role_grade: 'Grade',
  role_previousGrade: 'Previous grade',
  role_nextPolicy: 'Next-year policy',
  role_repost: 'Repost (再掲)',
  role_achievement: 'Achievement',
  role_yearStatus: 'Status per year',
  role_yearEvaluation: 'Evaluation per year',
  role_yearAchievement: 'Achievement per year',
  role_text: 'Text (not checked)',
  role_ignore: 'Ignore',
};

export const TASKPANE_MESSAGES: Record<'ja' | 'en', Record<MessageKey, string>> = { ja, en };

export function format(lang: 'ja' | 'en', key: MessageKey, params: Record<string, string | number> = {}): string {
  return TASKPANE_MESSAGES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function severityKey(s: Severity): MessageKey {
  return `severity_${s}`;
}

/** The message for an unreadable file's reason (src/xlsx/errors.ts), or the general one. */
export function unreadableKey(reason: unknown): MessageKey {
  const key = `unreadable_${String(reason)}`;
  return key in ja ? (key as MessageKey) : 'errorUnreadable';
}

export function roleKey(r: ColumnRole): MessageKey {
  return `role_${r}`;
}
