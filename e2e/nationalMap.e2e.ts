/**
 * The national map (issue 12): the overview draws the 34 provinces of 2025-07 from an imported
 * provinces-2025-07.geojson, the current city outlined. Its own file, run last (e2e/vitest.config.ts):
 * the boundaries it imports change what the overview draws for the other files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  apiCall,
  BASE,
  launch,
  login,
  newSession,
  type Session,
  screenshot,
  unexpectedErrors,
} from './browser.js';

/** A file of ../shared (beside the repository), or of /work/shared (beside a worktree). */
const shared = (rel: string) =>
  [fileURLToPath(new URL(`../../shared/${rel}`, import.meta.url)), `/work/shared/${rel}`].find((p) =>
    existsSync(p),
  ) ?? `../shared/${rel}`;
const PROVINCES_GEOJSON = shared('data/vn-admin/provinces-2025-07.geojson');
const UNITS_2025_07 = shared('data/vn-admin/units-2025-07.csv');

let browser: Browser;
let leader: Session;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  leader = await newSession(browser);
  page = leader.page;
  await login(page, 'lanhdaohcm');
});
afterAll(async () => browser?.close());

describe('the national map', () => {
  it('draws the 34 provinces of 2025-07 from an imported GeoJSON, the city outlined', async () => {
    expect(existsSync(UNITS_2025_07)).toBe(true);
    expect(existsSync(PROVINCES_GEOJSON)).toBe(true);
    const admin = await newSession(browser);
    try {
      await login(admin.page, 'admin', ADMIN_PASSWORD);
      // The provinces of the national list (not shipped: imported as a user would; the demo has only HCMC) …
      const { csrfToken } = (await (await admin.page.request.get(`${BASE}/api/me`)).json()) as {
        csrfToken: string;
      };
      const provinceRows = readFileSync(UNITS_2025_07, 'utf8')
        .trim()
        .split(/\r?\n/)
        .filter((line, i) => i === 0 || line.split(',')[3] === '1');
      expect(provinceRows).toHaveLength(35);
      const units = await admin.page.request.post(`${BASE}/api/org-units/import`, {
        headers: { 'x-csrf-token': csrfToken, 'content-type': 'text/csv' },
        data: `${provinceRows.join('\n')}\n`,
      });
      expect(units.status(), await units.text()).toBe(200);
      // … then the boundaries of its provinces.
      const geo = JSON.parse(readFileSync(PROVINCES_GEOJSON, 'utf8')) as { features: unknown[] };
      const result = await apiCall<{ matched: Array<{ code: string }>; updated: number }>(
        admin.page,
        'POST',
        '/org-units/geojson?dryRun=false',
        geo,
      );
      expect(result.matched).toHaveLength(34);
      const provinces = await apiCall<{ features: Array<{ properties: { code: string } }> }>(
        admin.page,
        'GET',
        '/org-units/geojson?level=1',
      );
      expect(provinces.features).toHaveLength(34);
      expect(provinces.features.map((f) => f.properties.code)).toContain('79');
    } finally {
      await admin.context.close();
    }

    leader.errors.length = 0;
    await page.goto(`${BASE}/?unit=79`);
    await page.locator('h1', { hasText: 'Tổng quan: Hồ Chí Minh' }).waitFor({ timeout: 60_000 });
    const scope = page.getByRole('radiogroup', { name: 'Phạm vi bản đồ' });
    await scope.waitFor({ timeout: 60_000 });
    // HCMC's wards have no boundaries: the country is shown, HCMC among its provinces
    expect(await scope.locator('.ant-segmented-item-selected').innerText()).toBe('Toàn quốc');
    const map = page.locator('[role="img"][aria-label^="Bản đồ các tỉnh, thành phố"] canvas');
    await map.waitFor({ timeout: 30_000 });
    await expect
      .poll(() =>
        map.evaluate((c: HTMLCanvasElement) => {
          const ctx = c.getContext('2d');
          if (!ctx) return 0;
          const { data } = ctx.getImageData(0, 0, c.width, c.height);
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
          return painted / (c.width * c.height);
        }),
      )
      .toBeGreaterThan(0.04);
    await screenshot(page, 'units-over-time-national-map');
    // the wards again: a tile grid (they have no boundaries)
    await scope.getByText('Đơn vị trực thuộc', { exact: true }).click();
    await page.locator('ul.chiso-tilemap').waitFor();
    expect(unexpectedErrors(leader.errors)).toEqual([]);
  });
});
