/**
 * Units over time in the browser (issue 12, "done when": the browser tests show one series crossing the
 * break). The demo is Hồ Chí Minh City (79) on the 2025-07 tree with Bình Dương's (74) history to
 * 2025-06-30, reached through lineage:
 * - as the demo leader of HCMC (lanhdaohcm), an indicator's trend runs across 1 July 2025 in today's units (its points, read
 *   from the table under the chart, cover periods on both sides), and "as recorded" reads each period in
 *   the units valid in it;
 * - HCMC's unit page lists Bình Dương under "formed from";
 * - the unit picker's as-of date is kept in the URL, lists the units valid on it, and starts inside the
 *   validity of a user whose units have all closed;
 * - the overview draws the 34 provinces from an imported provinces-2025-07.geojson.
 *
 * Needs, besides the web app: the 2025-07 demo, lineage (GET /api/org-units/CODE → predecessors) and
 * `geography=` on /api/analytics/trend. On a server without them, every case here fails except
 * "keeps the as-of date in the URL".
 */
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

/** The first period of the 2025-07 tree. */
const BREAK = '2025M07';

interface TrendRow {
  period: string;
  value: number | null;
  estimated?: boolean;
}
interface Point {
  period: string;
  value: string;
  estimated: boolean;
}

let browser: Browser;
let leader: Session;
let page: Page;
let today: string;

beforeAll(async () => {
  browser = await launch();
  leader = await newSession(browser);
  page = leader.page;
  await login(page, 'lanhdaohcm');
  const d = new Date();
  today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
});
afterAll(async () => browser?.close());

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');
const fold = (x: string) =>
  x
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

/** The trend's points as the page shows them, from the table under the chart. */
async function points(p: Page): Promise<Point[]> {
  return p
    .getByTestId('trend-table')
    .locator('tr[data-period]')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        period: tr.getAttribute('data-period') ?? '',
        value: tr.querySelector('td.chiso-trend-own [data-value]')?.getAttribute('data-value') ?? '',
        estimated: (tr.querySelector('td.chiso-trend-own')?.textContent ?? '').includes('ước tính'),
      })),
    );
}

/** The page's axis ends at the data (web/src/lib/series.ts untilLastValue): later empty periods are not drawn. */
function upToData(rows: TrendRow[]): TrendRow[] {
  let last = -1;
  rows.forEach((r, i) => {
    if (r.value !== null) last = i;
  });
  return last < 0 ? rows : rows.slice(0, last + 1);
}
const asPoints = (rows: TrendRow[]): Point[] =>
  upToData(rows).map((r) => ({
    period: r.period,
    value: r.value === null ? '' : String(r.value),
    estimated: r.value !== null && r.estimated === true,
  }));

/** The months the indicator page's trend shows: the last three years up to this month. */
function trendMonths(): { from: string; to: string } {
  const d = new Date();
  const code = (n: number) => `${Math.floor(n / 12)}M${String((n % 12) + 1).padStart(2, '0')}`;
  const now = d.getFullYear() * 12 + d.getMonth();
  return { from: code(now - 35), to: code(now) };
}

const trendUrl = (indicator: string, unit: string, geography?: string) => {
  const { from, to } = trendMonths();
  return `/analytics/trend?indicator=${indicator}&orgUnit=${unit}&from=${from}&to=${to}${geography ? `&geography=${geography}` : ''}`;
};

