import { DEFAULT_SCALE, parseGrade, type ParsedGrade, type Scale } from '../scale';
import { blockHeaderLine } from '../layout/detect';
import { classifyRows, type RowRole } from '../layout/row-roles';
import type { ColumnLayout, GradeReading, SheetLayout } from '../layout/types';
import { cellAt, cellText, isBlank, isCellError, type CellValue, type SheetSnapshot } from '../snapshot';
import { isDashOnly, normalizeForMatch } from '../text';
import { nameMarkers, parseOutlineCell, type IdToken } from './identifiers';
import type { GradeCell, PlanEntry, PlanNode, SheetPlan, ValueCell, YearBlock } from './types';

/** Rows of bare grades that make a column a grade column of its own (a slip is one or two cells). */
const OWN_GRADE_COLUMN_MIN_ROWS = 3;
/** Keys of merged-cell fills: row * stride + column (columns stay far below it). */
const FILL_STRIDE = 1 << 14;

interface StackItem {
  style: string;
  node: PlanNode;
  /** The outline column it was read from (null: a block line above the table). */
  col: number | null;
}

interface EntryColumns {
  grade: ColumnLayout | undefined;
  previousGrade: ColumnLayout | undefined;
  nextPolicy: ColumnLayout | undefined;
  department: ColumnLayout | undefined;
  repost: ColumnLayout | undefined;
  achievement: ColumnLayout | undefined;
  years: { year: number; status?: number; evaluation?: number; achievement?: number }[];
}

export interface BuildOptions {
  /**
   * The start of every node key: the sheet's name for its only (or first) table; a sheet's
   * second table adds its table key (`Sheet1!H3`) so keys stay unique in the workbook.
   */
  keyRoot?: string;
}

/** Builds the plan tree (goals › policies › programs) of one evaluation sheet. */
export function buildSheetPlan(sheet: SheetSnapshot, layout: SheetLayout, options: BuildOptions = {}): SheetPlan {
  const builder = new PlanBuilder(sheet, layout, options.keyRoot ?? sheet.name);
  const plan = builder.build();
  if (layout.tableKey !== undefined && layout.area) plan.tableKey = layout.tableKey;
  return plan;
}

class PlanBuilder {
  private readonly stack: StackItem[] = [];
  private readonly roots: PlanNode[] = [];
  private readonly nodes: PlanNode[] = [];
  /**
   * Each parent's children by normalised identifier (null: the roots), to reopen a node, and
   * the parent's key with its `/`, made once: a child's key is then one joined string, not two.
   */
  private readonly childIndex = new Map<PlanNode | null, { keyPrefix: string; byId: Map<string, PlanNode> }>();
  /** `施策(1) | 暮らしやすいまちづくり` above the table names the table's `(1)`. */
  private readonly blockNames = new Map<string, string>();
  private readonly outline: ColumnLayout[];
  private readonly nameCol: number | undefined;
  private readonly cols: EntryColumns;
  /** Columns of prose (成果, Do, Act …) where a slipped grade may land. */
  private readonly textCols: number[];
  /** Every column whose content makes a row an entry (grade, department, year blocks …). */
  private readonly entryCols: number[];
  private readonly outlineCols: ReadonlySet<number>;
  private readonly hiddenRows: ReadonlySet<number>;
  /** Nodes opened by a visible row (or a block line): the others only held hidden rows. */
  private readonly visibleNodes = new Set<PlanNode>();
  /** Reading a hidden row: it opens the outline (its continuation rows belong to it) but reports nothing. */
  private readingHidden = false;
  /** Cells covered by a vertical merge in an entry column: `row:col` → the merge's value. */
  private readonly mergedFill = new Map<number, CellValue>();
  private readonly width: number;
  /** 実績 / 評価の理由 columns, looked up once rather than per row. */
  private readonly resultCol: number | undefined;
  private readonly reasonCol: number | undefined;
  /**
   * A grade column holds a handful of distinct texts (`A`…`D`, `A：ほぼ達成`…): each is parsed
   * once and the parse shared by every entry (read-only from here on). A plan's objects all
   * survive the build, so each one fewer per row is garbage-collection time saved.
   */
  private readonly grades = new Map<string, ParsedGrade>();
  /** The scale the region's grades are read on. */
  private readonly scale: Scale;
  /** Grade cells holding a formula saved without its result (`row * FILL_STRIDE + col`). */
  private readonly uncached = new Set<number>();
  /** Formula runs in the grade columns (SheetSnapshot.formulaCells): grades that are a formula's result. */
  private readonly gradeFormulas: readonly { top: number; bottom: number; left: number }[];
  /** How this year's grade cells were written, counted as entries are read (SheetLayout.gradeReading). */
  private readonly reading: GradeReading = { graded: 0, formulas: 0, unverified: 0, annotated: 0, marks: [] };
  /** Rows that are not data (row-roles.ts): headings, examples, totals, footnotes. */
  private readonly rowRoles = new Map<number, RowRole>();
  /** Outline cells whose identifier is read back from a date: row * stride + column → text. */
  private readonly recoveredIds = new Map<number, string>();
  /** Rows under the top of a program name merged down (a plan row and a result row of one program). */
  private readonly nameMergeRows = new Set<number>();

