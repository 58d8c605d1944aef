/**
 * Behaviour under load, measured on a real server process: the server (src/main.ts) runs as a
 * child over a database the caller has already filled, so its memory can be read (/proc: VmRSS at
 * rest, VmHWM = peak). Then
 *  - autocannon at each connection count (default 200 and 500) against each view (e.g. the
 *    province overview and one indicator by commune): req/s answered, p50/p99 latency of every
 *    answer (served or refused), how many were refused (503, Retry-After) and how many errors or
 *    timeouts the clients saw;
 *  - optionally, import bodies (text/csv) posted through HTTP one after the other: rows/s and the
 *    peak RSS with an import running.
 *
 * Independent of how the data was made: give it the server's environment (DATABASE_URL with its
 * schema, or CHISO_DATA_DIR of a PGlite folder no other process has open), the auth headers and
 * the paths. autocannon is loaded at run time (`autocannon`, or the module named by
 * BENCH_AUTOCANNON); without it the concurrency part is skipped with a note.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface LoadView {
  /** shown in the table, e.g. "province overview" */
  name: string;
  /** path and query, e.g. /api/analytics/latest?orgUnit=74 */
  path: string;
}

export interface LoadOptions {
  /** environment of the server process (on top of this process's): DATABASE_URL or CHISO_DATA_DIR, limits… */
  serverEnv: Record<string, string>;
  headers: Record<string, string>;
  views: LoadView[];
  /** connection counts, default [200, 500] */
  connections?: number[];
  /** seconds per autocannon run, default 10 */
  seconds?: number;
  /** CSV bodies to import through HTTP after the load runs (POST /api/data-values, text/csv) */
  importBodies?: Array<{ csv: string; rows: number }>;
  log?: (s: string) => void;
}

export interface LoadRun {
  view: string;
  connections: number;
  /** answered 2xx per second */
  okPerSecond: number;
  /** every answer (served or refused), ms */
  p50: number;
  p99: number;
  ok: number;
  refused: number;
  /** other non-2xx answers */
  failed: number;
  errors: number;
  timeouts: number;
}

export interface LoadResult {
  runs: LoadRun[];
  /** MiB */
  rssAtRest: number;
  /** MiB, peak (VmHWM) after the load runs */
  rssPeakLoad: number;
  /** MiB, peak after the imports (when any) */
  rssPeakImport?: number;
  importRowsPerSecond?: number;
  notes: string[];
}

const ROOT = new URL('../', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM of a process, MiB (Linux). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      CHISO_DEMO: '0',
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d) => {
    err = (err + d).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${err}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
  });
}

type Autocannon = (opts: object) => Promise<{
  latency: { p50: number; p99: number };
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}>;

async function loadAutocannon(): Promise<Autocannon | null> {
  const name = process.env.BENCH_AUTOCANNON ?? 'autocannon';
  try {
    const mod = (await import(name)) as { default: Autocannon };
    return mod.default;
  } catch {
    return null;
  }
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const log = opts.log ?? (() => {});
  const notes: string[] = [];
  const { child, base } = await startServer(opts.serverEnv);
  const pid = child.pid!;
  try {
    // every view once, so the answer is warm and correct before the load
    for (const v of opts.views) {
      const r = await fetch(base + v.path, { headers: opts.headers });
      if (!r.ok) throw new Error(`${v.name}: ${r.status} ${(await r.text()).slice(0, 300)}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
    const rssAtRest = memoryOf(pid).rss;
    log(`load: server RSS at rest ${rssAtRest.toFixed(0)} MiB`);
    const runs: LoadRun[] = [];
    const autocannon = await loadAutocannon();
    if (!autocannon) notes.push('autocannon is not installed: the concurrency runs were skipped.');
    for (const connections of autocannon ? (opts.connections ?? [200, 500]) : []) {
      for (const v of opts.views) {
        const r = await autocannon!({
          url: base + v.path,
          headers: opts.headers,
          connections,
          duration: opts.seconds ?? 10,
          // a request not answered in 10 s counts as a timeout
          timeout: 10,
        });
        const refused = r.statusCodeStats['503']?.count ?? 0;
        const run: LoadRun = {
          view: v.name,
          connections,
          okPerSecond: r['2xx'] / r.duration,
          p50: r.latency.p50,
          p99: r.latency.p99,
          ok: r['2xx'],
          refused: Number(refused),
          failed: r.non2xx - Number(refused),
          errors: r.errors,
          timeouts: r.timeouts,
        };
        runs.push(run);
        log(
          `load: ${v.name} × ${connections}: ${run.okPerSecond.toFixed(0)} ok/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${run.refused} refused, ${run.errors} errors, ${run.timeouts} timeouts`,
        );
        // let the queue drain between runs
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    const rssPeakLoad = memoryOf(pid).peak;
    const result: LoadResult = { runs, rssAtRest, rssPeakLoad, notes };
    if (opts.importBodies?.length) {
      let rows = 0;
      const t0 = performance.now();
      for (const body of opts.importBodies) {
        const r = await fetch(`${base}/api/data-values`, {
          method: 'POST',
          headers: { ...opts.headers, 'content-type': 'text/csv' },
          body: body.csv,
        });
        if (!r.ok) throw new Error(`import: ${r.status} ${(await r.text()).slice(0, 300)}`);
        await r.arrayBuffer();
        rows += body.rows;
      }
      result.importRowsPerSecond = rows / ((performance.now() - t0) / 1000);
      result.rssPeakImport = memoryOf(pid).peak;
      log(
        `load: import over HTTP ${result.importRowsPerSecond.toFixed(0)} rows/s, peak RSS ${result.rssPeakImport.toFixed(0)} MiB`,
      );
    }
    return result;
  } finally {
    await stop(child);
  }
}

const f0 = (x: number) => Math.round(x).toLocaleString('en');

/** The load section of docs/benchmarks.md for one engine. */
export function loadTable(engine: string, r: LoadResult): string {
  const lines = [
    `| ${engine} | View | Connections | Served (req/s) | p50 / p99 ms (every answer) | Refused 503 | Other errors / timeouts |`,
    '|---|---|---:|---:|---:|---:|---:|',
    ...r.runs.map(
      (x) =>
        `| | ${x.view} | ${x.connections} | ${f0(x.okPerSecond)} | ${x.p50} / ${x.p99} | ${f0(x.refused)} | ${x.failed + x.errors} / ${x.timeouts} |`,
    ),
  ];
  const mem = [
    `Server RSS: ${f0(r.rssAtRest)} MiB at rest, peak ${f0(r.rssPeakLoad)} MiB under load`,
    r.rssPeakImport !== undefined
      ? `, peak ${f0(r.rssPeakImport)} MiB with imports (${f0(r.importRowsPerSecond ?? 0)} rows/s over HTTP)`
      : '',
    ' (goals: ≤ 300 at rest, ≤ 500 under load and imports).',
  ].join('');
  return [lines.join('\n'), '', mem, ...r.notes.map((n) => `\n${n}`)].join('\n');
}
