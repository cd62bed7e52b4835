import { columnLetter } from '../a1';
import { detectLayout } from '../layout/detect';
import { buildSheetPlan } from '../plan/build';
import { nameKey } from '../plan/identifiers';
import type { PlanNode, SheetPlan } from '../plan/types';
import type { WorkbookSnapshot } from '../snapshot';
import { normalizeForMatch } from '../text';

/**
 * Who is who across files. A program is known by its place in the plan, not by the sheet or
 * row a department happened to put it on: each level is its normalised name (NFKC, dashes
 * folded, spaces and markers like 【新規】 removed) or, when it has none, its identifier.
 */
export interface ProgramLevel {
  /** Identifier as written (`(1)`, `①`, `取組12`), or null. */
  id: string | null;
  name: string;
  /** What identity compares. */
  label: string;
  /** Display path (`(1)-①`) and level word (基本目標, 施策 …) as the sheet gave them. */
  path: string;
  levelLabel: string | null;
}

export function levelOf(node: PlanNode): ProgramLevel {
  const byName = nameKey(node.name);
  const id = node.id;
  return { id, name: node.name, label: byName !== '' ? byName : `#${normalizeForMatch(id ?? '')}`, path: node.path, levelLabel: node.levelLabel };
}

/** The node and its ancestors, outermost first. */
export function levelsOf(node: PlanNode): ProgramLevel[] {
  const out: ProgramLevel[] = [];
  for (let n: PlanNode | null = node; n; n = n.parent) out.unshift(levelOf(n));
  return out;
}

/** Exact identity: names and identifiers (two programs of one name under one policy stay two). */
export function levelKey(level: ProgramLevel): string {
  return `${level.label}#${normalizeForMatch(level.id ?? '')}`;
}

export function levelsKey(levels: readonly ProgramLevel[]): string {
  return levels.map(levelKey).join('/');
}

/** 担当課 for comparison: `地域福祉課`, `地域福祉課 ` and `地域福祉課　` are one department. */
export function departmentKey(name: string): string {
  return normalizeForMatch(name);
}

/** A master cell may name several departments: `地域福祉課、自立生活支援課` or one per line. */
export function splitDepartments(text: string): string[] {
  return text
    .split(/[、,，;；\n]+/)
    .map((s) => s.replace(/^[\s　]+|[\s　]+$/g, ''))
    .filter((s) => s !== '' && !/^[-－—–]+$/.test(s));
}

/** A department's name inside a file name (`03_健康課_R2.xlsx` → 健康課), longest first. */
export function departmentFromFileName(file: string, known: readonly string[]): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const stem = base.replace(/\.[^.]+$/, '');
  const norm = departmentKey(stem);
  const hits = known.filter((d) => d !== '' && norm.includes(departmentKey(d))).sort((a, b) => b.length - a.length);
  return hits[0] ?? stem;
}

/** One program of the plan master and the departments it expects a report from. */
export interface MasterProgram {
  index: number;
  sheet: string;
  /** 1-based row of the program in the master sheet. */
  row: number;
  /** A1 of its name cell. */
  cell: string;
  /** `PlanNode.key` of the program in the master's plan. */
  node: string;
  levels: ProgramLevel[];
  path: string;
  name: string;
  departments: string[];
}

export interface MasterDepartment {
  name: string;
  key: string;
  sheet: string;
  /** 1-based row and A1 cell where the master first names it. */
  row: number;
  cell: string;
}

/** 計画体系: the plan's programs in plan order and the departments responsible for them. */
export interface PlanMaster {
  sheets: string[];
  programs: MasterProgram[];
  departments: MasterDepartment[];
}

/**
 * Reads every sheet detection takes for a plan master (an outline with no grades or years:
 * seed 001, the 体系 table of seed 000). Null when there is none.
 */
export function readPlanMaster(snapshot: WorkbookSnapshot): PlanMaster | null {
  const plans: SheetPlan[] = [];
  for (const sheet of snapshot.sheets) {
    if (sheet.visibility !== 'visible') continue;
    const layout = detectLayout(sheet);
    if (layout.planMaster) plans.push(buildSheetPlan(sheet, layout));
  }
  if (plans.length === 0) return null;
  const programs: MasterProgram[] = [];
  const departments = new Map<string, MasterDepartment>();
  for (const plan of plans) {
    const nameCol = plan.layout.columns.find((c) => c.role === 'name')?.col ?? plan.layout.columns[0]?.col ?? 0;
    const departmentCol = plan.layout.columns.find((c) => c.role === 'department')?.col ?? nameCol;
    for (const node of plan.nodes) {
      if (node.children.length > 0) continue;
      const names: string[] = [];
      for (const e of node.entries) {
        for (const d of splitDepartments(e.department ?? '')) {
          if (!names.includes(d)) names.push(d);
          const key = departmentKey(d);
          if (!departments.has(key)) departments.set(key, { name: d, key, sheet: plan.sheet, row: e.row + 1, cell: `${columnLetter(departmentCol)}${e.row + 1}` });
        }
      }
      programs.push({
        index: programs.length,
        sheet: plan.sheet,
        row: node.row + 1,
        cell: `${columnLetter(nameCol)}${node.row + 1}`,
        node: node.key,
        levels: levelsOf(node),
        path: node.path,
        name: node.name,
        departments: names,
      });
    }
  }
  return { sheets: plans.map((p) => p.sheet), programs, departments: [...departments.values()] };
}

/** Finds a reported program in the master: same name (or identifier), then the closest ancestry. */
export function createMasterMatcher(master: PlanMaster): (levels: readonly ProgramLevel[], department: string) => number | null {
  const byLeaf = new Map<string, MasterProgram[]>();
  for (const p of master.programs) {
    const leaf = p.levels[p.levels.length - 1].label;
    const list = byLeaf.get(leaf);
    if (list) list.push(p);
    else byLeaf.set(leaf, [p]);
  }
  return (levels, department) => {
    const leaf = levels[levels.length - 1];
    const candidates = byLeaf.get(leaf.label) ?? [];
    if (candidates.length === 0) return null;
    if (candidates.length === 1) return candidates[0].index;
    let best: MasterProgram | null = null;
    let bestScore = -1;
    for (const c of candidates) {
      let common = 0;
      for (let i = 2; i <= Math.min(c.levels.length, levels.length); i++) {
        if (c.levels[c.levels.length - i].label !== levels[levels.length - i].label) break;
        common++;
      }
      const sameId = leaf.id !== null && c.levels[c.levels.length - 1].id !== null && normalizeForMatch(leaf.id) === normalizeForMatch(c.levels[c.levels.length - 1].id ?? '');
      const ownDepartment = department !== '' && c.departments.some((d) => departmentKey(d) === department);
      const score = common * 4 + (sameId ? 2 : 0) + (ownDepartment ? 1 : 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best ? best.index : null;
  };
}
