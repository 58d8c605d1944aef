/**
 * Daily work as a ward reporter meets it (issue 16): a typed value is never lost (leaving the page asks
 * first; staying keeps the value), a decimal in a count cell is refused with a message, and on a phone
 * (390 × 844) the entry grid, my work, targets and the overview fit the screen and a value can be entered
 * and saved. Ward Dĩ An (no other browser test writes there). At 1440 × 900 the menu's colour reaches the
 * bottom of a long page, no menu label is cut, and the task board's five columns fit without the page
 * scrolling sideways.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, BASE, launch, login, newSession, screenshot, unexpectedErrors } from './browser.js';

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

/** Opens every submenu of the side menu, then lists the labels cut short (wider than their box). */
async function cutMenuLabels(page: Page): Promise<string[]> {
  const closed = page.locator('nav .ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
  for (let i = 0; i < 8 && (await closed.count()) > 0; i++) {
    await closed.first().click();
    await page.waitForTimeout(300); // the submenu slides open
  }
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('nav .ant-menu-title-content'))
      .filter((e) => e.scrollWidth > e.clientWidth)
      .map((e) => `${e.innerText}: ${e.scrollWidth} > ${e.clientWidth}`),
  );
}

it('at 1440 × 900: the menu runs the whole page, no label is cut, the task board fits', async () => {
  const s = await newSession(browser, { width: 1440, height: 900 });
  const page = s.page;
  await login(page, 'sokhcnhcm'); // the city's secretariat: a long reports page, the city's tasks

  // a long page: the menu's colour reaches the bottom, and the menu stays in view when scrolled there
  await page.goto(`${BASE}/reports`);
  await page.locator('h1').first().waitFor({ timeout: 30_000 });
  // the forms' cards arrive after the title: wait for a page well over two screens
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollHeight), { timeout: 30_000 })
    .toBeGreaterThan(900 * 2);
  const long = await page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    const menu = document.querySelector('nav .ant-menu')?.getBoundingClientRect();
    const sider = document.querySelector('.ant-layout-sider') as HTMLElement;
    const rect = sider.getBoundingClientRect();
    // what is drawn in the menu's column just below the sider (a full-page view) and at the page's bottom
    const outer = document.querySelector('.ant-layout-has-sider') as HTMLElement;
    const main = document.querySelector('#main')?.getBoundingClientRect();
    return {
      siderColour: getComputedStyle(sider).backgroundColor,
      columnColour: getComputedStyle(outer).backgroundColor,
      columnBottom: outer.getBoundingClientRect().bottom,
      mainBottom: main?.bottom ?? Number.POSITIVE_INFINITY,
      siderLeft: rect.left,
      menuTop: menu?.top ?? -1,
    };
  });
  expect(long.columnColour).toBe(long.siderColour);
  expect(long.columnBottom).toBeGreaterThanOrEqual(long.mainBottom - 1);
  expect(long.menuTop).toBeGreaterThanOrEqual(0);
  expect(long.menuTop).toBeLessThan(900);
  expect(await cutMenuLabels(page)).toEqual([]);
  // last: taking the whole page resizes the window for a moment, which may fold the menu
  await page.screenshot({ path: `${ARTIFACTS}/daily-1440-reports-full.png`, fullPage: true });

  // the task board: all five columns on the screen, the last one whole, the page never sideways
  await page.goto(`${BASE}/tasks`);
  await page.getByTestId('task-board').waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  expect(await pageFits(page)).toBeLessThanOrEqual(0);
  const board = await page.evaluate(() => {
    const b = document.querySelector('[data-testid="task-board"]') as HTMLElement;
    const last = b.lastElementChild?.getBoundingClientRect();
    return {
      columns: b.children.length,
      overflow: b.scrollWidth - b.clientWidth,
      lastRight: last?.right ?? Number.POSITIVE_INFINITY,
      boardRight: b.getBoundingClientRect().right,
    };
  });
  expect(board.columns).toBe(5);
  expect(board.overflow).toBeLessThanOrEqual(0);
  expect(board.lastRight).toBeLessThanOrEqual(Math.min(board.boardRight, 1440) + 0.5);
  await screenshot(page, 'daily-1440-task-board');

  expect(unexpectedErrors(s.errors)).toEqual([]);
  await s.context.close();

  // every label of the administrator's longer menu, in both languages
  const a = await newSession(browser, { width: 1440, height: 900 });
  await login(a.page, 'admin');
  for (const lang of ['Tiếng Việt', 'English']) {
    await a.page.goto(`${BASE}/admin/users`);
    await a.page.locator('h1').first().waitFor({ timeout: 30_000 });
    await a.page.getByTitle(lang).click();
    expect(await cutMenuLabels(a.page), lang).toEqual([]);
  }
  await screenshot(a.page, 'daily-1440-admin-menu');
  expect(unexpectedErrors(a.errors)).toEqual([]);
  await a.context.close();
});
