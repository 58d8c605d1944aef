/**
 * Plans and targets on today's demo (Hồ Chí Minh City, 79, on the 2025-07 two-level tree): a plan
 * with a level-wide target ("60% of work files processed online at commune level" for every ward
 * and commune of the city — level 2, kind commune), created by the city's secretariat (sokhcnhcm)
 * through the web app's forms, then followed in the browser: the plan, the targets list, the
 * target's per-ward statuses, the as-of date that changes them, the Excel download of the targets,
 * and the task led by ward Thuận An (25978) in its reporter's work.
 * The wards' figures start in 2025M07 (the new tree): the baseline is Quý III/2025 and the
 * deadline Quý II/2026, both ended (the period picker lists the last 8 ended quarters).
 */
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  BASE,
  launch,
  login,
  newSession,
  type Session,
  screenshot,
  unexpectedErrors,
} from './browser.js';

const PLAN = `E2E-XA-${Date.now().toString(36).toUpperCase()}`;
const PLAN_NAME = 'Kế hoạch chuyển đổi số cấp xã Thành phố Hồ Chí Minh (kiểm thử)';
const TASK = 'Số hóa quy trình xử lý hồ sơ công việc tại UBND các phường';

let browser: Browser;
let s: Session;
let page: Page;
let targetId: number;

beforeAll(async () => {
  browser = await launch();
  s = await newSession(browser);
  page = s.page;
  await login(page, 'sokhcnhcm');
});
afterAll(async () => browser?.close());

/**
 * Opens an antd select, types `search` (if any) and picks the option titled `option`; checks the
 * select then shows it, and tries again when a list still loading swallowed the click.
 */
