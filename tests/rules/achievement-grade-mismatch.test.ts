import { runRuleTests, seed, set, type CellEdit, type EditValue } from './rule-tester';

const kiyose = seed('kiyose-programs');
const suicide = seed('kiyose-multi-year');
const SHEET = '評価調書';
const PROGRESS = '進捗管理表';

/** Kiyose 評価調書 with a 達成度 column added in H: each 取組 gets a grade and an achievement. */
function withAchievement(rows: [key: string, grade: string, achievement: EditValue][]): CellEdit[] {
  return [
    set({ sheet: SHEET, cell: 'H4' }, '達成度'),
    ...rows.flatMap(([key, grade, achievement]) => [
      set(kiyose.cell(key, 'grade'), grade),
      set({ sheet: SHEET, cell: `H${kiyose.entry(key).row}` }, achievement),
    ]),
  ];
}

/** The 自殺対策 table with a 評価 column (X) where only one row is graded (the others say `-`). */
function multiYearGraded(key: string, grade: string, edits: CellEdit[]): CellEdit[] {
  return [
    set({ sheet: PROGRESS, cell: 'X3' }, '評価'),
    ...suicide.index.entries.map((e) => set({ sheet: PROGRESS, cell: `X${e.row}` }, e.key === key ? grade : '-')),
    ...edits,
  ];
}
const RENRAKUKAI = 'suicide:1-1:自殺対策庁内連絡会の開催';
const MIMAMORI = 'suicide:3-3:家族の見守り力の強化';

