import { runRuleTests, seed, set } from './rule-tester';

const suicide = seed('kiyose-multi-year');
const HONBU = 'suicide:1-1:自殺対策庁内推進本部の設置、自殺対策庁内推進会議の開催';

runRuleTests('achievement-invalid', {
  valid: [
    { name: 'clean 自殺対策 table', layout: 'kiyose-multi-year' },
    {
      name: '100 % written as text, full-width, or as 1 formatted as a percentage',
      layout: 'kiyose-multi-year',
      edits: [
        set(suicide.yearCell(HONBU, 2019, 'achievement'), '100%'),
        set(suicide.yearCell(HONBU, 2020, 'achievement'), '１００％'),
        set(suicide.yearCell(HONBU, 2021, 'achievement'), { percent: 1 }),
      ],
    },
  ],
  invalid: [
    {
      name: '100 typed into a percent-formatted cell shows as 10000 % (sample defect)',
      layout: 'kiyose-multi-year',
      edits: [set(suicide.yearCell(HONBU, 2021, 'achievement'), { percent: 100 })],
      errors: [
        {
          sheet: '進捗管理表', cell: 'O8', row: 8, year: 2021,
          message: { ja: ['達成度「10000%」は0〜100%の範囲外です', '「自殺対策庁内推進本部の設置'], en: ['Achievement "10000%"', 'outside 0–100 %'] },
        },
      ],
    },
    {
      name: '`150%` as text',
      layout: 'kiyose-multi-year',
      edits: [set(suicide.yearCell(HONBU, 2019, 'achievement'), '150%')],
      errors: [
        { sheet: '進捗管理表', cell: 'I8', row: 8, year: 2019, message: { ja: ['達成度「150%」は0〜100%の範囲外です'], en: ['Achievement "150%"'] } },
      ],
    },
  ],
});
