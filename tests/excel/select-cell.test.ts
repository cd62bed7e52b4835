/// <reference types="office-js" />
import { OfficeMockObject } from 'office-addin-mock';
// office-addin-mock only needs the OfficeApp names from office-addin-manifest, whose ESM-only
// dependencies jest (CommonJS) cannot load on Node 20.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
}));
import { createLivePort } from '../../src/excel/live-port';

// office-addin-mock expresses this simple call chain; the reader and writer need the fake in
// fake-excel.ts (proxy load rules, used ranges, merged areas, number formats).
describe('selecting a finding’s cell', () => {
  it('activates the sheet and selects the cell in one sync', async () => {
    const calls: string[] = [];
    let syncs = 0;
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            getItem(name: string) {
              return {
                activate: () => calls.push(`activate ${name}`),
                getRange: (cell: string) => ({ select: () => calls.push(`select ${name}!${cell}`) }),
              };
            },
          },
        },
        sync: async () => {
          syncs++;
        },
      },
      run: async function (this: { context: unknown }, callback: (c: unknown) => Promise<unknown>) {
        return callback(this.context);
      },
    });
    const excel = mock as unknown as { run: <T>(b: (c: Excel.RequestContext) => Promise<T>) => Promise<T> };
    const port = createLivePort({ run: (b) => excel.run(b), isSetSupported: () => false, library: { version: null, has: () => false }, web: true, fileName: null });
    await port.selectCell!('評価 (1)', 'D12');
    expect(calls).toEqual(['activate 評価 (1)', 'select 評価 (1)!D12']);
    expect(syncs).toBe(1);
  });
});
