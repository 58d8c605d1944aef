/**
 * Open data for an anonymous visitor (issue 13 part 3): the demo publishes a set, the public page of
 * an indicator opens without logging in, draws its chart with the breakdown, shows its metadata and
 * offers the CSV (BOM, Vietnamese intact), JSON, Open SDG and SDMX downloads.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BASE, launch, newSession, screenshot, unexpectedErrors } from './browser.js';

const CODE = 'KTS_GRDP_TYTRONG';
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

it('the open-data list shows the demo’s published set without login', async () => {
  const s = await newSession(browser);
  try {
    await s.page.goto(`${BASE}/open`);
    // the count is 0 until the list arrives
    const title = s.page.getByText(/Chỉ tiêu công bố \(\d+\)/);
    await expect
      .poll(async () => Number((await title.innerText()).match(/\d+/)?.[0]), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(10);
    await s.page.getByRole('button', { name: /Tỷ trọng kinh tế số trong GRDP/ }).waitFor();
    expect(new URL(s.page.url()).pathname).toBe('/open');
    expect(unexpectedErrors(s.errors)).toEqual([]);
  } finally {
    await s.context.close();
  }
});

it('an anonymous visitor opens an indicator’s public page: chart, metadata and downloads', async () => {
  const s = await newSession(browser);
  const { page } = s;
  try {
    await page.goto(`${BASE}/open/${CODE}`);
    await page.getByRole('heading', { name: 'Tỷ trọng kinh tế số trong GRDP' }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe(`/open/${CODE}`);
    // the chart is drawn (a canvas inside the labelled figure), with the total and the sectors in its table
    const chart = page.getByRole('img', { name: /Biểu đồ số liệu công bố của Tỷ trọng kinh tế số/ });
    await chart.locator('canvas').first().waitFor({ timeout: 30_000 });
    for (const column of ['Tổng số', 'Công nghiệp', 'Dịch vụ'])
      await page.getByRole('columnheader', { name: column }).waitFor();
    // metadata
    await page.getByText('Cục Thống kê tỉnh').first().waitFor();
    await page.getByText(/Giá trị tăng thêm của kinh tế số trên GRDP/).waitFor();
    await page.getByText(/Khu vực kinh tế: Nông, lâm nghiệp và thủy sản/).waitFor();
    // four downloads
    for (const name of [/Tải CSV$/, /Tải JSON/, /Tải Open SDG/, /Tải SDMX-CSV/])
      await page.getByRole('link', { name }).waitFor();
    await screenshot(page, 'open-indicator');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Tải CSV$/ }).click(),
    ]);
    const bytes = readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split(/\r?\n/)[0]).toBe(
      '\ufeffindicator,org_unit,org_unit_name,period,value,period_name,category_option,category_option_name,unit',
    );
    expect(text).toContain('Nông, lâm nghiệp và thủy sản');
    expect(text).toContain('Bình Dương');

    const [sdmx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Tải SDMX-CSV/ }).click(),
    ]);
    expect(readFileSync(await sdmx.path(), 'utf8').split(/\r?\n/)[0]).toMatch(
      /^STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,SECTOR,TIME_PERIOD,OBS_VALUE/,
    );
    expect(unexpectedErrors(s.errors)).toEqual([]);
  } finally {
    await s.context.close();
  }
});

it('an unpublished indicator has no public page', async () => {
  const s = await newSession(browser);
  try {
    await s.page.goto(`${BASE}/open/NT_ATTT_SUCO`);
    await s.page
      .getByText(/Không tìm thấy|không tồn tại|chưa được công bố/i)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(new URL(s.page.url()).pathname).toBe('/open/NT_ATTT_SUCO');
    expect(await s.page.getByRole('link', { name: /Tải CSV$/ }).count()).toBe(0);
  } finally {
    await s.context.close();
  }
});
