/**
 * Periodic reporting end to end (today's demo, Hồ Chí Minh City on the 2025-07 two-level tree): ward
 * Thuận An's reporter fills the monthly ward form for the open period,
 * meets a validation error and fixes it, submits; the secretariat returns it with a reason; the
 * reporter corrects and re-submits; the secretariat approves; the late-units view lists late units.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BASE, launch, login, newSession, screenshot, unexpectedErrors } from './browser.js';

const FORM = 'BC_CDS_THANG_HCM';
const UNIT = '25978'; // ward Thuận An
/** The wards of the monthly HCMC form (those formed from the demo's communes). */
const FORM_WARDS = 27;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

interface ScheduleItem {
  period: string;
  opensOn: string;
  dueDate: string;
  lockOn: string;
}

/** A period of the form that is open for entry today and that Thuận An has not submitted yet. */
async function openPeriod(page: Page): Promise<{ period: string; pastDue: string }> {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10); // Vietnam date
  const year = Number(today.slice(0, 4));
  const periods: ScheduleItem[] = [];
  for (const y of [year - 1, year]) {
    const r = await page.request.get(`${BASE}/api/forms/${FORM}/schedule?year=${y}`);
    expect(r.status()).toBe(200);
    periods.push(...((await r.json()) as { items: ScheduleItem[] }).items);
  }
  // the latest period already past its due date: some units are late or overdue there
  const pastDue = periods.filter((x) => x.dueDate < today).at(-1)?.period;
  for (const p of periods.filter((x) => x.opensOn <= today && today <= x.lockOn)) {
    const r = await page.request.get(`${BASE}/api/forms/${FORM}/entry?orgUnit=${UNIT}&period=${p.period}`);
    if (r.status() !== 200) continue;
    const e = (await r.json()) as { editable: boolean; submitted: boolean; status: string };
    if (e.editable && !e.submitted && e.status === 'draft' && pastDue)
      return { period: p.period, pastDue: p.dueDate < today ? p.period : pastDue };
  }
  throw new Error('no open, unsubmitted period of the monthly ward form for Thuận An');
}

const entryUrl = (period: string) => `${BASE}/reports/entry?form=${FORM}&unit=${UNIT}&period=${period}`;

async function openEntry(page: Page, period: string) {
  await page.goto(entryUrl(period));
  await page.getByTestId('report-entry').waitFor({ timeout: 30_000 });
}

async function statusOf(page: Page): Promise<string | null> {
  return page.getByTestId('report-entry').getAttribute('data-status');
}

