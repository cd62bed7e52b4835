import { emptyCounts, type Scale } from '../scale';
import type { PolicySummary } from '../report';
import type { Settings } from '../settings';
import { computeGrade } from '../summary/method';
import { levelKey, type MasterProgram, type PlanMaster, type ProgramLevel } from './identity';
import type { MergedRow } from './types';

/**
 * The plan all files report on, put back together: the master's tree when there is one (its
 * order is the plan's order), else one tree per source sheet name built from the rows' paths.
 */
export interface MergedNode {
  group: string;
  level: ProgramLevel;
  depth: number;
  parent: MergedNode | null;
  children: MergedNode[];
  rows: MergedRow[];
  master: MasterProgram | null;
  /** 1-based number of the node's first 取りまとめ line, once laid out (which sheet row that is, the renderer decides). */
  firstLine: number;
}

export type Line = { kind: 'row'; row: MergedRow; node: MergedNode } | { kind: 'unreported'; program: MasterProgram; node: MergedNode };

export interface MergedTree {
  groups: { name: string; nodes: MergedNode[] }[];
  /** 取りまとめ's data lines in plan order. */
  lines: Line[];
}

class GroupBuilder {
  readonly roots: MergedNode[] = [];
  private readonly byKey = new Map<string, MergedNode>();
  constructor(readonly name: string) {}

  place(levels: readonly ProgramLevel[]): MergedNode {
    let parent = null as MergedNode | null;
    let key = '';
    for (const level of levels) {
      key = `${key}/${levelKey(level)}`;
      let node = this.byKey.get(key);
      if (!node) {
        node = { group: this.name, level, depth: (parent?.depth ?? 0) + 1, parent, children: [], rows: [], master: null, firstLine: 0 };
        this.byKey.set(key, node);
        (parent ? parent.children : this.roots).push(node);
      }
      parent = node;
    }
    if (!parent) throw new Error('a program without levels');
    return parent;
  }

  /** Files arrive in any order: put siblings back in the order of their identifiers. */
  sortByIdentifier(): void {
    const sort = (list: MergedNode[]): void => {
      const order = new Map(list.map((n, i) => [n, i]));
      list.sort((a, b) => ordinal(a.level.id) - ordinal(b.level.id) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
      for (const n of list) sort(n.children);
    };
    sort(this.roots);
  }

  preOrder(): MergedNode[] {
    const out: MergedNode[] = [];
    const walk = (n: MergedNode): void => {
      out.push(n);
      n.children.forEach(walk);
    };
    this.roots.forEach(walk);
    return out;
  }
}

export function buildMergedTree(rows: readonly MergedRow[], master: PlanMaster | null): MergedTree {
  const masterGroups = new Map<string, GroupBuilder>();
  const otherGroups = new Map<string, GroupBuilder>();
  const masterNodes: MergedNode[] = [];
  const group = (map: Map<string, GroupBuilder>, name: string): GroupBuilder => {
    let g = map.get(name);
    if (!g) map.set(name, (g = new GroupBuilder(name)));
    return g;
  };
  for (const p of master?.programs ?? []) {
    const node = group(masterGroups, p.sheet).place(p.levels);
    node.master = p;
    masterNodes[p.index] = node;
  }
  for (const row of rows) {
    const node = row.masterIndex !== null ? masterNodes[row.masterIndex] : group(otherGroups, row.sheet).place(row.levels);
    node.rows.push(row);
  }
  const others = [...otherGroups.values()].sort((a, b) => naturalCompare(a.name, b.name));
  for (const g of others) g.sortByIdentifier();

  const lines: Line[] = [];
  const groups = [...masterGroups.values(), ...others].map((g) => ({ name: g.name, nodes: g.preOrder() }));
  for (const g of groups) {
    for (const node of g.nodes) {
      const own = [...node.rows].sort((a, b) => a.fileIndex - b.fileIndex || a.row - b.row);
      for (const row of own) lines.push({ kind: 'row', row, node });
      if (own.length === 0 && node.master) lines.push({ kind: 'unreported', program: node.master, node });
    }
  }
  lines.forEach((line, i) => {
    for (let n: MergedNode | null = line.node; n && n.firstLine === 0; n = n.parent) n.firstLine = i + 1;
  });
  return { groups, lines };
}

/**
 * 施策ごとの集計 over every file: the same PolicySummary `check` gives, counted from the merged
 * rows (a program reported twice counts once) and pointing at 取りまとめ's rows.
 */
export function summariseMerged(tree: MergedTree, findingsPerLine: ReadonlyMap<number, number>, settings: Settings, scale: Scale): PolicySummary[] {
  const lineIndex = new Map<MergedRow, number>();
  tree.lines.forEach((l, i) => {
    if (l.kind === 'row') lineIndex.set(l.row, i);
  });
  const unreportedLine = new Map<MergedNode, number>();
  tree.lines.forEach((l, i) => {
    if (l.kind === 'unreported') unreportedLine.set(l.node, i);
  });
  const out: PolicySummary[] = [];
  for (const g of tree.groups) {
    for (const node of g.nodes) {
      if (node.children.length === 0) continue;
      const counts = emptyCounts(scale);
      let programs = 0;
      let findings = ownFindings(node, lineIndex, unreportedLine, findingsPerLine);
      const walk = (n: MergedNode): void => {
        for (const c of n.children) {
          for (const r of c.rows) if (r.counted && r.graded) counts[r.gradeKey] = (counts[r.gradeKey] ?? 0) + 1;
          findings += ownFindings(c, lineIndex, unreportedLine, findingsPerLine);
          if (c.children.length === 0) programs++;
          else walk(c);
        }
      };
      walk(node);
      const own = node.rows.find((r) => r.counted && r.graded);
      out.push({
        sheet: g.name,
        id: node.level.id !== null ? node.level.path : node.level.name,
        name: node.level.name,
        level: node.depth,
        levelLabel: node.level.levelLabel,
        declaredGrade: own ? own.gradeKey : null,
        computedGrade: computeGrade(counts, scale, settings),
        counts,
        programs,
        row: node.firstLine || 1,
        findings,
      });
    }
  }
  return out;
}

function ownFindings(node: MergedNode, lineIndex: Map<MergedRow, number>, unreported: Map<MergedNode, number>, perLine: ReadonlyMap<number, number>): number {
  let n = 0;
  for (const r of node.rows) n += perLine.get(lineIndex.get(r) ?? -1) ?? 0;
  const u = unreported.get(node);
  if (u !== undefined) n += perLine.get(u) ?? 0;
  return n;
}

const KANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン';

/** Where an identifier sorts among its siblings: ① (1) 1 a ア 取組12 1-2; unnumbered last. */
export function ordinal(id: string | null): number {
  if (id === null) return Number.MAX_SAFE_INTEGER;
  const t = id.normalize('NFKC');
  const nums = t.match(/\d+/g);
  if (nums) return nums.slice(0, 3).reduce((acc, n) => acc * 1000 + Number(n), 0);
  if (/^[a-z]$/i.test(t)) return t.toLowerCase().charCodeAt(0) - 96;
  const k = KANA.indexOf(t);
  return k >= 0 ? k + 1 : Number.MAX_SAFE_INTEGER;
}

/** シート2 before シート10, without depending on the host's collation. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
