/**
 * Accessibility (issue 16, part 8): axe-core finds no WCAG 2 A/AA violation on five main pages, and the
 * entry grid is usable from the keyboard. axe-core (npm, devDependency) is injected from node_modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BASE, launch, login, newSession } from './browser.js';

const AXE = 'node_modules/axe-core/axe.min.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>;
}

async function axe(page: Page): Promise<string[]> {
  if (!existsSync(AXE)) throw new Error(`${AXE} is missing: axe-core (npm, devDependency) is not installed`);
  // evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses inline tags
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const r = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  )) as AxeResult;
  return r.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => JSON.stringify(n.target))
        .slice(0, 3)
        .join(' ')}`,
  );
}

it('five main pages have no WCAG 2 A/AA violation (axe-core)', async () => {
  const s = await newSession(browser, { width: 1440, height: 900 });
  const page = s.page;
  await login(page, 'phuongdian');
  const found: Record<string, string[]> = {};
  for (const path of [
    '/',
    '/indicators',
    '/reports/entry?form=BC_CDS_THANG_HCM&unit=25942',
    '/targets',
    '/rankings',
  ]) {
    await page.goto(`${BASE}${path}`);
    await page.locator('h1').first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(800); // charts and tags settle
    const v = await axe(page);
    if (v.length) found[path] = v;
  }
  expect(found).toEqual({});
  await s.context.close();
}, 240_000); // five pages, each drawn and scanned: over the default 90 s on a loaded machine

it('the entry grid works from the keyboard: Tab moves cell to cell, typing enters a value', async () => {
  const s = await newSession(browser);
  const page = s.page;
  await login(page, 'phuongdian');
  await page.goto(`${BASE}/reports/entry?form=BC_CDS_THANG_HCM&unit=25942`);
  await page.getByTestId('report-entry').waitFor({ timeout: 30_000 });
  const cells = page.locator('input[id^="cell-"]');
  await expect.poll(() => cells.count()).toBeGreaterThan(1);
  const first = cells.first();
  await first.focus();
  const firstId = await first.getAttribute('id');
  // Tab leaves the cell; a few more reach the next value cell (comment and history buttons between)
  let reached: string | null = null;
  for (let i = 0; i < 6 && !reached; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.id ?? '');
    if (id.startsWith('cell-') && id !== firstId) reached = id;
  }
  expect(reached).not.toBeNull();
  // arrow keys step a number cell; Enter keeps the value
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  expect(await page.locator(`#${reached}`).inputValue()).not.toBe('');
  await s.context.close();
});
