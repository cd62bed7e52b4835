/**
 * A neutral model of each seed plan: what the department wrote, independent of where it was
 * written. The renderer (./render.ts) lays one model out in many ways; the metamorphic suite
 * checks that the engine reads the same plan whatever the layout.
 *
 * A plan is one or more tables; a table is a list of fields (what a column means and its
 * canonical header) and rows (heading rows of the hierarchy, and item rows that report).
 * The data comes straight from the transcribed seeds in tests/fixtures/seed-data.
 */
import {
  KIYOSE_2020_DEPARTMENT, KIYOSE_BASIC_POLICIES, KIYOSE_DIRECTIONS, KIYOSE_PILLARS, KIYOSE_PROGRAMS,
} from '../fixtures/seed-data/kiyose-2020';
import { SUICIDE_GOALS, SUICIDE_YEARS } from '../fixtures/seed-data/kiyose-suicide';
import { KOGANEI_SHEETS } from '../fixtures/seed-data/koganei-2020';
import { KOMAE_CRITERIA, KOMAE_JUSO_BLOCKS, KOMAE_JUSO_SUMMARY, KOMAE_LOCAL_PAGES, KOMAE_LOCAL_SUMMARY, type KomaeGrade } from '../fixtures/seed-data/komae-2023';

export type Grade = 'A' | 'B' | 'C' | 'D';
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];

/** What a column means (the engine's ColumnRole vocabulary, plus 'pages' read as text). */
export type FieldRole =
  | 'hierarchy' | 'name' | 'department' | 'grade' | 'previousGrade' | 'nextPolicy' | 'repost' | 'text'
  | 'yearStatus' | 'yearEvaluation' | 'yearAchievement';

export interface Field {
  key: string;
  role: FieldRole;
  /** Canonical header text (line breaks as the seed prints them). */
  header: string;
  /** Canonical upper header row over a group of fields (Komae's 施策 over 大/小). */
  group?: string;
  year?: number;
  width: number;
}

export type Value = string | number | null;

export interface Row {
  kind: 'heading' | 'item';
  values: Record<string, Value>;
  /** Items only: who this row is, for planted defects, hidden rows and expected findings. */
  item?: {
    key: string;
    /** The program (or graded policy) name without its identifier, as a reviewer names it. */
    program: string;
    department: string | null;
    /** The row carries (or should carry) this year's grade. */
    graded: boolean;
  };
  /** Index of the block (基本方針, 基本目標 …) the row belongs to, for stacked layouts. */
  block: number;
}

export interface Table {
  /** Canonical sheet name. */
  sheet: string;
  /** Title rows above the table (the first states the report year in the canonical layout). */
  title: string | null;
  /** The same title with the year removed, for variants that state the year elsewhere. */
  titleWithoutYear: string | null;
  /** Labelled lines above the table (Koganei's 基本目標 / 基本施策 / 施策(1)). */
  blockHeader: [string, string][];
  /** Names of the blocks in `rows[].block` order, shown as block headers when stacked. */
  blocks: string[];
  fields: Field[];
  rows: Row[];
}

/** A 評価総括表: per grade the count and the policies it lists. */
export interface Summary {
  sheet: string;
  title: string;
  /** The table whose grades it counts. */
  counts: string;
  criteria: [Grade, string][];
  lines: Record<Grade, { pages: string; policy: string }[]>;
  /** A count typed over the formula (a planted defect): grade → the wrong count. */
  typedCounts?: Partial<Record<Grade, number>>;
}

export interface PlanModel {
  id: 'kiyose' | 'koganei' | 'komae' | 'suicide';
  reportYear: number;
  /** A department or section name, for file names such as `R2_事業評価_福祉総務課.xlsx`. */
  owner: string;
  /** What each grade means in this city's words (for explained notations: `A：ほぼ達成`). */
  gradeWords: Record<Grade, string>;
  tables: Table[];
  summaries: Summary[];
  /** Sheets before the tables that only explain (凡例, 評価基準). */
  legend: { sheet: string; lines: [string, string][] } | null;
  /** Grades carry `(再掲)` in the grade cell: a dropdown notation cannot hold it. */
  repostInGradeCell: boolean;
}

// ---------------------------------------------------------------------------------------------

const stripId = (s: string): string => s.replace(/^【[^】]*】/, '').replace(/^[①-⑳]\s*/, '').replace(/^【新規】/, '').trim();

