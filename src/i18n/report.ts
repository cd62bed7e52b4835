import type { Lang, Severity } from '../core/report';

/** Labels of the sheets Hyoka writes (評価集計, 点検結果) and of the terminal report. */
export interface ReportMessages {
  summarySheet: string;
  findingsSheet: string;
  policyTableTitle: string;
  gradeTableTitle: (sheet: string) => string;
  chartTitle: string;
  findingsTableTitle: string;
  fileLine: (file: string | null, year: string) => string;
  col: {
    sheet: string;
    id: string;
    name: string;
    level: string;
    declared: string;
    computed: string;
    programs: string;
    findings: string;
    grade: string;
    count: string;
    policies: string;
    severity: string;
    cell: string;
    rule: string;
    message: string;
    department: string;
    year: string;
  };
  total: string;
  sheetTotal: (sheet: string) => string;
  severity: Record<Severity, string>;
  unknownYear: string;
  noFindings: string;
}

export const reportMessages: Record<Lang, ReportMessages> = {
  ja: {
    summarySheet: '評価集計',
    findingsSheet: '点検結果',
    policyTableTitle: '施策別の評価集計（再掲は1件として集計）',
    gradeTableTitle: (sheet) => `評価総括表（${sheet}）`,
    chartTitle: '目標・施策ごとの評価の分布（A〜D）',
    findingsTableTitle: '点検結果',
    fileLine: (file, year) => `ファイル: ${file ?? '（開いているブック）'}　報告年度: ${year}`,
    col: {
      sheet: 'シート',
      id: '番号',
      name: '名称',
      level: '階層',
      declared: '評価（記載）',
      computed: '評価（算出）',
      programs: '事業数',
      findings: '指摘数',
      grade: '評価',
      count: '件数',
      policies: '該当する施策',
      severity: '重大度',
      cell: 'セル',
      rule: '規則',
      message: '内容',
      department: '担当課',
      year: '年度',
    },
    total: '合計',
    sheetTotal: (sheet) => `合計（${sheet}）`,
    severity: { error: 'エラー', warning: '警告', info: '情報' },
    unknownYear: '不明',
    noFindings: '指摘はありません。',
  },
  en: {
    summarySheet: '評価集計',
    findingsSheet: '点検結果',
    policyTableTitle: 'Grades by policy (再掲 counted once)',
    gradeTableTitle: (sheet) => `Grade summary (${sheet})`,
    chartTitle: 'Grades A–D by goal / policy',
    findingsTableTitle: 'Findings',
    fileLine: (file, year) => `File: ${file ?? '(open workbook)'}   Report year: ${year}`,
    col: {
      sheet: 'Sheet',
      id: 'No.',
      name: 'Name',
      level: 'Level',
      declared: 'Declared',
      computed: 'Computed',
      programs: 'Programs',
      findings: 'Findings',
      grade: 'Grade',
      count: 'Count',
      policies: 'Policies',
      severity: 'Severity',
      cell: 'Cell',
      rule: 'Rule',
      message: 'Message',
      department: 'Department',
      year: 'Year',
    },
    total: 'Total',
    sheetTotal: (sheet) => `Total (${sheet})`,
    severity: { error: 'error', warning: 'warning', info: 'info' },
    unknownYear: 'unknown',
    noFindings: 'No findings.',
  },
};
