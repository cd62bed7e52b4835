import { findRow, koganeiLastYear, koganeiThisYear, type ProgramRow, type Template, type YearSpec } from './pairs';

/**
 * A pair with one of each change a real year brings: a renumbering, a small rename, a
 * department renamed, a department split, a program dropped, a new program with and without
 * 【新規】, a 実績 copied forward, and a 前年度評価 quoted wrongly.
 */
export function plantedPair(lastTemplate: Template, thisTemplate: Template): { previous: YearSpec; current: YearSpec } {
  const last = koganeiLastYear();
  const now = koganeiThisYear();
  // Renumbered: ① and ② of シート4 施策(1) swap numbers (and order), names unchanged.
  const info = findRow(now, '情報提供の充実');
  const allowance = now.filter((r) => r.name === '各種手当制度の周知');
  for (const r of now.filter((x) => x.name === '情報提供の充実')) r.mark = 2;
  for (const r of allowance) r.mark = 1;
  now.splice(now.indexOf(info), 0, ...now.splice(now.indexOf(allowance[0]), allowance.length));
  // A small rename.
  findRow(now, '施設のバリアフリー化の推進').name = '公共施設等のバリアフリー化の推進';
  // A department renamed (交通対策課 → 都市交通課) and one split (自立生活支援課 → 障害福祉課 + 高齢福祉課).
  findRow(now, 'CoCoバスの利便性向上').department = '都市交通課';
  const transport = findRow(now, '移送サービスへの支援');
  now.splice(now.indexOf(transport), 1, { ...transport, department: '障害福祉課' }, { ...transport, department: '高齢福祉課', previousGrade: 'B' });
  // Dropped this year.
  now.splice(now.indexOf(findRow(now, '福祉マップの見直し')), 1);
  // New this year, one marked and one not.
  const after = findRow(now, '情報提供のユニバーサルデザインの推進');
  const fresh = (name: string, mark: number): ProgramRow => ({ ...after, mark, name, department: '広報秘書課', previousGrade: '—', grade: 'B', result: `${name}について、関係課と協議を重ね実施方法を検討した。` });
  now.splice(now.indexOf(after) + 1, 0, fresh('【新規】やさしい日本語による情報発信', 2), fresh('音声コードの導入', 3));
  // 実績 copied forward from last year.
  findRow(now, '自主防災組織の育成').result = findRow(last, '自主防災組織の育成').result;
  // 前年度評価 quoted wrongly (last year gave C).
  findRow(now, '地域コミュニティを活用した防犯体制の推進').previousGrade = 'A';
  return { previous: { year: 2019, rows: last, template: lastTemplate }, current: { year: 2020, rows: now, template: thisTemplate } };
}
