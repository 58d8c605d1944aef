/**
 * Rankings and reviews: the district scorecard's ranking (ranks from scores, ties sharing a rank),
 * one unit's scorecard with its component tree and its weakest criteria marked, freezing a mid-term
 * review that then appears in the list of reviews, comparing two reviews (rank changes), and a
 * unit's self-assessment beside the council's final score.
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

/** The title of the review frozen by the second test (2025), compared with another by the third. */
let title = '';
/** The units ranked first for 2025 by the first test (the district scorecard's leaders). */
let leaders: string[] = [];

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
    leaders = data.filter((d) => d.rank === 1).map((d) => d.unit);
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
    // The three criteria with the most points still available (weight × (1 − score)) are marked.
    const weakest = card.locator('tr[data-weakest="true"]');
    await expect.poll(() => weakest.count()).toBe(3);
    for (const w of await weakest.all()) expect(await w.innerText()).toContain('Điểm yếu');
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
    title = `Sơ kết 6 tháng (kiểm thử ${Date.now().toString(36)})`;
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
    // Nine districts ranked; the leader is the ranking's first (as the rankings page showed it).
    expect(text).toMatch(/\b9\b/);
    expect(leaders.length).toBeGreaterThan(0);
    expect(leaders.some((l) => text.includes(l))).toBe(true);
    expect(await row.getByRole('link', { name: 'Tải Excel' }).getAttribute('href')).toMatch(
      /^\/api\/reviews\/\d+\/export\.xlsx$/,
    );
    await screenshot(page, 'reviews');
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });

  it('compares two frozen reviews: ranks, scores and rank changes', async () => {
    s.errors.length = 0;
    expect(title).not.toBe('');
    // A second review, of 2024, dated before the first one (2025).
    const earlier = `Tổng kết 2024 (kiểm thử ${Date.now().toString(36)})`;
    await page.goto(`${BASE}/reviews`);
    await page.locator('h1', { hasText: 'Các đợt sơ kết, tổng kết' }).waitFor();
    await page.getByRole('combobox', { name: 'Bộ chỉ số' }).click();
    await page.locator('.ant-select-item-option', { hasText: 'cấp huyện' }).first().click();
    await page.getByLabel('Tiêu đề').fill(earlier);
    await page.getByLabel('Ngày', { exact: true }).fill('31/12/2024');
    await page.getByLabel('Ngày', { exact: true }).press('Tab');
    await page.getByLabel('Kỳ', { exact: true }).fill('2024');
    await page.getByRole('button', { name: 'Chốt kết quả' }).click();
    const rowA = page.locator('tbody tr.ant-table-row', { hasText: earlier });
    const rowB = page.locator('tbody tr.ant-table-row', { hasText: title });
    await rowA.waitFor({ timeout: 30_000 });

    const compare = page.getByRole('button', { name: 'So sánh' });
    expect(await compare.isDisabled()).toBe(true);
    await rowA.locator('.ant-checkbox-input').check();
    await rowB.locator('.ant-checkbox-input').check();
    await compare.click();

    const table = page.getByRole('table', { name: 'So sánh hai đợt' });
    const rows = table.locator('tbody > tr.ant-table-row');
    await rows.first().waitFor({ timeout: 30_000 });
    await expect.poll(() => rows.count()).toBe(9);
    const headers = await table.locator('thead th').allInnerTexts();
    const col = (name: RegExp) => headers.findIndex((h) => name.test(h.trim()));
    const aRank = col(/^Hạng \(A\)$/);
    const bRank = col(/^Hạng \(B\)$/);
    const aScore = col(/^Điểm \(A\)$/);
    const bScore = col(/^Điểm \(B\)$/);
    const change = col(/^Hạng tăng\/giảm$/);
    expect(Math.min(aRank, bRank, aScore, bScore, change)).toBeGreaterThanOrEqual(0);

    let ups = 0;
    let downs = 0;
    const seenB: number[] = [];
    for (const row of await rows.all()) {
      const cells = row.locator('> td');
      const a = Number((await cells.nth(aRank).innerText()).trim());
      const b = Number((await cells.nth(bRank).innerText()).trim());
      expect(viNumber(await cells.nth(aScore).innerText())).toBeGreaterThan(0);
      expect(viNumber(await cells.nth(bScore).innerText())).toBeGreaterThan(0);
      seenB.push(b);
      const cell = cells.nth(change);
      const shown = (await cell.innerText()).trim();
      if (a > b) {
        // Places gained: a green arrow up with the number of places.
        expect(await cell.locator('.anticon-arrow-up').count()).toBe(1);
        expect(Number(shown)).toBe(a - b);
        ups++;
      } else if (a < b) {
        expect(await cell.locator('.anticon-arrow-down').count()).toBe(1);
        expect(Number(shown)).toBe(b - a);
        downs++;
      } else {
        expect(await cell.locator('.anticon-minus').count()).toBe(1);
      }
    }
    // Sorted by the later review's rank; the districts moved both ways between 2024 and 2025.
    expect(seenB).toEqual([...seenB].sort((x, y) => x - y));
    expect(ups).toBeGreaterThan(0);
    expect(downs).toBeGreaterThan(0);
    await screenshot(page, 'reviews-compare');
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });

  it('self-assesses a criterion with evidence, sets its final score, and shows them side by side', async () => {
    s.errors.length = 0;
    await page.goto(`${BASE}/rankings?period=2025`);
    const rows = page.locator('.ant-table').first().locator('tbody > tr.ant-table-row');
    await rows.first().waitFor({ timeout: 30_000 });
    await rows
      .filter({ hasText: 'Thuận An' })
      .getByRole('button', { name: 'Tự đánh giá và thẩm định' })
      .click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Tự đánh giá và thẩm định — Thuận An').waitFor();
    expect(page.url()).toContain('assess=');
    const leaf = 'Hồ sơ công việc xử lý trên môi trường mạng';
    const row = drawer.locator('tbody tr.ant-table-row', { hasText: leaf });
    await row.waitFor({ timeout: 30_000 });
    // Every leaf of the scorecard is listed (nine criteria in the district scorecard at least).
    expect(await drawer.locator('tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(9);
    const evidence = `Báo cáo số ${Date.now().toString(36)}/BC-UBND`;

    // A bad evidence link: the server's refusal is shown on that field.
    await row.getByLabel('Điểm tự chấm', { exact: true }).fill('0.9');
    await row.getByLabel('Minh chứng', { exact: true }).fill(evidence);
    await row.getByLabel('Đường dẫn minh chứng', { exact: true }).fill('không phải đường dẫn');
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    await row.locator('.ant-form-item-explain-error').first().waitFor();
    s.errors.length = 0; // the browser logs that refused request (400)

    await row.getByLabel('Đường dẫn minh chứng', { exact: true }).fill('https://example.vn/bao-cao.pdf');
    await row.getByLabel('Điểm cuối cùng', { exact: true }).fill('1');
    await row.getByLabel('Ghi chú điểm cuối cùng', { exact: true }).fill('Hội đồng thống nhất');
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu kết quả đánh giá').waitFor();
    // The field's error is gone (it fades out).
    await expect.poll(() => row.locator('.ant-form-item-explain-error').count()).toBe(0);

    // After a reload (the drawer is in the address), the three scores side by side.
    await page.reload();
    const again = page.getByRole('dialog').locator('tbody tr.ant-table-row', { hasText: leaf });
    await again.waitFor({ timeout: 30_000 });
    const scoreIn = async (label: string) =>
      Number(await again.getByLabel(label, { exact: true }).inputValue());
    await expect.poll(() => scoreIn('Điểm tự chấm')).toBe(0.9);
    expect(await again.getByLabel('Minh chứng', { exact: true }).inputValue()).toBe(evidence);
    expect(await scoreIn('Điểm cuối cùng')).toBe(1);
    const table = page.getByRole('table', { name: 'Bảng tự đánh giá và thẩm định' });
    const headers = await table.locator('thead th').allInnerTexts();
    const col = (name: RegExp) => headers.findIndex((h) => name.test(h.trim()));
    const computed = col(/^Điểm tính từ số liệu$/);
    const self = col(/^Tự đánh giá$/);
    const appraised = col(/^Thẩm định$/);
    const final = col(/^Điểm cuối cùng$/);
    const used = col(/^Điểm dùng để xếp hạng$/);
    // Side by side: computed, self, appraised, final, and the score the ranking uses.
    expect(computed).toBeGreaterThanOrEqual(0);
    expect(self).toBe(computed + 1);
    expect(appraised).toBe(self + 1);
    expect(final).toBe(appraised + 1);
    expect(used).toBe(final + 1);
    expect((await again.locator('> td').nth(computed).innerText()).trim()).toMatch(/^[\d,]+/);
    expect(await again.locator('> td').nth(self).innerText()).toContain('admin');
    const usedText = await again.locator('> td').nth(used).innerText();
    expect(viNumber(usedText.split('\n')[0])).toBe(1);
    expect(usedText).toContain('Điểm cuối cùng');
    await screenshot(page, 'ranking-assessments');
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });
});
