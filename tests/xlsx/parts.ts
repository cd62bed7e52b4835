/**
 * Workbooks written part by part, for the reader's tests: each case is the XML a producer
 * (Excel, LibreOffice, a script, an attacker) could have written, zipped in memory with fflate.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface SheetPart {
  name: string;
  /** The content of <worksheet> (without it); null: listed in the workbook but its part is missing. */
  body: string | null;
  state?: 'hidden' | 'veryHidden';
}

export interface BookOptions {
  sheets: SheetPart[];
  /** The <si> elements of xl/sharedStrings.xml; undefined: no shared-strings part. */
  strings?: string[];
  /** Custom number formats by id (≥ 164) and the cellXfs' numFmtIds, in order (index = `s`). */
  numFmts?: Record<number, string>;
  xfs?: number[];
  /** Extra parts or replacements, by path (a Uint8Array is stored as is). */
  extra?: Record<string, string | Uint8Array>;
  /** Deflate level of every part; 0 stores them uncompressed (zip method 0). Default 6. */
  level?: 0 | 6;
  /** Namespace prefix for SpreadsheetML elements (`x` → `<x:worksheet>`…); none by default. */
  prefix?: string;
  /** Namespace URIs (Strict OOXML uses purl.oclc.org). */
  mainNs?: string;
  relNs?: string;
  workbookPr?: string;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Adds a prefix to every element of a fragment written without one. */
function prefixed(xml: string, p: string | undefined): string {
  return p ? xml.replace(/<(\/?)([A-Za-z][\w]*)(?=[\s/>])/g, `<$1${p}:$2`) : xml;
}

export function book(opts: BookOptions): Uint8Array {
  const p = opts.prefix;
  const main = opts.mainNs ?? MAIN;
  const rel = opts.relNs ?? REL;
  const relType = (t: string): string => `${rel}/${t}`;
  const nsDecl = p ? `xmlns:${p}="${main}"` : `xmlns="${main}"`;
  const files: Zippable = {};
  files['[Content_Types].xml'] = strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  files['_rels/.rels'] = strToU8(`<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${relType('officeDocument')}" Target="xl/workbook.xml"/></Relationships>`);
  const sheetTags = opts.sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('');
  files['xl/workbook.xml'] = strToU8(`<?xml version="1.0"?>${withNs(prefixed(`<workbook>${opts.workbookPr ?? ''}<sheets>${sheetTags}</sheets></workbook>`, p), `${nsDecl} xmlns:r="${rel}"`)}`);
  const rels = opts.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${relType('worksheet')}" Target="worksheets/sheet${i + 1}.xml"/>`);
  const n = opts.sheets.length;
  rels.push(`<Relationship Id="rId${n + 1}" Type="${relType('styles')}" Target="styles.xml"/>`);
  if (opts.strings) rels.push(`<Relationship Id="rId${n + 2}" Type="${relType('sharedStrings')}" Target="sharedStrings.xml"/>`);
  files['xl/_rels/workbook.xml.rels'] = strToU8(`<?xml version="1.0"?><Relationships xmlns="${PKG_REL}">${rels.join('')}</Relationships>`);
  const numFmts = Object.entries(opts.numFmts ?? {}).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join('');
  const xfs = (opts.xfs ?? [0]).map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join('');
  files['xl/styles.xml'] = strToU8(
    `<?xml version="1.0"?>${withNs(prefixed(`<styleSheet>${numFmts ? `<numFmts>${numFmts}</numFmts>` : ''}<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs>${xfs}</cellXfs></styleSheet>`, p), nsDecl)}`,
  );
  if (opts.strings) files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0"?>${withNs(prefixed(`<sst>${opts.strings.join('')}</sst>`, p), nsDecl)}`);
  opts.sheets.forEach((s, i) => {
    if (s.body !== null) files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0"?>${withNs(prefixed(`<worksheet>${s.body}</worksheet>`, p), `${nsDecl} xmlns:r="${rel}"`)}`);
  });
  for (const [path, content] of Object.entries(opts.extra ?? {})) files[path] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files, { level: opts.level ?? 6 });
}

/** Declares the namespaces on the fragment's root element. */
function withNs(xml: string, decl: string): string {
  return xml.replace(/^<([\w:]+)/, `<$1 ${decl}`);
}

/** `<si>` for plain text. */
export const si = (text: string): string => `<si><t xml:space="preserve">${esc(text)}</t></si>`;
