/** Shared set-up of the browser tests: Debian's Chromium through playwright-core, console errors collected. */
import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const BASE = process.env.CHISO_BASE_URL ?? 'http://127.0.0.1:3000';
export const ADMIN_PASSWORD = process.env.CHISO_ADMIN_PASSWORD ?? 'admin-e2e-Pass1';
export const DEMO_PASSWORD = process.env.CHISO_DEMO_PASSWORD ?? 'demo-e2e-Pass1';
export const ARTIFACTS = 'test-results/e2e';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
}

export async function newSession(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
): Promise<Session> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

export async function login(
  page: Page,
  username = 'admin',
  password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD,
) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForTimeout(800); // charts animate
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: false });
}

/** Console errors that matter: a 401 before login (the session probe) is expected. */
export function unexpectedErrors(errors: string[]): string[] {
  return errors.filter((e) => !/\b401\b|Unauthorized/i.test(e));
}

/** A JSON API call with the page's session cookie and its CSRF token (from GET /api/me). */
export async function apiCall<T = unknown>(
  page: Page,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<T> {
  const me = await page.request.get(`${BASE}/api/me`);
  if (!me.ok()) throw new Error(`GET /api/me: ${me.status()}`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const res = await page.request.fetch(`${BASE}/api${path}`, {
    method,
    headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    data: data === undefined ? undefined : JSON.stringify(data),
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
