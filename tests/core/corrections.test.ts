/**
 * One correction shape (src/core/corrections.ts): the old per-sheet shapes migrate into it from
 * every source, each kind of correction reaches the engine through correctionsFor, and one that
 * matches nothing is reported, never dropped.
 */
import { checkWorkbook, correctionsFor, parseSettings, withCorrection, type Correction, type SheetSnapshot, type WorkbookSnapshot } from '../../src/core';
import { mergeSettingsInput, settingsFromWorkbook } from '../../src/cli/stored-settings';
import { SETTINGS_KEY } from '../../src/excel/workbook-keys';
import { describe as describeFinding } from '../../src/render/describe';
import { applyCorrection } from '../../src/taskpane/store';

const sheet = (name: string, rows: SheetSnapshot['rows']): SheetSnapshot => ({ name, visibility: 'visible', rows, merges: [] });

/** A title, a blank line, a header on row 3 (key A3), five programs graded in D, notes in E. */
const evaluation = (name = '評価表'): SheetSnapshot =>
  sheet(name, [
    ['令和5年度 事業評価シート'],
    [],
    ['番号', '事業名', '担当課', '評価', '備考'],
    ['1', '見守り活動', '高齢福祉課', 'A', 'B'],
    ['2', '配食サービス', '高齢福祉課', 'B', 'A'],
    ['3', '相談窓口', '福祉政策課', 'C', 'C'],
    ['4', '居場所づくり', '福祉政策課', 'B', 'D'],
    ['5', '就労支援', '生活支援課', 'A', 'A'],
  ]);
const book = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ sheets });

function settings(input: unknown) {
  const parsed = parseSettings(input);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.settings;
}

const role = (result: ReturnType<typeof checkWorkbook>, sheetName: string, col: number) =>
  result.layouts.find((l) => l.sheet === sheetName && l.kind === 'evaluation')?.columns.find((c) => c.col === col);

