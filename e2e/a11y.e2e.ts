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

it('the entry grid works from the keyboard: Tab, the arrows and Enter move cell to cell, typing enters a value', async () => {
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
  const active = () => page.evaluate(() => document.activeElement?.id ?? '');
  // Tab leaves the cell; a few more reach the next value cell (comment and history buttons between)
  let reached: string | null = null;
  for (let i = 0; i < 6 && !reached; i++) {
    await page.keyboard.press('Tab');
    const id = await active();
    if (id.startsWith('cell-') && id !== firstId) reached = id;
  }
  expect(reached).not.toBeNull();

  // the grid's cells by row: [id, is a drop-down][]
  const rows = await page.evaluate(() => {
    const out: Array<Array<[string, boolean]>> = [];
    let tr: Element | null = null;
    for (const c of Array.from(document.querySelectorAll<HTMLInputElement>('input[id^="cell-"]'))) {
      const row = c.closest('tr');
      if (row !== tr) out.push([]);
      tr = row;
      out[out.length - 1].push([c.id, c.getAttribute('role') === 'combobox']);
    }
    return out;
  });
  // three rows running whose first cell is a number field
  const k = rows.findIndex((_, i) => [0, 1, 2, 3].every((d) => rows[i + d] && !rows[i + d][0][1]));
  expect(k).toBeGreaterThanOrEqual(0);
  const col0 = (r: number) => rows[r][0][0];
  await page.locator(`#${col0(k)}`).focus();
  await page.keyboard.press('ArrowDown');
  expect(await active()).toBe(col0(k + 1));
  await page.keyboard.press('ArrowDown');
  expect(await active()).toBe(col0(k + 2));
  await page.keyboard.press('ArrowUp');
  expect(await active()).toBe(col0(k + 1));
  await page.keyboard.press('Enter');
  expect(await active()).toBe(col0(k + 2));
  // the arrows move rather than step a number: the cells left behind keep their values
  const before = await page.locator(`#${col0(k + 3)}`).inputValue();
  // arriving selects the value, so typing replaces it; Enter keeps it and goes down
  await page.keyboard.type('4321');
  await page.keyboard.press('Enter');
  expect(await active()).toBe(col0(k + 3));
  await expect.poll(() => page.locator(`#${col0(k + 2)}`).inputValue()).toBe('4.321');
  expect(await page.locator(`#${col0(k + 3)}`).inputValue()).toBe(before);
  // Left and Right edit inside the text, and leave the cell only from its start or end
  await page.locator(`#${col0(k + 2)}`).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  expect(await active()).toBe(col0(k + 2));
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowLeft');
  const left = rows[k + 1][rows[k + 1].length - 1][0];
  expect(await active()).toBe(left);
  await page.locator(`#${col0(k + 2)}`).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  expect(await active()).toBe(rows[k + 2][1]?.[0] ?? col0(k + 3));
  await s.context.close();
});
