import { programIdentity } from './rows';
import type { ConsolidatedFile, MergedRow } from './types';

/** Why one file's grades are counted over another's for the same program and department. */
export type Preference =
  | { kind: 'resubmission'; marker: string }
  | { kind: 'newer'; marker: string }
  | { kind: 'first' };

/** Words a department puts in the name of a corrected file. */
const RESUBMISSION = /再提出|再送|修正版|修正|差し?替え?|訂正版?|改訂版?|最新版?/;

/**
 * What a file's name says about its age: a date (20240115, 2024-01-15), a version (v2, ver.3,
 * 第2版, (2), _2), a 令和 year (R6, 令和6). Compared field by field; null when it says nothing.
 */
export function nameVersion(file: string): { key: number[]; marker: string } | null {
  const base = (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '').normalize('NFKC');
  const date = /(20\d{2})[-_.年]?(\d{1,2})[-_.月]?(\d{1,2})日?/.exec(base);
  if (date) return { key: [2, Number(date[1]) * 10000 + Number(date[2]) * 100 + Number(date[3])], marker: date[0] };
  const version = /(?:v|ver\.?|version|第|rev\.?)\s*(\d+)\s*版?/i.exec(base) ?? /[(（](\d+)[)）]$/.exec(base) ?? /[_-](\d{1,2})$/.exec(base);
  if (version) return { key: [1, Number(version[1])], marker: version[0] };
  const reiwa = /(?:令和|R)(\d{1,2})/i.exec(base);
  if (reiwa) return { key: [0, Number(reiwa[1])], marker: reiwa[0] };
  return null;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Of several files reporting the same program for the same department, the one whose grades
 * count: one marked as a resubmission (再提出 / 修正版 / 差替 …) wins; else, when their names
 * carry comparable dates or versions, the newest; else the first read (input order).
 */
export function preferredFile(files: readonly ConsolidatedFile[]): { file: ConsolidatedFile; why: Preference } {
  const marked = files.map((f) => ({ f, m: RESUBMISSION.exec((f.file.split(/[\\/]/).pop() ?? f.file).normalize('NFKC')) }));
  const resubmitted = marked.filter((x) => x.m !== null);
  if (resubmitted.length > 0 && resubmitted.length < files.length) {
    // Among several resubmissions the newest by name, else the first of them.
    const best = newest(resubmitted.map((x) => x.f)) ?? resubmitted[0].f;
    return { file: best, why: { kind: 'resubmission', marker: marked.find((x) => x.f === best)?.m?.[0] ?? '' } };
  }
  const byName = newest(files);
  if (byName) return { file: byName, why: { kind: 'newer', marker: nameVersion(byName.file)?.marker ?? '' } };
  return { file: files[0], why: { kind: 'first' } };
}

/** The file whose name is strictly newest, when every name carries a comparable date or version. */
function newest(files: readonly ConsolidatedFile[]): ConsolidatedFile | null {
  const versions = files.map((f) => ({ f, v: nameVersion(f.file) }));
  if (versions.some((x) => x.v === null) || new Set(versions.map((x) => x.v?.key[0])).size > 1) return null;
  const sorted = [...versions].sort((a, b) => compareKeys(b.v?.key ?? [], a.v?.key ?? []));
  if (sorted.length > 1 && compareKeys(sorted[0].v?.key ?? [], sorted[1].v?.key ?? []) === 0) return null;
  return sorted[0].f;
}

/**
 * Rows of readable current-year files reporting one program for one department, from several
 * files: the preferred file and why, per group. The run marks what it counts with this, and
 * duplicate-program explains it with the same answer.
 */
export function conflicts(rows: readonly MergedRow[], files: readonly ConsolidatedFile[]): { rows: MergedRow[]; used: ConsolidatedFile; why: Preference }[] {
  const current = new Map(files.filter((f) => f.status === 'ok').map((f) => [f.file, f]));
  const groups = new Map<string, MergedRow[]>();
  for (const r of rows) {
    if (!current.has(r.file) || r.departmentKey === '') continue;
    const key = `${programIdentity(r)}|${r.departmentKey}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const out: { rows: MergedRow[]; used: ConsolidatedFile; why: Preference }[] = [];
  for (const group of groups.values()) {
    const names = [...new Set(group.map((r) => r.file))];
    if (names.length < 2) continue;
    const { file, why } = preferredFile(names.map((n) => current.get(n)).filter((f): f is ConsolidatedFile => f !== undefined));
    out.push({ rows: group, used: file, why });
  }
  return out;
}
