import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { columnLetter } from '../core/a1';
import { dropNonXmlChars, ooxmlEscape } from './xml-safe';

/**
 * ExcelJS cannot write charts. This adds native chart parts to the .xlsx ExcelJS wrote: per
 * chart `xl/charts/chartN.xml` (a clustered bar chart whose series point at the cells that
 * hold its numbers, with cached values so a viewer needs no recalculation), a drawing
 * `xl/drawings/drawingN.xml` anchoring it, the relationships between sheet, drawing and chart,
 * their content types, and the sheet's `<drawing r:id>`. It also writes the print titles
 * (`_xlnm.Print_Titles`), which ExcelJS's streaming writer drops, so both writers get them
 * the same way. Pure zip-in, zip-out: Node and the browser use it alike.
 */
export interface PlacedChart {
  /** Worksheet name as written (the chart's data is on it). */
  sheet: string;
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  /** 1-based rows and columns of the data: series names on headerRow, categories in catCol. */
  headerRow: number;
  firstRow: number;
  catCol: number;
  seriesCols: number[];
  /** 0-based cell anchors of the chart's top-left and bottom-right corners. */
  from: { col: number; row: number };
  to: { col: number; row: number };
}

export interface PrintTitles {
  sheet: string;
  /** 1-based rows repeated at the top of every printed page. */
  firstRow: number;
  lastRow: number;
}

export interface Extras {
  charts: PlacedChart[];
  printTitles: PrintTitles[];
  /**
   * Sheets that get Hyoka's output marker, the sheet-scoped name `_hyoka_output` the add-in also
   * writes (src/excel/workbook-state.ts): a Hyoka workbook found among inputs is recognised
   * (SheetSnapshot.hyokaOutput) and never read as evaluation data. Absent: none.
   */
  outputMarkers?: string[];
}

/** The sheet-scoped name marking Hyoka's output sheets (the same in the add-in and in files). */
export const OUTPUT_MARKER_NAME = '_hyoka_output';

const NS = {
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
};
const REL_TYPE = {
  drawing: `${NS.rel}/drawing`,
  chart: `${NS.rel}/chart`,
};
const CONTENT_TYPE = {
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
};
/** Level colours, best green … worst red (four levels: the A–D colours), readable in greyscale print as light → dark. */
const SERIES_COLOURS = ['70AD47', '4472C4', 'FFC000', 'C00000'];
const SERIES_RAMP = ['70AD47', 'A9D18E', '4472C4', 'FFC000', 'ED7D31', 'C00000'];
function seriesColour(i: number, n: number): string {
  if (n === SERIES_COLOURS.length) return SERIES_COLOURS[i];
  return SERIES_RAMP[n <= 1 ? 0 : Math.round((Math.min(i, n - 1) * (SERIES_RAMP.length - 1)) / (n - 1))];
}

export function hasExtras(extras: Extras): boolean {
  return extras.charts.length > 0 || extras.printTitles.length > 0 || (extras.outputMarkers?.length ?? 0) > 0;
}

