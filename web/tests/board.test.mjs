// Browser tests of the monitoring board in headless Chromium (Debian's package; Playwright's core library drives
// it, no browser download). They run against a running local suite:
//   BOARD_BASE=http://127.0.0.1:3000 OVERDUE_CODE=<code of an overdue dossier of X00004.UBND> node --test tests/
// tests/BoardIT (mvn verify) starts the suite, seeds the overdue dossier and runs them.
// Screenshots go to SCREENSHOT_DIR (default ../tests/target/board-screenshots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.BOARD_BASE ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const BOARD = `${BASE}/board/?refresh=5`;
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? new URL('../../tests/target/board-screenshots', import.meta.url).pathname);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const AGENCY = 'X00004.UBND'; // phường Ba Đình, Hà Nội (01)
const OTHER_PROVINCE_AGENCY = 'X26824.UBND'; // a commune of another province (a demo filing goes there)
const OVERDUE_CODE = process.env.OVERDUE_CODE ?? null;

let context;
let profile;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `chromium not found at ${CHROMIUM}`);
  mkdirSync(SHOTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'dvc-board-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A fresh page (the token lives in sessionStorage, per page) with the language reset to Vietnamese. */
async function freshPage(width = 1280) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(BOARD);
  await page.evaluate(() => localStorage.removeItem('dvc-board-lang'));
  await page.reload();
  page.jsErrors = errors;
  return page;
}

async function signIn(page, role, { province, agency } = {}) {
  await page.getByTestId('local-signin').waitFor();
  await page.getByTestId('role').selectOption(role);
  if (province) await page.getByTestId('province').fill(province);
  if (agency) await page.getByTestId('agency').fill(agency);
  await page.getByTestId('local-signin').click();
  await page.getByTestId('updated').filter({ hasText: 'Cập nhật lúc' }).waitFor();
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Is GET /stats deployed in this suite? (It arrives with the monitoring issue; until then those checks skip.) */
async function statsAvailable() {
  const token = (await (await fetch(`${BASE}/_local/token`, { method: 'POST', body: JSON.stringify({ role: 'OPERATOR' }) })).json()).token;
  const r = await fetch(`${BASE}/stats`, { headers: { Authorization: `Bearer ${token}` } });
  return r.status !== 404;
}

const noHorizontalScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('the page loads in Vietnamese with diacritics, sign-in form reachable by keyboard', async () => {
  const page = await freshPage();
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Bảng theo dõi giải quyết thủ tục hành chính');
  // keyboard: the first Tab lands on the skip link, Enter moves focus to the main region
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  // every form control has a label
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => !el.labels?.length && !el.getAttribute('aria-label')).map((el) => el.id || el.name));
  assert.deepEqual(unlabelled, []);
  const perf = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')].filter(Boolean);
    const dcl = performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null;
    return { fcp, dcl, bytes: entries.reduce((n, e) => n + (e.encodedBodySize || 0), 0), files: entries.length };
  });
  console.log(`# board: first contentful paint ${Math.round(perf.fcp)} ms, page weight ${(perf.bytes / 1024).toFixed(1)} KB in ${perf.files} files`
    + ` (sign-in page, uncompressed as the local runner serves it); DOMContentLoaded ${Math.round(perf.dcl)} ms`);
  assert.ok(perf.bytes < 150 * 1024, 'the board stays light');
  assert.deepEqual(page.jsErrors, []);
  await page.close();
});