function kiyose(): PlanModel {
  const fields: Field[] = [
    { key: 'basicPolicy', role: 'hierarchy', header: '基本方針', width: 20 },
    { key: 'pillar', role: 'hierarchy', header: '施策の柱', width: 22 },
    { key: 'name', role: 'name', header: '施策の方向性と具体的な取組', width: 30 },
    { key: 'outcome', role: 'text', header: '令和2年度の成果', width: 50 },
    { key: 'issue', role: 'text', header: '現状の課題', width: 45 },
    { key: 'grade', role: 'grade', header: '評価', width: 7 },
    { key: 'nextPolicy', role: 'nextPolicy', header: '次年度方針', width: 9 },
  ];
  const rows: Row[] = [];
  let lastPolicy = 0;
  let lastPillar = 0;
  for (const d of KIYOSE_DIRECTIONS) {
    const pillar = KIYOSE_PILLARS.find((p) => p.no === d.pillarNo)!;
    const policy = KIYOSE_BASIC_POLICIES.find((p) => p.no === pillar.basicPolicyNo)!;
    rows.push({
      kind: 'heading', block: policy.no - 1,
      values: {
        basicPolicy: policy.no !== lastPolicy ? `【基本方針${policy.no}】${policy.name}` : null,
        pillar: pillar.no !== lastPillar ? `【施策の柱${pillar.no}】${pillar.name}` : null,
        name: `【方向性${d.no}】${d.name}`, outcome: `【目標】${d.goal}`,
      },
    });
    lastPolicy = policy.no;
    lastPillar = pillar.no;
    for (const no of d.programNos) {
      const p = KIYOSE_PROGRAMS.find((x) => x.no === no)!;
      rows.push({
        kind: 'item', block: policy.no - 1,
        values: { name: `【取組${p.no}】${p.name}`, outcome: p.outcome, issue: p.issue, grade: p.grade, nextPolicy: p.nextPolicy },
        item: { key: `取組${p.no}`, program: p.name, department: null, graded: true },
      });
    }
  }
  return {
    id: 'kiyose', reportYear: 2020, owner: '福祉総務課',
    gradeWords: { A: '目標を達成', B: '一定の成果', C: '成果が不十分', D: '未実施' },
    tables: [{
      sheet: '評価調書', title: `令和2年度 地域福祉計画 目標事業評価調書　${KIYOSE_2020_DEPARTMENT}`,
      titleWithoutYear: `地域福祉計画 目標事業評価調書　${KIYOSE_2020_DEPARTMENT}`,
      blockHeader: [], blocks: KIYOSE_BASIC_POLICIES.map((p) => `【基本方針${p.no}】${p.name}`), fields, rows,
    }],
    summaries: [], repostInGradeCell: false,
    legend: { sheet: '見方', lines: [['A', '取り組みを実施し、目標を達成している。'], ['B', '取り組みを実施し、一定の成果が出ている。'], ['C', '取り組みを実施したが、十分な成果が出ていない。'], ['D', '未実施']] },
  };
}

