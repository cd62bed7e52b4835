import { runRuleTests, seed, set } from './rule-tester';

const komae = seed('komae-policy');

runRuleTests('repost-mismatch', {
  valid: [
    { name: 'clean Komae: every A(再掲) matches its original A', layout: 'komae-policy' },
    { name: 'clean Kiyose 自殺対策 table (再掲 column with ○, no grades)', layout: 'kiyose-multi-year' },
    {
      name: 'full-width `Ａ（再掲）` still carries the same grade',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:重層:5:再掲2', 'grade'), 'Ａ（再掲）')],
    },
    {
      name: 'a repost row with `-` has no grade to compare',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:重層:4:再掲', 'grade'), '-')],
    },
    {
      name: 'original and repost changed together',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:1-(2)-①', 'grade'), 'B'), set(komae.cell('komae:1-(2)-①:再掲', 'grade'), 'B(再掲)')],
    },
  ],
  invalid: [
    {
      name: '`B(再掲)` against original A (sample defect)',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:1-(2)-①:再掲', 'grade'), 'B(再掲)')],
      errors: [
        {
          sheet: '1 地域福祉計画', cell: 'I19', row: 19,
          program: '【拡充】福祉の担い手となる人材を確保し、育成・養成するための研修等を強化します。',
          message: {
            ja: ['再掲「【拡充】福祉の担い手となる人材を確保し', '評価Bが、元の項目（1 地域福祉計画!I13）の評価Aと異なります'],
            en: ['is graded B but its original (1 地域福祉計画!I13) is A'],
          },
        },
      ],
    },
    {
      name: 'the original changed, the repost not: the repost row is pointed at',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:1-(2)-①', 'grade'), 'B')],
      errors: [
        {
          sheet: '1 地域福祉計画', cell: 'I19', row: 19,
          message: { ja: ['評価Aが、元の項目（1 地域福祉計画!I13）の評価Bと異なります'], en: ['is graded A but its original (1 地域福祉計画!I13) is B'] },
        },
      ],
    },
    {
      name: 'both reposts of 重層 5 differ (one written full-width)',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:重層:5:再掲', 'grade'), 'C(再掲)'), set(komae.cell('komae:重層:5:再掲2', 'grade'), 'Ｂ（再掲）')],
      errors: [
        {
          sheet: '2 重層', cell: 'I40', row: 40, program: '地域づくり事業の実施',
          message: { ja: ['再掲「地域づくり事業の実施」の評価Cが、元の項目（2 重層!I33）の評価A'], en: ['Repost of "地域づくり事業の実施" is graded C', '(2 重層!I33) is A'] },
        },
        {
          sheet: '2 重層', cell: 'I45', row: 45,
          message: { ja: ['評価Bが、元の項目（2 重層!I33）の評価A'], en: ['is graded B'] },
        },
      ],
    },
  ],
});
