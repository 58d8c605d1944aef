/**
 * The IOC wall screen at 1920×1080: no scrolling, every pillar's column on screen, map labels of at
 * least 20 px, "Cập nhật lúc HH:mm", pages rotating, and data refetched on its own at the interval
 * the URL sets.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, login, newSession, type Session, screenshot, unexpectedErrors } from './browser.js';

let browser: Browser;
let s: Session;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  s = await newSession(browser, { width: 1920, height: 1080 });
  page = s.page;
  await login(page, 'lanhdao');
});
afterAll(async () => browser?.close());

describe('IOC wall mode', () => {
  it('fits 1920×1080 with every pillar visible, refetches on its own and rotates to the map', async () => {
    s.errors.length = 0;
    const latestCalls: number[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/analytics/latest') latestCalls.push(Date.now());
    });
    await page.goto(`${BASE}/ioc/wall?refresh=5&rotate=5`);
    const pillars = page.locator('.chiso-wall-pillar-title');
    await pillars.first().waitFor({ timeout: 60_000 });
    const titles = await pillars.allInnerTexts();
    for (const name of ['Chính quyền số', 'Kinh tế số', 'Xã hội số'])
      expect(titles.some((x) => x.includes(name))).toBe(true);
    // each pillar column lies wholly inside the window
    for (const box of await page
      .locator('.chiso-wall-pillar')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(1080);
      expect(box.right).toBeLessThanOrEqual(1920);
    }
    const size = await page.evaluate(() => ({
      scroll: document.documentElement.scrollHeight,
      inner: window.innerHeight,
      scrollW: document.documentElement.scrollWidth,
      innerW: window.innerWidth,
    }));
    expect(size.scroll).toBeLessThanOrEqual(size.inner);
    expect(size.scrollW).toBeLessThanOrEqual(size.innerW);
    // readable across a room
    const nameSize = await page
      .locator('.chiso-wall-name')
      .first()
      .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    expect(nameSize).toBeGreaterThanOrEqual(20);
    await expect
      .poll(() => page.locator('.chiso-wall-updated').innerText())
      .toMatch(/^Cập nhật lúc \d{2}:\d{2}$/);
    await screenshot(page, 'wall-pillars');

    // refetched on its own: at least two more calls within about 12 s (interval 5 s)
    const before = latestCalls.length;
    await expect.poll(() => latestCalls.length - before, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

    // the pages rotate on to the map, whose labels are at least 20 px (drawn map or tile grid)
    await page.locator('.chiso-wall-map').waitFor({ timeout: 90_000 });
    const tiles = page.locator('.chiso-wall-map .chiso-tilemap .name');
    if (await tiles.count()) {
      const px = await tiles.first().evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
      expect(px).toBeGreaterThanOrEqual(20);
    }
    const after = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);
    expect(after).toBe(true);
    await screenshot(page, 'wall-map');
    expect(unexpectedErrors(s.errors)).toEqual([]);
  }, 180_000);
});