  constructor(
    private readonly sheet: SheetSnapshot,
    private readonly layout: SheetLayout,
    private readonly keyRoot: string,
  ) {
    this.outline = layout.columns.filter((c) => c.role === 'hierarchy' || c.role === 'name');
    this.nameCol = layout.columns.find((c) => c.role === 'name')?.col;
    const first = (role: string): ColumnLayout | undefined => layout.columns.find((c) => c.role === role);
    const years = new Map<number, EntryColumns['years'][number]>();
    for (const c of layout.columns) {
      // Year blocks only: a grade column named by its year (R5評価) is a grade, not a block.
      if (c.year === undefined || (c.role !== 'yearStatus' && c.role !== 'yearEvaluation' && c.role !== 'yearAchievement')) continue;
      const y = years.get(c.year) ?? { year: c.year };
      if (c.role === 'yearStatus' && y.status === undefined) y.status = c.col;
      if (c.role === 'yearEvaluation' && y.evaluation === undefined) y.evaluation = c.col;
      if (c.role === 'yearAchievement' && y.achievement === undefined) y.achievement = c.col;
      years.set(c.year, y);
    }
    // 実績 / 評価の理由 are prose too: a grade slipped into them is still a slipped grade.
    const textCols = layout.columns.filter((c) => c.role === 'text' || c.role === 'resultText' || c.role === 'reasonText').map((c) => c.col);
    this.cols = {
      grade: first('grade'),
      previousGrade: first('previousGrade'),
      nextPolicy: first('nextPolicy'),
      department: first('department'),
      repost: first('repost'),
      achievement: first('achievement'),
      years: [...years.values()].sort((a, b) => a.year - b.year),
    };
    const c = this.cols;
    this.scale = layout.scale ?? DEFAULT_SCALE;
    // A column whose rows mostly hold bare grades is someone's grade of its own (委員会評価,
    // 外部評価 beside 自己評価), not prose a grade slipped into: a grade there is not misplaced.
    const ownGrades = (col: number): boolean => {
      let filled = 0;
      let grades = 0;
      for (let r = layout.firstDataRow; r <= layout.lastDataRow; r++) {
        const v = cellAt(sheet, r, col);
        if (isBlank(v)) continue;
        filled++;
        const g = typeof v === 'string' && v.trim().length <= 8 ? parseGrade(v, this.scale) : null;
        if (g?.kind === 'grade' && g.notation === undefined) grades++;
      }
      return filled >= OWN_GRADE_COLUMN_MIN_ROWS && grades / filled >= 0.5;
    };
    this.textCols = textCols.filter((col) => !ownGrades(col));
    const levelCols = [c.grade, c.previousGrade].flatMap((g) => (g?.encoding === 'level-columns' ? (g.levelColumns ?? []).map((l) => l.col) : []));
    this.entryCols = [
      ...[c.grade, c.previousGrade, c.nextPolicy, c.department, c.repost, c.achievement].map((x) => x?.col),
      ...levelCols,
      ...c.years.flatMap((y) => [y.status, y.evaluation, y.achievement]),
    ].filter((col): col is number => col !== undefined);
    this.outlineCols = new Set(this.outline.map((o) => o.col));
    const gradeCols = new Set([c.grade, c.previousGrade].flatMap((g) => (g ? [g.col, ...(g.levelColumns ?? []).map((l) => l.col)] : [])));
    for (const f of sheet.uncachedFormulas ?? []) if (gradeCols.has(f.col)) this.uncached.add(f.row * FILL_STRIDE + f.col);
    this.gradeFormulas = (sheet.formulaCells ?? []).filter((run) => gradeCols.has(run.left));
    this.hiddenRows = new Set(sheet.hiddenRows ?? []);
    this.width = layout.lastCol + 1;
    this.resultCol = layout.columns.find((x) => x.role === 'resultText')?.col;
    this.reasonCol = layout.columns.find((x) => x.role === 'reasonText')?.col;
    // A grade (or department, policy …) merged over a program's rows applies to each row it covers.
    const entrySet = new Set(this.entryCols);
    for (const m of sheet.merges) {
      if (m.bottom === m.top || m.bottom < layout.firstDataRow || m.top > layout.lastDataRow || !entrySet.has(m.left)) continue;
      const value = cellAt(sheet, m.top, m.left);
      if (isBlank(value)) continue;
      for (let r = m.top + 1; r <= Math.min(m.bottom, layout.lastDataRow); r++) this.mergedFill.set(r * FILL_STRIDE + m.left, value);
    }
    if (this.nameCol !== undefined) {
      for (const m of sheet.merges) {
        if (m.bottom === m.top || m.left > this.nameCol || m.right < this.nameCol) continue;
        for (let r = m.top + 1; r <= m.bottom; r++) this.nameMergeRows.add(r);
      }
    }
    const roles = classifyRows(sheet, layout);
    layout.rowRoles = roles.marks;
    layout.recoveredIds = roles.recovered;
    for (const m of roles.marks) this.rowRoles.set(m.row, m.role);
    for (const id of roles.recovered) this.recoveredIds.set(id.row * FILL_STRIDE + id.col, id.text);
  }