export function addExtras(xlsx: Uint8Array, extras: Extras): Uint8Array {
  if (!hasExtras(extras)) return xlsx;
  const files = unzipSync(xlsx);
  const sheetFiles = sheetPaths(files);
  const byPath = new Map<string, PlacedChart[]>();
  for (const chart of extras.charts) {
    const path = sheetFiles.get(chart.sheet);
    if (!path) throw new Error(`chart on a sheet that is not in the workbook: ${chart.sheet}`);
    byPath.set(path, [...(byPath.get(path) ?? []), chart]);
  }
  let chartNo = 0;
  let drawingNo = 0;
  const overrides: string[] = [];
  for (const [sheetPath, charts] of byPath) {
    drawingNo++;
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    const drawingRels: string[] = [];
    const anchors: string[] = [];
    for (const chart of charts) {
      chartNo++;
      const rid = `rId${drawingRels.length + 1}`;
      files[`xl/charts/chart${chartNo}.xml`] = strToU8(chartXml(chart));
      overrides.push(`<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="${CONTENT_TYPE.chart}"/>`);
      drawingRels.push(`<Relationship Id="${rid}" Type="${REL_TYPE.chart}" Target="../charts/chart${chartNo}.xml"/>`);
      anchors.push(anchorXml(chart, rid, chartNo));
    }
    files[drawingPath] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors.join('')}</xdr:wsDr>`);
    files[`xl/drawings/_rels/drawing${drawingNo}.xml.rels`] = strToU8(relsXml(drawingRels));
    overrides.push(`<Override PartName="/${drawingPath}" ContentType="${CONTENT_TYPE.drawing}"/>`);

    // The sheet's relationships may already hold its hyperlinks: add to them with an id of its own.
    const relsPath = sheetPath.replace(/^(.*\/)([^/]+)$/, '$1_rels/$2.rels');
    const existing = files[relsPath] ? strFromU8(files[relsPath]) : relsXml([]);
    const drawingRid = freeId(existing, 'rIdHyokaDrawing');
    files[relsPath] = strToU8(existing.replace('</Relationships>', `<Relationship Id="${drawingRid}" Type="${REL_TYPE.drawing}" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`));
    files[sheetPath] = strToU8(withDrawing(strFromU8(files[sheetPath]), drawingRid));
  }
  if (overrides.length > 0) {
    const types = strFromU8(files['[Content_Types].xml']);
    files['[Content_Types].xml'] = strToU8(types.replace('</Types>', `${overrides.join('')}</Types>`));
  }
  if (extras.printTitles.length > 0 || (extras.outputMarkers?.length ?? 0) > 0)
    files['xl/workbook.xml'] = strToU8(withPrintTitles(strFromU8(files['xl/workbook.xml']), extras.printTitles, extras.outputMarkers ?? []));
  return zipSync(files as Zippable, { level: 6, mtime: new Date(Date.UTC(2000, 0, 1)) });
}

/** Worksheet name → its part path, from workbook.xml and its relationships. */
function sheetPaths(files: Record<string, Uint8Array>): Map<string, string> {
  const workbook = strFromU8(files['xl/workbook.xml']);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = attr(m[1], 'name');
    const id = attr(m[1], 'r:id');
    const path = id ? targets.get(id) : undefined;
    if (name !== null && path) out.set(unescapeXml(name), path);
  }
  return out;
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}="([^"]*)"`).exec(attrs);
  return m ? m[1] : null;
}

function freeId(rels: string, base: string): string {
  let id = base;
  for (let i = 2; rels.includes(`Id="${id}"`); i++) id = `${base}${i}`;
  return id;
}

function relsXml(relationships: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">${relationships.join('')}</Relationships>`;
}

/** `<drawing>` goes after the page setup and before legacy drawings / table parts (CT_Worksheet order). */
export function withDrawing(sheetXml: string, rid: string): string {
  if (!/<worksheet\b[^>]*xmlns:r=/.test(sheetXml)) sheetXml = sheetXml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.rel}"`);
  const element = `<drawing r:id="${rid}"/>`;
  for (const next of ['<legacyDrawing', '<legacyDrawingHF', '<drawingHF', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts', '<extLst', '</worksheet>']) {
    const at = sheetXml.indexOf(next);
    if (at >= 0) return sheetXml.slice(0, at) + element + sheetXml.slice(at);
  }
  throw new Error('worksheet without an end tag');
}

