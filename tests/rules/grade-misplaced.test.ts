import { runRuleTests, seed, set } from './rule-tester';

const kiyose = seed('kiyose-programs');
const komae = seed('komae-policy');

runRuleTests('grade-misplaced', {
  valid: [
    { name: 'clean Kiyose', layout: 'kiyose-programs' },
    { name: 'clean Komae', layout: 'komae-policy' },
    {
      name: 'a letter in a text column while the grade cell is filled',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組1', 'issue'), 'A')],
    },
  ],
  invalid: [
    {
      name: 'Komae `A(再掲)` typed into Do with Check(評価) blank (sample defect)',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:1-(2)-③:再掲', 'do'), 'A(再掲)'), set(komae.cell('komae:1-(2)-③:再掲', 'grade'), null)],
      errors: [
        {
          sheet: '1 地域福祉計画', cell: 'H31', row: 31,
          message: {
            ja: ['「【拡充】コーディネーター人材を確保し', '評価「A(再掲)」が評価欄（I31）ではなく別の列に入力されています'],
            en: ['The grade "A(再掲)"', 'not in the grade cell I31'],
          },
        },
      ],
    },
    {
      name: 'Kiyose `B` typed into 現状の課題 with 評価 blank',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組12', 'issue'), 'B'), set(kiyose.cell('kiyose:取組12', 'grade'), null)],
      errors: [
        {
          sheet: '評価調書', cell: 'E25', row: 25,
          message: { ja: ['「地域のサロン、高齢者や障害者等の活動の場づくり」の評価「B」が評価欄（F25）'], en: ['The grade "B" of "地域のサロン、高齢者や障害者等の活動の場づくり"'] },
        },
      ],
    },
  ],
});