  /** An outline cell's text: an identifier Excel stored as a date is read back as typed. */
  private outlineText(r: number, col: number): string {
    if (this.recoveredIds.size > 0) {
      const id = this.recoveredIds.get(r * FILL_STRIDE + col);
      if (id !== undefined) return id;
    }
    return cellText(cellAt(this.sheet, r, col)).trim();
  }

  /** The cell's value, a vertical merge's value on the rows it covers in entry columns. */
  private at(r: number, col: number): CellValue {
    const v = cellAt(this.sheet, r, col);
    if (v !== null || this.mergedFill.size === 0) return v;
    return this.mergedFill.get(r * FILL_STRIDE + col) ?? null;
  }

  build(): SheetPlan {
    for (const line of this.layout.blockHeader) this.blockLine(line.label, line.value, line.row);
    const skip = new Set(this.layout.repeatedHeaderRows);
    const start = this.layout.headerRows.length ? this.layout.headerRows[this.layout.headerRows.length - 1] + 1 : 0;
    const end = Math.min(this.sheet.rows.length - 1, this.layout.lastDataRow);
    const headings = this.headingRows(skip);
    for (let r = start; r <= end; r++) {
      const row = this.sheet.rows[r];
      if (!row || skip.has(r) || row.every((v) => isBlank(v))) continue;
      // Hidden rows (an abolished program a department hid) are outside the check, but they
      // still place the outline: another department's visible line below a hidden program row
      // belongs to that program, not to the heading above it.
      this.readingHidden = this.hiddenRows.has(r);
      const role = this.rowRoles.get(r);
      // Examples, totals and footnotes are no programs: they never become entries.
      if (role === 'example' || role === 'total' || role === 'footnote' || role === 'blank') continue;
      // A row under a program's merged name with no grade, department or other entry cell of its
      // own (its grade merged down too, only 実績 or an indicator beside it) is more lines of that
      // program's record, not another entry of it: its merged grade is counted once.
      if (this.nameMergeRows.has(r) && this.entryCols.every((col) => isBlank(cellAt(this.sheet, r, col)))) continue;
      const block = blockHeaderLine(this.sheet, r, this.width, this.outlineCols);
      if (block) {
        this.blockLine(block.label, block.value, r);
        continue;
      }
      // A title alone outside the outline that names no level: it heads rows, reports nothing.
      if (role === 'heading') continue;
      this.dataRow(r, headings.has(r));
    }
    this.readingHidden = false;
    if (this.cols.grade) this.layout.gradeReading = this.reading;
    this.layout.rowRoles?.sort((a, b) => a.row - b.row);
    const { roots, nodes } = this.withoutHiddenOnly();
    const hiddenNodes = nodes.length < this.nodes.length ? this.nodes.filter((n) => !nodes.includes(n)) : [];
    return {
      sheet: this.sheet.name,
      layout: this.layout,
      roots,
      nodes,
      ...(hiddenNodes.length > 0 ? { hiddenNodes } : {}),
      ...this.gradedLevel(),
      years: this.cols.years.map((y) => y.year),
      gradeCol: this.cols.grade?.col ?? null,
      scale: this.scale,
    };
  }

