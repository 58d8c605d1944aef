/**
 * Plans from text: the secretariat pastes a short Vietnamese plan into "Nhập từ văn bản" on a new
 * plan's page, sees each proposed target highlighted in the document beside the editable list,
 * drops one, names a responsible person, accepts two, and finds them among the plan's targets —
 * one of them level-wide (every commune) from its "cấp xã" sentence.
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

const PLAN = `E2E-TEXT-${Date.now().toString(36).toUpperCase()}`;
const TEXT = [
  'Mục tiêu cụ thể đến năm 2025:',
  'Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt 90% ở cấp tỉnh, 60% ở cấp xã.',
  'Phấn đấu 100% dịch vụ công trực tuyến được cung cấp dưới dạng toàn trình và một phần.',
].join('\n');

let browser: Browser;
let s: Session;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  s = await newSession(browser, { width: 1400, height: 900 });
  page = s.page;
  await login(page, 'sotttt');
  await apiCall(page, 'POST', '/plans', {
    code: PLAN,
    name: 'Kế hoạch chuyển đổi số nhập từ văn bản (kiểm thử)',
    scopeUnit: '74',
    period: '2024-2025',
  });
});
afterAll(async () => browser?.close());

describe('plan from text', () => {
  it('reads a pasted plan, and creates the two targets accepted', async () => {
    s.errors.length = 0;
    await page.goto(`${BASE}/plans/${PLAN}`);
    await page.getByRole('button', { name: 'Nhập từ văn bản' }).click();
    const drawer = page.getByRole('dialog', { name: 'Nhập mục tiêu từ văn bản kế hoạch' });
    await drawer.getByLabel('Nội dung kế hoạch').fill(TEXT);
    await drawer.getByRole('button', { name: 'Đọc văn bản' }).click();

    // three proposals, each quantity highlighted in the document
    await drawer.getByTestId('proposal-3').waitFor();
    const marks = drawer.getByTestId('plan-text-document').locator('mark');
    expect(await marks.allInnerTexts()).toEqual(['90%', '60%', '100%']);
    await expect.poll(() => drawer.getByTestId('proposal-1').innerText()).toContain('Khớp');
    expect(await drawer.getByLabel('Mọi đơn vị cấp xã').count()).toBe(0);
    expect(await drawer.getByTestId('proposal-2').innerText()).toContain('Mọi đơn vị cấp xã');
    await screenshot(page, 'plan-text-review');

    // drop the third, name who answers for the second, accept the first two
    await drawer.getByLabel('Nhận mục tiêu 3').uncheck();
    await drawer.getByLabel('Người chịu trách nhiệm 2').fill('Chủ tịch UBND các xã');
    expect(await drawer.getByTestId('plan-text-document').locator('mark').count()).toBe(2);
    await drawer.getByRole('button', { name: 'Tạo 2 mục tiêu đã nhận' }).click();
    await drawer.getByText('Đã tạo 2 mục tiêu').waitFor();
    expect(await drawer.locator('.ant-alert-error').count()).toBe(0);
    await drawer
      .getByRole('button', { name: /close|đóng/i })
      .first()
      .click();
    await drawer.waitFor({ state: 'hidden' });

    // the plan now lists them
    const list = await apiCall<{ items: Array<{ id: number; indicator: string }> }>(
      page,
      'GET',
      `/targets?plan=${PLAN}`,
    );
    const ids = [...new Set(list.items.map((i) => i.id))];
    expect(ids).toHaveLength(2);
    const defs = await Promise.all(
      ids.map((id) =>
        apiCall<{
          definition: {
            indicator: string;
            orgUnit: string;
            level: number | null;
            kind: string | null;
            target: { value: number; period: string; comparator: string };
            responsiblePerson: string | null;
          };
        }>(page, 'GET', `/targets/${id}`),
      ),
    );
    const shown = defs
      .map((d) => d.definition)
      .map((d) => [
        d.indicator,
        d.orgUnit,
        d.level,
        d.kind,
        d.target.value,
        d.target.period,
        d.target.comparator,
        d.responsiblePerson,
      ])
      .sort((a, b) => Number(a[4]) - Number(b[4]));
    expect(shown).toEqual([
      ['CQS_HSCV_MANG_XA', '74', 3, 'commune', 60, '2025', '>=', 'Chủ tịch UBND các xã'],
      ['CQS_HSCV_MANG_TINH', '74', null, null, 90, '2025', '>=', null],
    ]);
    const table = page.locator('.ant-card', { hasText: 'Mục tiêu' }).locator('table');
    await table
      .getByText('Tỷ lệ hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng')
      .first()
      .waitFor();
    await table
      .getByText('Tỷ lệ hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng')
      .first()
      .waitFor();
    await screenshot(page, 'plan-text-created');
    expect(unexpectedErrors(s.errors)).toEqual([]);
  });
});
