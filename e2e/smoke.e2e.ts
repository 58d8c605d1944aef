/** The server and the built app answer in a real Chromium. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BASE, launch, newSession } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

it('serves the app shell and the API docs', async () => {
  const s = await newSession(browser);
  const res = await s.page.goto(`${BASE}/`);
  expect(res?.status()).toBe(200);
  await s.page.waitForLoadState('networkidle');
  expect(await s.page.title()).toMatch(/chiso/i);
  const docs = await s.page.goto(`${BASE}/api/docs`);
  expect(docs?.status()).toBe(200);
  await s.context.close();
});
