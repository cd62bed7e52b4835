import type { DocBlock, DocCell, SummaryDocument } from '../core/summary-document';

/**
 * Text that can stand in an XML 1.0 part. XML 1.0 (§2.2) allows tab, line feed, carriage return
 * and the characters from U+0020 on, minus the surrogates and U+FFFE / U+FFFF: a policy name
 * holding ESC (stored in its workbook as `_x001B_`) written raw makes the part not well-formed,
 * and Excel offers to "repair" the report. Every writer path goes through these (the CLI's
 * streaming writer, the pane's in-memory one, the chart parts), and tests/hostile/written-parts
 * parses every part of every written workbook with an XML parser.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// The same, with CR and DEL: text that is not cell text (a footer, a link) has no use for them either.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
const NOT_PLAIN = /[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const isLoneSurrogate = (ch: string): boolean => ch.length === 1 && ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff;

/** Characters XML cannot hold dropped (a lone surrogate becomes U+FFFD, so a gap stays visible). */
export function dropNonXmlChars(text: string): string {
  return text.replace(NOT_PLAIN, (ch) => (isLoneSurrogate(ch) ? '\ufffd' : ''));
}

/**
 * Characters XML cannot hold as OOXML escapes (`_x001B_`, ST_Xstring): Excel shows the
 * character again, as it does for the same escape in a cell. Text that already looks like such
 * an escape gets its underscore escaped (`_x005F_`), or Excel would decode it. A lone surrogate
 * cannot be shown by anything: it becomes U+FFFD.
 */
export function ooxmlEscape(text: string): string {
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(NOT_XML, (ch) =>
    isLoneSurrogate(ch) ? '\ufffd' : `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

/**
 * The document with the text that does not go through a cell's escape made safe for XML: the
 * footer, and the targets of links (a file name with a control character cannot be a link
 * target; the link then points where the name without it would be). Cell text, headers, titles
 * and notes go through `escapeCellText`; chart text through chart-parts.ts.
 */
export function xmlSafeDocument(doc: SummaryDocument): SummaryDocument {
  const cell = (c: DocCell): DocCell =>
    c !== null && typeof c === 'object' && 'link' in c
      ? { ...c, link: { ...c.link, sheet: dropNonXmlChars(c.link.sheet), cell: dropNonXmlChars(c.link.cell), ...(c.link.file !== undefined ? { file: dropNonXmlChars(c.link.file) } : {}) } }
      : c;
  const block = (b: DocBlock): DocBlock => (b.kind === 'table' ? { ...b, rows: b.rows.map((r) => r.map(cell)) } : b);
  return {
    ...doc,
    sheets: doc.sheets.map((s) => ({ ...s, name: dropNonXmlChars(s.name), blocks: s.blocks.map(block), ...(s.footer !== undefined ? { footer: dropNonXmlChars(s.footer) } : {}) })),
  };
}