  /** Counts how a grade cell of this year was written: a formula's result, a note mark, not verified. */
  private tally(cell: GradeCell | null): void {
    if (!cell) return;
    const p = cell.parsed;
    const reading = this.reading;
    if (p.kind === 'unverified') reading.unverified++;
    if (p.kind !== 'grade') return;
    reading.graded++;
    if (p.annotation !== undefined) {
      reading.annotated++;
      // A few marks say which: `※`, `＊`.
      if (reading.marks.length < 5 && !reading.marks.includes(p.annotation)) reading.marks.push(p.annotation);
    }
    if (this.gradeFormulas.length > 0 && this.gradeFormulas.some((run) => run.left === cell.col && cell.row >= run.top && cell.row <= run.bottom)) reading.formulas++;
  }

  /** Drops the nodes only hidden rows held (no entry, no visible row, nothing visible below). */
  private withoutHiddenOnly(): { roots: PlanNode[]; nodes: PlanNode[] } {
    if (this.hiddenRows.size === 0) return { roots: this.roots, nodes: this.nodes };
    const kept = new Set<PlanNode>();
    const keep = (list: readonly PlanNode[]): PlanNode[] =>
      list.filter((n) => {
        n.children = keep(n.children);
        if (n.children.length === 0 && n.entries.length === 0 && !this.visibleNodes.has(n)) return false;
        kept.add(n);
        return true;
      });
    const roots = keep(this.roots);
    return { roots, nodes: this.nodes.filter((n) => kept.has(n)) };
  }

  private blockLine(label: string, value: string, row: number): void {
    const policy = /^施策\(?(\d+)\)?$/.exec(label);
    if (policy) {
      this.blockNames.set(`(${policy[1]})`, value);
      return;
    }
    const style = `block:${label}`;
    const parsed = parseOutlineCell(value);
    const id = parsed.ids[parsed.ids.length - 1];
    this.open(style, id ? { ...id, style } : null, parsed.rest || value, row, label);
  }

  /**
   * Stacked blocks: the lines just above a repeated table header (`2 相談支援…` alone in its
   * row) head the block below. They place it in the hierarchy and are never programs.
   */
  private headingRows(repeated: ReadonlySet<number>): Set<number> {
    const out = new Set<number>();
    for (const h of repeated) {
      if (repeated.has(h - 1)) continue; // the first row of each repeated header
      let found = 0;
      for (let r = h - 1; r > h - 6 && r >= 0 && found < 3; r--) {
        const row = this.sheet.rows[r];
        if (!row || row.every((v) => isBlank(v))) continue;
        let filled = 0;
        for (let c = 0; c < Math.min(row.length, this.width); c++) if (!isBlank(row[c])) filled++;
        if (filled !== 1 || this.entryColumnsFilled(r)) break;
        out.add(r);
        found++;
      }
    }
    return out;
  }

