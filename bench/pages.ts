/**
 * `npm run bench:pages`: how long each main page of the demo takes to be complete in Chromium, on
 * PGlite and on PostgreSQL (127.0.0.1:5432 or DATABASE_URL), with a warm browser cache, as the
 * user who opens it every day. "Complete" is the moment no API request is in flight and no
 * skeleton or spinner shows, held for QUIET_MS. Also lists the API calls behind the pages, slowest
 * first (p95 over all loads). Writes the tables into docs/benchmarks.md ("Pages").
 *
 * BENCH_PAGE_RUNS (5 timed loads per page after one warm-up), BENCH_ENGINES (pglite,postgresql).
 * Timings are measured, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { type Browser, chromium, type Page } from 'playwright-core';
import { findChromium } from '../scripts/chromium.mjs';
import { E2E_PASSWORDS, startDemoServer } from '../scripts/demoServer.mjs';

const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
const QUIET_MS = 300;
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgresql').split(',').map((s) => s.trim());
const log = (s: string) => console.error(`[bench:pages] ${s}`);

interface PageSpec {
  user: string;
  path: string;
  label: string;
}

/** The pages, each as the person who uses it: the city's leader, a ward's reporter, the secretariat. */
async function pagesOf(base: string, browser: Browser): Promise<PageSpec[]> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await login(page, base, 'lanhdaohcm');
  const inds = (await (await page.request.get(`${base}/api/indicators?limit=1`)).json()) as {
    items: Array<{ code: string }>;
  };
  const plans = (await (await page.request.get(`${base}/api/plans`)).json()) as {
    items: Array<{ code: string }>;
  };
  await ctx.close();
  const leader = (path: string, label: string) => ({ user: 'lanhdaohcm', path, label });
  return [
    leader('/', 'IOC overview (Tổng quan)'),
    leader('/indicators', 'Indicators'),
    leader(`/indicators/${inds.items[0]?.code}`, 'One indicator'),
    leader('/units', 'Units'),
    leader('/plans', 'Plans'),
    leader(`/plans/${plans.items[0]?.code}`, 'One plan'),
    leader('/targets', 'Targets'),
    leader('/tasks', 'Task board'),
    leader('/rankings', 'Rankings'),
    leader('/reviews', 'Reviews'),
    leader('/open', 'Open data'),
    { user: 'phuongthuanan', path: '/my-work', label: 'My work (ward reporter)' },
    { user: 'phuongthuanan', path: '/reports/entry', label: 'Report entry (ward reporter)' },
    { user: 'sokhcnhcm', path: '/reports', label: 'Reports (secretariat)' },
    { user: 'sokhcnhcm', path: '/reports/late', label: 'Late units (secretariat)' },
  ];
}

