import ExcelJS from 'exceljs';

import { runRuleTests, seed, set } from './rule-tester';

const komae = seed('komae-policy');

type Row = [policy: string | null, name: string, department: string | null, grade: string | null];

/**
 * A Koganei-style sheet (seed 004, シート1 names) where the 施策 rows carry a grade of their own
 * as well as the programs below them — the case the rule is about.
 */
function policySheet(rows: Row[]): () => ExcelJS.Workbook {
  return () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('シート1');
    ws.getCell('A1').value = '地域福祉計画の進捗状況及び評価表(令和2年度実績報告)';
    ws.getRow(3).values = ['施策', '【個別事業・取り組み】', '担当課', '事業評価'];
    rows.forEach((r, i) => {
      r.forEach((v, c) => {
        if (v !== null) ws.getCell(4 + i, c + 1).value = v;
      });
    });
    return wb;
  };
}

const TWO_POLICIES: Row[] = [
  ['(1)', '暮らしやすいまちづくり', null, 'A'],
  [null, '① ユニバーサルデザインによるまちづくりの推進', '地域福祉課', 'C'],
  [null, '② 施設のバリアフリー化の推進', '地域福祉課', 'C'],
  ['(2)', '移動支援の充実', null, 'B'],
  [null, '① CoCoバスの利便性向上', '交通対策課', 'B'],
  [null, '② 移送サービスへの支援', '自立生活支援課', 'A'],
];

const SHARE_CASE: Row[] = [
  ['(1)', '暮らしやすいまちづくり', null, 'A'],
  [null, '① ユニバーサルデザインによるまちづくりの推進', '地域福祉課', 'A'],
  [null, '② 施設のバリアフリー化の推進', '地域福祉課', 'A'],
  [null, '③ 移送サービスへの支援', '自立生活支援課', 'B'],
];

runRuleTests('policy-grade-mismatch', {
  valid: [
    { name: 'clean Komae: policies graded, programs not — nothing to compute from', layout: 'komae-policy' },
    { name: 'clean Kiyose: 方向性 rows carry no grade of their own', layout: 'kiyose-programs' },
    { name: 'clean Koganei: grades only on program × department rows', layout: 'koganei-departments' },
    { name: 'mean of A, A, B is 3.67 → A, as declared', build: policySheet(SHARE_CASE) },
    {
      name: 'policy grades that follow from their programs (mean: C, C → C; B, A → 3.5 → A)',
      build: policySheet(TWO_POLICIES),
      edits: [set({ sheet: 'シート1', cell: 'D4' }, 'C'), set({ sheet: 'シート1', cell: 'D7' }, 'A')],
    },
    {
      name: 'a policy marked `-` declares nothing to compare',
      build: policySheet(TWO_POLICIES),
      edits: [set({ sheet: 'シート1', cell: 'D4' }, '-'), set({ sheet: 'シート1', cell: 'D7' }, '—')],
    },
    {
      name: 'a grade typed on one Komae program row (a) is its policy grade exactly',
      layout: 'komae-policy',
      edits: [set({ sheet: '1 地域福祉計画', cell: 'I8' }, 'A')],
    },
  ],
  invalid: [
    {
      name: 'policy A over programs C, C; policy B over programs B, A (mean method)',
      build: policySheet(TWO_POLICIES),
      errors: [
        {
          sheet: 'シート1', cell: 'D4', row: 4, program: '暮らしやすいまちづくり',
          message: {
            ja: ['施策「暮らしやすいまちづくり」の評価はAですが、事業2件の評価から算出するとCです', '平均'],
            en: ['Policy "暮らしやすいまちづくり" is graded A, but its 2 graded programs give C (method: mean)'],
          },
        },
        {
          sheet: 'シート1', cell: 'D7', row: 7,
          message: { ja: ['施策「移動支援の充実」の評価はBですが', '算出するとAです'], en: ['Policy "移動支援の充実" is graded B', 'give A'] },
        },
      ],
    },
    {
      name: 'the share method (Komae 70/40/20 %): 2 of 3 programs A is 67 % → B, not A',
      build: policySheet(SHARE_CASE),
      settings: { method: 'share' },
      errors: [
        {
          sheet: 'シート1', cell: 'D4', row: 4,
          message: { ja: ['評価はAですが、事業3件の評価から算出するとBです', 'A評価の割合'], en: ['its 3 graded programs give B (method: share)'] },
        },
      ],
    },
    {
      name: 'a Komae policy ① graded C while its one program row (a) says A',
      layout: 'komae-policy',
      edits: [set({ sheet: '1 地域福祉計画', cell: 'I8' }, 'A'), set(komae.cell('komae:1-(1)-①', 'grade'), 'C')],
      errors: [
        {
          sheet: '1 地域福祉計画', cell: 'I7', row: 7,
          message: { ja: ['の評価はCですが、事業1件の評価から算出するとAです'], en: ['is graded C, but its 1 graded programs give A'] },
        },
      ],
    },
  ],
});
