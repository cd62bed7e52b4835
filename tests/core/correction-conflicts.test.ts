/**
 * A correction that cannot take effect is refused with the reason: a table reads one 評価
 * column (one name, department … column), so a second column corrected to the same role would
 * be marked 修正済み and change nothing. The core names the conflict; the CLI refuses such a
 * profile (--config) with the sheet, both columns and the role.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { main } from '../../src/cli/main';
import { checkWorkbook, defaultSettings, type WorkbookSnapshot } from '../../src/core';
import { correctionConflicts, type Correction } from '../../src/core/corrections';
import { renderExplain } from '../../src/cli/explain';
import { captureIo } from '../cli/capture-io';

test('a second column set to a one-column role on the same table conflicts; other tables, years and text roles do not', () => {
  const c = (x: Partial<Correction>): Correction => ({ sheet: 'S', ...x }) as Correction;
  expect(correctionConflicts([c({ column: 'F', role: 'grade' }), c({ column: 'g', role: 'grade' })])).toEqual([{ correction: c({ column: 'g', role: 'grade' }), role: 'grade', takenBy: 'F' }]);
  // The same column twice is one correction, not a conflict.
  expect(correctionConflicts([c({ column: 'F', role: 'grade' }), c({ column: 'f', role: 'grade' })])).toEqual([]);
  // Another table, another sheet: no conflict.
  expect(correctionConflicts([c({ column: 'F', role: 'grade' }), c({ column: 'G', role: 'grade', table: 'B30' }), c({ sheet: 'T', column: 'G', role: 'grade' })])).toEqual([]);
  // Roles a table has several of (per year, text): no conflict.
  expect(correctionConflicts([c({ column: 'F', role: 'yearStatus', year: 2020 }), c({ column: 'G', role: 'yearStatus', year: 2021 }), c({ column: 'H', role: 'text' }), c({ column: 'I', role: 'text' })])).toEqual([]);
});

test('--config with a second 評価 column is refused with the reason, exit 2', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-conflict-'));
  try {
    const config = path.join(dir, 'profile.json');
    await fs.writeFile(config, JSON.stringify({ corrections: [{ sheet: '1 地域福祉計画', column: 'F', role: 'grade' }, { sheet: '1 地域福祉計画', column: 'G', role: 'grade' }] }));
    const io = captureIo();
    expect(await main(['check', path.join(__dirname, '..', '..', 'samples', 'komae-policy-grades.xlsx'), '--config', config], io)).toBe(2);
    expect(io.err).toContain('シート「1 地域福祉計画」のG列を「評価」にする修正は効きません。F列が既に「評価」です');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

describe('a correction that gives a one-column role to another column than detection did takes effect', () => {
  const book = (header: string[], rows: (string | null)[][]): WorkbookSnapshot => ({ sheets: [{ name: '評価', visibility: 'visible', merges: [], rows: [['令和5年度 事業評価'], header, ...rows] }] });
  const withCorrections = (corrections: Correction[]) => ({ settings: { ...defaultSettings(), corrections } });
  const grades = (r: ReturnType<typeof checkWorkbook>): (string | null)[] =>
    r.plans[0].nodes.flatMap((n) => n.entries.map((e) => (e.declaredGrade?.parsed.kind === 'grade' ? e.declaredGrade.parsed.grade : null)));

  test('評価 detected in F, set to G: G is read, F is said to be displaced', () => {
    // F holds last year's grades under a header that reads as 評価; the person says G is this year's.
    const snapshot = book(['番号', '事業名', '担当課', '評価', '今年度'], [['1', '見守り', '高齢福祉課', 'A', 'B'], ['2', '配食', '高齢福祉課', 'B', 'C'], ['3', 'サロン', '地域福祉課', 'C', 'A']]);
    expect(grades(checkWorkbook(snapshot))).toEqual(['A', 'B', 'C']);
    const corrected = checkWorkbook(snapshot, withCorrections([{ sheet: '評価', column: 'E', role: 'grade' }]));
    expect(grades(corrected)).toEqual(['B', 'C', 'A']);
    const d = corrected.layouts[0].columns.find((c) => c.col === 3)!;
    expect(d.role).toBe('ignore');
    expect(renderExplain(corrected.report, corrected.layouts, 'ja')).toMatch(/D {3}「評価」 → 対象外　[^\n]*読みません（修正でE列を「評価」にしたため）/);
  });

  test('grade columns named by year: a corrected column wins over this year’s, last year’s stays the previous grade', () => {
    const snapshot = book(['番号', '事業名', '担当課', 'R4評価', 'R5評価', '確定評価'], [['1', '見守り', '高齢福祉課', 'A', 'B', 'C'], ['2', '配食', '高齢福祉課', 'B', 'C', 'D'], ['3', 'サロン', '地域福祉課', 'C', 'A', 'B']]);
    expect(grades(checkWorkbook(snapshot))).toEqual(['B', 'C', 'A']);
    const corrected = checkWorkbook(snapshot, withCorrections([{ sheet: '評価', column: 'F', role: 'grade' }]));
    expect(grades(corrected)).toEqual(['C', 'D', 'B']);
    expect(corrected.layouts[0].columns.map((c) => c.role).slice(3)).toEqual(['previousGrade', 'ignore', 'grade']);
  });
});
