/**
 * The few ExcelJS internals the CLI's streaming reader drives directly (Node only): the same
 * XML transforms `workbook.xlsx.load` uses, so that cells are parsed exactly as it parses them.
 * Only what src/xlsx/read-stream.ts touches is typed.
 */
declare module 'exceljs/lib/xlsx/xform/base-xform' {
  export interface SaxNode {
    name: string;
    attributes: Record<string, string>;
  }
  export default class BaseXform {
    model: unknown;
    map?: Record<string, unknown>;
    reset(): void;
    parseOpen(node: SaxNode): boolean;
    parseText(text: string): void;
    parseClose(name: string): boolean;
    reconcile(model: unknown, options: unknown): void;
  }
}

declare module 'exceljs/lib/xlsx/xform/book/workbook-xform' {
  import BaseXform from 'exceljs/lib/xlsx/xform/base-xform';
  export default class WorkbookXform extends BaseXform {}
}
declare module 'exceljs/lib/xlsx/xform/core/relationships-xform' {
  import BaseXform from 'exceljs/lib/xlsx/xform/base-xform';
  export default class RelationshipsXform extends BaseXform {}
}
declare module 'exceljs/lib/xlsx/xform/strings/shared-strings-xform' {
  import BaseXform from 'exceljs/lib/xlsx/xform/base-xform';
  export default class SharedStringsXform extends BaseXform {}
}
declare module 'exceljs/lib/xlsx/xform/style/styles-xform' {
  import BaseXform from 'exceljs/lib/xlsx/xform/base-xform';
  export default class StylesXform extends BaseXform {}
}
declare module 'exceljs/lib/xlsx/xform/sheet/worksheet-xform' {
  import BaseXform from 'exceljs/lib/xlsx/xform/base-xform';
  export default class WorksheetXform extends BaseXform {
    constructor(options?: { ignoreNodes?: string[] });
    map: Record<string, unknown>;
  }
}
declare module 'exceljs/lib/xlsx/xform/sheet/row-xform' {
  import BaseXform from 'exceljs/lib/xlsx/xform/base-xform';
  export default class RowXform extends BaseXform {
    constructor(options?: { maxItems?: number });
  }
}
declare module 'exceljs/lib/utils/col-cache' {
  const colCache: { decodeAddress(address: string): { col: number | undefined; row: number | undefined } };
  export default colCache;
}