it('a monthly report goes from entry through return to approval, and late units are listed', async () => {
  // --- the reporter fills the form ---
  const reporter = await newSession(browser);
  const rp = reporter.page;
  await login(rp, 'phuongthuanan');
  const { period, pastDue } = await openPeriod(rp);
  await openEntry(rp, period);
  expect(await statusOf(rp)).toBe('draft');

  const fill = async (id: string, value: string) => {
    const input = rp.locator(`#${id}`);
    await input.fill(value);
    await input.press('Tab');
  };
  // a ratio with the numerator above its denominator: refused, naming the cell
  await fill('cell-CQS_HSCV_MANG_XA-num', '120');
  await fill('cell-CQS_HSCV_MANG_XA-den', '100');
  await fill('cell-CQS_HS_TIEPNHAN', '1500');
  await fill('cell-CQS_HS_TRUCTUYEN-num', '1200');
  await fill('cell-CQS_HS_TRUCTUYEN-den', '1450');
  await fill('cell-CQS_HS_DUNGHAN_TYLE-num', '1380');
  await fill('cell-CQS_HS_DUNGHAN_TYLE-den', '1450');
  // XHS_KYNANG_SO_COBAN is left empty for now (the demo's saved draft value is cleared)
  await fill('cell-XHS_KYNANG_SO_COBAN', '');
  await rp.getByRole('button', { name: /Gửi báo cáo/ }).click();
  const errors = rp.getByTestId('entry-errors');
  await errors.waitFor();
  expect(await errors.textContent()).toMatch(/hồ sơ công việc.*tử số/i);
  await screenshot(rp, 'reporting-entry-error');

  // fix the ratio; the missing value is the next error, named too
  await fill('cell-CQS_HSCV_MANG_XA-num', '85');
  await rp.getByRole('button', { name: /Gửi báo cáo/ }).click();
  await expect
    .poll(async () => (await errors.textContent()) ?? '', { timeout: 15_000 })
    .toMatch(/kỹ năng số.*chưa nhập/i);
  await fill('cell-XHS_KYNANG_SO_COBAN', '240');

  // a comment on a value
  await rp.getByTestId('comment-CQS_HS_TIEPNHAN').click();
  await rp
    .getByRole('textbox', { name: /Ghi chú – Số hồ sơ thủ tục hành chính tiếp nhận/ })
    .fill('Số liệu từ hệ thống thông tin giải quyết TTHC.');
  await rp.keyboard.press('Escape');

  await rp.getByRole('button', { name: /Gửi báo cáo/ }).click();
  // warnings (if any rule warns) ask for confirmation
  const confirm = rp.getByRole('button', { name: /Vẫn gửi/ });
  await Promise.race([
    confirm.waitFor({ timeout: 10_000 }).then(() => confirm.click()),
    expect.poll(() => statusOf(rp), { timeout: 10_000 }).toBe('submitted'),
  ]).catch(() => undefined);
  await expect.poll(() => statusOf(rp), { timeout: 15_000 }).toBe('submitted');
  expect(reporter.errors.filter((e) => !/422|status of 4/.test(e))).toEqual([]);

  // --- the secretariat returns it with a reason ---
  const secretariat = await newSession(browser);
  const sp = secretariat.page;
  await login(sp, 'sokhcnhcm');
  await openEntry(sp, period);
  expect(await statusOf(sp)).toBe('submitted');
  await sp.getByRole('button', { name: /Trả lại/ }).click();
  const dialog = sp.getByRole('dialog');
  await dialog
    .getByRole('textbox')
    .fill('Số hồ sơ tiếp nhận chưa khớp hệ thống giải quyết TTHC, đề nghị rà soát.');
  await dialog.getByRole('button', { name: /Trả lại/ }).click();
  await expect.poll(() => statusOf(sp), { timeout: 15_000 }).toBe('returned');

  // --- the reporter sees the reason, corrects and re-submits ---
  await openEntry(rp, period);
  expect(await statusOf(rp)).toBe('returned');
  expect(await rp.getByTestId('return-reason').textContent()).toMatch(/chưa khớp hệ thống giải quyết TTHC/);
  await fill('cell-CQS_HS_TIEPNHAN', '1480');
  await rp.getByRole('button', { name: /Gửi báo cáo/ }).click();
  await Promise.race([
    confirm.waitFor({ timeout: 10_000 }).then(() => confirm.click()),
    expect.poll(() => statusOf(rp), { timeout: 10_000 }).toBe('submitted'),
  ]).catch(() => undefined);
  await expect.poll(() => statusOf(rp), { timeout: 15_000 }).toBe('submitted');

  // the corrected value keeps its history
  await rp.getByTestId('history-CQS_HS_TIEPNHAN').click();
  const history = rp.getByTestId('value-history');
  await history.waitFor();
  expect(await history.textContent()).toMatch(/1[.,]?500/);
  await screenshot(rp, 'reporting-value-history');

  // --- the secretariat approves ---
  await openEntry(sp, period);
  expect(await statusOf(sp)).toBe('submitted');
  await sp.getByRole('button', { name: /Phê duyệt/ }).click();
  await expect.poll(() => statusOf(sp), { timeout: 15_000 }).toBe('approved');
  const api = await sp.request.get(`${BASE}/api/forms/${FORM}/entry?orgUnit=${UNIT}&period=${period}`);
  expect(((await api.json()) as { status: string }).status).toBe('approved');
  await screenshot(sp, 'reporting-approved');

  // --- the late-units view lists late units (for a period already past its due date) ---
  await sp.goto(`${BASE}/reports/late?form=${FORM}&period=${pastDue}`);
  const late = sp.getByTestId('late-units');
  await late.waitFor();
  const lateApi = (await (
    await sp.request.get(`${BASE}/api/reports/late?form=${FORM}&period=${pastDue}`)
  ).json()) as { items: Array<{ orgUnit: string; name: string }> };
  expect(lateApi.items.length).toBeGreaterThan(0);
  await expect
    .poll(async () => late.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 })
    .toBe(lateApi.items.length);
  expect(await late.textContent()).toContain(lateApi.items[0].name);
  await screenshot(sp, 'reporting-late-units');

  // the timeliness table counts the same units
  await sp.goto(`${BASE}/reports/timeliness?form=${FORM}&period=${period}`);
  await sp.getByTestId('timeliness-table').waitFor();
  expect(await sp.getByTestId('timeliness-table').locator('tbody tr.ant-table-row').count()).toBe(FORM_WARDS);

  expect(secretariat.errors).toEqual([]);
  await reporter.context.close();
  await secretariat.context.close();
});

it('the forms list shows each form with its schedule and this period for the user', async () => {
  const s = await newSession(browser);
  await login(s.page, 'phuongthuanan');
  await s.page.goto(`${BASE}/reports`);
  const card = s.page.locator(`[data-form="${FORM}"]`);
  await card.waitFor({ timeout: 30_000 });
  await expect.poll(async () => (await card.textContent()) ?? '', { timeout: 15_000 }).toMatch(/Thuận An/);
  expect(await card.textContent()).toMatch(/Hạn nộp/);
  expect(s.errors).toEqual([]);
  await s.context.close();
});