/** Adds `_xlnm.Print_Titles` per sheet (local names: localSheetId is the sheet's position), and Hyoka's output markers. */
export function withPrintTitles(workbookXml: string, titles: PrintTitles[], markers: readonly string[] = []): string {
  const order = [...workbookXml.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => unescapeXml(attr(m[1], 'name') ?? ''));
  const quoted = (sheet: string) => `'${dropNonXmlChars(sheet).replace(/'/g, "''")}'`;
  const names = [
    ...titles
      .map((t) => ({ t, index: order.indexOf(t.sheet) }))
      .filter((x) => x.index >= 0)
      .map(({ t, index }) => `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeText(`${quoted(t.sheet)}!$${t.firstRow}:$${t.lastRow}`)}</definedName>`),
    ...markers
      .map((sheet) => ({ sheet, index: order.indexOf(sheet) }))
      .filter((x) => x.index >= 0)
      .map(({ sheet, index }) => `<definedName name="${OUTPUT_MARKER_NAME}" localSheetId="${index}">${escapeText(`${quoted(sheet)}!$A$1`)}</definedName>`),
  ].join('');
  if (names === '') return workbookXml;
  if (workbookXml.includes('</definedNames>')) return workbookXml.replace('</definedNames>', `${names}</definedNames>`);
  if (/<definedNames\s*\/>/.test(workbookXml)) return workbookXml.replace(/<definedNames\s*\/>/, `<definedNames>${names}</definedNames>`);
  return workbookXml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`);
}

function ref(sheet: string, col: number, row1: number, row2?: number): string {
  const s = `'${dropNonXmlChars(sheet).replace(/'/g, "''")}'`;
  const c = columnLetter(col - 1);
  return row2 === undefined || row2 === row1 ? `${s}!$${c}$${row1}` : `${s}!$${c}$${row1}:$${c}$${row2}`;
}

/** A clustered horizontal bar chart, categories top to bottom in table order, one series per grade. */
export function chartXml(chart: PlacedChart): string {
  const n = chart.categories.length;
  const lastRow = chart.firstRow + n - 1;
  const catRef = ref(chart.sheet, chart.catCol, chart.firstRow, lastRow);
  // Cached text as the cells hold it (ST_Xstring: a control character as its `_xHHHH_` escape).
  const strPts = (values: string[]): string => values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(ooxmlEscape(v))}</c:v></c:pt>`).join('');
  const series = chart.series
    .map((s, i) => {
      const col = chart.seriesCols[i];
      const numPts = s.values.map((v, k) => `<c:pt idx="${k}"><c:v>${v}</c:v></c:pt>`).join('');
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${escapeXml(ref(chart.sheet, col, chart.headerRow))}</c:f><c:strCache><c:ptCount val="1"/>${strPts([s.name])}</c:strCache></c:strRef></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${seriesColour(i, chart.series.length)}"/></a:solidFill></c:spPr>` +
        `<c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${escapeXml(catRef)}</c:f><c:strCache><c:ptCount val="${n}"/>${strPts(chart.categories)}</c:strCache></c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeXml(ref(chart.sheet, col, chart.firstRow, lastRow))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${numPts}</c:numCache></c:numRef></c:val>` +
        `</c:ser>`
      );
    })
    .join('');
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values));
  // Whole numbers on the axis: a count of 3 must not read 0.5, 1.0, 1.5 …
  const majorUnit = max <= 10 ? '<c:majorUnit val="1"/>' : '';
  const text = (size: number, bold: boolean): string =>
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:endParaRPr lang="ja-JP"/></a:p></c:txPr>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.a}" xmlns:r="${NS.rel}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="ja-JP" sz="1200" b="1"/><a:t>${escapeXml(dropNonXmlChars(chart.title))}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/><c:axId val="50010"/><c:axId val="50020"/></c:barChart>` +
    `<c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${text(900, false)}<c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${text(900, false)}<c:crossAx val="50010"/><c:crosses val="max"/><c:crossBetween val="between"/>${majorUnit}</c:valAx>` +
    `</c:plotArea>` +
    `<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart>` +
    `</c:chartSpace>`
  );
}

function anchorXml(chart: PlacedChart, rid: string, id: number): string {
  const pos = (tag: string, p: { col: number; row: number }): string =>
    `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${pos('from', chart.from)}${pos('to', chart.to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="${escapeXml(`Chart ${id}`)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="${rid}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Element text: only `&`, `<`, `>` need escaping (quotes stay readable in defined names). */
function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