async function login(page: Page, base: string, username: string) {
  const res = await page.request.post(`${base}/api/auth/login`, {
    data: { username, password: E2E_PASSWORDS.demo },
  });
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()} ${await res.text()}`);
  // the app probes /api/me only where it has logged in before
  await page.goto(`${base}/login`);
  await page.evaluate("localStorage.setItem('chiso.session', '1')");
}

interface Load {
  ms: number;
  api: Array<{ key: string; ms: number }>;
}

/** One full load of `url`: navigation start to the first moment it stays quiet for QUIET_MS. */
async function loadOnce(page: Page, url: string): Promise<Load> {
  const inflight = new Set<unknown>();
  const api: Load['api'] = [];
  let lastActivity = 0;
  const t0 = Date.now();
  const onRequest = (r: import('playwright-core').Request) => {
    if (!r.url().includes('/api/')) return;
    inflight.add(r);
    lastActivity = Date.now();
  };
  const onDone = (r: import('playwright-core').Request) => {
    if (!inflight.delete(r)) return;
    lastActivity = Date.now();
    const t = r.timing();
    const u = new URL(r.url());
    const keys = [...u.searchParams.keys()].sort().join(',');
    api.push({
      key: `${r.method()} ${u.pathname}${keys ? `?${keys}` : ''}`,
      ms: t.responseEnd > 0 ? t.responseEnd : 0,
    });
  };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  try {
    await page.goto(url, { waitUntil: 'load' });
    let quietSince = 0;
    for (;;) {
      const busy =
        inflight.size > 0 ||
        (await page
          .locator('.ant-skeleton:visible, .ant-spin-spinning:visible, .chiso-page-skeleton:visible')
          .count()) > 0;
      const now = Date.now();
      if (busy) quietSince = 0;
      else if (!quietSince) quietSince = Math.max(now, lastActivity);
      if (quietSince && now - quietSince >= QUIET_MS) return { ms: quietSince - t0, api };
      if (now - t0 > 60_000) return { ms: Number.NaN, api };
      await page.waitForTimeout(20);
    }
  } finally {
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

interface EngineRun {
  engine: string;
  pages: Array<{ spec: PageSpec; p50: number; max: number }>;
  api: Array<{ key: string; n: number; p50: number; p95: number }>;
}

async function measure(
  engine: string,
  databaseUrl: string | undefined,
  browser: Browser,
): Promise<EngineRun> {
  log(`${engine}: starting chiso with the demo…`);
  const server = await startDemoServer({ databaseUrl });
  try {
    const specs = await pagesOf(server.base, browser);
    const sessions = new Map<string, Page>();
    const apiAll = new Map<string, number[]>();
    const pages: EngineRun['pages'] = [];
    for (const spec of specs) {
      let page = sessions.get(spec.user);
      if (!page) {
        const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
        page = await ctx.newPage();
        await login(page, server.base, spec.user);
        sessions.set(spec.user, page);
      }
      await loadOnce(page, server.base + spec.path); // warm-up: browser cache, server caches
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const l = await loadOnce(page, server.base + spec.path);
        times.push(l.ms);
        for (const a of l.api) apiAll.set(a.key, [...(apiAll.get(a.key) ?? []), a.ms]);
      }
      pages.push({ spec, p50: pct(times, 50), max: Math.max(...times) });
      log(
        `${engine}: ${spec.path} p50 ${Math.round(pct(times, 50))} ms, max ${Math.round(Math.max(...times))} ms`,
      );
    }
    const api = [...apiAll.entries()]
      .map(([key, xs]) => ({ key, n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95) }))
      .sort((a, b) => b.p95 - a.p95);
    return { engine, pages, api };
  } finally {
    await server.stop();
  }
}

function section(runs: EngineRun[]): string {
  const ms = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : 'timeout');
  const lines = [
    `- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC; ${cpus().length} cores; Chromium headless 1440×900; ${RUNS} loads per page after one warm-up; the demo (Hồ Chí Minh City today, Bình Dương history).`,
    '',
    `| Page | User | ${runs.map((r) => `${r.engine} p50 / max (ms)`).join(' | ')} | Goal |`,
    `|---|---|${runs.map(() => '---:').join('|')}|---|`,
  ];
  const specs = runs[0]?.pages.map((p) => p.spec) ?? [];
  specs.forEach((s, i) => {
    const cells = runs.map((r) => {
      const p = r.pages[i];
      const goal = r.engine === 'PostgreSQL' ? 1000 : 1500;
      return `${ms(p.p50)} / ${ms(p.max)} ${p.max <= goal ? '✅' : '❌'}`;
    });
    lines.push(
      `| ${s.label} (\`${s.path}\`) | ${s.user} | ${cells.join(' | ')} | ≤ 1 s PostgreSQL, ≤ 1.5 s PGlite |`,
    );
  });
  for (const r of runs) {
    lines.push('', `API calls behind the pages on ${r.engine}, slowest first (goal p95 ≤ 150 ms):`, '');
    lines.push('| Call | n | p50 (ms) | p95 (ms) | ≤ 150 ms |', '|---|---:|---:|---:|:-:|');
    for (const a of r.api.slice(0, 25))
      lines.push(`| \`${a.key}\` | ${a.n} | ${ms(a.p50)} | ${ms(a.p95)} | ${a.p95 <= 150 ? '✅' : '❌'} |`);
  }
  return lines.join('\n');
}

const START = '<!-- pages-run:start -->';
const END = '<!-- pages-run:end -->';
function writeDocs(text: string) {
  const path = new URL('../docs/benchmarks.md', import.meta.url).pathname;
  const block = `${START}\n${text}\n${END}`;
  let doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  if (doc.includes(START) && doc.includes(END))
    doc = doc.slice(0, doc.indexOf(START)) + block + doc.slice(doc.indexOf(END) + END.length);
  else
    doc = `${doc.trimEnd()}\n\n## Pages\n\n\`npm run bench:pages\` (bench/pages.ts): each main page's time to complete in Chromium, as its everyday user, on both databases.\n\n${block}\n`;
  writeFileSync(path, doc);
}

async function postgresUrl(): Promise<string | undefined> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const url = 'postgres://postgres@127.0.0.1:5432/test';
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.end();
    return url;
  } catch {
    return undefined;
  }
}

const executablePath = findChromium();
if (!executablePath) {
  console.error('[bench:pages] no Chromium found (set CHROMIUM_PATH or install chromium): nothing measured');
  process.exit(1);
}
log('building the web app…');
const build = spawnSync(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  {
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const runs: EngineRun[] = [];
try {
  for (const e of engines) {
    if (e === 'pglite') runs.push(await measure('PGlite', undefined, browser));
    else if (e === 'postgresql') {
      const url = await postgresUrl();
      if (url) runs.push(await measure('PostgreSQL', url, browser));
      else log('PostgreSQL: nothing on DATABASE_URL or 127.0.0.1:5432, skipped');
    }
  }
} finally {
  await browser.close();
}
const text = section(runs);
console.log(`\n${text}\n`);
writeDocs(text);
log('written to docs/benchmarks.md');