function koganei(): PlanModel {
  const fields: Field[] = [
    { key: 'policy', role: 'hierarchy', header: '施策', width: 7 },
    { key: 'name', role: 'name', header: '【個別事業・取り組み】', width: 30 },
    { key: 'department', role: 'department', header: '担当課', width: 16 },
    { key: 'result', role: 'text', header: '事業実績(令和2年度)', width: 50 },
    { key: 'previousGrade', role: 'previousGrade', header: '前年度\n事業\n評価', width: 7 },
    { key: 'grade', role: 'grade', header: '事業\n評価', width: 7 },
    { key: 'outlook', role: 'text', header: '今後の事業計画・展望', width: 50 },
  ];
  const tables: Table[] = KOGANEI_SHEETS.map((s) => {
    let program = '';
    let policy = '';
    const seen = new Map<string, number>();
    const rows: Row[] = s.rows.map((r) => {
      if (r.program) program = stripId(r.program);
      if (r.policy) policy = r.policy;
      const base = `${s.no}:${policy}:${program}:${r.department}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return {
        kind: 'item', block: 0,
        values: {
          policy: r.policy || null, name: r.program || null, department: r.department, result: r.result,
          previousGrade: r.previousGrade, grade: r.grade, outlook: r.outlook || null,
        },
        item: { key: n > 1 ? `${base}:${n}` : base, program, department: r.department, graded: true },
      };
    });
    return {
      sheet: `シート${s.no}`, title: '地域福祉計画の進捗状況及び評価表(令和2年度実績報告)', titleWithoutYear: '地域福祉計画の進捗状況及び評価表',
      blockHeader: [['基本目標', s.goal], ['基本施策', s.basicPolicy], ...s.policies.map((p, i): [string, string] => [`施策(${i + 1})`, p])],
      blocks: [s.basicPolicy], fields, rows,
    };
  });
  return {
    id: 'koganei', reportYear: 2020, owner: '地域福祉課',
    gradeWords: { A: 'ほぼ達成', B: 'ある程度達成', C: '大きな課題あり', D: '未実施' },
    tables, summaries: [], repostInGradeCell: false,
    legend: { sheet: '評価基準', lines: [['A', 'ほぼ施策内容を達成した。'], ['B', '施策内容をある程度達成したが、今後の改善、検討を要する。'], ['C', '施策内容を達成したとは言えず、現状について大きな課題がある。'], ['D', '未実施']] },
  };
}

const KOMAE_TAIL_FIELDS: Field[] = [
  { key: 'department', role: 'department', header: '担当課', width: 8 },
  { key: 'pages', role: 'text', header: '頁', width: 10 },
  { key: 'indicator', role: 'text', header: '指標', width: 6 },
  { key: 'do', role: 'text', header: 'Do\n(実行)', width: 50 },
  { key: 'grade', role: 'grade', header: 'Check\n(評価)', width: 9 },
  { key: 'act', role: 'text', header: 'Act\n(事業を実施するに当たっての課題及び改善点)', width: 50 },
];

function komae(): PlanModel {
  const gradeText = (g: KomaeGrade, repost: boolean): string => (repost ? `${g}(再掲)` : g);
  const localFields: Field[] = [
    { key: 'goal', role: 'hierarchy', header: '基本\n目標', width: 6 },
    { key: 'large', role: 'hierarchy', header: '大', group: '施策', width: 20 },
    { key: 'small', role: 'hierarchy', header: '小', group: '施策', width: 6 },
    { key: 'name', role: 'name', header: '地域福祉計画\nPlan(主な事業内容)', width: 40 },
    ...KOMAE_TAIL_FIELDS,
  ];
  const localRows: Row[] = [];
  let goalNo = '';
  let lastPolicy = '';
  KOMAE_LOCAL_PAGES.forEach((page) => {
    // The printed report repeats goal and policy on each page; the model keeps each once per page
    // as the seed does, so a continued policy shows 'A(再掲)' as printed.
    const block = Number(page.goal.no) - 1;
    if (page.goal.no !== goalNo) localRows.push({ kind: 'heading', block, values: { goal: page.goal.no, large: page.goal.name } });
    goalNo = page.goal.no;
    localRows.push({ kind: 'heading', block, values: { large: page.large } });
    const n = page.repost ? ':再掲' : '';
    localRows.push({
      kind: 'item', block, values: { small: page.small.mark, name: page.small.name, grade: gradeText(page.grade, page.repost) },
      item: { key: `${page.policyId}${n}`, program: stripId(page.small.name), department: null, graded: true },
    });
    lastPolicy = page.policyId;
    for (const p of page.programs) {
      localRows.push({
        kind: 'item', block,
        values: { large: p.mid ?? null, small: p.small ?? null, name: p.description || null, department: p.department || null, pages: p.pages || null, indicator: p.description ? '—' : null, do: p.doText, act: p.actText },
        item: { key: `${lastPolicy}${n}:${p.mid ?? ''}${p.small ?? ''}:${p.doText.slice(0, 12)}`, program: p.description, department: p.department || null, graded: false },
      });
    }
  });

  const jusoFields: Field[] = [
    { key: 'large', role: 'hierarchy', header: '大', group: '重層的支援体制整備事業実施計画\nPlan(主な事業内容)', width: 20 },
    { key: 'mid', role: 'hierarchy', header: '中', group: '重層的支援体制整備事業実施計画\nPlan(主な事業内容)', width: 20 },
    { key: 'small', role: 'hierarchy', header: '小', group: '重層的支援体制整備事業実施計画\nPlan(主な事業内容)', width: 6 },
    { key: 'name', role: 'name', header: '', group: '重層的支援体制整備事業実施計画\nPlan(主な事業内容)', width: 40 },
    ...KOMAE_TAIL_FIELDS,
  ];
  const jusoRows: Row[] = [];
  const reposts = new Map<number, number>();
  for (const b of KOMAE_JUSO_BLOCKS) {
    const n = b.repost ? (reposts.get(b.no) ?? 0) + 1 : 0;
    if (b.repost) reposts.set(b.no, n);
    const suffix = b.repost ? `:再掲${n > 1 ? n : ''}` : '';
    jusoRows.push({
      kind: 'item', block: b.no - 1, values: { large: `${b.no} ${b.name}`, grade: gradeText(b.grade, b.repost) },
      item: { key: `重層:${b.no}${suffix}`, program: b.name, department: null, graded: true },
    });
    for (const g of b.groups) {
      if (g.heading) jusoRows.push({ kind: 'heading', block: b.no - 1, values: { mid: g.heading } });
      for (const p of g.programs) {
        jusoRows.push({
          kind: 'item', block: b.no - 1,
          values: { mid: p.mid ?? null, small: p.small ?? null, name: p.description, department: p.department, pages: p.pages, indicator: '—', do: p.doText, act: p.actText },
          item: { key: `重層:${b.no}${suffix}:${p.mid ?? ''}${p.small ?? ''}:${p.description.slice(0, 12)}`, program: p.description, department: p.department, graded: false },
        });
      }
    }
  }
  const criteria = KOMAE_CRITERIA.map(([g, t]): [Grade, string] => [g, t]);
  return {
    id: 'komae', reportYear: 2023, owner: '福祉政策課',
    gradeWords: { A: '70%以上達成', B: '40%以上達成', C: '20%以上達成', D: '20%未満' },
    tables: [
      {
        sheet: '1 地域福祉計画', title: '1 地域福祉計画 進捗管理 令和5年度報告書', titleWithoutYear: '1 地域福祉計画 進捗管理',
        blockHeader: [], blocks: ['1 多様な地域生活課題に応える包括的な支援の仕組みづくり', '2 共に生きる豊かな地域づくり', '3 安心・安全に暮らせるまちづくり'],
        fields: localFields, rows: localRows,
      },
      {
        sheet: '2 重層', title: '2 重層的支援体制整備事業実施計画 令和5年度報告書', titleWithoutYear: '2 重層的支援体制整備事業実施計画',
        blockHeader: [], blocks: KOMAE_JUSO_BLOCKS.map((b) => `${b.no} ${b.name}`), fields: jusoFields, rows: jusoRows,
      },
    ],
    summaries: [
      { sheet: '評価総括表（地域福祉計画）', title: 'あいとぴあレインボープラン狛江市第4次地域福祉計画進捗管理 令和5年度報告書 評価総括表', counts: '1 地域福祉計画', criteria, lines: KOMAE_LOCAL_SUMMARY },
      { sheet: '評価総括表（重層）', title: '重層的支援体制整備事業実施計画進捗管理 令和5年度報告書 評価総括表', counts: '2 重層', criteria, lines: KOMAE_JUSO_SUMMARY },
    ],
    legend: null, repostInGradeCell: true,
  };
}

const SUICIDE_PARTS = ['status', 'evaluation', 'achievement'] as const;

function suicide(): PlanModel {
  const era = (y: number): string => (y === 2019 ? '令和元年度' : `令和${y - 2018}年度`);
  const fields: Field[] = [
    { key: 'policy', role: 'hierarchy', header: '計画における項目', width: 24 },
    { key: 'name', role: 'name', header: '実施内容', width: 30 },
    { key: 'page', role: 'text', header: '計画書ページ', width: 8 },
    { key: 'division', role: 'text', header: '担当部署', width: 16 },
    { key: 'department', role: 'department', header: '担当課', width: 18 },
    { key: 'repost', role: 'repost', header: '再掲', width: 5 },
  ];
  for (const y of SUICIDE_YEARS) {
    if (y === 2022) fields.push({ key: 'plan2022', role: 'text', header: '令和4年度の実施計画', width: 26 });
    if (y === 2023) fields.push({ key: 'planFuture', role: 'text', header: '今後(令和5年度以降)の実施計画', width: 26 });
    fields.push(
      { key: `status${y}`, role: 'yearStatus', header: `${era(y)}実施状況`, year: y, width: 26 },
      { key: `evaluation${y}`, role: 'yearEvaluation', header: `${era(y)}実施状況に関する担当課の評価`, year: y, width: 26 },
      { key: `achievement${y}`, role: 'yearAchievement', header: '達成度(%)', year: y, width: 9 },
    );
  }
  const rows: Row[] = [];
  SUICIDE_GOALS.forEach((goal, gi) => {
    rows.push({ kind: 'heading', block: gi, values: { policy: goal.label } });
    for (const p of goal.programs) {
      const values: Record<string, Value> = {
        policy: p.policyLabel || null, name: p.name, page: p.page, division: p.division, department: p.department,
        repost: p.repost ? '○' : null, plan2022: p.plan2022, planFuture: p.planFuture,
      };
      for (const y of SUICIDE_YEARS) for (const part of SUICIDE_PARTS) values[`${part}${y}`] = p.years[y][part];
      rows.push({ kind: 'item', block: gi, values, item: { key: `${p.policyId}:${p.name}`, program: p.name, department: p.department, graded: false } });
    }
  });
  return {
    id: 'suicide', reportYear: 2023, owner: '健康推進課',
    gradeWords: { A: '達成', B: '概ね達成', C: '一部達成', D: '未実施' },
    tables: [{
      sheet: '進捗管理表', title: '清瀬市自殺対策計画 進捗管理表（令和5年度）', titleWithoutYear: '清瀬市自殺対策計画 進捗管理表',
      blockHeader: [], blocks: SUICIDE_GOALS.map((g) => g.label), fields, rows,
    }],
    summaries: [], legend: null, repostInGradeCell: false,
  };
}

export const PLAN_IDS = ['kiyose', 'koganei', 'komae', 'suicide'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export function cleanPlan(id: PlanId): PlanModel {
  switch (id) {
    case 'kiyose': return kiyose();
    case 'koganei': return koganei();
    case 'komae': return komae();
    case 'suicide': return suicide();
  }
}

// ---------------------------------------------------------------------------------------------
// Planted defects: changes to the model (so every layout renders them) and the finding each
// must produce, projected on the fields that do not depend on the layout.

export interface ExpectedFinding { rule: string; program: string | null; department?: string | null; year?: number }
export interface Defect { what: string; expect: ExpectedFinding; /** the item row it is on, if one */ key?: string }

function itemRow(plan: PlanModel, key: string): Row {
  for (const t of plan.tables) for (const r of t.rows) if (r.item?.key === key) return r;
  throw new Error(`plan ${plan.id}: no item ${key}`);
}

export function defectivePlan(id: PlanId): { plan: PlanModel; defects: Defect[] } {
  const plan = cleanPlan(id);
  const defects: Defect[] = [];
  const set = (key: string, field: string, value: Value, rule: string, what: string, year?: number): void => {
    const row = itemRow(plan, key);
    row.values[field] = value;
    const e: ExpectedFinding = { rule, program: row.item!.program, department: row.item!.department };
    if (year !== undefined) e.year = year;
    defects.push({ what, expect: e, key });
  };
  switch (id) {
    case 'kiyose':
      set('取組12', 'grade', null, 'grade-missing', 'missing grade');
      set('取組5', 'grade', 'E', 'grade-invalid', 'invalid grade');
      break;
    case 'koganei':
      set('1:(1):ユニバーサルデザインによるまちづくりの推進:地域福祉課', 'grade', null, 'grade-missing', 'missing grade');
      set('6:(2):生活保護制度の適正な運用:地域福祉課', 'grade', 'S', 'grade-invalid', 'invalid grade');
      // a jump of two steps with nothing in 今後 to explain it
      set('4:(1):情報提供の充実:介護福祉課', 'grade', 'D', 'grade-jump', 'grade jump B→D');
      break;
    case 'komae':
      set('1-(2)-①:再掲', 'grade', 'B(再掲)', 'repost-mismatch', '再掲 grade differs from its original');
      set('重層:6', 'grade', null, 'grade-missing', 'missing grade');
      plan.summaries[0].typedCounts = { A: 5 };
      defects.push({ what: 'summary count mismatch', expect: { rule: 'summary-count-mismatch', program: null } });
      break;
    case 'suicide': {
      const first = '1-1:自治会、円卓会議等のネットワークの構築・強化';
      for (const part of SUICIDE_PARTS) itemRow(plan, first).values[`${part}2023`] = null;
      defects.push({ what: 'report year left blank', expect: { rule: 'year-missing', program: itemRow(plan, first).item!.program, department: itemRow(plan, first).item!.department, year: 2023 } });
      const contra = '重点1-2:健康管理';
      itemRow(plan, contra).values.evaluation2021 = '未実施';
      set(contra, 'achievement2021', '100%', 'achievement-grade-mismatch', 'evaluation 未実施 beside 100%', 2021);
      set('重点2-2:市民相談', 'achievement2022', '概ね順調', 'achievement-invalid', 'achievement holds prose', 2022);
      break;
    }
  }
  return { plan, defects };
}
