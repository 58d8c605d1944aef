/**
 * Notifications in the browser: the city's secretariat (sokhcnhcm) gives a task to ward Thuận An
 * (25978); the ward's reporter (phuongthuanan) sees the bell's count, reads the notification, follows
 * it to their work, and changes what reaches them by e-mail on the notifications page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

const PLAN = `E2E-TB-${Date.now().toString(36).toUpperCase()}`;
const TASK = 'Rà soát danh mục thủ tục hành chính trực tuyến toàn trình';

let browser: Browser;
let reporter: Session;
let page: Page;
let taskId: number;

beforeAll(async () => {
  browser = await launch();
  const sec = await newSession(browser);
  await login(sec.page, 'sokhcnhcm');
  await apiCall(sec.page, 'POST', '/plans', {
    code: PLAN,
    name: 'Kế hoạch kiểm thử thông báo',
    periodFrom: '2026',
    periodTo: '2026',
    scopeUnit: '79',
  });
  const task = await apiCall<{ id: number }>(sec.page, 'POST', '/tasks', {
    plan: PLAN,
    title: TASK,
    leadUnit: '25978',
    dueDate: '2026-12-31',
  });
  taskId = task.id;
  await sec.context.close();
  reporter = await newSession(browser);
  page = reporter.page;
  await login(page, 'phuongthuanan');
});
afterAll(async () => browser?.close());

it('the reporter sees the assignment under the bell and follows it to their work', async () => {
  const bell = page.getByTestId('notification-bell');
  await expect
    .poll(async () => (await bell.getAttribute('aria-label')) ?? '', { timeout: 30_000 })
    .toMatch(/Thông báo \([1-9]\d* chưa đọc\)/);
  await bell.click();
  const item = page.getByTestId('notification-list').getByText(`được giao chủ trì nhiệm vụ "${TASK}"`);
  await item.waitFor({ timeout: 15_000 });
  await screenshot(page, 'notifications-bell');
  await item.click();
  await page.waitForURL((u) => u.pathname === '/my-work' && u.searchParams.get('task') === String(taskId));
  // read now (the bell marks it read as the link is followed; the request may land just after)
  await expect
    .poll(
      async () => {
        const left = await apiCall<{ items: Array<{ link: string; readAt: string | null }> }>(
          page,
          'GET',
          '/notifications',
        );
        return left.items.find((n) => n.link === `/my-work?task=${taskId}`)?.readAt ?? null;
      },
      { timeout: 15_000 },
    )
    .not.toBeNull();
});

it('the notifications page lists them and keeps the person’s e-mail choices', async () => {
  await page.goto(`${BASE}/notifications`);
  await page.getByTestId('notification-item').first().waitFor();
  expect(await page.getByTestId('notification-item').count()).toBeGreaterThan(0);
  const emailSwitch = page.getByRole('switch', { name: 'Nhiệm vụ sắp đến hạn: E-mail' });
  await expect.poll(() => emailSwitch.getAttribute('aria-checked')).toBe('true');
  await emailSwitch.click();
  await page.getByText('Đã lưu lựa chọn nhận thông báo.').waitFor();
  await page.reload();
  await expect
    .poll(() =>
      page.getByRole('switch', { name: 'Nhiệm vụ sắp đến hạn: E-mail' }).getAttribute('aria-checked'),
    )
    .toBe('false');
  const prefs = await apiCall<Record<string, { email: boolean }>>(page, 'GET', '/notifications/preferences');
  expect(prefs.task_due.email).toBe(false);
  await screenshot(page, 'notifications-page');
  expect(unexpectedErrors(reporter.errors)).toEqual([]);
});
