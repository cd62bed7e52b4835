import type { Finding } from '../report';
import { expectsGrade } from '../plan/units';
import type { PlanEntry, PlanNode, SheetPlan } from '../plan/types';
import { normalizeForMatch } from '../text';

/** One year's workbook (or folder of department workbooks) as the comparison sees it. */
export interface YearSide {
  /** Western fiscal year reported, when known. */
  reportYear: number | null;
  /** The checked workbooks: one, or one per department file. */
  files: readonly { file: string | null; plans: readonly SheetPlan[]; findings?: readonly Finding[] }[];
  /** Findings about the side as a whole (a folder's run: a stated year none of its files carries). */
  findings?: readonly Finding[];
}

/** A department's row of a program in one year. */
export interface YearEntry {
  file: string | null;
  sheet: string;
  entry: PlanEntry;
  /** Normalised 担当課 ('' when the sheet names none). */
  departmentKey: string;
}

/**
 * A program (a graded unit: a 事業/取組, or a policy where policies carry the grades) of one
 * year. Department files that report the same program are folded into one, their rows kept.
 */
export interface YearProgram {
  /** Stable within the side: file, sheet and key of the first node. */
  uid: string;
  file: string | null;
  sheet: string;
  node: PlanNode;
  /** The name as written, and normalised without markers (【新規】, (再掲) …). */
  name: string;
  nameKey: string;
  /** Normalised identifiers from the root to the program (the sheet is not part of it). */
  idPath: string[];
  /** Normalised names of the ancestors, outermost first. */
  ancestorKeys: string[];
  /** Display names of the ancestors, outermost first (基本目標 … 施策). */
  ancestors: string[];
  isNew: boolean;
  entries: YearEntry[];
  /** Where the program's name stands (0-based), for pointing at it. */
  nameCell: { row: number; col: number };
  /** The sheet has a 次年度方針 column. */
  hasNextPolicy: boolean;
}

const MARKERS = /[【[(（［][^】\])）］]*(新規|拡充|再掲|重点)[^】\])）］]*[】\])）］]/g;

/** Name for matching across years: NFKC, one dash, no spaces, markers and leading numbers gone. */
export function programNameKey(name: string): string {
  return normalizeForMatch(name.normalize('NFKC').replace(MARKERS, '').replace(/再掲/g, '')).replace(/^[①-⑳\d.()-]+(?=\D)/, '');
}

export function departmentKeyOf(department: string | null): string {
  return department === null ? '' : normalizeForMatch(department);
}

/** Every graded program of a side, in sheet order; 再掲 rows and nodes are not programs of their own. */
export function collectPrograms(side: YearSide): YearProgram[] {
  const out: YearProgram[] = [];
  const byIdentity = new Map<string, YearProgram>();
  for (const { file, plans } of side.files) {
    for (const plan of plans) {
      const nameCol = plan.layout.columns.find((c) => c.role === 'name')?.col ?? plan.layout.columns.find((c) => c.role === 'hierarchy')?.col ?? 0;
      const hasNextPolicy = plan.layout.columns.some((c) => c.role === 'nextPolicy');
      for (const node of plan.nodes) {
        // A table without grades (Kiyose's multi-year 進捗管理表) still has programs: its rows with entries.
        // Where grades sit on policies (Komae), the 事業 rows under them are programs too: they
        // vanish, appear and repeat their Do text like any program, though they carry no grade.
        const leaf = node.children.length === 0 && node.entries.length > 0;
        const belowGrades = plan.gradedDepth !== null && !plan.gradedAtLeaves && node.depth > plan.gradedDepth;
        const isProgram = plan.gradedDepth === null ? leaf : expectsGrade(plan, node) || (leaf && belowGrades);
        if (node.repostOf || node.markedRepost || !isProgram) continue;
        const entries = node.entries
          .filter((e) => !e.repost)
          .map((entry): YearEntry => ({ file, sheet: plan.sheet, entry, departmentKey: departmentKeyOf(entry.department) }));
        const chain: PlanNode[] = [];
        for (let p = node.parent; p; p = p.parent) chain.unshift(p);
        const program: YearProgram = {
          uid: `${file ?? ''}\u0000${plan.sheet}\u0000${node.key}`,
          file,
          sheet: plan.sheet,
          node,
          name: node.name || node.path,
          nameKey: programNameKey(node.name || node.path),
          idPath: [...chain, node].map((n) => (n.id === null ? '' : normalizeForMatch(n.id))).filter((id) => id !== ''),
          ancestorKeys: chain.map((n) => programNameKey(n.name)).filter((k) => k !== ''),
          ancestors: chain.map((n) => n.name).filter((n) => n !== ''),
          isNew: node.isNew,
          entries,
          nameCell: { row: node.row, col: nameCol },
          hasNextPolicy,
        };
        // Department workbooks each report their own rows of a shared program: fold them.
        const identity = side.files.length > 1 ? `${program.ancestorKeys.join('/')}/${program.idPath.join('-')}/${program.nameKey}` : null;
        const same = identity !== null ? byIdentity.get(identity) : undefined;
        if (same && same.file !== file) {
          same.entries.push(...entries);
          same.isNew = same.isNew || program.isNew;
          continue;
        }
        if (identity !== null) byIdentity.set(identity, program);
        out.push(program);
      }
    }
  }
  return out;
}
