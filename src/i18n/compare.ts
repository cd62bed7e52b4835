import type { Lang } from '../core/report';

/** Words of the 前年度比較 sheet and of `--explain`. */
export interface CompareMessages {
  sheet: string;
  programTableTitle: (previous: string, current: string) => string;
  policyTableTitle: string;
  goalTableTitle: string;
  chartTitle: string;
  col: {
    goal: string;
    policy: string;
    program: string;
    department: string;
    previousGrade: string;
    currentGrade: string;
    change: string;
    previousNextPolicy: string;
    findings: string;
    item: string;
    previousCounts: (grade: string) => string;
    currentCounts: (grade: string) => string;
    meanChange: string;
  };
  added: string;
  vanished: string;
  twoSteps: (steps: number) => string;
  unknownYear: string;
  previousSeries: (year: string) => string;
  currentSeries: (year: string) => string;
  reason: {
    sameName: string;
    sameId: (id: string) => string;
    renumbered: (from: string, to: string) => string;
    renamed: (from: string, to: string, similarity: number) => string;
    moved: (from: string, to: string) => string;
    samePlace: string;
    department: Record<'same' | 'renamed' | 'split' | 'merged' | 'only' | 'new', string>;
  };
  explainMatched: string;
  explainAmbiguous: string;
  explainVanished: string;
  explainAdded: string;
  cli: {
    heading: (previous: string, previousYear: string, current: string, currentYear: string) => string;
    counts: (matched: number, vanished: number, added: number, ambiguous: number) => string;
    findingsHeading: string;
    noFindings: string;
    wrote: (file: string) => string;
    needTwo: string;
    fileLevel: string;
  };
}

export const compareMessages: Record<Lang, CompareMessages> = {
  ja: {
    sheet: '前年度比較',
    programTableTitle: (p, c) => `事業別 前年度比較（${p} → ${c}）`,
    policyTableTitle: '施策別 評価の分布（前年度 → 今年度）',
    goalTableTitle: '基本目標別 評価の分布（前年度 → 今年度）',
    chartTitle: '基本目標別 A〜D（前年度・今年度）',
    col: {
      goal: '基本目標',
      policy: '施策',
      program: '事業',
      department: '担当課',
      previousGrade: '前年度評価',
      currentGrade: '今年度評価',
      change: '変化',
      previousNextPolicy: '前年度の次年度方針',
      findings: '今年度の指摘',
      item: '項目',
      previousCounts: (g) => `前年度${g}`,
      currentCounts: (g) => `今年度${g}`,
      meanChange: '平均の変化',
    },
    added: '新規',
    vanished: '今年度なし',
    twoSteps: (n) => `${n}段階`,
    unknownYear: '年度不明',
    previousSeries: (y) => `前年度（${y}）`,
    currentSeries: (y) => `今年度（${y}）`,
    reason: {
      sameName: '名称が同じ',
      sameId: (id) => `番号が同じ（${id}）`,
      renumbered: (f, t) => `番号が変わった（${f} → ${t}）`,
      renamed: (f, t, s) => `名称の小さな変更（「${f}」→「${t}」、一致度 ${Math.round(s * 100)}%）`,
      moved: (f, t) => `上位の項目が変わった（${f} → ${t}）`,
      samePlace: '同じ施策の同じ番号',
      department: {
        same: '担当課が同じ',
        renamed: '担当課の名称変更',
        split: '担当課が分かれた',
        merged: '担当課がまとまった',
        only: 'ただ一つの担当課どうし',
        new: '前年度にない担当課',
      },
    },
    explainMatched: '対応付けた事業',
    explainAmbiguous: '対応が決められない事業',
    explainVanished: '今年度にない前年度の事業',
    explainAdded: '前年度にない今年度の事業',
    cli: {
      heading: (p, py, c, cy) => `前年度比較: ${p}（${py}） → ${c}（${cy}）`,
      counts: (m, v, a, x) => `対応した事業 ${m}件 / 今年度にない ${v}件 / 前年度にない ${a}件 / 対応不明 ${x}件`,
      findingsHeading: '指摘',
      noFindings: '指摘はありません。',
      wrote: (f) => `前年度比較のシートを ${f} に書き出しました。`,
      needTwo: '前年度と今年度のファイル（またはフォルダ）を一つずつ指定してください。',
      fileLevel: 'ファイル全体',
    },
  },
  en: {
    sheet: 'Year on year',
    programTableTitle: (p, c) => `Programs, year on year (${p} → ${c})`,
    policyTableTitle: 'Grades per policy (last year → this year)',
    goalTableTitle: 'Grades per goal (last year → this year)',
    chartTitle: 'A–D per goal (last year, this year)',
    col: {
      goal: 'Goal',
      policy: 'Policy',
      program: 'Program',
      department: 'Department',
      previousGrade: 'Last year',
      currentGrade: 'This year',
      change: 'Change',
      previousNextPolicy: "Last year's next-year policy",
      findings: "This year's findings",
      item: 'Item',
      previousCounts: (g) => `${g} last year`,
      currentCounts: (g) => `${g} this year`,
      meanChange: 'Mean change',
    },
    added: 'new',
    vanished: 'not this year',
    twoSteps: (n) => `${n} steps`,
    unknownYear: 'year unknown',
    previousSeries: (y) => `Last year (${y})`,
    currentSeries: (y) => `This year (${y})`,
    reason: {
      sameName: 'same name',
      sameId: (id) => `same number (${id})`,
      renumbered: (f, t) => `renumbered (${f} → ${t})`,
      renamed: (f, t, s) => `small rename ("${f}" → "${t}", ${Math.round(s * 100)}% alike)`,
      moved: (f, t) => `moved (${f} → ${t})`,
      samePlace: 'same number under the same policy',
      department: {
        same: 'same department',
        renamed: 'department renamed',
        split: 'department split',
        merged: 'departments merged',
        only: 'the only department on both sides',
        new: 'department not there last year',
      },
    },
    explainMatched: 'Matched programs',
    explainAmbiguous: 'Programs that could not be matched unambiguously',
    explainVanished: "Last year's programs missing this year",
    explainAdded: "This year's programs not there last year",
    cli: {
      heading: (p, py, c, cy) => `Year on year: ${p} (${py}) → ${c} (${cy})`,
      counts: (m, v, a, x) => `Matched ${m} / missing this year ${v} / new this year ${a} / ambiguous ${x}`,
      findingsHeading: 'Findings',
      noFindings: 'No findings.',
      wrote: (f) => `Wrote the year-on-year sheet to ${f}.`,
      needTwo: "Name last year's file (or folder) and this year's, one each.",
      fileLevel: 'whole file',
    },
  },
};
