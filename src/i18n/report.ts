import type { Lang, Severity, SummaryMethod } from '../core/report';

/** Labels of the sheets Hyoka writes (評価集計, 点検結果) and of the terminal report. */
export interface ReportMessages {
  summarySheet: string;
  findingsSheet: string;
  policyTableTitle: string;
  gradeTableTitle: (sheet: string) => string;
  chartTitle: string;
  chartDataTitle: string;
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
    graded: string;
    ruleId: string;
    goal: string;
    sheets: string;
    rows: string;
    entered: string;
    done: string;
    notDone: string;
    achievement: string;
    meaning: string;
  };
  total: string;
  /** 評価基準: the scale's levels and meanings. */
  criteriaTitle: string;
  bestLevel: string;
  worstLevel: string;
  criteriaFromWorkbook: string;
  criteriaDefault: (labels: string[]) => string;
  planTotal: string;
  outsideGoals: string;
  planTableTitle: string;
  progressTitle: (sheet: string) => string;
  progressNote: string;
  singleYear: string;
  gradedNote: string;
  methodNote: (method: SummaryMethod) => string;
  /** The rule's name for people (「評価の記入漏れ」); the id goes in its own narrow column. */
  ruleTitle: (rule: string) => string;
  headerRow: (row: number) => string;
  rowOnly: (row: number) => string;
  sheetTotal: (sheet: string) => string;
  /** The total of one plan written over several sheets. */
  planTotalOf: (sheets: string) => string;
  /** A policy in a 評価総括表 with how many of its programs have the grade. */
  policyWithCount: (policy: string, count: number) => string;
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
    chartDataTitle: '評価の分布（グラフの数値）',
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
      graded: '評価数',
      ruleId: '規則ID',
      goal: '基本目標',
      sheets: 'シート数',
      rows: '対象行',
      entered: '記入あり',
      done: '実施',
      notDone: '未実施',
      achievement: '達成度の内訳',
      meaning: '意味',
    },
    total: '合計',
    criteriaTitle: '評価基準',
    bestLevel: '（最も良い評価）',
    worstLevel: '（最も低い評価）',
    criteriaFromWorkbook: '注: 各評価の意味は、点検したブックの評価基準（凡例）のとおりです。',
    criteriaDefault: (labels) =>
      `注: 評価は${labels.join('・')}の${labels.length}段階で、${labels[0]}が最も良く、${labels[labels.length - 1]}が最も低い評価です。各段階の意味は、計画で定めた評価基準によります（点検したブックには評価基準の記載が見つかりませんでした）。`,
    planTotal: '計画全体',
    outsideGoals: '（目標に属さない評価）',
    planTableTitle: '計画全体の集計（基本目標ごと、全シート合計・再掲は1件）',
    progressTitle: (sheet) => `進捗の記録（${sheet}）`,
    progressNote: '注: このシートはA〜Dの評価ではなく、年度ごとの実施状況・達成度を記録しています。記入あり・実施・未実施の件数と達成度の値の内訳を示します。',
    singleYear: '（単年度）',
    gradedNote: '注: 評価数は記入された評価の件数、事業数は事業（取組）の数です。担当課ごとに評価する事業では評価数が事業数より多くなります。評価のある施策は自身の評価を、上位の施策はその下の評価を数えます。',
    methodNote: (x) =>
      x.method === 'mean'
        ? `評価（算出）の方法: 平均（A=4・B=3・C=2・D=1）。平均${x.thresholds.A}以上でA、${x.thresholds.B}以上でB、${x.thresholds.C}以上でC、それ未満はD。`
        : `評価（算出）の方法: 割合（Aの割合）。${pct(x.thresholds.A)}以上でA、${pct(x.thresholds.B)}以上でB、${pct(x.thresholds.C)}以上でC、それ未満はD。`,
    ruleTitle: (rule) => RULE_TITLES_JA[rule] ?? rule,
    headerRow: (row) => `見出し（${row}行目）`,
    rowOnly: (row) => `${row}行目`,
    sheetTotal: (sheet) => `合計（${sheet}）`,
    planTotalOf: (sheets) => `計画全体（${sheets}）`,
    policyWithCount: (policy, count) => `${policy}（${count}件）`,
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
    chartDataTitle: 'Grades by goal / policy (the chart’s numbers)',
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
      graded: 'Graded',
      ruleId: 'Rule id',
      goal: 'Goal',
      sheets: 'Sheets',
      rows: 'Rows',
      entered: 'Entered',
      done: 'Done',
      notDone: 'Not done',
      achievement: 'Achievement values',
      meaning: 'Meaning',
    },
    total: 'Total',
    criteriaTitle: 'Grading criteria (評価基準)',
    bestLevel: '(best)',
    worstLevel: '(lowest)',
    criteriaFromWorkbook: "Note: each grade's meaning is as the checked workbook's legend (評価基準) states it.",
    criteriaDefault: (labels) =>
      `Note: grades run ${labels.join(', ')} (${labels.length} levels), ${labels[0]} best and ${labels[labels.length - 1]} lowest. What each level means is set by the plan's own criteria (the checked workbook states none that was found).`,
    planTotal: 'Whole plan',
    outsideGoals: '(grades outside any goal)',
    planTableTitle: 'Whole plan by goal (all sheets, 再掲 once)',
    progressTitle: (sheet) => `Progress recorded (${sheet})`,
    progressNote: 'Note: this sheet records progress per year (実施状況 / 達成度), not A–D grades: entries, done / not done, and the 達成度 values entered.',
    singleYear: '(single year)',
    gradedNote: 'Note: "Graded" counts grades entered, "Programs" counts programs; where departments grade a program separately, graded exceeds programs. A graded policy counts its own grade, a parent the grades below it.',
    methodNote: (x) =>
      x.method === 'mean'
        ? `Computed grade: mean (A=4, B=3, C=2, D=1); A from ${x.thresholds.A}, B from ${x.thresholds.B}, C from ${x.thresholds.C}, else D.`
        : `Computed grade: share of A; A from ${pct(x.thresholds.A)}, B from ${pct(x.thresholds.B)}, C from ${pct(x.thresholds.C)}, else D.`,
    ruleTitle: (rule) => rule,
    headerRow: (row) => `header (row ${row})`,
    rowOnly: (row) => `row ${row}`,
    sheetTotal: (sheet) => `Total (${sheet})`,
    planTotalOf: (sheets) => `Whole plan (${sheets})`,
    policyWithCount: (policy, count) => `${policy} (${count})`,
    severity: { error: 'error', warning: 'warning', info: 'info' },
    unknownYear: 'unknown',
    noFindings: 'No findings.',
  },
};

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** Rule names for Japanese sheets (ids as in src/core/rules and src/core/consolidate/rules). */
export const RULE_TITLES_JA: Record<string, string> = {
  'grade-missing': '評価の記入漏れ',
  'grade-invalid': '評価の値が不正',
  'grade-nonstandard': '評価の表記ゆれ',
  'grade-misplaced': '評価の入力位置',
  'grade-jump': '評価の大きな変動',
  'previous-grade-missing': '前年度評価の記入漏れ',
  'policy-grade-mismatch': '施策の評価と集計の不一致',
  'repost-mismatch': '再掲の評価の不一致',
  'repost-unmatched': '再掲元が見つからない',
  'summary-count-mismatch': '評価総括表の件数の不一致',
  'next-policy-invalid': '次年度方針の値',
  'achievement-invalid': '達成度の値',
  'achievement-grade-mismatch': '達成度と評価の食い違い',
  'year-missing': '年度の記入漏れ',
  'workbook-year-missing': '報告年度の欠落',
  'layout-uncertain': '表の読み取りが不確か',
  'nothing-checked': '点検できる表がない',
  'duplicate-program': '事業の重複',
  'file-unreadable': '読めないファイル',
  'program-unknown': '計画にない事業',
  'program-unreported': '未報告の事業',
  'department-missing': '未提出の担当課',
  'year-mismatch': '報告年度の食い違い',
  // 前年度比較 (src/core/compare/rules)
  'year-not-consecutive': '年度が連続していない',
  'previous-grade-conflict': '前年度評価の食い違い',
  'program-vanished': '事業がなくなった',
  'abolished-still-reported': '廃止の事業を報告',
  'new-program-unmarked': '新規の表示漏れ',
  'new-mark-stale': '【新規】の残り',
  'text-unchanged': '前年度と同じ文章',
  'program-match-ambiguous': '事業の対応が不確か',
};