  private dataRow(r: number, heading = false): void {
    // The node the row's last outline cell opened, and whether that made it.
    let deepest: PlanNode | undefined;
    let createdDeepest = false;
    let pending: PlanNode | null = null;
    for (const col of this.outline) {
      const text = this.outlineText(r, col.col);
      if (text === '') continue;
      const parsed = parseOutlineCell(text);
      const ids = parsed.ids;
      if (ids.length === 0 && /^【[^】]*】$/.test(parsed.rest) && !this.hasEntryData(r)) {
        // 【基本施策】 caption: a heading, said as one (--explain, 読み取った表).
        if (!this.readingHidden) (this.layout.rowRoles ??= []).push({ row: r, role: 'heading', evidence: [{ kind: 'title-alone', col: col.col, text }] });
        return;
      }
      // A numbered level in a column left of a program named without a number (2-1 in the 施策
      // column after such a program of the 事業名 column, say one a department hid) is above it.
      if (ids.length > 0) while (this.stack.length > 0 && this.stack[this.stack.length - 1].style === 'name' && (this.stack[this.stack.length - 1].col ?? -1) > col.col) this.stack.pop();
      for (let i = 0; i < ids.length; i++) {
        const last = i === ids.length - 1;
        deepest = this.open(ids[i].style, ids[i], last ? parsed.rest : '', r, col);
        createdDeepest = this.created;
        pending = last && parsed.rest === '' ? deepest : null;
      }
      if (ids.length === 0 && parsed.rest !== '') {
        const target: PlanNode | null = pending;
        if (target !== null) {
          // `1 | 多様な…`: the name of the identifier in the cell before (again, on a repeated page).
          if ((target as PlanNode).name === '') setName(target, parsed.rest);
          pending = null;
        } else {
          deepest = this.openNameOnly(parsed.rest, r, col);
          createdDeepest = this.created;
        }
      }
    }
    if (this.readingHidden) return;
    const stray = this.strayGrades(r);
    const hasData = stray.length > 0 || this.entryColumnsFilled(r);
    if (deepest) {
      if ((createdDeepest && !heading) || hasData) addEntry(deepest, this.entry(r, false, stray));
      return;
    }
    // No outline text: another department's line for the program above (Koganei).
    const current = this.stack[this.stack.length - 1]?.node;
    if (current && hasData) addEntry(current, this.entry(r, true, stray));
  }

  /** Whether the last `open` made its node (rather than reopening it). */
  private created = false;

  /**
   * Opens (or reopens) the node `id` (a name-only one when null) under the open ones. `level`
   * names its level: the outline column it was read from, or a block line's own label.
   */
  private open(style: string, id: IdToken | null, name: string, row: number, level: ColumnLayout | string): PlanNode {
    const at = this.stack.findIndex((s) => s.style === style);
    if (at >= 0) this.stack.length = at;
    // A program named without an identifier is a leaf: an identifier in an outline column left
    // of it is never its child (a program listed straight under a 基本施策, then the first
    // numbered 施策 in the column to its left, is that 施策's sibling).
    if (typeof level !== 'string') while (this.stack.length > 0 && this.stack[this.stack.length - 1].style === 'name' && (this.stack[this.stack.length - 1].col ?? -1) > level.col) this.stack.pop();
    const parent = this.stack[this.stack.length - 1]?.node ?? null;
    const idNorm = id ? id.norm : `name:${normalizeForMatch(name)}`;
    let siblings = this.childIndex.get(parent);
    if (!siblings) {
      siblings = { keyPrefix: `${parent ? parent.key : this.keyRoot}/`, byId: new Map() };
      this.childIndex.set(parent, siblings);
    }
    let node = siblings.byId.get(idNorm);
    const created = !node;
    if (!node) {
      const key = siblings.keyPrefix + idNorm;
      const displayId = id ? id.display : null;
      const blockName = id && style === 'paren' ? this.blockNames.get(id.norm) : undefined;
      node = {
        sheet: this.sheet.name,
        key,
        id: displayId,
        path: pathOf(parent, displayId, name, style),
        name: '',
        depth: this.stack.length + 1,
        levelLabel: id?.keyword ?? (typeof level === 'string' ? level : levelLabelOf(level, id)),
        style,
        row,
        parent,
        children: NO_CHILDREN,
        entries: NO_ENTRIES,
        isNew: false,
        expanded: false,
        repostOf: null,
        markedRepost: false,
      };
      setName(node, name || blockName || '');
      siblings.byId.set(idNorm, node);
      this.nodes.push(node);
      if (!parent) this.roots.push(node);
      else parent.children = append(parent.children, node);
    } else if (node.name === '' && name) {
      setName(node, name);
    }
    // Only a sheet with hidden rows drops nodes that only hidden rows held (withoutHiddenOnly).
    if (!this.readingHidden && this.hiddenRows.size > 0) this.visibleNodes.add(node);
    this.stack.push({ style, node, col: typeof level === 'string' ? null : level.col });
    this.created = created;
    return node;
  }

