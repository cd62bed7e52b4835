import { DEFAULT_SCALE, labelsOf, type PolicySummary } from '../../src/core';

type Grade = string;
const GRADES = labelsOf(DEFAULT_SCALE);
import { check, runRuleTests, seed, set } from './rule-tester';

const komae = seed('komae-policy');
const LOCAL = '評価総括表（地域福祉計画）';
const JUSO = '評価総括表（重層）';

function declaredCounts(policies: PolicySummary[], sheet: string): Record<Grade, number> {
  const counts: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 };
  for (const p of policies) if (p.sheet === sheet && p.declaredGrade) counts[p.declaredGrade]++;
  return counts;
}

runRuleTests('summary-count-mismatch', {
  valid: [
    { name: 'clean Komae: both 評価総括表 match their sheets (再掲 counted once)', layout: 'komae-policy' },
    {
      name: 'a repost written full-width or as `-` does not change the counts',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:重層:5:再掲2', 'grade'), 'Ａ（再掲）'), set(komae.cell('komae:重層:4:再掲', 'grade'), '-')],
    },
    { name: '`4件` is read as 4', layout: 'komae-policy', edits: [set({ sheet: LOCAL, cell: 'B5' }, '4件')] },
    {
      name: 'a non-standard `Ｂ` still counts as B',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:重層:7', 'grade'), 'Ｂ')],
    },
  ],
  invalid: [
    {
      name: 'the A count is one too many (sample defect)',
      layout: 'komae-policy',
      edits: [set({ sheet: LOCAL, cell: 'B5' }, 5)],
      errors: [
        {
          sheet: LOCAL, cell: 'B5', row: 5,
          message: {
            ja: ['評価総括表のAの件数5件が、「1 地域福祉計画」でAと評価された4件と一致しません', '再掲は1件'],
            en: ['says 5 for grade A, but "1 地域福祉計画" has 4 graded A'],
          },
        },
      ],
    },
    {
      name: 'the total is off while every grade count is right',
      layout: 'komae-policy',
      edits: [set({ sheet: JUSO, cell: 'B15' }, 9)],
      errors: [
        {
          sheet: JUSO, cell: 'B15', row: 15,
          message: { ja: ['評価総括表の合計9件が、「2 重層」の評価済み施策数8件と一致しません'], en: ['total says 9, but "2 重層" has 8 graded items'] },
        },
      ],
    },
    {
      name: 'a policy regraded in the sheet but not in the table: both grade rows are off',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:重層:7', 'grade'), 'A')],
      errors: [
        { sheet: JUSO, cell: 'B5', row: 5, message: { ja: ['Aの件数7件', 'Aと評価された8件'], en: ['says 7 for grade A', 'has 8 graded A'] } },
        { sheet: JUSO, cell: 'B12', row: 12, message: { ja: ['Bの件数1件', 'Bと評価された0件'], en: ['says 1 for grade B', 'has 0 graded B'] } },
      ],
    },
    {
      name: 'a policy grade blanked: its grade row and the total are off',
      layout: 'komae-policy',
      edits: [set(komae.cell('komae:3-(1)-①', 'grade'), null)],
      errors: [
        { sheet: LOCAL, cell: 'B10', row: 10, message: { ja: ['Cの件数1件', 'Cと評価された0件'], en: ['says 1 for grade C'] } },
        { sheet: LOCAL, cell: 'B12', row: 12, message: { ja: ['合計5件', '評価済み施策数4件'], en: ['total says 5', 'has 4 graded items'] } },
      ],
    },
  ],
});

test('summary-count-mismatch: clean Komae counts 地域福祉計画 A 4 B 0 C 1 D 0 and 重層 A 7 B 1, 再掲 once', async () => {
  const { result, of } = await check({ name: 'clean Komae', layout: 'komae-policy' });
  expect(of('summary-count-mismatch')).toEqual([]);
  const policies = result.report.policies;
  expect(declaredCounts(policies, '1 地域福祉計画')).toEqual({ A: 4, B: 0, C: 1, D: 0 });
  expect(declaredCounts(policies, '2 重層')).toEqual({ A: 7, B: 1, C: 0, D: 0 });
  // The top-level policies of 地域福祉計画 add up to the same counts from below.
  const tops = policies.filter((p) => p.sheet === '1 地域福祉計画' && p.level === 1);
  const sum = Object.fromEntries(GRADES.map((g) => [g, tops.reduce((s, p) => s + p.counts[g], 0)]));
  expect(sum).toEqual({ A: 4, B: 0, C: 1, D: 0 });
});
