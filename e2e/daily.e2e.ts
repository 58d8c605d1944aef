/**
 * Daily work as a ward reporter meets it (issue 16): a typed value is never lost (leaving the page asks
 * first; staying keeps the value), a decimal in a count cell is refused with a message, and on a phone
 * (390 × 844) the entry grid, my work, targets and the overview fit the screen and a value can be entered
 * and saved. Ward Dĩ An (no other browser test writes there).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BASE, launch, login, newSession, screenshot, unexpectedErrors } from './browser.js';

const FORM = 'BC_CDS_THANG_HCM';
const UNIT = '25942'; // ward Dĩ An
const REPORTER = 'phuongdian';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

interface EntryJson {
  editable: boolean;
  items: Array<{ indicator: string; valueType: string }>;
}

/** An open period of the monthly ward form Dĩ An can still edit, and a count indicator of it. */
async function editablePeriod(page: Page): Promise<{ url: string; count: string }> {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10); // Vietnam date
  const year = Number(today.slice(0, 4));
  for (const y of [year, year - 1]) {
    const r = await page.request.get(`${BASE}/api/forms/${FORM}/schedule?year=${y}`);
    expect(r.status()).toBe(200);
    const items = ((await r.json()) as { items: Array<{ period: string; opensOn: string; lockOn: string }> })
      .items;
    for (const p of items.filter((x) => x.opensOn <= today && today <= x.lockOn).reverse()) {
      const e = await page.request.get(`${BASE}/api/forms/${FORM}/entry?orgUnit=${UNIT}&period=${p.period}`);
      if (e.status() !== 200) continue;
      const entry = (await e.json()) as EntryJson;
      const count = entry.items.find((i) => i.valueType === 'count');
      if (entry.editable && count)
        return {
          url: `${BASE}/reports/entry?form=${FORM}&unit=${UNIT}&period=${p.period}`,
          count: count.indicator,
        };
    }
  }
  throw new Error('no open period of the monthly ward form that Dĩ An can edit');
}

/** The page itself never scrolls sideways (tables may scroll inside themselves). */
const pageFits = (page: Page) =>
  page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

it('keeps a typed value: leaving asks first, staying keeps it; a decimal in a count cell is refused', async () => {
  const s = await newSession(browser);
  const page = s.page;
  await login(page, REPORTER);
  const { url, count } = await editablePeriod(page);
  await page.goto(url);
  await page.getByTestId('report-entry').waitFor({ timeout: 30_000 });
  const cell = page.locator(`#cell-${count}`);

  // "80,2" in a count: refused with a message naming the cell, never cut to 80
  await cell.fill('80,2');
  await cell.press('Tab');
  await expect.poll(() => page.getByText(/phải là số nguyên/).count()).toBeGreaterThan(0);
  expect(await cell.inputValue()).toBe('80,2');
  await page.getByRole('button', { name: /Lưu nháp/ }).click();
  await expect.poll(() => page.getByText(/phải là số nguyên/).count()).toBeGreaterThan(0);
  const stored = await page.request.get(
    `${BASE}/api/forms/${FORM}/entry?orgUnit=${UNIT}&${url.split('&').at(-1)}`,
  );
  const current = (
    (await stored.json()) as { items: Array<{ indicator: string; current: { value: number } | null }> }
  ).items.find((i) => i.indicator === count)?.current?.value;
  expect(current).not.toBe(80);

  // a whole number, then a menu item: the guard asks; "Ở lại" keeps the page and the value
  await cell.fill('123');
  await cell.press('Tab');
  const menuLink = page.getByRole('navigation').getByRole('link', { name: /Tổng quan/ });
  await menuLink.click();
  const confirm = page.getByRole('dialog').filter({ hasText: 'Có thay đổi chưa lưu' });
  await confirm.waitFor({ timeout: 10_000 });
  await screenshot(page, 'daily-unsaved-guard');
  await confirm.getByRole('button', { name: 'Ở lại' }).click();
  await confirm.waitFor({ state: 'hidden' });
  expect(new URL(page.url()).pathname).toBe('/reports/entry');
  expect(await cell.inputValue()).toBe('123');

  // leaving on purpose: the second answer lets the user go
  await menuLink.click();
  await confirm.waitFor({ timeout: 10_000 });
  await confirm.getByRole('button', { name: /Rời trang/ }).click();
  await page.waitForURL((u) => u.pathname === '/');
  expect(unexpectedErrors(s.errors)).toEqual([]);
  await s.context.close();
});

it('works on a phone (390 × 844): no sideways page scroll; a value is entered and saved', async () => {
  const s = await newSession(browser, { width: 390, height: 844 });
  const page = s.page;
  await login(page, REPORTER);
  const { url, count } = await editablePeriod(page);
  await page.goto(url);
  await page.getByTestId('report-entry').waitFor({ timeout: 30_000 });
  expect(await pageFits(page)).toBeLessThanOrEqual(0);

  // the "Kỳ này" cell is on the screen, not off to the right
  const cell = page.locator(`#cell-${count}`);
  await cell.scrollIntoViewIfNeeded();
  const box = await cell.boundingBox();
  expect(box).not.toBeNull();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
  await cell.fill('42');
  await cell.press('Tab');
  await page.getByRole('button', { name: /Lưu nháp/ }).click();
  await page.getByText(/Đã lưu nháp/).waitFor({ timeout: 15_000 });
  await screenshot(page, 'daily-phone-entry');
  await page.reload();
  await page.getByTestId('report-entry').waitFor({ timeout: 30_000 });
  await expect.poll(() => page.locator(`#cell-${count}`).inputValue()).toBe('42');
  expect(await pageFits(page)).toBeLessThanOrEqual(0);

  for (const path of ['/my-work', '/targets', '/']) {
    await page.goto(`${BASE}${path}`);
    await page.locator('h1').first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(await pageFits(page), path).toBeLessThanOrEqual(0);
    await screenshot(page, `daily-phone${path === '/' ? '-overview' : path.replace('/', '-')}`);
  }
  expect(unexpectedErrors(s.errors)).toEqual([]);
  await s.context.close();
});