it('the secretariat creates a monthly form for two wards with a rule, and sees it with its schedule', async () => {
  const s = await newSession(browser);
  const page = s.page;
  await login(page, 'sokhcnhcm');
  await page.goto(`${BASE}/reports`);
  await page.getByRole('button', { name: 'Tạo biểu mẫu' }).click();
  const editor = page.getByTestId('form-editor');
  await editor.waitFor({ timeout: 30_000 });

  const code = `BC_E2E_${Date.now().toString(36).toUpperCase()}`;
  await page.locator('#form-editor_code').fill(code);
  await page.locator('#form-editor_name').fill('Báo cáo thử nghiệm hằng tháng (hai phường)');

  /** Search a multi-select (without diacritics: the server folds them) and pick the option naming `pick`. */
  const choose = async (id: string, search: string, pick: string) => {
    const input = page.locator(`#${id}`);
    await input.click();
    await input.fill(search);
    const option = page.locator('.ant-select-item-option:visible', { hasText: pick }).first();
    await option.waitFor({ timeout: 15_000 });
    await option.click();
  };
  /** Picks every option of `items` in a multi-select, and picks again what a list still loading swallowed. */
  const chooseAll = async (id: string, items: Array<[string, string]>) => {
    const tags = page
      .locator(`#${id}`)
      .locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]')
      .locator('.ant-select-selection-item');
    for (let round = 0; round < 3; round++) {
      const shown = (await tags.allInnerTexts()).join(' | ');
      const missing = items.filter(([, pick]) => !shown.includes(pick));
      if (missing.length === 0) break;
      for (const [search, pick] of missing) await choose(id, search, pick);
      await page.keyboard.press('Escape');
    }
  };
  // the period type is monthly by default; indicators are searched among monthly ones
  await chooseAll('form-editor_indicators', [
    ['van ban di', '(CQS_VB_DI)'],
    ['kien nghi tiep nhan', '(CQS_PAKN_TIEPNHAN)'],
  ]);
  await chooseAll('form-editor_units', [
    ['thuan an', '(25978)'],
    ['di an', '(25942)'],
  ]);

  // one validation rule: outgoing documents may not be negative
  await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
  await page.locator('#form-editor_rules_0_code').fill('VB_DI_KHONG_AM');
  await page.locator('#form-editor_rules_0_left').fill('{CQS_VB_DI}');
  await page.locator('#form-editor_rules_0_operator').click();
  await page.locator('.ant-select-item-option:visible', { hasText: /^>=$/ }).click();
  await page.locator('#form-editor_rules_0_right').fill('0');
  await page.locator('#form-editor_rules_0_messageVi').fill('Số văn bản đi không được âm.');

  // the schedule of this year is previewed before saving: twelve months
  const preview = page.getByTestId('schedule-preview');
  await expect
    .poll(async () => preview.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 })
    .toBe(12);
  await screenshot(page, 'reporting-form-editor');

  await page.getByTestId('form-save').click();
  const card = page.locator(`[data-form="${code}"]`);
  await card.waitFor({ timeout: 30_000 });
  await expect
    .poll(async () => (await card.textContent()) ?? '', { timeout: 15_000 })
    .toMatch(/Hạn nộp[\s\S]*(Thuận An[\s\S]*Dĩ An|Dĩ An[\s\S]*Thuận An)/);
  expect(await card.locator('tbody tr.ant-table-row').count()).toBe(2);

  const forms = (await (await page.request.get(`${BASE}/api/forms`)).json()) as {
    items: Array<{
      code: string;
      periodType: string;
      units?: string[];
      indicators: string[];
      rules: unknown[];
    }>;
  };
  const made = forms.items.find((f) => f.code === code);
  expect(made?.periodType).toBe('month');
  expect([...(made?.units ?? [])].sort()).toEqual(['25942', '25978']);
  expect(made?.indicators).toEqual(['CQS_VB_DI', 'CQS_PAKN_TIEPNHAN']);
  expect(made?.rules).toEqual([
    {
      code: 'VB_DI_KHONG_AM',
      left: '{CQS_VB_DI}',
      operator: '>=',
      right: '0',
      importance: 'error',
      message: { vi: 'Số văn bản đi không được âm.' },
    },
  ]);
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
  const sch = await page.request.get(`${BASE}/api/forms/${code}/schedule?year=${year}`);
  expect(((await sch.json()) as { items: unknown[] }).items).toHaveLength(12);
  await screenshot(page, 'reporting-form-created');
  expect(unexpectedErrors(s.errors)).toEqual([]);
  await s.context.close();
});
