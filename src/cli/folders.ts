import { promises as fs } from 'node:fs';
import path from 'node:path';

import type { Lang } from '../core';
import type { NotRead } from '../core/consolidate/types';
import { cliMessages } from '../i18n/cli';
import { consolidateMessages, type SkipReason } from '../i18n/consolidate';
import { problemOf } from './files';
import type { Io } from './io';
import { escapeName } from './terminal';

/** A workbook a folder contributes: .xlsx, .xlsm, and the legacy .xls and .ods LibreOffice converts. */
export const WORKBOOK_EXTENSIONS = /\.(xlsx|xlsm|xls|ods)$/i;

/**
 * How many folder levels below a folder given on the command line are read: a secretariat
 * files submissions as 部/課.xlsx, sometimes 年度/部/課.xlsx; deeper folders are listed, not read.
 */
export const DEFAULT_FOLDER_DEPTH = 3;

/** A folder entry that was not read, and why; listed in the report. */
export type SkippedEntry = NotRead;

/** A path the walk leaves out: with a reason it is listed, without one (the master) it is used elsewhere. */
export interface SkipPath {
  path: string;
  reason: SkipReason | null;
}

export interface ExpandOptions {
  /** Folder levels read below each folder given (0: only its own files). */
  depth?: number;
}

/**
 * Files as named, folders as their workbooks (.xlsx, .xlsm, .xls, .ods) down to `depth` folder
 * levels, sorted by name at each level so every run reads the same files in the same order.
 * A symlink counts as what it points to, wherever that lies (the user put the link there); a
 * linked folder is read once, by its real path: reached again it is listed as read already, or
 * as a loop when it contains the link. Nothing is left out in silence: lock files (~$), hidden
 * entries, links to nothing, FIFOs, non-workbooks, folders below the depth and the same file
 * reached twice are listed with their reason. Null after saying why an argument is unusable.
 */
export async function expandInputs(
  inputs: readonly string[],
  skip: readonly SkipPath[],
  lang: Lang,
  io: Io,
  options: ExpandOptions = {},
): Promise<{ files: string[]; skipped: SkippedEntry[] } | null> {
  const c = consolidateMessages[lang];
  const m = cliMessages[lang];
  const maxDepth = options.depth ?? DEFAULT_FOLDER_DEPTH;
  const files: string[] = [];
  const skipped: SkippedEntry[] = [];
  const skipAt = new Map(skip.map((s) => [path.resolve(s.path), s.reason]));
  /** Real path of each file read → the path it was read under. */
  const readAs = new Map<string, string>();
  /** Real path of each folder walked → the path it was walked under. */
  const walked = new Map<string, string>();

  const add = async (file: string): Promise<void> => {
    const real = await realOr(file);
    const first = readAs.get(real);
    if (first !== undefined) {
      // The same file named twice, or reached again through a link: read once, the other listed.
      if (path.resolve(first) !== path.resolve(file)) skipped.push({ file, reason: 'same-file', sameAs: first });
      return;
    }
    readAs.set(real, file);
    files.push(file);
  };

  /** Reads a folder's entries; false when the folder itself cannot be listed. */
  const walk = async (dir: string, depth: number, ancestors: readonly string[]): Promise<boolean> => {
    const real = await realOr(dir);
    const before = walked.get(real);
    if (before !== undefined) {
      skipped.push({ file: dir, reason: ancestors.includes(real) ? 'folder-loop' : 'folder-read', sameAs: before });
      return true;
    }
    walked.set(real, dir);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (depth === 0) {
        io.stderr(m.inputRefused(dir, problemOf(e) ?? 'permission'));
        return false;
      }
      skipped.push({ file: dir, reason: 'permission' });
      return true;
    }
    for (const d of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, d.name);
      const resolved = path.resolve(p);
      if (skipAt.has(resolved)) {
        const reason = skipAt.get(resolved);
        if (reason) skipped.push({ file: p, reason });
        continue;
      }
      if (d.name.startsWith('~$')) {
        skipped.push({ file: p, reason: 'lock-file' });
        continue;
      }
      if (d.name.startsWith('.')) {
        skipped.push({ file: p, reason: 'hidden-entry' });
        continue;
      }
      const reason = await entryProblem(p, d.isSymbolicLink());
      if (reason === 'folder') {
        if (depth >= maxDepth) skipped.push({ file: p, reason: 'too-deep' });
        else await walk(p, depth + 1, [...ancestors, real]);
      } else if (reason !== null) skipped.push({ file: p, reason });
      else await add(p);
    }
    return true;
  };

  for (const input of inputs) {
    let stat;
    try {
      stat = await fs.stat(input);
    } catch (e) {
      const problem = problemOf(e);
      io.stderr(problem === null || problem === 'not-found' ? c.notFound(escapeName(input)) : m.inputRefused(input, problem));
      return null;
    }
    if (!stat.isDirectory()) {
      // A file named on the command line is read (or refused, with its reason) as it is.
      await add(input);
      continue;
    }
    const count = files.length;
    if (!(await walk(input, 0, []))) return null;
    if (files.length === count && !skipped.some((s) => s.reason === 'same-file' || s.reason === 'folder-read')) {
      io.stderr(c.emptyFolder(escapeName(input)));
      return null;
    }
  }
  return { files, skipped };
}

async function realOr(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return path.resolve(file);
  }
}

/** Why a folder entry is not read (null: it is a workbook to read). Never opens the entry. */
async function entryProblem(file: string, isLink: boolean): Promise<SkipReason | 'folder' | null> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    const problem = problemOf(e);
    if (problem === 'link-loop') return 'link-loop';
    if (problem === 'permission') return 'permission';
    return isLink ? 'dangling-link' : 'not-a-file';
  }
  if (stat.isDirectory()) return 'folder';
  if (!stat.isFile()) return 'not-a-file';
  // The link's own name or its target's: either says it is a workbook.
  if (WORKBOOK_EXTENSIONS.test(file)) return null;
  if (isLink) {
    try {
      if (WORKBOOK_EXTENSIONS.test(await fs.realpath(file))) return null;
    } catch {
      return 'dangling-link';
    }
  }
  return 'not-a-workbook';
}