  /** A program named without an identifier: a sibling of the program above, or the first child. */
  private openNameOnly(name: string, row: number, col: ColumnLayout): PlanNode {
    if (col.role === 'hierarchy') {
      // A level named without a number (基本施策 by name only): its column is its level, as a
      // number's style would be. What was opened from this column or the ones right of it closes.
      while (this.stack.length > 0 && (this.stack[this.stack.length - 1].col ?? -1) >= col.col) this.stack.pop();
      return this.open(`name@${col.col}`, null, name, row, col);
    }
    const top = this.stack[this.stack.length - 1];
    const isProgramLike = top && (top.style === 'name' || (top.node.children.length === 0 && top.node.entries.some((e) => entryHasData(e))));
    const style = isProgramLike ? top.style : 'name';
    return this.open(style, null, name, row, col);
  }

  private hasEntryData(r: number): boolean {
    return this.entryColumnsFilled(r) || this.strayGrades(r).length > 0;
  }

  private entryColumnsFilled(r: number): boolean {
    for (const col of this.entryCols) if (!isBlank(this.at(r, col))) return true;
    return false;
  }

  private gradeCell(r: number, col: ColumnLayout | undefined): GradeCell | null {
    if (!col) return null;
    if (col.encoding === 'level-columns' && col.levelColumns && col.levelColumns.length > 1) return this.levelColumnsCell(r, col.levelColumns);
    const v = this.at(r, col.col);
    if (isCellError(v)) return { row: r, col: col.col, parsed: { kind: 'error', text: v.error } };
    if (v === null && this.uncached.has(r * FILL_STRIDE + col.col)) return { row: r, col: col.col, parsed: UNVERIFIED };
    return { row: r, col: col.col, parsed: this.gradeOf(textOf(v), col) };
  }

  /**
   * A form that marks the grade (○ ● ✓ 1) in one of several columns headed by the levels:
   * one mark is that level's grade; none is no grade; several are not one grade.
   */
  private levelColumnsCell(r: number, levels: { col: number; label: string }[]): GradeCell {
    // Findings point at the grade column (its first level column), as for a grade in one cell.
    const head = levels[0].col;
    const marked: { col: number; label: string }[] = [];
    let unverified: number | null = null;
    // Text that is no mark (a word typed into a level column, a dash): not a grade by itself.
    let other: { col: number; text: string } | null = null;
    for (const l of levels) {
      const v = this.at(r, l.col);
      if (isCellError(v)) return { row: r, col: head, parsed: { kind: 'error', text: v.error } };
      if (v === null && this.uncached.has(r * FILL_STRIDE + l.col)) unverified ??= l.col;
      if (isMark(v)) marked.push(l);
      else if (!isBlank(v) && !isCrossedOut(v)) other ??= { col: l.col, text: textOf(v) };
    }
    if (marked.length === 1) {
      const level = this.scale.levels.findIndex((x) => x.label === marked[0].label);
      if (level >= 0) return { row: r, col: head, parsed: { kind: 'grade', grade: marked[0].label, level, canonical: true, repost: false, text: textOf(this.at(r, marked[0].col)) } };
    }
    if (marked.length > 1) return { row: r, col: head, parsed: { kind: 'invalid', text: marked.map((m) => m.label).join('・') } };
    if (marked.length === 0 && other) return { row: r, col: head, parsed: isDashOnly(other.text) ? { kind: 'none', text: other.text } : { kind: 'invalid', text: other.text } };
    if (unverified !== null) return { row: r, col: head, parsed: UNVERIFIED };
    return { row: r, col: levels[0].col, parsed: BLANK };
  }

