/**
 * The pane at 320 px, the narrowest an Office task pane gets: every tab is on screen (the bar
 * wraps rather than hiding tabs behind a scroll with no sign of it) and each one opens. Run with
 * `npm run test:e2e` (it builds dist/ first).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paneHarness, ROOT, XLSX } from './pane';

jest.setTimeout(120_000);

const { openPane } = paneHarness();

test('at 320 px every tab is within the pane, nothing of the bar is scrolled away, and every tab opens', async () => {
  const { page } = await openPane();
  await page.setViewportSize({ width: 320, height: 900 });
  await page.getByText('Excel ファイルを点検').waitFor();
  await page.setInputFiles('[data-testid=file-input]', { name: 'komae-policy-grades.xlsx', mimeType: XLSX, buffer: readFileSync(join(ROOT, 'samples/komae-policy-grades.xlsx')) });
  await page.getByTestId('severity-counts').waitFor({ timeout: 60_000 });

  const tabs = page.getByRole('tab');
  const count = await tabs.count();
  expect(count).toBe(6);
  const bar = page.getByRole('tablist');
  // Nothing of the bar lies beyond its visible width.
  expect(await bar.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  for (let i = 0; i < count; i++) {
    const tab = tabs.nth(i);
    const box = await tab.boundingBox();
    expect(box).not.toBeNull();
    expect({ tab: await tab.innerText(), inside: box!.x >= 0 && box!.x + box!.width <= 320 }).toEqual({ tab: await tab.innerText(), inside: true });
    await tab.click();
    await expect(tab.getAttribute('aria-selected')).resolves.toBe('true');
  }
});