runRuleTests('achievement-grade-mismatch', {
  valid: [
    { name: 'clean Kiyose (no achievement column)', layout: 'kiyose-programs' },
    { name: 'clean 自殺対策 table (no grade column)', layout: 'kiyose-multi-year' },
    {
      name: 'grades that agree with their achievement',
      layout: 'kiyose-programs',
      edits: withAchievement([
        ['kiyose:取組1', 'A', '100%'],
        ['kiyose:取組2', 'B', { percent: 0.5 }],
        ['kiyose:取組3', 'C', { percent: 0.5 }], // one step from B: not a contradiction
        ['kiyose:取組4', 'D', '未実施'],
        ['kiyose:取組5', 'D', '-'],
        ['kiyose:取組6', 'D', 0],
        ['kiyose:取組7', 'A', '１００％'],
        ['kiyose:取組8', 'A', 0.9],
        ['kiyose:取組9', 'B', '実施'],
      ]),
    },
    {
      name: 'a `-` grade beside 100 % has no grade to contradict',
      layout: 'kiyose-programs',
      edits: withAchievement([['kiyose:取組1', '-', '100%']]),
    },
    {
      name: "multi-year: only the report year's 達成度 is compared (2023 is `-`)",
      layout: 'kiyose-multi-year',
      edits: multiYearGraded(RENRAKUKAI, 'D', []),
    },
    {
      name: 'per-year: 未実施 beside `-` or 0 %, 実施 beside 100 %',
      layout: 'kiyose-multi-year',
      edits: [
        set(suicide.yearCell(MIMAMORI, 2021, 'evaluation'), '未実施'),
        set(suicide.yearCell(MIMAMORI, 2021, 'achievement'), '-'),
        set(suicide.yearCell(MIMAMORI, 2022, 'evaluation'), '未実施'),
        set(suicide.yearCell(MIMAMORI, 2022, 'achievement'), { percent: 0 }),
        set(suicide.yearCell(MIMAMORI, 2020, 'status'), '実施'),
        set(suicide.yearCell(MIMAMORI, 2020, 'achievement'), '100%'),
      ],
    },
    {
      name: 'per-year: a year after the report year is not compared',
      layout: 'kiyose-multi-year',
      settings: { reportYear: 2021 },
      edits: [set(suicide.yearCell(MIMAMORI, 2022, 'evaluation'), '未実施'), set(suicide.yearCell(MIMAMORI, 2022, 'achievement'), '100%')],
    },
  ],
  invalid: [
    {
      name: 'D beside 100 % (text) and beside 1 formatted as a percentage',
      layout: 'kiyose-programs',
      edits: withAchievement([
        ['kiyose:取組1', 'D', '100%'],
        ['kiyose:取組2', 'D', { percent: 1 }],
      ]),
      errors: [
        {
          sheet: SHEET, cell: 'F6', row: 6, program: '福祉の理解、ボランティア学習の推進',
          message: {
            ja: ['「福祉の理解、ボランティア学習の推進」の評価「D」が達成度「100%」と合いません', 'Dは最も低い段階'],
            en: ['"福祉の理解、ボランティア学習の推進" is evaluated "D" but its achievement says "100%"', 'D is the lowest level'],
          },
        },
        { sheet: SHEET, cell: 'F7', row: 7, message: { ja: ['評価「D」が達成度「100%」と合いません'], en: ['is evaluated "D" but its achievement says "100%"'] } },
      ],
    },
    {
      name: 'A beside 未実施, D beside 実施, B beside 0 %',
      layout: 'kiyose-programs',
      edits: withAchievement([
        ['kiyose:取組1', 'A', '未実施'],
        ['kiyose:取組2', 'D', '実施'],
        ['kiyose:取組3', 'B', '0%'],
      ]),
      errors: [
        { sheet: SHEET, cell: 'F6', row: 6, message: { ja: ['評価「A」が達成度「未実施」と合いません'], en: ['is evaluated "A" but its achievement says "未実施"'] } },
        { sheet: SHEET, cell: 'F7', row: 7, message: { ja: ['評価「D」が達成度「実施」と合いません'], en: ['is evaluated "D"', '"実施"'] } },
        { sheet: SHEET, cell: 'F9', row: 9, message: { ja: ['評価「B」が達成度「0%」と合いません'], en: ['is evaluated "B"', '"0%"'] } },
      ],
    },
    {
      name: 'a share two or more steps from the grade (A beside 10 %, A beside a bare 30)',
      layout: 'kiyose-programs',
      edits: withAchievement([
        ['kiyose:取組1', 'A', { percent: 0.1 }],
        ['kiyose:取組2', 'A', 30],
      ]),
      errors: [
        { sheet: SHEET, cell: 'F6', row: 6, message: { ja: ['評価「A」が達成度「10%」と合いません'], en: ['achievement says "10%"'] } },
        { sheet: SHEET, cell: 'F7', row: 7, message: { ja: ['評価「A」が達成度「30」と合いません'], en: ['achievement says "30"'] } },
      ],
    },
    {
      name: "multi-year: D beside the report year's 達成度 of 1 formatted as 100 %",
      layout: 'kiyose-multi-year',
      edits: multiYearGraded(RENRAKUKAI, 'D', [set(suicide.yearCell(RENRAKUKAI, 2023, 'achievement'), { percent: 1 })]),
      errors: [
        {
          sheet: PROGRESS, cell: 'X7', row: 7, program: '自殺対策庁内連絡会の開催',
          message: { ja: ['「自殺対策庁内連絡会の開催」の評価「D」が達成度「100%」と合いません'], en: ['is evaluated "D" but its achievement says "100%"'] },
        },
      ],
    },
    {
      name: 'multi-year with the report year set to 令和3年度: D beside that year’s 50 %',
      layout: 'kiyose-multi-year',
      settings: { reportYear: 2021 },
      edits: multiYearGraded('suicide:2-1:市民や地域団体向けのゲートキーパー養成講座の開催', 'D', []),
      errors: [
        { sheet: PROGRESS, cell: 'X18', row: 18, message: { ja: ['評価「D」が達成度「50%」と合いません'], en: ['is evaluated "D" but its achievement says "50%"'] } },
      ],
    },
    {
      name: "per-year: the year's 評価 says 未実施 beside 100 % (sample defect), pointed at the 達成度 with its year",
      layout: 'kiyose-multi-year',
      edits: [set(suicide.yearCell(MIMAMORI, 2021, 'evaluation'), '未実施'), set(suicide.yearCell(MIMAMORI, 2021, 'achievement'), '100%')],
      errors: [
        {
          sheet: PROGRESS, cell: 'O27', row: 27, year: 2021, program: '家族の見守り力の強化',
          message: {
            ja: ['「家族の見守り力の強化」の令和3年度の評価「未実施」が達成度「100%」と合いません'],
            en: ['"家族の見守り力の強化" (FY2021) is evaluated "未実施" but its achievement says "100%"'],
          },
        },
      ],
    },
    {
      name: "per-year: the year's 実施状況 says 実施 beside 0 % (a number formatted as a percentage)",
      layout: 'kiyose-multi-year',
      edits: [set(suicide.yearCell(MIMAMORI, 2020, 'status'), '実施'), set(suicide.yearCell(MIMAMORI, 2020, 'achievement'), { percent: 0 })],
      errors: [
        {
          sheet: PROGRESS, cell: 'L27', row: 27, year: 2020,
          message: { ja: ['令和2年度の評価「実施」が達成度「0%」と合いません'], en: ['(FY2020) is evaluated "実施" but its achievement says "0%"'] },
        },
      ],
    },
  ],
});
