/**
 * Plans and targets: a plan with a level-wide target ("60% of work files processed online at
 * commune level" for every commune of Thuận An), created with the page's session through the API
 * (the web app has no create forms yet), then followed in the browser: the plan, the targets list,
 * the target's per-commune statuses, and the as-of date that changes them.
 */
import type { Browser, Page } from 'playwright-core';
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
  await apiCall(page, 'POST', '/plans', {
    code: PLAN,
    name: PLAN_NAME,
    issuingBody: 'Ủy ban nhân dân thành phố Thuận An',
    documentNumber: '99/KH-UBND',
    documentDate: '2024-01-15',
    period: '2024-2025',
    scopeUnit: '725',
  });
  const target = await apiCall<{ id: number }>(page, 'POST', '/targets', {
    plan: PLAN,
    indicator: 'CQS_HSCV_MANG_XA',
    orgUnit: '725',
    level: 3,
    baseline: { period: '2023' },
    target: { value: 60, period: '2025', comparator: '>=' },
    leadUnit: '725',
    responsiblePerson: 'Chủ tịch UBND các phường',
  });
  targetId = target.id;
  await apiCall(page, 'POST', '/tasks', {
    plan: PLAN,
    title: TASK,
    leadUnit: '725',
    dueDate: '2025-06-30',
    status: 'in_progress',
    percentComplete: 40,
    targets: [targetId],
  });
});
afterAll(async () => browser?.close());

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
