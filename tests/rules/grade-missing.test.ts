import { runRuleTests, seed, set } from './rule-tester';

const kiyose = seed('kiyose-programs');
const komae = seed('komae-policy');
const koganei = seed('koganei-departments');

runRuleTests('grade-missing', {
  valid: [
    { name: 'clean Kiyose 評価調書', layout: 'kiyose-programs' },
    { name: 'clean Komae: program rows (a, b, ア …) never carry grades', layout: 'komae-policy' },
    { name: 'clean Koganei, continuation rows included', layout: 'koganei-departments' },
    { name: 'clean Kiyose plan master (no grade column at all)', layout: 'kiyose-plan' },
    {
      name: '`-`, `—` and `－` are an explicit "no grade", not a blank',
      layout: 'kiyose-programs',
      edits: [
        set(kiyose.cell('kiyose:取組1', 'grade'), '-'),
        set(kiyose.cell('kiyose:取組2', 'grade'), '—'),
        set(kiyose.cell('kiyose:取組3', 'grade'), '－'),
      ],
    },
    {
      name: 'a Koganei continuation row with `—`',
      layout: 'koganei-departments',
      edits: [set(koganei.cell('koganei:3:(1)-②:広報秘書課', 'grade'), '—')],
    },
    {
      name: 'a grade typed on one Komae program row does not make the other program rows due',
      layout: 'komae-policy',
      edits: [set({ sheet: '1 地域福祉計画', cell: 'I8' }, 'A')],
    },
  ],
  invalid: [
    {
      name: 'blank 評価 on a Kiyose 【取組】 row',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組12', 'grade'), null)],
      errors: [
        {
          sheet: '評価調書', cell: 'F25', row: 25, program: '地域のサロン、高齢者や障害者等の活動の場づくり',
          message: {
            ja: ['「地域のサロン、高齢者や障害者等の活動の場づくり」の評価が未記入です', 'A〜D', '「-」'],
            en: ['No grade for "地域のサロン、高齢者や障害者等の活動の場づくり"', 'Enter A–D'],
          },
        },
      ],
    },
    {
      name: 'a cell holding only spaces (full-width too) is blank',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組1', 'grade'), '　 ')],
      errors: [
        {
          sheet: '評価調書', cell: 'F6', row: 6,
          message: { ja: ['「福祉の理解、ボランティア学習の推進」の評価が未記入です'], en: ['No grade for "福祉の理解、ボランティア学習の推進"'] },
        },
      ],
    },
    {
      name: 'blank 事業評価 on a Koganei continuation row (another department of the program above)',
      layout: 'koganei-departments',
      edits: [set(koganei.cell('koganei:3:(1)-②:広報秘書課', 'grade'), null)],
      errors: [
        {
          sheet: 'シート3', cell: 'F13', row: 13, department: '広報秘書課', program: '市民に対する啓発活動の推進',
          message: {
            ja: ['「市民に対する啓発活動の推進」（広報秘書課）の評価が未記入です'],
            en: ['No grade for "市民に対する啓発活動の推進" (広報秘書課)'],
          },
        },
      ],
    },
    {
      name: 'blank 事業評価 on a Koganei program row (sample defect)',
      layout: 'koganei-departments',
      edits: [set(koganei.cell('koganei:1:(1)-①:地域福祉課', 'grade'), null)],
      errors: [
        {
          sheet: 'シート1', cell: 'F10', row: 10, department: '地域福祉課',
          message: {
            ja: ['「ユニバーサルデザインによるまちづくりの推進」（地域福祉課）の評価が未記入です'],
            en: ['"ユニバーサルデザインによるまちづくりの推進" (地域福祉課)'],
          },
        },
      ],
    },
    {
      name: 'blank Check(評価) on a Komae policy row ① (地域福祉計画)',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:3-(1)-①', 'grade'), null)],
      errors: [
        {
          sheet: '1 地域福祉計画', cell: 'I45', row: 45,
          message: {
            ja: ['「【拡充】災害時の福祉避難所の円滑な運営体制を整備します。」の評価が未記入です'],
            en: ['No grade for "【拡充】災害時の福祉避難所の円滑な運営体制を整備します。"'],
          },
        },
      ],
    },
    {
      name: 'blank Check(評価) on a Komae 重層 policy row (大 6)',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:重層:6', 'grade'), null)],
      errors: [
        {
          sheet: '2 重層', cell: 'I50', row: 50, program: '多機関協働事業の実施',
          message: { ja: ['「多機関協働事業の実施」の評価が未記入です'], en: ['No grade for "多機関協働事業の実施"'] },
        },
      ],
    },
  ],
});
