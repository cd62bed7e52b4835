import type { WorkbookSnapshot } from '../core';
// The one reader (streaming inflate + XML, bounded), the same as the browser pane's.
import type { ReadLimits } from '../xlsx/limits';
import { readWorkbook } from '../xlsx/read';
import { CONVERT_TIMEOUT_MS, ConversionFailed, convertToXlsx, findSoffice, legacyKind, SOFFICE_ENV, type ConversionProblem, type LegacyKind } from './convert';
import { readInput } from './files';
import { nodeInflater } from './inflate';

export interface LoadedWorkbook {
  snapshot: WorkbookSnapshot;
  /** Set when the file was a legacy .xls / .ods read through a converted copy. */
  convertedFrom: LegacyKind | null;
}

/** A legacy workbook that could not be converted (no LibreOffice, too slow, or it failed). */
export class LegacyNotConverted extends Error {
  constructor(
    readonly kind: LegacyKind,
    readonly problem: ConversionProblem,
    readonly detail = '',
  ) {
    super(`${kind} not converted: ${problem}`);
    this.name = 'LegacyNotConverted';
  }
}

/** The time limit for one conversion: HYOKA_CONVERT_TIMEOUT_MS (the user's environment, never a workbook) or the default. */
export function conversionTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.HYOKA_CONVERT_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : CONVERT_TIMEOUT_MS;
}

/**
 * One input file → its snapshot, the way `check`, `consolidate` and `compare` read every file: a regular
 * file only (InputRefused), a legacy .xls / .ods through LibreOffice when it is there
 * (LegacyNotConverted otherwise), anything unreadable as UnreadableWorkbookError.
 */
export async function loadWorkbook(file: string, limits?: ReadLimits): Promise<LoadedWorkbook> {
  const data = await readInput(file);
  const kind = legacyKind(data);
  if (kind === null) return { snapshot: await readWorkbook(data, file, { limits, inflater: nodeInflater }), convertedFrom: null };
  const soffice = await findSoffice();
  if (soffice === null) {
    // HYOKA_SOFFICE names a path that is not there (or not a program): say so, not "no LibreOffice".
    const chosen = process.env[SOFFICE_ENV];
    if (chosen !== undefined && chosen !== '' && chosen !== 'none') throw new LegacyNotConverted(kind, 'soffice-not-found', chosen);
    throw new LegacyNotConverted(kind, 'no-soffice');
  }
  let converted: Uint8Array;
  try {
    converted = await convertToXlsx(data, kind, soffice, conversionTimeout());
  } catch (e) {
    if (e instanceof ConversionFailed) throw new LegacyNotConverted(kind, e.problem, e.detail);
    throw e;
  }
  return { snapshot: await readWorkbook(converted, `${file}.xlsx`, { limits, inflater: nodeInflater }), convertedFrom: kind };
}
