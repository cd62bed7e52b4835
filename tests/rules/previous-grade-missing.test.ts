import { runRuleTests, seed, set, type ExpectedFinding } from './rule-tester';

const koganei = seed('koganei-departments');

/** The clean Koganei workbook already has three real `—` previous grades (seed 004). */
const REAL_DASHES: ExpectedFinding[] = [
  {
    sheet: 'シート7', cell: 'E14', row: 14, department: '指導室', program: '世代間交流の促進',
    message: { ja: ['「世代間交流の促進」（指導室）の前年度評価が「—」です', '【新規】'], en: ['"世代間交流の促進" (指導室) has "—" as its previous-year grade', '【新規】'] },
  },
  {
    sheet: 'シート8', cell: 'E11', row: 11, department: '生涯学習課',
    message: { ja: ['「市民活動の資質向上」（生涯学習課）の前年度評価が「—」です'], en: ['"市民活動の資質向上" (生涯学習課) has "—"'] },
  },
  {
    sheet: 'シート8', cell: 'E13', row: 13, department: '社会福祉協議会',
    message: { ja: ['「市民活動の資質向上」（社会福祉協議会）の前年度評価が「—」です'], en: ['(社会福祉協議会) has "—"'] },
  },
];

runRuleTests('previous-grade-missing', {
  valid: [
    { name: 'Kiyose has no previous-grade column', layout: 'kiyose-programs' },
    { name: 'Komae has no previous-grade column', layout: 'komae-policy' },
    {
      name: 'a 【新規】 program may leave its previous grade blank',
      layout: 'koganei-departments',
      baseline: 'unedited',
      edits: [set(koganei.cell('koganei:6:(1)-①:地域福祉課', 'previousGrade'), null)],
    },
    {
      name: 'a 【新規】 program may show `—` as its previous grade',
      layout: 'koganei-departments',
      baseline: 'unedited',
      edits: [set(koganei.cell('koganei:6:(1)-②:地域福祉課', 'previousGrade'), '—')],
    },
    {
      name: 'a non-standard previous grade is still a grade',
      layout: 'koganei-departments',
      baseline: 'unedited',
      edits: [set(koganei.cell('koganei:1:(1)-①:地域福祉課', 'previousGrade'), 'ａ')],
    },
  ],
  invalid: [
    { name: 'clean Koganei: the three real `—` previous grades', layout: 'koganei-departments', errors: REAL_DASHES },
    {
      name: 'blank 前年度事業評価 on a continuation row of a program that is not new (sample defect)',
      layout: 'koganei-departments',
      edits: [set(koganei.cell('koganei:3:(3)-③:自立生活支援課', 'previousGrade'), null)],
      errors: [
        {
          sheet: 'シート3', cell: 'E24', row: 24, department: '自立生活支援課', program: 'サービス事業者の指導強化',
          message: {
            ja: ['「サービス事業者の指導強化」（自立生活支援課）の前年度評価が空欄です', '【新規】を付け'],
            en: ['"サービス事業者の指導強化" (自立生活支援課) has nothing as its previous-year grade'],
          },
        },
        ...REAL_DASHES,
      ],
    },
    {
      name: '`－` (full-width hyphen) on a program that is not new',
      layout: 'koganei-departments',
      edits: [set(koganei.cell('koganei:1:(1)-①:地域福祉課', 'previousGrade'), '－')],
      errors: [
        {
          sheet: 'シート1', cell: 'E10', row: 10, department: '地域福祉課',
          message: { ja: ['「ユニバーサルデザインによるまちづくりの推進」（地域福祉課）の前年度評価が「－」です'], en: ['has "－" as its previous-year grade'] },
        },
        ...REAL_DASHES,
      ],
    },
  ],
});