test('supervisor of Hà Nội: province overview, a commune\'s queue with the overdue dossier flagged, not another province', async (t) => {
  const page = await freshPage();
  await signIn(page, 'SUPERVISOR', { province: '01' });
  assert.match(await page.getByTestId('who').textContent(), /Lãnh đạo tỉnh/);
  const tabs = await page.locator('nav.tabs button').allTextContents();
  assert.deepEqual(tabs, ['Tổng quan tỉnh', 'Cơ quan', 'Thủ tục', 'Xu hướng']);
  const stats = await statsAvailable();
  if (stats) {
    await page.locator('#overview-table').waitFor();
    assert.match(await page.getByTestId('scope').textContent(), /Hà Nội/);
    const keys = await page.locator('#overview-table tbody tr[data-key]').evaluateAll((rows) => rows.map((r) => r.dataset.key));
    assert.ok(keys.length > 0, 'the overview lists the province\'s communes');
    assert.ok(!keys.includes(OTHER_PROVINCE_AGENCY.slice(1, 6)), 'no commune of another province');
    // keyboard sort: focus the on-time rate header button and press Enter
    await page.locator('#overview-table [data-sort="onTimeRate"]').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#overview-table th[aria-sort]').getAttribute('aria-sort'), 'ascending');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.sort), 'onTimeRate', 'focus stays on the header');
    if (OVERDUE_CODE) {
      // phường Ba Đình has the overdue dossier: counted in its row and in the province's card; with no completions
      // (or a low on-time rate) the row carries the ALERT badge (the contract's rule)
      const row = page.locator('#overview-table tbody tr[data-key="00004"]');
      const cells = await row.locator('td').allTextContents();
      assert.ok(Number(cells[2].replace(/\./g, '')) >= 1, `overdue now counted for 00004: ${cells}`);
      assert.ok(Number((await page.getByTestId('kpi-overdueNow').locator('.kpi-value').textContent()).replace(/\./g, '')) >= 1);
      const rate = cells[1] === '–' ? null : Number(cells[1].replace(/[ %]/g, '').replace(',', '.'));
      if (rate == null || rate < 90) assert.equal(await row.getAttribute('data-warning'), 'ALERT', 'the commune is flagged');
      if (await row.getAttribute('data-warning') === 'ALERT') assert.equal(await row.getByTestId('warning-ALERT').count(), 1);
    }
  } else {
    t.diagnostic('GET /stats is not in this suite yet: stats checks skipped');
  }
  await shot(page, 'supervisor-overview');
  await page.locator('nav.tabs button[data-tab="agency"]').click();
  await page.getByTestId('agency-pick').fill(AGENCY);
  await page.getByTestId('agency-pick').press('Enter');
  await page.locator('#queue-table').waitFor();
  if (OVERDUE_CODE) {
    const row = page.locator(`#overdue-table tr[data-code="${OVERDUE_CODE}"]`);
    await row.waitFor();
    assert.equal(await row.getByTestId('overdue-badge').textContent(), 'Quá hạn');
    assert.ok(await row.locator('[data-testid^="apology-"]').count() === 1, 'the apology-slip state is shown');
  }
  // no personal data: the demo applicants' names never reach the page
  assert.doesNotMatch(await page.locator('main').textContent(), /Công dân Mẫu|Lê Văn Thử|0900000/);
  await shot(page, 'supervisor-agency-queue');
  // another province's agency: the API refuses and the board says so
  await page.getByTestId('agency-pick').fill(OTHER_PROVINCE_AGENCY);
  await page.getByTestId('agency-pick').press('Enter');
  await page.getByTestId('error').waitFor();
  assert.equal(await page.locator('#queue-table').count(), 0);
  assert.deepEqual(page.jsErrors, []);
  await page.close();
});

test('official of phường Ba Đình: own work queue first, no province overview; another agency\'s official does not see it', async () => {
  const page = await freshPage();
  await signIn(page, 'OFFICIAL', { agency: AGENCY });
  const tabs = await page.locator('nav.tabs button').allTextContents();
  assert.deepEqual(tabs, ['Cơ quan', 'Thủ tục', 'Xu hướng']);
  assert.equal(await page.getByTestId('agency-pick').count(), 0, 'an official cannot pick another agency');
  await page.locator('#queue-table').waitFor();
  if (OVERDUE_CODE) {
    const row = page.locator(`#queue-table tr[data-code="${OVERDUE_CODE}"]`);
    assert.equal(await row.getByTestId('overdue-badge').textContent(), 'Quá hạn');
    assert.equal(await page.locator(`#overdue-table tr[data-code="${OVERDUE_CODE}"]`).count(), 1);
    // BoardIT ran the SLA monitor: it flagged the dossier and issued the apology slip with a new date
    assert.match(await row.getByTestId('apology-sent').textContent(), /^Đã gửi · hẹn lại \d{2}\/\d{2}\/\d{4}$/);
  }
  await shot(page, 'official-queue');
  await page.getByTestId('signout').click();
  await signIn(page, 'OFFICIAL', { agency: 'X00070.UBND' });
  await page.locator('#queue-table').waitFor();
  if (OVERDUE_CODE) assert.equal(await page.locator(`tr[data-code="${OVERDUE_CODE}"]`).count(), 0);
  assert.deepEqual(page.jsErrors, []);
  await page.close();
});