describe('a series across the 2025 restructuring', () => {
  it('draws one series across 1 July 2025 in the current units, and each period as recorded on demand', async () => {
    leader.errors.length = 0;
    const me = await apiCall<{ home: string }>(page, 'GET', '/me');
    expect(me.home).toBe('79');
    // A monthly count indicator whose series, in today's units, has values on both sides of the break.
    const catalogue = await apiCall<{ items: Array<{ code: string; valueType: string; frequency: string }> }>(
      page,
      'GET',
      '/indicators?limit=1000',
    );
    const counts = catalogue.items.filter((i) => i.valueType === 'count' && i.frequency === 'month');
    let code: string | undefined;
    let current: TrendRow[] = [];
    for (const c of counts) {
      const { rows } = await apiCall<{ rows: TrendRow[] }>(page, 'GET', trendUrl(c.code, me.home, today));
      const has = (side: (p: string) => boolean) => rows.some((r) => r.value !== null && side(r.period));
      if (has((p) => p < BREAK) && has((p) => p >= BREAK)) {
        code = c.code;
        current = rows;
        break;
      }
    }
    expect(code, 'a monthly count indicator with data on both sides of 2025-07-01').toBeDefined();

    await page.goto(`${BASE}/indicators/${code}`);
    const chart = page.locator('[data-testid="trend-chart"] [role="img"] canvas');
    await chart.waitFor({ timeout: 30_000 });
    const switcher = page.getByRole('radiogroup', { name: /Cách đọc số liệu/ });
    expect(await switcher.locator('.ant-segmented-item-selected').innerText()).toBe('Theo địa giới hiện nay');
    await page.getByTestId('trend-table').locator('summary').click();

    // The page's points are the API's series in today's units: one series, values on both sides of the
    // break and at the break itself (June and July 2025), estimated points tagged as such.
    await expect.poll(async () => points(page)).toEqual(asPoints(current));
    const shown = await points(page);
    expect(shown.some((p) => p.period < BREAK && p.value !== '')).toBe(true);
    expect(shown.some((p) => p.period >= BREAK && p.value !== '')).toBe(true);
    expect(shown.find((p) => p.period === '2025M06')?.value).not.toBe('');
    expect(shown.find((p) => p.period === '2025M07')?.value).not.toBe('');
    expect(await page.getByTestId('trend-chart').getAttribute('data-periods')).toBe(
      upToData(current)
        .map((r) => r.period)
        .join(','),
    );
    if (current.some((r) => r.estimated && r.value !== null)) {
      await page.getByTestId('trend-estimated-note').waitFor();
    }
    await screenshot(page, 'units-over-time-current');

    // As recorded: each period read in the units valid in it (no geography), which differs before the break.
    const { rows: recorded } = await apiCall<{ rows: TrendRow[] }>(page, 'GET', trendUrl(code!, me.home));
    expect(asPoints(recorded)).not.toEqual(asPoints(current));
    await switcher.getByText('Như đã ghi nhận', { exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('units') === 'recorded');
    await expect.poll(async () => points(page)).toEqual(asPoints(recorded));
    await screenshot(page, 'units-over-time-recorded');

    // and back
    await switcher.getByText('Theo địa giới hiện nay', { exact: true }).click();
    await page.waitForURL((u) => !u.searchParams.has('units'));
    await expect.poll(async () => points(page)).toEqual(asPoints(current));
    expect(unexpectedErrors(leader.errors)).toEqual([]);
  });

  it('shows what Hồ Chí Minh City was formed from: Bình Dương, whole, until 30/06/2025', async () => {
    leader.errors.length = 0;
    await page.goto(`${BASE}/units?unit=79`);
    const from = page.getByTestId('lineage-from');
    await from.waitFor({ timeout: 30_000 });
    const row = from.locator('tr', { hasText: 'Bình Dương (74)' });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toMatch(/toàn bộ/);
    expect(text).toMatch(/100%/);
    expect(text).toMatch(/30\/06\/2025/);
    // its link opens Bình Dương on a day it was valid
    const href = await row.getByRole('link').getAttribute('href');
    const link = new URL(href ?? '', BASE);
    expect(link.searchParams.get('unit')).toBe('74');
    expect(link.searchParams.get('asOf')).toBe('2025-06-30');
    await screenshot(page, 'units-over-time-formed-from');
    expect(unexpectedErrors(leader.errors)).toEqual([]);
  });

  it('keeps the as-of date in the URL: a deep link shows the same date', async () => {
    leader.errors.length = 0;
    await page.goto(`${BASE}/units`);
    const date = page.getByLabel('Ngày hiệu lực của đơn vị');
    await date.waitFor({ timeout: 30_000 });
    expect(await date.inputValue()).toBe(ddmmyyyy(today));
    await date.click();
    await date.fill('30/06/2025');
    await date.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('asOf') === '2025-06-30');
    const deepLink = page.url();
    await page.goto(`${BASE}/`);
    await page.goto(deepLink);
    await expect.poll(() => page.getByLabel('Ngày hiệu lực của đơn vị').inputValue()).toBe('30/06/2025');
    expect(unexpectedErrors(leader.errors)).toEqual([]);
  });
});

describe('the as-of date of the unit picker', () => {
  it('lists the units valid on the chosen date: Bình Dương up to 30/06/2025, not today', async () => {
    const admin = await newSession(browser);
    try {
      await login(admin.page, 'admin', ADMIN_PASSWORD);
      await admin.page.goto(`${BASE}/indicators`);
      await admin.page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
      await admin.page.waitForURL(/\/indicators\/[^/?]+/);
      await admin.page.waitForLoadState('networkidle');
      const picker = admin.page.getByRole('combobox', { name: 'Đơn vị' });
      const list = admin.page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      /** Types the search and returns the options once it is answered (the current unit may lead the list). */
      const search = async () => {
        // (again, when a re-render of the page closed the list before it answered)
        await expect
          .poll(async () => {
            if ((await list.count()) === 0) {
              await picker.click();
              await picker.fill('binh');
            }
            return (await list.allInnerTexts()).some((x) => fold(x).includes('binh'));
          })
          .toBe(true);
        await admin.page.waitForLoadState('networkidle');
        return list.allInnerTexts();
      };
      // today: Bình Dương (74) closed on 30/06/2025, so it is not offered
      expect(await search()).not.toContain('Bình Dương (74)');
      await admin.page.keyboard.press('Escape');
      const date = admin.page.getByLabel('Ngày hiệu lực của đơn vị');
      await date.click();
      await date.fill('30/06/2025');
      await date.press('Enter');
      await admin.page.waitForURL((u) => u.searchParams.get('asOf') === '2025-06-30');
      // the list for the new date: (re)opened and searched until it answers (the page re-renders as
      // the date's data arrives, which may close a list opened before)
      await expect
        .poll(
          async () => {
            if ((await list.count()) === 0) {
              await picker.click();
              await picker.fill('binh');
            }
            return list.allInnerTexts();
          },
          { timeout: 30_000 },
        )
        .toContain('Bình Dương (74)');
      expect(unexpectedErrors(admin.errors)).toEqual([]);
    } finally {
      await admin.context.close();
    }
  });

  it('starts a user whose units have all closed on the last day they were valid', async () => {
    // the demo's Bình Dương leader: a grant on the province closed on 30/06/2025
    const old = await newSession(browser);
    try {
      await login(old.page, 'lanhdao');
      const me = await apiCall<{ grants: Array<{ orgUnit: string; validTo: string | null }> }>(
        old.page,
        'GET',
        '/me',
      );
      expect(me.grants.map((g) => g.validTo)).toEqual(me.grants.map(() => '2025-06-30'));
      await old.page.goto(`${BASE}/units`);
      const date = old.page.getByLabel('Ngày hiệu lực của đơn vị');
      await date.waitFor({ timeout: 30_000 });
      await expect.poll(() => date.inputValue()).toBe('30/06/2025');
      await old.page.locator('.ant-tree', { hasText: 'Bình Dương' }).waitFor();
      expect(unexpectedErrors(old.errors)).toEqual([]);
    } finally {
      await old.context.close();
    }
  });
});
