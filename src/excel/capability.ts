/// <reference types="office-js" />
/**
 * The one place that decides whether an Excel feature above the manifest's minimum may be used.
 *
 * Two things must both hold:
 * - the **host** supports the feature's requirement set (`Office.context.requirements.isSetSupported`
 *   answers from the host's matrix, not from the loaded library); and
 * - the **loaded library** defines the feature's members on its prototypes. The npm copy
 *   `@microsoft/office-js` 1.1.110 stops at ExcelApi 1.15: its `Excel.Range.prototype` has no
 *   `valuesAsJson`, and assigning a property the library does not define only creates a plain
 *   JavaScript property — nothing is queued, nothing reaches Excel, no error (EXCEL-FACTS.md:
 *   "library vs host"). Microsoft 365 says yes to ExcelApi 1.16, so checking the host alone wrote
 *   sheets with formats and no values.
 *
 * Every gated member is touched only through the accessors at the end of this file;
 * tests/excel/library-fidelity.test.ts scans src/excel to prove it.
 */

/** Features Hyoka uses above its manifest minimum (ExcelApi 1.9) or that it treats as optional. */
export const FEATURES = {
  /** Range.valuesAsJson: text stored as a StringCellValue, never a formula. */
  valuesAsJson: { set: '1.16', members: [['Range', 'valuesAsJson']] },
  /** Range.getMergedAreasOrNullObject. */
  mergedAreas: { set: '1.13', members: [['Range', 'getMergedAreasOrNullObject']] },
  /** Range.dataValidation (list rules). */
  dataValidation: { set: '1.8', members: [['Range', 'dataValidation']] },
  /** RangeFill.tintAndShade: the only way to tell no fill from a white fill (office-js #4900). */
  tintAndShade: { set: '1.9', members: [['RangeFill', 'tintAndShade']] },
  /** Range.getSpecialCellsOrNullObject (診断 looks for formula cells). */
  specialCells: { set: '1.9', members: [['Range', 'getSpecialCellsOrNullObject']] },
  /** Workbook.customXmlParts: Hyoka's state inside the file, independent of the add-in Id. */
  customXmlParts: {
    set: '1.5',
    members: [
      ['Workbook', 'customXmlParts'],
      ['CustomXmlPartCollection', 'add'],
      ['CustomXmlPartCollection', 'getByNamespace'],
      ['CustomXmlPartScopedCollection', 'getOnlyItemOrNullObject'],
      ['CustomXmlPart', 'getXml'],
      ['CustomXmlPart', 'setXml'],
      ['CustomXmlPart', 'delete'],
    ],
  },
  /** Worksheet.notes: cell notes (メモ), where a legend (凡例) often stands. */
  notes: {
    set: '1.18',
    members: [
      ['Worksheet', 'notes'],
      ['NoteCollection', 'getCount'],
      ['NoteCollection', 'getItemAt'],
      ['Note', 'content'],
      ['Note', 'getLocation'],
    ],
  },
  /** Worksheet.comments: threaded comments (コメント), read like notes. */
  comments: {
    set: '1.10',
    members: [
      ['Worksheet', 'comments'],
      ['CommentCollection', 'getCount'],
      ['CommentCollection', 'getItemAt'],
      ['Comment', 'content'],
      ['Comment', 'getLocation'],
    ],
  },
  /** Worksheet.names: the sheet-scoped name that marks Hyoka's output sheets. */
  sheetNames: {
    set: '1.4',
    members: [
      ['Worksheet', 'names'],
      ['NamedItemCollection', 'add'],
      ['NamedItemCollection', 'getItemOrNullObject'],
    ],
  },
} as const satisfies Record<string, { set: string; members: readonly (readonly [string, string])[] }>;

export type Feature = keyof typeof FEATURES;

/** The Office.js library the pane loaded (or a model of it, in tests). */
export interface OfficeLibrary {
  /** Its file version (office.js `OSF.ConstantNames.FileVersion`), or null when unknown. */
  version: string | null;
  /** Whether the library defines `Excel.<className>.prototype.<member>`. */
  has(className: string, member: string): boolean;
}

/**
 * One member introduced in each ExcelApi version (from the `[Api set: …]` tags of @types/office-js),
 * to tell which sets a loaded library knows. The library does not say so itself.
 */
export const LIBRARY_MARKERS: readonly (readonly [version: string, className: string, member: string])[] = [
  ['1.1', 'Range', 'values'],
  ['1.2', 'Range', 'rowHidden'],
  ['1.3', 'Range', 'getVisibleView'],
  ['1.4', 'Worksheet', 'names'],
  ['1.5', 'Workbook', 'customXmlParts'],
  ['1.6', 'Range', 'conditionalFormats'],
  ['1.7', 'Workbook', 'properties'],
  ['1.8', 'Range', 'dataValidation'],
  ['1.9', 'Workbook', 'autoSave'],
  ['1.10', 'Workbook', 'comments'],
  ['1.11', 'Workbook', 'save'],
  ['1.12', 'Range', 'getSpillParent'],
  ['1.13', 'Range', 'getMergedAreasOrNullObject'],
  ['1.14', 'Workbook', 'queries'],
  ['1.15', 'Range', 'getDependents'],
  ['1.16', 'Range', 'valuesAsJson'],
  ['1.17', 'ConditionalFormat', 'setRanges'],
  ['1.18', 'Workbook', 'notes'],
  ['1.19', 'Workbook', 'getActiveShape'],
];

/** The highest ExcelApi version whose marker (and every earlier one) the library defines, or null. */
export function libraryHighestExcelApi(library: OfficeLibrary): string | null {
  let highest: string | null = null;
  for (const [version, cls, member] of LIBRARY_MARKERS) {
    if (!library.has(cls, member)) break;
    highest = version;
  }
  return highest;
}

