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
import { correctionConflicts, type Correction } from '../../src/core/corrections';
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
