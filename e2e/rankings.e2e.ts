/**
 * Rankings and reviews: the district scorecard's ranking (ranks from scores, ties sharing a rank),
 * one unit's scorecard with its component tree, and freezing a mid-term review that then appears
 * in the list of reviews.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, login, newSession, type Session, screenshot, unexpectedErrors } from './browser.js';

let browser: Browser;
let s: Session;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  s = await newSession(browser);
  page = s.page;
  await login(page);
});
afterAll(async () => browser?.close());

/** "0,8346" → 0.8346 */
const viNumber = (text: string) => Number(text.trim().replace(/\./g, '').replace(',', '.'));

describe('rankings', () => {
  it('ranks the districts by score, ties sharing a rank, and shows a unit’s scorecard', async () => {
    s.errors.length = 0;
    await page.goto(`${BASE}/rankings?period=2025`);
    await page.locator('h1', { hasText: 'Xếp hạng chuyển đổi số' }).waitFor();
    const table = page.locator('.ant-table').first();
    const rows = table.locator('tbody > tr.ant-table-row');
    await rows.first().waitFor({ timeout: 30_000 });
    // The district scorecard ranks the nine districts (not the departments).
    await expect.poll(() => rows.count()).toBe(9);
    const headers = await table.locator('thead th').allInnerTexts();
    const col = (name: RegExp) => headers.findIndex((h) => name.test(h));
    const rankCol = col(/^Hạng$/);
    const unitCol = col(/^Đơn vị$/);
    const scoreCol = col(/^Tổng\s*điểm$/);
    expect(rankCol).toBeGreaterThanOrEqual(0);

    const data = [];
    for (const row of await rows.all()) {
      const cells = await row.locator('> td').allInnerTexts();
      data.push({
        rank: Number(cells[rankCol]),
        unit: cells[unitCol].trim(),
        score: viNumber(cells[scoreCol]),
      });
    }
    expect(data.map((d) => d.unit)).toEqual(expect.arrayContaining(['Thuận An', 'Dĩ An', 'Thủ Dầu Một']));
    expect(data[0].rank).toBe(1);
    // Standard competition ranking: 1 + the number of units with a strictly higher score.
    for (const d of data) expect(d.rank).toBe(1 + data.filter((o) => o.score > d.score).length);

    // Component ranks: units with the same component score share its rank (e.g. several "#1").
    const pillarCols = headers.map((h, i) => (/×/.test(h) ? i : -1)).filter((i) => i >= 0);
    expect(pillarCols.length).toBeGreaterThanOrEqual(3);
    let sharedTies = 0;
    for (const c of pillarCols) {
      const cells: Array<{ score: number; rank: number }> = [];
      for (const row of await rows.all()) {
        const text = (await row.locator('> td').nth(c).innerText()).trim();
        const m = text.match(/^([\d.,]+)\s*#(\d+)$/);
        if (m) cells.push({ score: viNumber(m[1]), rank: Number(m[2]) });
      }
      for (const a of cells) {
        expect(a.rank).toBe(1 + cells.filter((o) => o.score > a.score).length);
        if (cells.some((b) => b !== a && b.score === a.score)) sharedTies++;
      }
    }
    expect(sharedTies).toBeGreaterThan(1);
    await screenshot(page, 'rankings');

    // One unit's scorecard: its component tree with weights, values, scores and ranks.
    await rows.filter({ hasText: 'Thuận An' }).locator('> td').nth(unitCol).click();
    const card = page.getByRole('table', { name: 'Kết quả chấm điểm của Thuận An' });
    await card.waitFor();
    const cardText = await card.innerText();
    for (const part of ['Chính quyền số', 'Kinh tế số', 'Xã hội số', 'Nền tảng', 'Hồ sơ công việc']) {
      expect(cardText).toContain(part);
    }
    expect(cardText).toMatch(/Trọng số[\s\S]*Số liệu[\s\S]*Hạng/);
    await screenshot(page, 'ranking-unit-scorecard');

    // The path to the Top 3 for that unit.
    await rows.filter({ hasText: 'Thuận An' }).getByRole('button', { name: 'Lộ trình vào Top' }).click();
    const modal = page.getByRole('dialog');
    await modal
      .getByText(/Top 3|Cần thêm/)
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });

  it('freezes a mid-term review and lists it', async () => {
    s.errors.length = 0;
    const title = `Sơ kết 6 tháng (kiểm thử ${Date.now().toString(36)})`;
    await page.goto(`${BASE}/reviews`);
    await page.locator('h1', { hasText: 'Các đợt sơ kết, tổng kết' }).waitFor();
    await page.getByRole('combobox', { name: 'Bộ chỉ số' }).click();
    await page.locator('.ant-select-item-option', { hasText: 'cấp huyện' }).first().click();
    await page.getByLabel('Tiêu đề').fill(title);
    await page.getByLabel('Kỳ', { exact: true }).fill('2025');
    await page.getByRole('button', { name: 'Chốt kết quả' }).click();

    const row = page.locator('tbody tr.ant-table-row', { hasText: title });
    await row.waitFor({ timeout: 30_000 });
    const text = await row.innerText();
    expect(text).toContain('Sơ kết');
    expect(text).toContain('2025');
    // Nine districts ranked; the leader is the ranking's first.
    expect(text).toMatch(/\b9\b/);
    expect(text).toContain('Thuận An');
    expect(await row.getByRole('link', { name: 'Tải Excel' }).getAttribute('href')).toMatch(
      /^\/api\/reviews\/\d+\/export\.xlsx$/,
    );
    await screenshot(page, 'reviews');
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });
});
