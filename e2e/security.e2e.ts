/**
 * Rights in the browser: Thuận An's reporter cannot open Dĩ An's report (the API answers 403 and
 * the page shows an error state, no data), and sees no administration menu or admin pages.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BASE, launch, login, newSession, screenshot } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

it("a district reporter cannot see another district's report", async () => {
  const s = await newSession(browser);
  await login(s.page, 'thuanan');
  const period = '2025M06'; // in the demo history: Dĩ An has values there
  const answer = s.page.waitForResponse(
    (r) => r.url().includes('/api/forms/BC_CDS_THANG/entry') && r.url().includes('orgUnit=724'),
  );
  await s.page.goto(`${BASE}/reports/entry?form=BC_CDS_THANG&unit=724&period=${period}`);
  expect((await answer).status()).toBe(403);
  const alert = s.page.getByRole('alert');
  await alert.first().waitFor({ timeout: 30_000 });
  expect(await alert.first().textContent()).toMatch(/không có quyền|quyền/i);
  expect(await s.page.getByTestId('report-entry').count()).toBe(0);
  expect(await s.page.locator('input[id^="cell-"]').count()).toBe(0);
  await screenshot(s.page, 'security-entry-forbidden');

  // the API itself refuses, also with the reporter's cookie
  const direct = await s.page.request.get(
    `${BASE}/api/forms/BC_CDS_THANG/entry?orgUnit=724&period=${period}`,
  );
  expect(direct.status()).toBe(403);
  // and the reporter's own unit opens
  const own = await s.page.request.get(`${BASE}/api/forms/BC_CDS_THANG/entry?orgUnit=725&period=${period}`);
  expect(own.status()).toBe(200);
  await s.context.close();
});

it('a district reporter sees no administration menu and no admin pages', async () => {
  const s = await newSession(browser);
  await login(s.page, 'thuanan');
  await s.page.goto(`${BASE}/`);
  await s.page.locator('.ant-menu').first().waitFor({ timeout: 30_000 });
  expect(
    await s.page
      .locator('.ant-menu')
      .getByText(/^Quản trị$/)
      .count(),
  ).toBe(0);
  expect(await s.page.locator('.ant-menu a[href^="/admin"]').count()).toBe(0);

  for (const path of ['/admin/users', '/admin/audit']) {
    await s.page.goto(`${BASE}${path}`);
    await s.page.getByRole('alert').first().waitFor({ timeout: 30_000 });
    expect(await s.page.getByRole('alert').first().textContent()).toMatch(/quyền|quản trị/i);
    expect(await s.page.locator('table').count()).toBe(0);
  }
  const users = await s.page.request.get(`${BASE}/api/users`);
  expect(users.status()).toBe(403);
  const audit = await s.page.request.get(`${BASE}/api/audit`);
  expect(audit.status()).toBe(403);
  await s.context.close();
});