test('operator: the whole country, no agency work queues', async (t) => {
  const page = await freshPage();
  await signIn(page, 'OPERATOR');
  const tabs = await page.locator('nav.tabs button').allTextContents();
  assert.deepEqual(tabs, ['Tổng quan tỉnh', 'Thủ tục', 'Xu hướng']);
  if (await statsAvailable()) {
    await page.locator('#overview-table').waitFor();
    await page.getByTestId('province-filter').fill('01');
    await page.getByTestId('province-filter').press('Enter');
    await page.getByTestId('scope').filter({ hasText: 'Hà Nội' }).waitFor();
    await page.getByTestId('province-filter').fill('');
    await page.getByTestId('province-filter').press('Enter');
    await page.getByTestId('scope').filter({ hasNotText: 'Hà Nội' }).waitFor();
  } else {
    t.diagnostic('GET /stats is not in this suite yet: stats checks skipped');
  }
  await page.locator('nav.tabs button[data-tab="trend"]').click();
  await page.getByTestId('indicator').waitFor();
  await shot(page, 'operator-trend');
  assert.deepEqual(page.jsErrors, []);
  await page.close();
});

test('language switch to English and back; numbers and dates stay in Vietnamese format', async () => {
  const page = await freshPage();
  await signIn(page, 'OFFICIAL', { agency: AGENCY });
  await page.getByTestId('lang').click();
  await page.getByRole('heading', { level: 1, name: 'Administrative procedures monitoring board' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByTestId('updated').filter({ hasText: 'Updated at' }).waitFor();
  assert.deepEqual(await page.locator('nav.tabs button').allTextContents(), ['Agency', 'Procedures', 'Trend']);
  // dates in dd/MM/yyyy in both languages
  const from = await page.locator('#queue-table caption').textContent();
  assert.match(from, /Work queue by due date \(\d+\)/);
  const dates = await page.locator('#queue-table tbody td:nth-child(5)').allTextContents();
  for (const d of dates) assert.match(d, /^(\d{2}\/\d{2}\/\d{4}|–)$/);
  await shot(page, 'official-queue-en');
  await page.getByTestId('lang').click();
  await page.getByRole('heading', { level: 1, name: 'Bảng theo dõi giải quyết thủ tục hành chính' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.deepEqual(page.jsErrors, []);
  await page.close();
});

test('768 px (tablet): no horizontal page scroll in any view; it refreshes itself', async () => {
  const page = await freshPage(768);
  await signIn(page, 'SUPERVISOR', { province: '01' });
  for (const tab of ['overview', 'agency', 'procedures', 'trend']) {
    await page.locator(`nav.tabs button[data-tab="${tab}"]`).click();
    await page.getByTestId(`view-${tab}`).waitFor();
    assert.ok(await noHorizontalScroll(page), `no horizontal scroll on ${tab} at 768 px`);
  }
  await shot(page, 'supervisor-768');
  // polling (?refresh=5): the "updated at" time moves without any action
  const first = await page.getByTestId('updated').textContent();
  await page.waitForFunction((before) => {
    const now = document.querySelector('[data-testid="updated"]')?.textContent;
    return now && now.startsWith('Cập nhật lúc') && now !== before;
  }, first, { timeout: 15000 });
  assert.deepEqual(page.jsErrors, []);
  await page.close();
});