describe('the old shapes migrate into corrections when settings are parsed', () => {
  test.each<[string, unknown, Correction[]]>([
    ['sheets[x].columns', { sheets: { 評価表: { columns: { e: { role: 'grade', year: 2023 } } } } }, [{ sheet: '評価表', column: 'E', role: 'grade', year: 2023 }]],
    ['sheets[x].headerRow', { sheets: { 評価表: { headerRow: 3 } } }, [{ sheet: '評価表', headerRow: 3 }]],
    ['sheets[x].kind', { sheets: { 評価表: { kind: 'other' } } }, [{ sheet: '評価表', kind: 'other' }]],
    [
      'sheets[x].regions[row]',
      { sheets: { 評価表: { regions: { '12': { headerRow: 11, columns: { F: { role: 'text' } } } } } } },
      [
        { sheet: '評価表', table: '12', headerRow: 11 },
        { sheet: '評価表', table: '12', column: 'F', role: 'text' },
      ],
    ],
  ])('%s', (_name, input, expected) => {
    const parsed = settings(input);
    expect(parsed.corrections).toEqual(expected);
    expect('sheets' in parsed).toBe(false);
    // Saved again and re-read (what the pane does): the same corrections, no duplicates.
    expect(settings(JSON.parse(JSON.stringify(parsed))).corrections).toEqual(expected);
  });

  test('old and new together: the old first, so the corrections written since win', () => {
    const parsed = settings({ sheets: { 評価表: { columns: { D: { role: 'text' } } } }, corrections: [{ sheet: '評価表', column: 'D', role: 'grade' }] });
    expect(parsed.corrections.map((c) => c.role)).toEqual(['text', 'grade']);
    expect(correctionsFor(parsed, '評価表', { key: 'A3', headerRows: [3], first: true }).columns.D).toEqual({ role: 'grade' });
  });

  test('a bad old field is named as it was', () => {
    const parsed = parseSettings({ sheets: { 評価表: { columns: { F: { role: 'grades' } } } } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join()).toContain('sheets.評価表.columns.F.role');
  });

  test('from the workbook (stored by an older add-in) and a profile, old shape on one side and new on the other', () => {
    const stored = { sheets: { 評価表: { columns: { E: { role: 'grade' } } } }, reportYear: 2023 };
    const snapshot: WorkbookSnapshot = { ...book(evaluation()), storedSettings: { [SETTINGS_KEY]: JSON.stringify(stored) } };
    const result = settingsFromWorkbook(snapshot, { corrections: [{ sheet: '評価表', column: 'E', role: 'text' }] });
    expect(result.kind).toBe('applied');
    if (result.kind !== 'applied') return;
    expect(result.settings.corrections).toEqual([
      { sheet: '評価表', column: 'E', role: 'grade' },
      { sheet: '評価表', column: 'E', role: 'text' },
    ]);
    // The profile's (later) correction wins, and both count as applied.
    const checked = checkWorkbook(snapshot, { settings: result.settings });
    expect(role(checked, '評価表', 4)?.role).toBe('text');
    expect(checked.unmatchedCorrections).toEqual([]);
    // A profile in the old shape over a workbook in the new one merges the same way.
    const merged = settings(mergeSettingsInput({ corrections: [{ sheet: '評価表', column: 'E', role: 'grade' }] }, { sheets: { 評価表: { columns: { E: { role: 'text' } } } } }));
    expect(merged.corrections.map((c) => c.role)).toEqual(['grade', 'text']);
  });
});

describe('each correction reaches the engine', () => {
  test('none: D is the grade column, E is notes', () => {
    const r = checkWorkbook(book(evaluation()));
    expect(r.layouts[0].tableKey).toBe('A3');
    expect(role(r, '評価表', 3)).toMatchObject({ role: 'grade', source: 'detected' });
    expect(role(r, '評価表', 4)?.role).not.toBe('grade');
  });

  test.each<[string, Correction]>([
    ['no table (the sheet’s evaluation table)', { sheet: '評価表', column: 'E', role: 'previousGrade' }],
    ['its key', { sheet: '評価表', table: 'a3', column: 'e', role: 'previousGrade' }],
    ['its header row (the old key)', { sheet: '評価表', table: '3', column: 'E', role: 'previousGrade' }],
  ])('a column’s role, the table named by %s', (_name, correction) => {
    const r = checkWorkbook(book(evaluation()), { settings: settings({ corrections: [correction] }) });
    expect(role(r, '評価表', 4)).toMatchObject({ role: 'previousGrade', source: 'override', evidence: [{ kind: 'override' }] });
    expect(r.unmatchedCorrections).toEqual([]);
  });

  test('a column’s year with a per-year role', () => {
    const r = checkWorkbook(book(evaluation()), { settings: settings({ corrections: [{ sheet: '評価表', column: 'E', role: 'grade', year: 2022 }] }) });
    expect(role(r, '評価表', 4)).toMatchObject({ role: 'grade', year: 2022, source: 'override' });
  });

  test('a table’s header row: the key stays the one detection found', () => {
    // Header on row 3 is right; say it is row 4 and the table starts a row later.
    const r = checkWorkbook(book(evaluation()), { settings: settings({ corrections: [{ sheet: '評価表', table: 'A3', headerRow: 4 }] }) });
    const l = r.layouts.find((x) => x.sheet === '評価表')!;
    expect(l.headerRows).toEqual([3]);
    expect(l.tableKey).toBe('A3');
    expect(r.unmatchedCorrections).toEqual([]);
  });

  test('a table nothing detected is read through the pane’s corrections one at a time: header row, kind, then a column keyed by that header', () => {
    // No header word Hyoka knows: nothing is read, and it says so (no silent exit).
    const plain = sheet('一覧', [['令和5年度 まとめ'], ['項目', '記号', '所属'], ['見守り', 'A', '福祉課'], ['相談', 'B', '福祉課'], ['配食', 'C', '高齢課'], ['居場所', null, '高齢課']]);
    const rules = (cs: Correction[]) => checkWorkbook(book(plain), { settings: settings({ corrections: cs }) });
    expect(rules([]).report.findings.map((f) => `${f.rule}/${f.messageId}`)).toEqual(['nothing-checked/noTable', 'layout-uncertain/no-header']);
    const header: Correction = { sheet: '一覧', headerRow: 2 };
    const kind: Correction = { sheet: '一覧', kind: 'evaluation' };
    const name: Correction = { sheet: '一覧', table: 'A2', column: 'A', role: 'name' };
    const r = rules([header, kind, name]);
    // The table the person sees is named by the header they gave (A2), as the pane keys it.
    expect(r.layouts[0]).toMatchObject({ kind: 'evaluation', tableKey: 'A2', headerRows: [1] });
    expect(r.unmatchedCorrections).toEqual([]);
    expect(r.report.findings.map((f) => `${f.rule} ${f.cell}`)).toEqual(['grade-missing B6']);
    // Header row and kind in one correction (as a profile may write them): the header row is kept.
    expect(rules([{ sheet: '一覧', headerRow: 2, kind: 'evaluation' }, name]).report.findings.map((f) => `${f.rule} ${f.cell}`)).toEqual(['grade-missing B6']);
  });

  test('a sheet’s kind', () => {
    const r = checkWorkbook(book(evaluation()), { settings: settings({ corrections: [{ sheet: '評価表', kind: 'other' }] }) });
    expect(r.layouts.every((l) => l.kind === 'other')).toBe(true);
    expect(r.plans).toHaveLength(0);
    expect(r.unmatchedCorrections).toEqual([]);
  });

  test('row roles and scales are read through the same function (their consumers apply them)', () => {
    const s = settings({
      corrections: [
        { sheet: '評価表', table: 'A3', row: 5, rowRole: 'example' },
        { sheet: '評価表', table: 'A3', scale: { levels: ['◎', '○', '△', '×'] } },
        { sheet: '評価表', table: 'A3', column: 'D', scale: { levels: ['S', 'A', 'B'] } },
        { sheet: '評価表', table: 'B9', row: 5, rowRole: 'total' },
      ],
    });
    const c = correctionsFor(s, '評価表', { key: 'A3', headerRows: [3], first: true });
    expect(c.rows).toEqual({ 5: 'example' });
    expect(c.scale).toEqual({ levels: ['◎', '○', '△', '×'] });
    expect(c.columns.D).toEqual({ scale: { levels: ['S', 'A', 'B'] } });
  });
});

describe('a correction that matches nothing is reported', () => {
  test('a renamed sheet and a moved table: listed, and reported as findings in both languages', () => {
    const corrections: Correction[] = [
      { sheet: '評価表（旧）', column: 'E', role: 'grade' },
      { sheet: '評価表', table: 'B20', column: 'E', role: 'grade' },
      { sheet: '評価表', column: 'D', role: 'grade' },
    ];
    const r = checkWorkbook(book(evaluation()), { settings: settings({ corrections }) });
    expect(r.unmatchedCorrections).toEqual(corrections.slice(0, 2));
    const found = r.report.findings.filter((f) => f.rule === 'correction-unmatched');
    expect(found.map((f) => [f.messageId, f.sheet, f.severity])).toEqual([
      ['sheet-missing', null, 'warning'],
      ['table-missing', '評価表', 'warning'],
    ]);
    expect(describeFinding(found[1], 'ja')).toContain('「評価表」表B20・E列');
    expect(describeFinding(found[1], 'en')).toContain('"評価表" table B20, column E');
  });

  test('a column correction on a sheet that turned out to be only a summary table', () => {
    const summary = sheet('総括表', [['評価総括表'], ['評価', '件数'], ['A', 3], ['B', 2], ['C', 1], ['D', 0], ['計', 6]]);
    const r = checkWorkbook(book(evaluation(), summary), { settings: settings({ corrections: [{ sheet: '総括表', column: 'B', role: 'grade' }] }) });
    expect(r.layouts.find((l) => l.sheet === '総括表')?.kind).toBe('summary-table');
    expect(r.unmatchedCorrections).toEqual([{ sheet: '総括表', column: 'B', role: 'grade' }]);
  });
});

describe('writing: one entry per corrected target', () => {
  test('the same column again replaces its entry; a role without a year drops the old year', () => {
    let list = withCorrection([], { sheet: '評価表', table: 'A3', column: 'e', role: 'grade', year: 2022 });
    list = withCorrection(list, { sheet: '評価表', table: 'A3', headerRow: 4 });
    list = withCorrection(list, { sheet: '評価表', table: 'A3', column: 'E', role: 'text' });
    expect(list).toEqual([
      { sheet: '評価表', table: 'A3', column: 'E', role: 'text' },
      { sheet: '評価表', table: 'A3', headerRow: 4 },
    ]);
    list = withCorrection(list, { sheet: '評価表', table: 'A3', headerRow: 5 });
    expect(list).toHaveLength(2);
    expect(list[1].headerRow).toBe(5);
  });

  test('the pane’s one path adds to settings.corrections and leaves the rest', () => {
    const before = settings({ reportYear: 2023, sheets: { 評価表: { columns: { D: { role: 'grade' } } } } });
    const after = applyCorrection(before, { sheet: '評価表', table: 'A3', column: 'E', role: 'text' });
    expect(after.reportYear).toBe(2023);
    expect(after.corrections).toEqual([...before.corrections, { sheet: '評価表', table: 'A3', column: 'E', role: 'text' }]);
    expect(() => applyCorrection(before, { sheet: '', column: 'E', role: 'text' })).toThrow();
  });
});

describe('several tables on a sheet', () => {
  /** Two tables side by side: A3 (A–D) and F3 (F–J), the grade in D and I. */
  const twoTables = (): SheetSnapshot => {
    const rows: SheetSnapshot['rows'] = [
      ['令和5年度 地域福祉計画 評価表', null, null, null, null, '令和5年度 自殺対策計画 評価表'],
      [],
      ['施策', '事業名', '担当課', '評価', null, '番号', '取組', '担当課', '評価', '達成度'],
      ['1', '見守り活動', '高齢福祉課', 'A', null, '1', 'ゲートキーパー養成', '健康推進課', 'A', '100%'],
      [null, '配食サービス', '高齢福祉課', 'B', null, '2', '庁内連絡会', '健康推進課', 'C', '50%'],
      ['2', '相談窓口', '福祉政策課', 'C', null, '3', '相談窓口の周知', '福祉政策課', 'B', '80%'],
      [null, '居場所づくり', '地域福祉課', 'C'],
    ];
    return sheet('評価', rows);
  };
  const col = (r: ReturnType<typeof checkWorkbook>, key: string, c: number) => r.layouts.find((l) => l.tableKey === key)?.columns.find((x) => x.col === c);

  test('a correction keyed by the second table applies there only; one naming no table goes to the table holding its column', () => {
    const corrections: Correction[] = [
      { sheet: '評価', table: 'F3', column: 'J', role: 'text' },
      { sheet: '評価', column: 'C', role: 'text' },
      { sheet: '評価', column: 'H', role: 'text' },
    ];
    const r = checkWorkbook(book(twoTables()), { settings: settings({ corrections }) });
    expect(r.layouts.filter((l) => l.kind === 'evaluation').map((l) => l.tableKey)).toEqual(['A3', 'F3']);
    expect(col(r, 'F3', 9)).toMatchObject({ role: 'text', source: 'override' });
    expect(col(r, 'F3', 8)).toMatchObject({ role: 'grade', source: 'detected' });
    expect(col(r, 'A3', 2)).toMatchObject({ role: 'text', source: 'override' });
    expect(col(r, 'F3', 7)).toMatchObject({ role: 'text', source: 'override' });
    expect(r.unmatchedCorrections).toEqual([]);
  });
});
