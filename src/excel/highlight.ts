/// <reference types="office-js" />
import type { Finding, Severity } from '../core';
import { HIGHLIGHTS_KEY } from './workbook-keys';
import type { HighlightOutcome } from './port';

/**
 * Reversible highlighting of flagged cells. What each cell looked like before is stored in the
 * workbook's settings, so "clear highlights" can restore it exactly even after Excel restarts.
 * Only fills are touched; values and formulas never are.
 */
export const HIGHLIGHT_COLOURS: Record<Severity, string> = { error: '#FDE7E9', warning: '#FFF4CE', info: '#EBF3FC' };

export interface StoredHighlight {
  sheet: string;
  cell: string;
  /** The original fill colour, or null for "no fill". */
  original: string | null;
  /** The colour Hyoka applied; a cell the user has recoloured since is left alone. */
  applied: string;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
/** Settings are kept small: a workbook with more flagged cells is highlighted only up to this. */
export const MAX_HIGHLIGHTS = 5000;

export interface FillCapabilities {
  /**
   * ExcelApi 1.9: RangeFill.tintAndShade. Real Excel reports a cell with no fill as color
   * #FFFFFF and pattern null, exactly like a white fill; only tintAndShade is null for "no fill"
   * (office-js #4900). Without it a white cell is taken for "no fill" (restored by clear()).
   */
  tintAndShade: boolean;
}


/** A cell's fill as Office.js reports it → "no fill" or the colour to give back. */
export function originalFill(fill: { color: string | null; pattern?: string | null; tintAndShade?: number | null }, caps: FillCapabilities): string | null {
  if (fill.pattern === 'None') return null;
  if (caps.tintAndShade) return fill.tintAndShade === null || fill.tintAndShade === undefined ? null : fill.color;
  return isWhite(fill.color) ? null : fill.color;
}

export async function readHighlightState(context: Excel.RequestContext): Promise<StoredHighlight[]> {
  const item = context.workbook.settings.getItemOrNullObject(HIGHLIGHTS_KEY);
  item.load('value');
  await context.sync();
  return item.isNullObject ? [] : parseStored(item.value);
}

export async function applyHighlights(
  context: Excel.RequestContext,
  findings: readonly Finding[],
  caps: FillCapabilities,
): Promise<HighlightOutcome> {
  // Start from the user's own fills: undo an earlier highlight first.
  if ((await readHighlightState(context)).length > 0) await clearHighlights(context);

  const targets = new Map<string, { sheet: string; cell: string; severity: Severity }>();
  for (const f of findings) {
    if (!f.sheet || !f.cell) continue;
    const key = `${f.sheet}\u0000${f.cell}`;
    const prev = targets.get(key);
    if (!prev || SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev.severity]) targets.set(key, { sheet: f.sheet, cell: f.cell, severity: f.severity });
    if (targets.size >= MAX_HIGHLIGHTS) break;
  }
  if (targets.size === 0) return { count: 0, protectedSheets: [] };

  // A protected sheet rejects fill changes and would fail the whole batch: ask first, skip it.
  const protection = new Map<string, Excel.WorksheetProtection>();
  for (const t of targets.values()) {
    if (protection.has(t.sheet)) continue;
    const p = context.workbook.worksheets.getItem(t.sheet).protection;
    p.load('protected');
    protection.set(t.sheet, p);
  }
  const fills = [...targets.values()].map((t) => {
    const fill = context.workbook.worksheets.getItem(t.sheet).getRange(t.cell).format.fill;
    fill.load(caps.tintAndShade ? 'color,pattern,tintAndShade' : 'color');
    return { ...t, fill };
  });
  await context.sync();

  const protectedSheets = [...protection].filter(([, p]) => p.protected).map(([name]) => name);
  const stored: StoredHighlight[] = [];
  for (const { sheet, cell, severity, fill } of fills) {
    if (protectedSheets.includes(sheet)) continue;
    const applied = HIGHLIGHT_COLOURS[severity];
    stored.push({ sheet, cell, original: originalFill(fill, caps), applied });
    fill.color = applied;
  }
  if (stored.length > 0) context.workbook.settings.add(HIGHLIGHTS_KEY, stored);
  await context.sync();
  return { count: stored.length, protectedSheets };
}

export async function clearHighlights(context: Excel.RequestContext): Promise<number> {
  const stored = await readHighlightState(context);
  if (stored.length === 0) return 0;
  const sheets = new Map<string, { ws: Excel.Worksheet; protection: Excel.WorksheetProtection }>();
  for (const h of stored) {
    if (sheets.has(h.sheet)) continue;
    const ws = context.workbook.worksheets.getItemOrNullObject(h.sheet);
    ws.load('name');
    const protection = ws.protection;
    protection.load('protected');
    sheets.set(h.sheet, { ws, protection });
  }
  await context.sync();
  // A sheet protected since: its highlights stay recorded, to be restored once it is unprotected.
  const locked = (h: StoredHighlight) => !sheets.get(h.sheet)!.ws.isNullObject && sheets.get(h.sheet)!.protection.protected;
  const kept = stored.filter(locked);
  const fills = stored
    .filter((h) => !sheets.get(h.sheet)!.ws.isNullObject && !locked(h))
    .map((h) => {
      const fill = sheets.get(h.sheet)!.ws.getRange(h.cell).format.fill;
      fill.load('color');
      return { h, fill };
    });
  await context.sync();
  let restored = 0;
  for (const { h, fill } of fills) {
    if (!sameColour(fill.color, h.applied)) continue; // the user recoloured it: theirs now
    // "No fill" is given back as no fill: clear(), never a solid white.
    if (h.original === null) fill.clear();
    else fill.color = h.original;
    restored++;
  }
  if (kept.length > 0) context.workbook.settings.add(HIGHLIGHTS_KEY, kept);
  else context.workbook.settings.getItemOrNullObject(HIGHLIGHTS_KEY).delete();
  await context.sync();
  return restored;
}

function isWhite(colour: string | null | undefined): boolean {
  return !colour || /^#?ffffff$/i.test(colour) || /^white$/i.test(colour);
}

function sameColour(a: string | null | undefined, b: string): boolean {
  return (a ?? '').replace('#', '').toUpperCase() === b.replace('#', '').toUpperCase();
}

function parseStored(value: unknown): StoredHighlight[] {
  const raw = typeof value === 'string' ? safeJson(value) : value;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (h): h is StoredHighlight =>
      typeof h === 'object' && h !== null && typeof h.sheet === 'string' && typeof h.cell === 'string' &&
      typeof h.applied === 'string' && (h.original === null || typeof h.original === 'string'),
  );
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