  private valueCell(r: number, col: number | undefined): ValueCell | null {
    if (col === undefined) return null;
    const v = this.at(r, col);
    return { row: r, col, value: v, text: textOf(v) };
  }

  private entry(r: number, continuation: boolean, strayGrades: readonly ValueCell[]): PlanEntry {
    const c = this.cols;
    const declaredGrade = this.gradeCell(r, c.grade);
    this.tally(declaredGrade);
    const repostCell = this.valueCell(r, c.repost?.col);
    const repost =
      (declaredGrade?.parsed.kind === 'grade' && declaredGrade.parsed.repost) ||
      (repostCell !== null && repostCell.text.trim() !== '' && !/^[-－—ー×✕]$/.test(repostCell.text.trim()));
    const departmentText = c.department ? textOf(this.at(r, c.department.col)).trim() : '';
    const years: readonly YearBlock[] = c.years.length === 0 ? NO_YEARS : c.years.map((y) => {
      const status = this.valueCell(r, y.status);
      const evaluation = this.valueCell(r, y.evaluation);
      const achievement = this.valueCell(r, y.achievement);
      const cells = [status, evaluation, achievement].filter((x): x is ValueCell => x !== null);
      return {
        year: y.year,
        status,
        evaluation,
        achievement,
        blank: cells.every((x) => isBlank(x.value)),
        first: { row: r, col: cells[0]?.col ?? 0 },
      };
    });
    return {
      row: r,
      department: departmentText === '' ? null : departmentText,
      declaredGrade,
      previousGrade: this.gradeCell(r, c.previousGrade),
      nextPolicy: this.valueCell(r, c.nextPolicy?.col),
      achievement: this.valueCell(r, c.achievement?.col),
      resultText: this.valueCell(r, this.resultCol),
      reasonText: this.valueCell(r, this.reasonCol),
      years,
      repost,
      continuation,
      strayGrades,
    };
  }

  /** The parse of a grade cell's text, shared by every cell with that text in that column's notation. */
  private gradeOf(text: string, col: ColumnLayout): ParsedGrade {
    const key = col.notation === undefined ? text : `${col.notation}\u0000${text}`;
    let parsed = this.grades.get(key);
    if (parsed === undefined) {
      parsed = parseGrade(text, this.scale);
      // The column's own explained notation (`A：ほぼ達成` throughout) is its standard, not a slip.
      if (parsed.kind === 'grade' && parsed.notation !== undefined && parsed.notation === col.notation) parsed = { ...parsed, canonical: true };
      // Prose in a grade column is rarely repeated: keep the cache small.
      if (this.grades.size < 1024) this.grades.set(key, parsed);
    }
    return parsed;
  }

  private strayGrades(r: number): readonly ValueCell[] {
    if (!this.cols.grade || this.textCols.length === 0) return NO_CELLS;
    let out: ValueCell[] | null = null;
    for (const col of this.textCols) {
      const v = cellAt(this.sheet, r, col);
      if (typeof v !== 'string' || v.trim().length > 8) continue;
      // Only a bare letter slips: `A 目標を達成` in a prose column is prose.
      const g = parseGrade(v, this.scale);
      if (g.kind === 'grade' && g.notation === undefined) (out ??= []).push({ row: r, col, value: v, text: v });
    }
    return out ?? NO_CELLS;
  }

  /**
   * Where grades are expected: on the programs (leaves) when most graded rows are leaves
   * (Kiyose, Koganei), else on the depth that carries most grades (Komae's policy rows).
   */
  private gradedLevel(): { gradedDepth: number | null; gradedAtLeaves: boolean } {
    const byDepth = new Map<number, number>();
    let graded = 0;
    let leaves = 0;
    for (const n of this.nodes) {
      if (n.entries.some((e) => e.declaredGrade !== null && e.declaredGrade.parsed.kind !== 'blank')) {
        byDepth.set(n.depth, (byDepth.get(n.depth) ?? 0) + 1);
        graded++;
        if (n.children.length === 0) leaves++;
      }
    }
    let best: number | null = null;
    let bestCount = 0;
    for (const [depth, count] of byDepth) {
      if (count > bestCount) {
        best = depth;
        bestCount = count;
      }
    }
    return { gradedDepth: best, gradedAtLeaves: graded > 0 && leaves / graded >= 0.8 };
  }
}