async function choose(field: Locator, search: string, option: string) {
  const select = field.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await field.click();
    if (search) {
      await field.fill('');
      await field.pressSequentially(search, { delay: 20 });
    }
    const item = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`);
    await item.first().click({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    const shown = await select.locator('.ant-select-selection-item').allInnerTexts();
    if (shown.some((x) => x.includes(option.split(' (')[0])) || attempt === 3) break;
  }
}

/** Status labels of the rows of a targets table (every page of it), by unit name. */
async function statusesByUnit(table: ReturnType<Page['locator']>) {
  const rows = table.locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  const first = table.locator('.ant-pagination-item-1');
  if (await first.count()) {
    await first.click();
    await table.locator('.ant-pagination-item-active[title="1"]').waitFor();
  }
  const out: Record<string, string> = {};
  for (let n = 1; ; n++) {
    for (const row of await rows.all()) {
      const cells = await row.locator('td').allInnerTexts();
      const status = (await row.locator('.ant-tag').first().innerText()).trim();
      out[cells[1].trim()] = status;
    }
    const next = table.locator('.ant-pagination-next');
    if (!(await next.count()) || (await next.getAttribute('aria-disabled')) === 'true') break;
    await next.click();
    await table.locator(`.ant-pagination-item-active[title="${n + 1}"]`).waitFor();
  }
  return out;
}

/** Wards formed from the demo's Thuận An communes: they report CQS_HSCV_MANG_XA since 2025M07. */
const WARDS = ['Lái Thiêu', 'An Phú', 'Thuận An'];
/** Wards of the city (168) and of the Bình Dương part without demo data: every one has its own row. */
const WARD_COUNT = 168;
/** Level 2 on the two-level tree: the wards and communes (departments share it). */
const LEVEL_2 = 'Sở, ngành, huyện; xã, phường (từ 01/07/2025)';

describe('plans', () => {
  it('creates the plan and its level-wide target through the forms', async () => {
    s.errors.length = 0;
    await page.goto(`${BASE}/plans`);
    await page.getByRole('button', { name: 'Thêm kế hoạch' }).click();
    const plan = page.getByRole('dialog', { name: 'Thêm kế hoạch' });
    await plan.getByLabel('Mã', { exact: true }).fill(PLAN);
    await plan.getByLabel('Tên kế hoạch').fill(PLAN_NAME);
    await plan.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân Thành phố Hồ Chí Minh');
    await plan.getByLabel('Số văn bản').fill('99/KH-UBND');
    // dates are typed day first (DD/MM/YYYY), whatever the browser's language
    await plan.getByLabel('Ngày ban hành').fill('15/07/2025');
    await plan.getByLabel('Ngày ban hành').press('Tab');
    await choose(plan.getByLabel('Từ kỳ'), '2025', 'Năm 2025');
    await choose(plan.getByLabel('Đến kỳ'), '2026', 'Năm 2026');
    await choose(plan.getByLabel('Đơn vị phạm vi'), 'Hồ Chí Minh', 'Hồ Chí Minh (79)');
    await screenshot(page, 'plan-form');
    await plan.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(new RegExp(`/plans/${PLAN}`));
    await page.locator('h1', { hasText: PLAN_NAME }).waitFor();

    // The target: every ward and commune (level 2, kind commune) of the city, ≥ 60 % by Quý II/2026,
    // baseline from the wards' first quarter (Quý III/2025).
    await page.getByRole('button', { name: 'Thêm mục tiêu' }).click();
    const target = page.getByRole('dialog', { name: 'Thêm mục tiêu' });
    await choose(
      target.getByLabel('Chỉ tiêu', { exact: true }),
      'CQS_HSCV_MANG_XA',
      'Tỷ lệ hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng (CQS_HSCV_MANG_XA)',
    );
    await target.getByText('Mọi đơn vị của một cấp trong đơn vị').click();
    await choose(target.getByLabel('Cấp', { exact: true }), '', LEVEL_2);
    await choose(target.getByLabel('Loại đơn vị'), '', 'Xã/phường/thị trấn');
    await choose(target.getByLabel('Kỳ gốc', { exact: true }), '2025', 'Quý III/2025');
    await choose(target.getByLabel('So sánh'), '', '≥ tối thiểu');
    await target.getByLabel('Giá trị mục tiêu').fill('60');
    await choose(target.getByLabel('Kỳ hạn đạt'), '2026', 'Quý II/2026');
    await choose(target.getByLabel('Chủ trì'), 'Sở Nội vụ', 'Sở Nội vụ (79-SNV)');
    await target.getByLabel('Người chịu trách nhiệm').fill('Chủ tịch UBND các xã, phường, đặc khu');
    await screenshot(page, 'target-form');
    await target.getByRole('button', { name: 'Lưu' }).click();
    await target.waitFor({ state: 'hidden' });

    const created = await apiCall<{
      items: Array<{ id: number; orgUnit: string; orgUnitName: string; scope: { level: number } }>;
    }>(page, 'GET', `/targets?plan=${PLAN}`);
    // one item per ward and commune of the city
    expect(created.items.length).toBe(WARD_COUNT);
    expect(created.items.map((i) => i.orgUnitName)).toEqual(expect.arrayContaining(WARDS));
    expect(new Set(created.items.map((i) => i.id)).size).toBe(1);
    expect(created.items[0].scope.level).toBe(2);
    targetId = created.items[0].id;
    const def = await apiCall<{
      definition: {
        orgUnit: string;
        level: number;
        kind: string;
        target: unknown;
        baseline: unknown;
        leadUnit: string;
      };
    }>(page, 'GET', `/targets/${targetId}`);
    expect(def.definition).toMatchObject({
      orgUnit: '79',
      level: 2,
      kind: 'commune',
      target: { value: 60, period: '2026Q2', comparator: '>=' },
      baseline: { period: '2025Q3' },
      leadUnit: '79-SNV',
    });
    // The task is led by ward Thuận An (25978).
    await apiCall(page, 'POST', '/tasks', {
      plan: PLAN,
      title: TASK,
      leadUnit: '25978',
      dueDate: '2026-06-30',
      status: 'in_progress',
      percentComplete: 40,
      targets: [targetId],
    });
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });

  it('lists the new plan and opens it with its targets per commune and its task', async () => {
    s.errors.length = 0;
    await page.goto(`${BASE}/plans`);
    const link = page.getByRole('link', { name: PLAN_NAME });
    await link.waitFor();
    const row = page.locator('tr', { has: link });
    expect(await row.innerText()).toContain('99/KH-UBND');
    await screenshot(page, 'plans-list');

    await link.click();
    await page.waitForURL(new RegExp(`/plans/${PLAN}`));
    await page.locator('h1', { hasText: PLAN_NAME }).waitFor();
    const targets = page.locator('.ant-card', {
      has: page.locator('.ant-card-head-title', { hasText: /^Mục tiêu$/ }),
    });
    const byUnit = await statusesByUnit(targets);
    // Every ward and commune of the city has its own row.
    expect(Object.keys(byUnit).length).toBe(WARD_COUNT);
    expect(Object.keys(byUnit)).toEqual(expect.arrayContaining(WARDS));
    const tasks = page.locator('.ant-card', {
      has: page.locator('.ant-card-head-title', { hasText: /^Nhiệm vụ$/ }),
    });
    await tasks.getByText(TASK).waitFor();
    await screenshot(page, 'plan-page');

    // "Tải Excel": one row per commune with the target and its status.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      targets.getByText('Tải Excel').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^chiso-targets-${PLAN}-.*\\.xlsx$`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path()) as string);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['Kế hoạch', 'Mã chỉ tiêu', 'Tên chỉ tiêu', 'Mã đơn vị', 'Đơn vị']);
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows.length).toBe(Object.keys(byUnit).length);
    const laiThieu = rows.find((r) => r[4] === 'Lái Thiêu');
    expect(laiThieu?.slice(0, 3)).toEqual([
      PLAN,
      'CQS_HSCV_MANG_XA',
      'Tỷ lệ hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng',
    ]);
    expect(laiThieu?.slice(7, 10)).toEqual([60, '≥', '2026Q2']);
    expect(laiThieu?.[13]).toBe(byUnit['Lái Thiêu']);
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });

  it('shows per-commune statuses of the level-wide target, and the as-of date changes them', async () => {
    s.errors.length = 0;
    await page.goto(`${BASE}/targets?plan=${PLAN}`);
    await page.locator('h1', { hasText: 'Theo dõi mục tiêu' }).waitFor();
    const list = page.locator('.ant-table-wrapper').first();
    const listed = await statusesByUnit(list);
    expect(Object.keys(listed).length).toBe(WARD_COUNT);
    await screenshot(page, 'targets-list');

    await list.getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/targets/${targetId}\\?`));
    await page.locator('h1', { hasText: 'hồ sơ công việc tại cấp xã' }).waitFor();
    // The progress chart of one commune against the target.
    await page.locator('[role="img"] canvas').first().waitFor();
    const perUnit = page.locator('.ant-card', {
      has: page.locator('.ant-card-head-title', { hasText: /^Theo đơn vị$/ }),
    });
    const today = await statusesByUnit(perUnit);
    expect(Object.keys(today).length).toBe(WARD_COUNT);
    // The deadline (Quý II/2026) has passed: each reporting ward has either met the target or is
    // overdue; the city's wards without demo figures have no data.
    for (const ward of WARDS) expect(['Đã đạt', 'Quá hạn, chưa đạt']).toContain(today[ward]);
    for (const status of Object.values(today))
      expect(['Đã đạt', 'Quá hạn, chưa đạt', 'Chưa có số liệu']).toContain(status);
    await screenshot(page, 'target-today');

    // As of early 2026, before the deadline: the same wards are judged on their pace.
    const asOf = page.getByLabel('Tính đến ngày');
    await asOf.click();
    await asOf.fill('01/03/2026');
    await asOf.press('Enter');
    await page.waitForURL(/asOf=2026-03-01/);
    await expect
      .poll(async () => JSON.stringify(await statusesByUnit(perUnit)), { timeout: 15_000 })
      .not.toBe(JSON.stringify(today));
    const early = await statusesByUnit(perUnit);
    expect(
      Object.values(early).some((x) => ['Đúng tiến độ', 'Có nguy cơ chậm', 'Chậm tiến độ'].includes(x)),
    ).toBe(true);
    expect(Object.values(early)).not.toContain('Quá hạn, chưa đạt');
    for (const ward of WARDS)
      expect(['Đã đạt', 'Đúng tiến độ', 'Có nguy cơ chậm', 'Chậm tiến độ']).toContain(early[ward]);
    // The linked task is listed on the target.
    await page.getByText(TASK).waitFor();
    await screenshot(page, 'target-as-of');
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });

  it('shows the task on the board and in the lead unit’s work', async () => {
    s.errors.length = 0;
    await page.goto(`${BASE}/tasks?plan=${PLAN}&asOf=2026-06-27`);
    const card = page.locator('.ant-card', { hasText: TASK }).last();
    await card.waitFor();
    // Due 30/06/2026, seen from 27/06/2026: within 7 days.
    const column = page.locator('.ant-col', {
      has: page.locator('.ant-card-head-title', { hasText: /^Trong 7 ngày/ }),
    });
    await column.getByText(TASK).waitFor();
    await card.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Thuận An').first().waitFor();
    await screenshot(page, 'task-board');

    // The reporter of ward Thuận An sees the task among their unit's work.
    const other = await newSession(browser);
    try {
      await login(other.page, 'phuongthuanan');
      await other.page.goto(`${BASE}/my-work`);
      await other.page.locator('h1', { hasText: 'Việc của tôi' }).waitFor();
      await other.page.getByText(TASK).first().waitFor({ timeout: 30_000 });
      await screenshot(other.page, 'my-work');
      expect(unexpectedErrors(other.errors)).toEqual([]);
    } finally {
      await other.context.close();
    }
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });
});
