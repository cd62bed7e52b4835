import { runRuleTests, seed, set } from './rule-tester';

const kiyose = seed('kiyose-programs');
const koganei = seed('koganei-departments');
const komae = seed('komae-policy');

runRuleTests('grade-nonstandard', {
  valid: [
    { name: 'clean Kiyose', layout: 'kiyose-programs' },
    { name: 'clean Komae: `A(再掲)` is the standard way to write a repost', layout: 'komae-policy' },
    { name: 'clean Koganei', layout: 'koganei-departments' },
    {
      name: 'dashes and invalid values are for other rules',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組1', 'grade'), '—'), set(kiyose.cell('kiyose:取組2', 'grade'), 'E')],
    },
  ],
  invalid: [
    {
      name: 'full-width `Ａ`',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組3', 'grade'), 'Ａ')],
      errors: [
        {
          sheet: '評価調書', cell: 'F9', row: 9, program: '地域で支え合う地域福祉の推進',
          message: { ja: ['評価「Ａ」は「A」として数えました', '半角大文字'], en: ['Grade "Ａ" was counted as A', 'write it as "A"'] },
        },
      ],
    },
    {
      name: 'lower-case `b` (sample defect)',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組33', 'grade'), 'b')],
      errors: [
        {
          sheet: '評価調書', cell: 'F62', row: 62,
          message: { ja: ['評価「b」は「B」として数えました'], en: ['Grade "b" was counted as B'] },
        },
      ],
    },
    {
      name: '` A ` with spaces around it',
      layout: 'koganei-departments',
      edits: [set(koganei.cell('koganei:1:(1)-②:地域福祉課', 'grade'), ' A ')],
      errors: [
        {
          sheet: 'シート1', cell: 'F11', row: 11, department: '地域福祉課',
          message: { ja: ['評価「 A 」は「A」として数えました'], en: ['Grade " A " was counted as A'] },
        },
      ],
    },
    {
      name: 'full-width `Ａ（再掲）` on a Komae repost row',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:重層:5:再掲2', 'grade'), 'Ａ（再掲）')],
      errors: [
        {
          sheet: '2 重層', cell: 'I45', row: 45,
          message: { ja: ['評価「Ａ（再掲）」は「A(再掲)」として数えました'], en: ['Grade "Ａ（再掲）" was counted as A', 'write it as "A(再掲)"'] },
        },
      ],
    },
    {
      name: 'a non-standard previous-year grade (Koganei 前年度事業評価 `ｃ`)',
      layout: 'koganei-departments',
      edits: [set(koganei.cell('koganei:2:(1)-②:地域安全課', 'previousGrade'), 'ｃ')],
      errors: [
        { sheet: 'シート2', cell: 'E11', row: 11, message: { ja: ['評価「ｃ」は「C」として数えました'], en: ['Grade "ｃ" was counted as C'] } },
      ],
    },
  ],
});
