import { runRuleTests, seed, set } from './rule-tester';

const kiyose = seed('kiyose-programs');
const koganei = seed('koganei-departments');
const komae = seed('komae-policy');

runRuleTests('grade-invalid', {
  valid: [
    { name: 'clean Kiyose', layout: 'kiyose-programs' },
    { name: 'clean Komae (A(再掲) is a grade)', layout: 'komae-policy' },
    { name: 'clean Koganei (— as previous grade is "no grade")', layout: 'koganei-departments' },
    {
      name: 'dashes, blanks and non-standard but readable grades are not invalid',
      layout: 'kiyose-programs',
      edits: [
        set(kiyose.cell('kiyose:取組1', 'grade'), '－'),
        set(kiyose.cell('kiyose:取組2', 'grade'), null),
        set(kiyose.cell('kiyose:取組3', 'grade'), 'Ａ'),
        set(kiyose.cell('kiyose:取組4', 'grade'), 'b'),
        set(kiyose.cell('kiyose:取組5', 'grade'), ' C '),
      ],
    },
    {
      name: '次年度方針 words in the 次年度方針 column are not grades to check',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組1', 'nextPolicy'), '継続')],
    },
  ],
  invalid: [
    {
      name: '`E` is not a grade',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組1', 'grade'), 'E')],
      errors: [
        {
          sheet: '評価調書', cell: 'F6', row: 6, program: '福祉の理解、ボランティア学習の推進',
          message: { ja: ['評価欄の「E」はA〜Dの評価ではありません'], en: ['"E" in the grade cell is not a grade'] },
        },
      ],
    },
    {
      name: '`継続` in the grade column looks like a column slip (sample defect)',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組22', 'grade'), '継続'), set(kiyose.cell('kiyose:取組22', 'nextPolicy'), null)],
      errors: [
        {
          sheet: '評価調書', cell: 'F43', row: 43,
          message: {
            ja: ['評価欄に「継続」とあります', '次年度方針の語のようです', '列がずれていないか確認'],
            en: ['"継続"', 'next-year policy word', 'column slip'],
          },
        },
      ],
    },
    {
      name: 'a 次年度方針 word written with spaces is still a slip',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組2', 'grade'), ' 改善 ')],
      errors: [
        {
          sheet: '評価調書', cell: 'F7', row: 7,
          message: { ja: ['次年度方針の語のようです'], en: ['column slip'] },
        },
      ],
    },
    {
      name: 'a custom 次年度方針 vocabulary decides what counts as a slip',
      layout: 'kiyose-programs',
      settings: { nextPolicyVocabulary: ['拡充', '継続', '見直し'] },
      edits: [set(kiyose.cell('kiyose:取組1', 'grade'), '見直し'), set(kiyose.cell('kiyose:取組2', 'grade'), '充実')],
      errors: [
        { sheet: '評価調書', cell: 'F6', row: 6, message: { ja: ['「見直し」', '次年度方針の語のようです'], en: ['"見直し"', 'column slip'] } },
        {
          sheet: '評価調書', cell: 'F7', row: 7,
          message: { ja: ['評価欄の「充実」はA〜Dの評価ではありません'], en: ['"充実" in the grade cell is not a grade'] },
        },
      ],
    },
    {
      name: 'a number and a date in a grade cell',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:重層:2', 'grade'), 3), set(komae.cell('komae:重層:3', 'grade'), '2023-04-01')],
      errors: [
        { sheet: '2 重層', cell: 'I14', row: 14, message: { ja: ['「3」はA〜Dの評価ではありません'], en: ['"3" in the grade cell'] } },
        { sheet: '2 重層', cell: 'I17', row: 17, message: { ja: ['「2023-04-01」'], en: ['"2023-04-01"'] } },
      ],
    },
    {
      name: 'an invalid previous-year grade (Koganei 前年度事業評価) is named as such',
      layout: 'koganei-departments',
      edits: [set(koganei.cell('koganei:1:(1)-②:地域福祉課', 'previousGrade'), 'AA')],
      errors: [
        {
          sheet: 'シート1', cell: 'E11', row: 11, department: '地域福祉課',
          message: { ja: ['前年度評価欄の「AA」はA〜Dの評価ではありません'], en: ['"AA" in the previous-year grade cell is not a grade'] },
        },
      ],
    },
  ],
});
