import type { Lang, Severity, SummaryMethod } from '../core/report';
import { ruleById } from '../core/rules/registry';

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
    year: string;
    graded: string;
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
  /** The method and thresholds, spoken in the report's levels (best first). */
  methodNote: (method: SummaryMethod, levels: readonly string[]) => string;
  /** The rule's name for people (「評価の記入漏れ」); the id goes in its own narrow column. */
  /** The rule's title, from the registry (src/core/rules/registry.ts). */
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
      year: '年度',
      graded: '評価数',
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
    methodNote: (x, levels) =>
      x.method === 'mean'
        ? `評価（算出）の方法: 平均（${levels.map((l, i) => `${l}=${levels.length - i}`).join('・')}）。${bands(x.thresholds, levels, (t) => `平均${t}以上で`, '、')}、それ未満は${rest(x.thresholds, levels)}。`
        : `評価（算出）の方法: 割合（${levels[0]}の割合）。${bands(x.thresholds, levels, (t) => `${pct(t)}以上で`, '、')}、それ未満は${rest(x.thresholds, levels)}。`,
    ruleTitle: (rule) => ruleById(rule)?.title.ja ?? rule,
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
      year: 'Year',
      graded: 'Graded',
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
    methodNote: (x, levels) =>
      x.method === 'mean'
        ? `Computed grade: mean (${levels.map((l, i) => `${l}=${levels.length - i}`).join(', ')}); ${bandsEn(x.thresholds, levels, (t) => String(t))}, else ${rest(x.thresholds, levels)}.`
        : `Computed grade: share of ${levels[0]}; ${bandsEn(x.thresholds, levels, pct)}, else ${rest(x.thresholds, levels)}.`,
    ruleTitle: (rule) => ruleById(rule)?.title.en ?? rule,
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
/** `平均3.5以上でA、2.5以上でB…`: one band per threshold, as far as the scale has levels. */
function bands(thresholds: readonly number[], levels: readonly string[], from: (t: number) => string, sep: string): string {
  return thresholds.slice(0, Math.max(0, levels.length - 1)).map((t, i) => `${i === 0 ? from(t) : from(t).replace(/^平均/, '')}${levels[i]}`).join(sep);
}
function bandsEn(thresholds: readonly number[], levels: readonly string[], from: (t: number) => string): string {
  return thresholds.slice(0, Math.max(0, levels.length - 1)).map((t, i) => `${levels[i]} from ${from(t)}`).join(', ');
}
/** The level below the last threshold. */
function rest(thresholds: readonly number[], levels: readonly string[]): string {
  return levels[Math.min(thresholds.length, levels.length - 1)] ?? '';
}
