/**
 * A department's evaluation on hidden sheets behind a visible 記入例 or cover sheet (issue #22):
 * `check` reads the hidden sheets, says they were hidden, and never reads the example as a
 * report; with the evaluation visible, hidden sheets stay outside the check as before.
 */
import ExcelJS from 'exceljs';

import { checkWorkbook, type CheckResult } from '../../src/core';
import { isExampleSheet } from '../../src/core/sheets-read';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, toBuffer, type SeedLayout } from '../fixtures/workbooks';

const EXAMPLE_PROGRAM = '記入例の事業';

async function checked(layout: SeedLayout, change: (wb: ExcelJS.Workbook) => void): Promise<CheckResult> {
  const { workbook } = buildSeedWorkbook(layout);
  change(workbook);
  return checkWorkbook(await readWorkbook(await toBuffer(workbook), 'x.xlsx'));
}

function addExample(wb: ExcelJS.Workbook, name: string): void {
  const ex = wb.addWorksheet(name);
  ex.getCell('A1').value = '記入例';
  ['番号', '事業名', '担当課', '評価'].forEach((h, i) => (ex.getCell(3, i + 1).value = h));
  ['1', EXAMPLE_PROGRAM, '○○課', 'X'].forEach((v, i) => (ex.getCell(4, i + 1).value = v));
}

const gradeFindings = (r: CheckResult): string[] => r.report.findings.filter((f) => f.rule !== 'layout-uncertain').map((f) => `${f.rule} ${f.sheet}!${f.cell}`);

describe.each<[SeedLayout]>([['koganei-departments'], ['kiyose-programs'], ['komae-policy']])('%s', (layout) => {
  it('evaluation sheets hidden behind a visible 記入例: read, said to be hidden, the example never read', async () => {
    const open = await checked(layout, () => undefined);
    const evaluation = open.plans.map((p) => p.sheet);
    const hidden = await checked(layout, (wb) => {
      wb.eachSheet((ws) => {
        if (evaluation.includes(ws.name)) ws.state = 'hidden';
      });
      addExample(wb, '記入例');
    });
    expect(hidden.plans.map((p) => p.sheet)).toEqual(evaluation);
    expect(gradeFindings(hidden)).toEqual(gradeFindings(open));
    const said = hidden.report.findings.filter((f) => f.rule === 'layout-uncertain' && f.messageId === 'hidden-sheet-read');
    expect(said.map((f) => f.sheet)).toEqual(evaluation);
    expect(said[0].params).toEqual({ examples: ['記入例'] });
    expect(hidden.report.sheets.filter((s) => s.hidden).map((s) => s.name)).toEqual(evaluation);
    expect(hidden.report.sheets.map((s) => s.name)).not.toContain('記入例');
    expect(hidden.report.findings.some((f) => f.sheet === '記入例' || f.program === EXAMPLE_PROGRAM)).toBe(false);
  });
});

it('with the evaluation visible, a hidden sheet stays outside the check and an example sheet is still never read', async () => {
  const r = await checked('koganei-departments', (wb) => {
    const copy = wb.addWorksheet('旧シート');
    copy.getCell('A1').value = 'メモ';
    copy.state = 'hidden';
    addExample(wb, '（例）シート1');
  });
  expect(r.report.sheets.map((s) => s.name)).not.toContain('旧シート');
  expect(r.report.sheets.map((s) => s.name)).not.toContain('（例）シート1');
  expect(r.report.findings.filter((f) => f.messageId === 'hidden-sheet-read')).toEqual([]);
});

it('only an example sheet visible and nothing hidden behind it: nothing-checked says so', async () => {
  const wb = new ExcelJS.Workbook();
  addExample(wb, '記入例');
  const r = checkWorkbook(await readWorkbook(await toBuffer(wb), 'x.xlsx'));
  expect(r.report.findings.map((f) => [f.rule, f.messageId, f.params])).toEqual([['nothing-checked', 'onlyExamples', { examples: ['記入例'] }]]);
});

it.each([
  ['記入例', true], ['記載例', true], ['（例）', true], ['(例)福祉課', true], ['例', true], ['入力例シート', true], ['見本', true], ['Sample', true],
  ['事例集', false], ['シート1', false], ['評価表', false], ['例外一覧', false],
])('%s is an example sheet: %s', (name, expected) => {
  expect(isExampleSheet(name)).toBe(expected);
});