/**
 * The library behind a loaded `Excel` namespace: a member counts only if it is on the class's
 * prototype chain (the library defines accessors there; an instance property someone assigned
 * does not count).
 */
export function libraryFromNamespace(excel: unknown, version: string | null): OfficeLibrary {
  return {
    version,
    has(className, member) {
      const ctor = excel && typeof excel === 'object' ? (excel as Record<string, unknown>)[className] : undefined;
      const proto = typeof ctor === 'function' ? (ctor as { prototype?: unknown }).prototype : undefined;
      return typeof proto === 'object' && proto !== null && member in proto;
    },
  };
}

/** The loaded office.js's file version, from the globals it sets. */
export function loadedLibraryVersion(globals: unknown = globalThis): string | null {
  const osf = (globals as { OSF?: { ConstantNames?: { FileVersion?: unknown } } }).OSF;
  const v = osf?.ConstantNames?.FileVersion;
  return typeof v === 'string' && v !== '' ? v : null;
}

export interface Capabilities {
  /** The host supports the feature's set and the library defines all its members. */
  usable(feature: Feature): boolean;
  /** Why a feature is not usable, in plain English (診断, bug reports); null when it is. */
  missing(feature: Feature): string | null;
  isSetSupported(name: string, version: string): boolean;
  library: OfficeLibrary;
}

export function capabilities(isSetSupported: (name: string, version: string) => boolean, library: OfficeLibrary): Capabilities {
  const cache = new Map<Feature, string | null>();
  const missing = (feature: Feature): string | null => {
    if (cache.has(feature)) return cache.get(feature)!;
    const { set, members } = FEATURES[feature];
    let why: string | null = null;
    if (!isSetSupported('ExcelApi', set)) why = `this Excel does not support ExcelApi ${set}`;
    else {
      const absent = members.filter(([cls, m]) => !library.has(cls, m)).map(([cls, m]) => `${cls}.${m}`);
      if (absent.length > 0) why = `the loaded Office.js${library.version ? ` ${library.version}` : ''} lacks ${absent.join(', ')} (ExcelApi ${set})`;
    }
    cache.set(feature, why);
    return why;
  };
  return { usable: (f) => missing(f) === null, missing, isSetSupported, library };
}

// ——— Gated accessors: the only code that touches a gated member. Each returns false/null and
// queues nothing when the feature is not usable. ———

/** Writes `values` through Range.valuesAsJson; false (nothing queued) when not usable. */
export function setValuesAsJson(caps: Capabilities, range: Excel.Range, values: Excel.CellValue[][]): boolean {
  if (!caps.usable('valuesAsJson')) return false;
  range.valuesAsJson = values;
  return true;
}

/** Range.getMergedAreasOrNullObject, or null when not usable. */
export function mergedAreasOf(caps: Capabilities, range: Excel.Range): Excel.RangeAreas | null {
  return caps.usable('mergedAreas') ? range.getMergedAreasOrNullObject() : null;
}

/** Range.dataValidation, or null when not usable. */
export function dataValidationOf(caps: Capabilities, range: Excel.Range): Excel.DataValidation | null {
  return caps.usable('dataValidation') ? range.dataValidation : null;
}

/** Range.getSpecialCellsOrNullObject('Formulas'), or null when not usable. */
export function formulaCellsOf(caps: Capabilities, range: Excel.Range): Excel.RangeAreas | null {
  return caps.usable('specialCells') ? range.getSpecialCellsOrNullObject('Formulas') : null;
}

/** Workbook.customXmlParts, or null when not usable. */
export function customXmlPartsOf(caps: Capabilities, workbook: Excel.Workbook): Excel.CustomXmlPartCollection | null {
  return caps.usable('customXmlParts') ? workbook.customXmlParts : null;
}

/** Worksheet.names, or null when not usable. */
export function sheetNamesOf(caps: Capabilities, worksheet: Excel.Worksheet): Excel.NamedItemCollection | null {
  return caps.usable('sheetNames') ? worksheet.names : null;
}

/** A sheet's notes or threaded comments, counted (queued; read after the next sync). */
export type AnnotationCount =
  | { kind: 'notes'; collection: Excel.NoteCollection; count: OfficeExtension.ClientResult<number> }
  | { kind: 'comments'; collection: Excel.CommentCollection; count: OfficeExtension.ClientResult<number> };

/** Queues the count of a sheet's notes or comments; null (nothing queued) when the kind is not usable. */
export function countAnnotations(caps: Capabilities, worksheet: Excel.Worksheet, kind: 'notes' | 'comments'): AnnotationCount | null {
  if (!caps.usable(kind)) return null;
  if (kind === 'notes') {
    const collection = worksheet.notes;
    return { kind, collection, count: collection.getCount() };
  }
  const collection = worksheet.comments;
  return { kind, collection, count: collection.getCount() };
}

/** One annotation queued for the next sync: its text, and the cell it is on (its address for the caller to load). */
export interface QueuedAnnotation {
  text(): string;
  location: Excel.Range;
}

/**
 * Queues the text and cell of the first `max` annotations counted (the count synced before):
 * items by index, so a sheet with thousands loads only what is kept.
 */
export function queueAnnotations(counted: AnnotationCount, max: number): QueuedAnnotation[] {
  const n = Math.min(counted.count.value, max);
  const out: QueuedAnnotation[] = [];
  for (let i = 0; i < n; i++) {
    const item: Excel.Note | Excel.Comment = counted.kind === 'notes' ? counted.collection.getItemAt(i) : counted.collection.getItemAt(i);
    item.load('content');
    out.push({ text: () => item.content, location: item.getLocation() });
  }
  return out;
}