const UNVERIFIED: ParsedGrade = Object.freeze({ kind: 'unverified' });
const BLANK: ParsedGrade = Object.freeze({ kind: 'blank' });

/** A mark in a level column: a filled or ticked sign (○ 〇 ● ◎ ✓ ✔ ■ レ), `1` or TRUE. */
const MARKS = /^[○〇◯●◎◉✓✔☑■◆★✅レvV]$/;
function isMark(v: CellValue): boolean {
  if (v === true || v === 1) return true;
  if (typeof v !== 'string') return false;
  const t = v.normalize('NFKC').trim();
  return MARKS.test(t) || t === '1';
}

/** A level column crossed out or zeroed: explicitly not this level (a form's ×, 0, FALSE). */
function isCrossedOut(v: CellValue): boolean {
  if (v === false || v === 0) return true;
  return typeof v === 'string' && /^(0|×|✕|x|X|FALSE)$/.test(v.normalize('NFKC').trim());
}

/** Shared by every entry without year columns or slipped grades: read-only, as their type says. */
const NO_YEARS: readonly YearBlock[] = Object.freeze([]);
const NO_CELLS: readonly ValueCell[] = Object.freeze([]);

/**
 * A node's children and entries start as one shared empty list (a program has no children;
 * 100k programs once kept 100k empty lists), and a node's first item gets a list of exactly one:
 * a push onto an empty list reserves room for sixteen. Only these lists, owned by their node,
 * are ever pushed onto, and only here.
 */
const NO_CHILDREN: readonly PlanNode[] = Object.freeze([]);
const NO_ENTRIES: readonly PlanEntry[] = Object.freeze([]);
function append<T>(list: readonly T[], item: T): readonly T[] {
  if (list.length === 0) return [item];
  (list as T[]).push(item);
  return list;
}

function addEntry(node: PlanNode, entry: PlanEntry): void {
  node.entries = append(node.entries, entry);
}

function textOf(v: CellValue): string {
  return cellText(v);
}

function entryHasData(e: PlanEntry): boolean {
  return (
    (e.declaredGrade !== null && e.declaredGrade.parsed.kind !== 'blank') ||
    e.department !== null ||
    e.years.some((y) => !y.blank)
  );
}

function setName(node: PlanNode, name: string): void {
  node.name = name;
  const m = nameMarkers(name);
  node.isNew ||= m.isNew;
  node.expanded ||= m.expanded;
  node.markedRepost ||= m.repost;
  if (node.id === null) node.path = pathOf(node.parent, null, name, node.style);
}

/**
 * `1-(2)-①` as the 評価総括表 prints it. Keyword ids (取組12, 基本施策1) and dotted ids (1-1)
 * are complete by themselves, and a keyword parent does not prefix its children.
 */
function pathOf(parent: PlanNode | null, id: string | null, name: string, style = ''): string {
  if (id === null) return name;
  if (style.startsWith('kw:') || style === 'dotted') return id;
  const parentPath = parent && parent.id !== null && !parent.style.startsWith('kw:') ? parent.path : null;
  return parentPath ? `${parentPath}-${id}` : id;
}

function levelLabelOf(col: ColumnLayout, id: IdToken | null): string | null {
  if (id?.keyword) return id.keyword;
  // The header as typed (#26); the normalised label only for a hand-made layout without it.
  // Line breaks and spaces inside a header cell are layout: dropped, as the label always did.
  const parts = (col.shownParts ?? col.label.split('\n')).map((p) => p.replace(/[\s\u3000]+/g, '')).filter((p) => p !== '');
  if (parts.length === 0) return null;
  if (parts.length > 1 && /^[大中小]$/.test(parts[parts.length - 1].normalize('NFKC'))) return `${parts[0].replace(/Plan.*$/, '施策')}(${parts[parts.length - 1]})`;
  return parts[parts.length - 1];
}
