import { runRuleTests, seed, set } from './rule-tester';

const kiyose = seed('kiyose-programs');
const next = (key: string): { sheet: string; cell: string } => kiyose.cell(key, 'nextPolicy');

runRuleTests('next-policy-invalid', {
  valid: [
    { name: 'clean Kiyose: 充実 継続 改善 as in seed 000', layout: 'kiyose-programs' },
    { name: 'sheets without a 次年度方針 column (Koganei)', layout: 'koganei-departments' },
    {
      name: 'every word of the default vocabulary, with stray spaces, and `－` / blank',
      layout: 'kiyose-programs',
      edits: [
        set(next('kiyose:取組1'), '新規'),
        set(next('kiyose:取組2'), ' 継続 '),
        set(next('kiyose:取組3'), '縮小'),
        set(next('kiyose:取組4'), '廃止'),
        set(next('kiyose:取組5'), '－'),
        set(next('kiyose:取組6'), null),
      ],
    },
    {
      name: 'a custom vocabulary replaces the default one',
      layout: 'kiyose-programs',
      settings: { nextPolicyVocabulary: ['継続', '充実', '改善', '拡充', '見直し'] },
      edits: [set(next('kiyose:取組1'), '拡充'), set(next('kiyose:取組2'), '見直し')],
    },
  ],
  invalid: [
    {
      name: '`継続する` is not one of the words',
      layout: 'kiyose-programs',
      edits: [set(next('kiyose:取組1'), '継続する')],
      errors: [
        {
          sheet: '評価調書', cell: 'G6', row: 6, program: '福祉の理解、ボランティア学習の推進',
          message: {
            ja: ['次年度方針「継続する」は定められた語ではありません', '新規・継続・充実・改善・縮小・廃止'],
            en: ['Next-year policy "継続する" is not one of 新規, 継続, 充実, 改善, 縮小, 廃止'],
          },
        },
      ],
    },
    {
      name: 'a grade `A` in the 次年度方針 column looks like a column slip',
      layout: 'kiyose-programs',
      edits: [set(next('kiyose:取組2'), 'A')],
      errors: [
        {
          sheet: '評価調書', cell: 'G7', row: 7,
          message: { ja: ['次年度方針欄に評価のような「A」があります', '列がずれていないか確認'], en: ['holds "A", which looks like a grade', 'column slip'] },
        },
      ],
    },
    {
      name: 'with a custom vocabulary, a default word left out of it (縮小) is outside it',
      layout: 'kiyose-programs',
      // the seed's own words (充実 継続 改善) stay allowed
      settings: { nextPolicyVocabulary: ['継続', '充実', '改善', '拡充'] },
      edits: [set(next('kiyose:取組1'), '縮小'), set(next('kiyose:取組2'), '拡充')],
      errors: [
        {
          sheet: '評価調書', cell: 'G6', row: 6,
          message: { ja: ['次年度方針「縮小」は定められた語ではありません', '継続・充実・改善・拡充のいずれか'], en: ['"縮小" is not one of 継続, 充実, 改善, 拡充'] },
        },
      ],
    },
  ],
});
