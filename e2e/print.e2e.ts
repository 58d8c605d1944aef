/**
 * Print and PDF: a frozen review printed from the reviews page in the app's language (Vietnamese
 * with the quốc hiệu and tiêu ngữ; English when the app is in English, whatever the browser says),
 * Vietnamese numbers and no raw codes or ISO stamps; the page's print button works under the CSP
 * (no console error); the PDF download is a PDF.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, BASE, launch, login, newSession, type Session, screenshot } from './browser.js';

let browser: Browser;
let s: Session;
let page: Page;
let reviewId = 0;
const title = `Sơ kết in ấn ${Date.now().toString(36)}`;

beforeAll(async () => {
  browser = await launch();
  s = await newSession(browser);
  page = s.page;
  // the page's print dialog would block a headless browser: count the calls instead
  await s.context.addInitScript(() => {
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => {
      (window as unknown as { __printed: number }).__printed++;
    };
  });
  await login(page);
  const cards = await apiCall<{ items: Array<{ code: string; name: string }> }>(page, 'GET', '/scorecards');
  const card = cards.items.find((c) => /cấp huyện/i.test(c.name)) ?? cards.items[0];
  const review = await apiCall<{ id: number }>(page, 'POST', '/reviews', {
    scorecard: card.code,
    title,
    kind: 'interim',
    period: '2025',
  });
  reviewId = review.id;
});
afterAll(async () => browser?.close());

/** Opens the review's print view from its row on /reviews; returns the new tab. */
async function openPrint(label: RegExp): Promise<Page> {
  await page.goto(`${BASE}/reviews`);
  const row = page.locator('tbody tr.ant-table-row', { hasText: title });
  await row.waitFor({ timeout: 30_000 });
  const [tab] = await Promise.all([
    s.context.waitForEvent('page'),
    row.getByRole('link', { name: label }).click(),
  ]);
  await tab.waitForLoadState('load');
  return tab;
}

function watchErrors(tab: Page): string[] {
  const errors: string[] = [];
  tab.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  tab.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

describe('a printed review', () => {
  it('in Vietnamese: quốc hiệu, tiêu ngữ underlined, names, Vietnamese numbers; the print button works under the CSP', async () => {
    const tab = await openPrint(/Bản in/);
    const errors = watchErrors(tab);
    expect(tab.url()).toContain('lang=vi');
    const text = await tab.locator('body').innerText();
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(await tab.locator('.motto').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe(
      'underline',
    );
    expect(text).toMatch(/, ngày \d{2} tháng \d{2} năm \d{4}/);
    expect(text.toLowerCase()).toContain(title.toLowerCase());
    expect(text).toContain('NGƯỜI LẬP BIỂU');
    // scores like "0,83" or "83,5": a decimal comma, never a long raw fraction, no ISO timestamp
    expect(text).toMatch(/\d,\d{1,3}\b/);
    expect(text).not.toMatch(/\d[.,]\d{4,}/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    // names of the units, not their numeric codes, in the ranking's unit column
    const ranking = tab.locator('main table').first();
    const units = await ranking.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(units.length).toBeGreaterThan(1);
    for (const u of units) expect(u).not.toMatch(/^\d+$/);
    expect(await tab.locator('main table tbody tr').count()).toBeLessThan(80);

    await tab.getByRole('button', { name: 'In', exact: true }).click();
    await expect
      .poll(() => tab.evaluate(() => (window as unknown as { __printed: number }).__printed))
      .toBe(1);
    expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    expect(errors).toEqual([]);
    await screenshot(tab, 'print-review-vi');
    await tab.close();
  });

  it('in English when the app is in English, though the browser says Vietnamese', async () => {
    await page.evaluate(() => localStorage.setItem('chiso.lang', 'en'));
    try {
      const tab = await openPrint(/Print view/);
      expect(tab.url()).toContain('lang=en');
      const text = await tab.locator('body').innerText();
      expect(text).toContain('SOCIALIST REPUBLIC OF VIET NAM');
      expect(text.toLowerCase()).toContain(`mid-term review: ${title}`.toLowerCase());
      expect(text).not.toContain('CỘNG HÒA');
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
      await screenshot(tab, 'print-review-en');
      await tab.close();
    } finally {
      await page.evaluate(() => localStorage.setItem('chiso.lang', 'vi'));
    }
  });

  it('downloads the same document as a PDF', async () => {
    const res = await page.request.get(`${BASE}/api/reviews/${reviewId}/print.pdf?lang=vi`, {
      timeout: 90_000,
    });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const body = await res.body();
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
