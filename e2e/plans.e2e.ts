/**
 * Plans and targets: a plan with a level-wide target ("60% of work files processed online at
 * commune level" for every commune of Thuận An), created by the secretariat through the web app's
 * forms, then followed in the browser: the plan, the targets list, the target's per-commune
 * statuses, the as-of date that changes them, and the Excel download of the targets.
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
const PLAN_NAME = 'Kế hoạch chuyển đổi số cấp xã thành phố Thuận An (kiểm thử)';
const TASK = 'Số hóa quy trình xử lý hồ sơ công việc tại UBND các phường';

let browser: Browser;
let s: Session;
let page: Page;
let targetId: number;

beforeAll(async () => {
  browser = await launch();
  s = await newSession(browser);
  page = s.page;
  await login(page);
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

/** Status labels of the rows of a targets table, by unit name. */
async function statusesByUnit(table: ReturnType<Page['locator']>) {
  const rows = table.locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  const out: Record<string, string> = {};
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allInnerTexts();
    const status = (await row.locator('.ant-tag').first().innerText()).trim();
    out[cells[1].trim()] = status;
  }
  return out;
}

describe('plans', () => {
  it('creates the plan and its level-wide target through the forms', async () => {
    s.errors.length = 0;
    await page.goto(`${BASE}/plans`);
    await page.getByRole('button', { name: 'Thêm kế hoạch' }).click();
    const plan = page.getByRole('dialog', { name: 'Thêm kế hoạch' });
    await plan.getByLabel('Mã', { exact: true }).fill(PLAN);
    await plan.getByLabel('Tên kế hoạch').fill(PLAN_NAME);
    await plan.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân thành phố Thuận An');
    await plan.getByLabel('Số văn bản').fill('99/KH-UBND');
    await plan.getByLabel('Ngày ban hành').fill('2024-01-15');
    await choose(plan.getByLabel('Từ kỳ'), '2024', 'Năm 2024');
    await choose(plan.getByLabel('Đến kỳ'), '2025', 'Năm 2025');
    await choose(plan.getByLabel('Đơn vị phạm vi'), 'Thuận An', 'Thuận An (725)');
    await screenshot(page, 'plan-form');
    await plan.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(new RegExp(`/plans/${PLAN}`));
    await page.locator('h1', { hasText: PLAN_NAME }).waitFor();

    // The target: every commune (level 3) of Thuận An, ≥ 60 % by 2025, baseline from the 2023 data.
    await page.getByRole('button', { name: 'Thêm mục tiêu' }).click();
    const target = page.getByRole('dialog', { name: 'Thêm mục tiêu' });
    await choose(
      target.getByLabel('Chỉ tiêu', { exact: true }),
      'CQS_HSCV_MANG_XA',
      'Tỷ lệ hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng (CQS_HSCV_MANG_XA)',
    );
    await target.getByText('Mọi đơn vị của một cấp trong đơn vị').click();
    await choose(target.getByLabel('Cấp', { exact: true }), '', 'Xã, phường');
    await choose(target.getByLabel('Kỳ gốc', { exact: true }), '2023', 'Năm 2023');
    await choose(target.getByLabel('So sánh'), '', '≥ tối thiểu');
    await target.getByLabel('Giá trị mục tiêu').fill('60');
    await choose(target.getByLabel('Kỳ hạn đạt'), '2025', 'Năm 2025');
    await choose(target.getByLabel('Chủ trì'), 'Thuận An', 'Thuận An (725)');
    await target.getByLabel('Người chịu trách nhiệm').fill('Chủ tịch UBND các phường');
    await screenshot(page, 'target-form');
    await target.getByRole('button', { name: 'Lưu' }).click();
    await target.waitFor({ state: 'hidden' });

    const created = await apiCall<{
      items: Array<{ id: number; orgUnit: string; scope: { level: number } }>;
    }>(page, 'GET', `/targets?plan=${PLAN}`);
    expect(created.items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(created.items.map((i) => i.id)).size).toBe(1);
    expect(created.items[0].scope.level).toBe(3);
    targetId = created.items[0].id;
    const def = await apiCall<{
      definition: { orgUnit: string; level: number; target: unknown; baseline: unknown; leadUnit: string };
    }>(page, 'GET', `/targets/${targetId}`);
    expect(def.definition).toMatchObject({
      orgUnit: '725',
      level: 3,
      target: { value: 60, period: '2025', comparator: '>=' },
      baseline: { period: '2023' },
      leadUnit: '725',
    });
    await apiCall(page, 'POST', '/tasks', {
      plan: PLAN,
      title: TASK,
      leadUnit: '725',
      dueDate: '2025-06-30',
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
    // Every commune (phường) of Thuận An has its own row.
    expect(Object.keys(byUnit)).toEqual(expect.arrayContaining(['Lái Thiêu', 'Bình Chuẩn', 'An Phú']));
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
    expect(laiThieu?.slice(7, 10)).toEqual([60, '≥', '2025']);
    expect(laiThieu?.[13]).toBe(byUnit['Lái Thiêu']);
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });

  it('shows per-commune statuses of the level-wide target, and the as-of date changes them', async () => {
    s.errors.length = 0;
    await page.goto(`${BASE}/targets?plan=${PLAN}`);
    await page.locator('h1', { hasText: 'Theo dõi mục tiêu' }).waitFor();
    const list = page.locator('.ant-table').first();
    const listed = await statusesByUnit(list);
    expect(Object.keys(listed).length).toBeGreaterThanOrEqual(3);
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
    expect(Object.keys(today)).toEqual(expect.arrayContaining(['Lái Thiêu', 'Bình Chuẩn', 'An Phú']));
    // The deadline (2025) has passed: each commune has either met the target or is overdue.
    for (const status of Object.values(today)) expect(['Đã đạt', 'Quá hạn, chưa đạt']).toContain(status);
    await screenshot(page, 'target-today');

    // As of early 2024, before the deadline: the same communes are judged on their pace.
    const asOf = page.getByLabel('Tính đến ngày');
    await asOf.fill('2024-03-01');
    await page.waitForURL(/asOf=2024-03-01/);
    await expect
      .poll(async () => JSON.stringify(await statusesByUnit(perUnit)), { timeout: 15_000 })
      .not.toBe(JSON.stringify(today));
    const early = await statusesByUnit(perUnit);
    expect(
      Object.values(early).some((x) => ['Đúng tiến độ', 'Có nguy cơ chậm', 'Chậm tiến độ'].includes(x)),
    ).toBe(true);
    expect(Object.values(early)).not.toContain('Quá hạn, chưa đạt');
    // The linked task is listed on the target.
    await page.getByText(TASK).waitFor();
    await screenshot(page, 'target-as-of');
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });

  it('shows the task on the board and in the lead unit’s work', async () => {
    s.errors.length = 0;
    await page.goto(`${BASE}/tasks?plan=${PLAN}&asOf=2025-06-27`);
    const card = page.locator('.ant-card', { hasText: TASK }).last();
    await card.waitFor();
    // Due 30/06/2025, seen from 27/06/2025: within 7 days.
    const column = page.locator('.ant-col', {
      has: page.locator('.ant-card-head-title', { hasText: /^Trong 7 ngày/ }),
    });
    await column.getByText(TASK).waitFor();
    await card.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Thuận An').first().waitFor();
    await screenshot(page, 'task-board');

    // The reporter of Thuận An sees the task among their unit's work.
    const other = await newSession(browser);
    try {
      await login(other.page, 'thuanan');
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
