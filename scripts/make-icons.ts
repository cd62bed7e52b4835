/**
 * Renders the add-in's ribbon icons (assets/icon-16/32/64/80/128.png) with Chromium, so the
 * 評 glyph comes from a real CJK font. Run once after changing the design; the PNGs are committed.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { launchChromium } from './pane-server';

const SIZES = [16, 32, 64, 80, 128];

function html(size: number): string {
  const radius = Math.round(size * 0.18);
  const font = Math.round(size * (size <= 16 ? 0.8 : 0.66));
  return `<!doctype html><html><body style="margin:0;background:transparent">
  <div style="width:${size}px;height:${size}px;border-radius:${radius}px;background:#0F6CBD;display:flex;align-items:center;justify-content:center;
    color:#fff;font:700 ${font}px 'Noto Sans CJK JP','Noto Sans JP',sans-serif;line-height:1">評</div></body></html>`;
}

async function main(): Promise<void> {
  await mkdir('assets', { recursive: true });
  const browser = await launchChromium();
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(html(size));
      await writeFile(`assets/icon-${size}.png`, await page.screenshot({ omitBackground: true }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

void main();
