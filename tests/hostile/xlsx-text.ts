/**
 * Reads an .xlsx the way Excel does, from the XML: every cell's text (shared and inline
 * strings, XML end-of-line handling, entity and _xHHHH_ decoding, xml:space) and whether
 * any cell holds a formula.
 */
import JSZip from 'jszip';

export interface XlsxCells {
  /** Sheet name → address → text of every string cell. */
  text: Map<string, Map<string, string>>;
  /** Worksheets (by name) that contain an <f> element. */
  formulaSheets: string[];
  sheetXml: Map<string, string>;
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_m, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      case 'amp':
        return '&';
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    }
  });
}

/** One <t> element's text as Excel reads it. */
function tText(open: string, raw: string): string {
  // XML end-of-line handling happens before anything else: a literal CR never survives.
  let s = decodeEntities(raw.replace(/\r\n?/g, '\n'));
  if (!/xml:space="preserve"/.test(open)) s = s.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function stringItem(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/(<t\b[^>]*>)([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)) out += m[1] ? tText(m[1], m[2]) : '';
  return out;
}

export async function readXlsxCells(data: Uint8Array | Buffer): Promise<XlsxCells> {
  const zip = await JSZip.loadAsync(data);
  const sstXml = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const shared = [...sstXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => stringItem(m[1]));
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*\bTarget="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const text = new Map<string, Map<string, string>>();
  const formulaSheets: string[] = [];
  const sheetXml = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]+)"/g)) {
    const name = decodeEntities(m[1]);
    const target = targets.get(m[2])!;
    const xml = await zip.file(target.startsWith('/') ? target.slice(1) : `xl/${target}`)!.async('string');
    sheetXml.set(name, xml);
    if (/<f[\s>/]/.test(xml)) formulaSheets.push(name);
    const cells = new Map<string, string>();
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const body = c[2] ?? '';
      const ref = /\br="([^"]+)"/.exec(attrs)?.[1] ?? '?';
      const type = /\bt="([^"]+)"/.exec(attrs)?.[1];
      if (type === 's') cells.set(ref, shared[Number(/<v>(\d+)<\/v>/.exec(body)?.[1])]);
      else if (type === 'inlineStr') cells.set(ref, stringItem(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? ''));
      else if (type === 'str') cells.set(ref, decodeEntities(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? ''));
    }
    text.set(name, cells);
  }
  return { text, formulaSheets, sheetXml };
}

export function allTexts(cells: XlsxCells): string[] {
  return [...cells.text.values()].flatMap((m) => [...m.values()]);
}
