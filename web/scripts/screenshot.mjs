// The README's screenshot (docs/board.png): a supervisor's province overview with the local demo data.
//   (local suite running)  cd web && node scripts/screenshot.mjs [http://127.0.0.1:3000] [../docs/board.png] [overview|agency]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const base = (process.argv[2] ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const out = resolve(process.argv[3] ?? new URL('../../docs/board.png', import.meta.url).pathname);
const view = process.argv[4] ?? 'overview';
const profile = mkdtempSync(join(tmpdir(), 'dvc-board-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 800 },
  locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${base}/board/`);
  await page.getByTestId('role').selectOption('SUPERVISOR');
  await page.getByTestId('province').fill('01');
  await page.getByTestId('local-signin').click();
  await page.locator('#overview-table').waitFor();
  if (view === 'agency') {
    await page.locator('#overview-table tr[data-key="00004"] button').click();
    await page.locator('#queue-table').waitFor();
  }
  await page.mouse.move(0, 799); // no hover effect in the picture
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
