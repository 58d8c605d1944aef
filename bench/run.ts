/**
 * `npm run bench`: the province-scale benchmark on PostgreSQL (DATABASE_URL, or 127.0.0.1:5432
 * when it answers; a throw-away schema) and on PGlite (a temporary data folder). Prints a Markdown
 * table and writes it, with the machine, into docs/benchmarks.md ("Latest run").
 *
 * BENCH_SCALE (default 1 = ~1,000 indicators), BENCH_RUNS (50), BENCH_WARMUP (5), BENCH_CHUNK
 * (100000 rows per API request), BENCH_UPDATE_ROWS (300000 rows in the update import),
 * BENCH_ENGINES (postgresql,pglite). Then the load run (./load.ts) on each engine's filled database:
 * the server as a child process under autocannon (BENCH_LOAD_CONNECTIONS, default 200,500;
 * BENCH_LOAD_SECONDS, default 10; BENCH_LOAD=0 skips it), and imports over HTTP for peak memory.
 *
 * `npm run bench -- --national` (or BENCH_SCALE=national): the national benchmark instead
 * (./national.ts, PostgreSQL only, ~23 M values), written to docs/benchmarks.md's national section.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/index.js';
import { describeScore, scoreLabelled } from '../src/domain/planText/labels.js';
import * as users from '../src/repositories/users.js';
import { createApiToken } from '../src/services/auth.js';
import { sharedPath } from '../src/test/shared.js';
import { benchIndicators, benchUnits, benchValues, PROVINCE, valuesCsv } from './data.js';
import { type EngineResult, runBench } from './harness.js';
import { type LoadOptions, type LoadResult, loadTable, runLoad } from './load.js';
import { type NationalQuery, type NationalResult, runNational } from './national.js';

const env = process.env;
const national = process.argv.includes('--national') || env.BENCH_SCALE === 'national';
const opts = {
  scale: national ? 1 : Number(env.BENCH_SCALE ?? 1),
  runs: Number(env.BENCH_RUNS ?? 50),
  warmup: Number(env.BENCH_WARMUP ?? 5),
  chunk: Number(env.BENCH_CHUNK ?? 100_000),
  updateRows: Number(env.BENCH_UPDATE_ROWS ?? 300_000),
  log: (s: string) => console.error(`[bench] ${s}`),
};
const loadOn = env.BENCH_LOAD !== '0';
const loads: Array<{ engine: string; load: LoadResult }> = [];
const engines = (env.BENCH_ENGINES ?? 'postgresql,pglite').split(',').map((s) => s.trim());

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 500 });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** Runs `fn` on PostgreSQL in a throw-away schema (dropped after); a string when there is no server. */
async function onPostgres<T>(fn: (database: Database, url: string) => Promise<T>): Promise<T | string> {
  let url = env.DATABASE_URL;
  if (!url) {
    if (!(await portOpen('127.0.0.1', 5432))) return 'skipped: no DATABASE_URL and nothing on 127.0.0.1:5432';
    url = 'postgres://postgres@127.0.0.1:5432/test';
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const database = await openDatabase({ databaseUrl: u.toString() });
  try {
    return await fn(database, u.toString());
  } finally {
    await database.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  }
}

async function onPglite(): Promise<EngineResult> {
  const dir = mkdtempSync(join(tmpdir(), 'chiso-bench-'));
  const database = await openDatabase({ dataDir: dir });
  let open = true;
  try {
    const r = await runBench(database, 'PGlite', opts);
    if (loadOn) {
      const o = await loadOptions(database, { CHISO_DATA_DIR: dir });
      // one process at a time in a PGlite folder: the server child takes it over
      await database.close();
      open = false;
      loads.push({ engine: `PGlite ${r.version}`, load: await runLoad(o) });
    }
    return r;
  } finally {
    if (open) await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What the load run asks of a filled bench database: a token, the province overview and one
 * monthly count indicator by commune for 2024 (the harness's target), and two 100k-row imports.
 */
async function loadOptions(
  database: Awaited<ReturnType<typeof openDatabase>>,
  serverEnv: Record<string, string>,
): Promise<LoadOptions> {
  const admin = (await users.findUserByUsername(database, 'admin'))!;
  const { token } = await createApiToken(database, admin.id, {
    name: 'load',
    scope: 'write',
    expiresAt: null,
  });
  const indicators = benchIndicators(Math.max(12, Math.round(1000 * opts.scale)));
  const target =
    indicators.find((i) => i.kind === 'commune' && i.frequency === 'month' && i.valueType === 'count') ??
    indicators[0];
  const values = benchValues(indicators, benchUnits().units);
  const importBodies: LoadOptions['importBodies'] = [];
  for (let k = 0; k < 2; k++) {
    const chunk = [];
    // next(), not for-of: breaking out of a for-of would close the generator
    for (let n = values.next(); !n.done; n = values.next()) {
      chunk.push(n.value);
      if (chunk.length === opts.chunk) break;
    }
    if (chunk.length) importBodies.push({ csv: valuesCsv(chunk), rows: chunk.length });
  }
  return {
    serverEnv,
    headers: { authorization: `Bearer ${token}` },
    views: [
      { name: 'province overview', path: `/api/analytics/latest?orgUnit=${PROVINCE}` },
      {
        name: `${target.code} by commune, 2024`,
        path: `/api/analytics?indicator=${target.code}&orgUnit=${PROVINCE}&period=2024&level=3`,
      },
    ],
    connections: (env.BENCH_LOAD_CONNECTIONS ?? '200,500').split(',').map(Number),
    seconds: Number(env.BENCH_LOAD_SECONDS ?? 10),
    importBodies,
    log: opts.log,
  };
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const int = (x: number) => Math.round(x).toLocaleString('en');
const mark = (ok: boolean) => (ok ? '✅' : '❌');

function table(results: EngineResult[]): string {
  const lines = [
    '| Engine | Measure | chiso API | Raw (COPY / hand-written SQL) | API ÷ raw | Goal | Met |',
    '|---|---|---:|---:|---:|---|:-:|',
  ];
  for (const r of results) {
    const imp = r.importApi.rowsPerSecond / r.importCopy.rowsPerSecond;
    lines.push(
      `| ${r.engine} ${r.version} | Bulk import, ${int(r.rows)} rows (rows/s) | ${int(r.importApi.rowsPerSecond)} (${f1(r.importApi.seconds)} s) | ${int(r.importCopy.rowsPerSecond)} (${f1(r.importCopy.seconds)} s) | ${f2(imp)} | ≥ 0.5 × COPY | ${mark(imp >= 0.5)} |`,
    );
    const upd = r.updateApi.rowsPerSecond / r.importCopy.rowsPerSecond;
    lines.push(
      `| ${r.engine} ${r.version} | Update import, ${int(r.updateApi.rows)} rows all changed, one request (rows/s) | ${int(r.updateApi.rowsPerSecond)} (${f1(r.updateApi.seconds)} s) | ${int(r.importCopy.rowsPerSecond)} (COPY) | ${f2(upd)} | linear in rows | — |`,
    );
    for (const [name, q] of [
      [`Province overview, ${r.overview.items} indicators (p50 / p95 ms)`, r.overview],
      [`${r.byLevel.indicator} by level-2 unit, year 2024, ${r.byLevel.rows} rows (p50 / p95 ms)`, r.byLevel],
    ] as const) {
      const ratio = q.api.p95 / q.sql.p95;
      const pgGoal = r.engine === 'PostgreSQL';
      const ok = ratio <= 1.5 && (!pgGoal || q.api.p95 <= 50);
      lines.push(
        `| ${r.engine} ${r.version} | ${name} | ${f1(q.api.p50)} / ${f1(q.api.p95)} | ${f1(q.sql.p50)} / ${f1(q.sql.p95)} | ${f2(ratio)} (p95) | p95 ≤ 1.5 × SQL${pgGoal ? ', ≤ 50 ms' : ''} | ${mark(ok)} |`,
      );
    }
  }
  return lines.join('\n');
}

function machine(results: EngineResult[]): string {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {}
  return [
    `- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    `- CPU: ${cpu}, ${cpus().length} cores; memory ${f1(totalmem() / 1024 ** 3)} GiB`,
    `- Node ${process.version}; ${results.map((r) => `${r.engine} ${r.version}`).join('; ')}`,
    `- Scale ${opts.scale} (${results[0]?.indicators ?? '?'} indicators, ${results[0]?.units ?? '?'} units${results[0] ? `, ${results[0].unitSource === 'gso' ? 'real Bình Dương units + 15 departments' : 'synthetic units'}` : ''}, 2020–2024), ${results[0] ? int(results[0].rows) : '?'} values; API chunks of ${int(opts.chunk)} rows; ${opts.warmup} warm-up + ${opts.runs} timed runs per query`,
  ].join('\n');
}

/** The national run as Markdown: machine, data, then each measure against its reference and goal. */
function nationalSection(r: NationalResult): string {
  const imp = r.importApi.rowsPerSecond / r.importCopy.rowsPerSecond;
  const lines = [
    machine([]).split('\n').slice(0, 2).join('\n'),
    `- Node ${process.version}; ${r.engine} ${r.version}`,
    `- The real 2025-07 tree (${r.provinces} provinces, ${int(r.communes)} communes), ${r.indicators} monthly indicators (${env.BENCH_NATIONAL_INDICATORS ? env.BENCH_NATIONAL_INDICATORS.replace(/^(\d+),(\d+)$/, '$1 counts, $2 ratios') : '100 counts, 20 ratios'}) reported by communes, 2021–2025: ${int(r.rows)} values, loaded by COPY in ${f1(r.loadSeconds)} s; ${env.BENCH_WARMUP ?? 3} warm-up + ${env.BENCH_RUNS ?? 30} timed runs per query`,
    '',
    '| Measure | chiso API | Raw (COPY / hand-written SQL) | API ÷ raw | Goal | Met |',
    '|---|---:|---:|---:|---|:-:|',
    `| Import through the API, sample of ${int(r.importApi.rows)} new rows (rows/s) | ${int(r.importApi.rowsPerSecond)} (${f1(r.importApi.seconds)} s) | ${int(r.importCopy.rowsPerSecond)} (COPY, same key) | ${f2(imp)} | ≥ 0.5 × COPY | ${mark(imp >= 0.5)} |`,
  ];
  const row = (name: string, q: NationalQuery, goal: string, ok: (ratio: number) => boolean) => {
    const ratio = q.api.p95 / q.sql.p95;
    lines.push(
      `| ${name} (p50 / p95 ms) | ${f1(q.api.p50)} / ${f1(q.api.p95)} | ${f1(q.sql.p50)} / ${f1(q.sql.p95)} | ${f2(ratio)} (p95) | ${goal} | ${mark(ok(ratio))} |`,
    );
  };
  row(
    `Province overview, HCMC, ${r.overview.items} indicators`,
    r.overview,
    'p95 ≤ 50 ms, ≤ 1.5 × SQL',
    (x) => x <= 1.5 && r.overview.api.p95 <= 50,
  );
  row(
    `One indicator by commune, HCMC 2024, ${r.communeView.rows} rows`,
    r.communeView,
    'p95 ≤ 1.5 × SQL',
    (x) => x <= 1.5,
  );
  row(
    `One indicator for the ${r.provincesView.rows} provinces, 2024`,
    r.provincesView,
    'p95 ≤ 100 ms',
    () => r.provincesView.api.p95 <= 100,
  );
  row(
    `National ratio Σnum/Σden, 2024 (${r.ratioVia === 'VN' ? 'one request at VN' : '34 province rows summed by the client'})`,
    r.ratio,
    'p95 ≤ 100 ms',
    () => r.ratio.api.p95 <= 100,
  );
  row(
    `National DTI-style ranking of ${r.ranking.items} provinces, 2024 (and 2023 for the change)`,
    r.ranking,
    'p95 ≤ 200 ms',
    () => r.ranking.api.p95 <= 200,
  );
  lines.push(
    '',
    r.mismatches.length
      ? `**API and hand-written SQL disagree** (${r.mismatches.length}):\n${r.mismatches
          .slice(0, 20)
          .map((m) => `- ${m}`)
          .join('\n')}`
      : 'API and hand-written SQL return the same numbers for every question.',
  );
  return lines.join('\n');
}

const START = '<!-- latest-run:start -->';
const END = '<!-- latest-run:end -->';

function writeDocs(section: string, start = START, end = END) {
  const path = new URL('../docs/benchmarks.md', import.meta.url).pathname;
  const block = `${start}\n${section}\n${end}`;
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (text.includes(start) && text.includes(end))
    text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  else if (start !== START) text = `${text.trimEnd()}\n\n## National scale\n\n${block}\n`;
  else
    text = `# Benchmarks\n\n\`npm run bench\` (bench/run.ts) measures chiso against the database's own limit in the same run: bulk import through the API vs a raw \`COPY\` of the same rows, and each analytics API call vs hand-written SQL (bench/sql.ts) answering the same question on the same tables. \`BENCH_SCALE=0.1 npm run bench\` for a quick run. Numbers are never asserted by tests; bench/bench.test.ts only checks that the API and the SQL agree.\n\n## Latest run\n\n${block}\n${text ? `\n${text}` : ''}`;
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
}

if (national) {
  const r = await onPostgres((database) =>
    runNational(database, 'PostgreSQL', {
      runs: Number(env.BENCH_RUNS ?? 30),
      warmup: Number(env.BENCH_WARMUP ?? 3),
      log: opts.log,
      // BENCH_NATIONAL_INDICATORS=5,5: 5 counts and 5 ratios, a quick try of the whole run
      ...(env.BENCH_NATIONAL_INDICATORS
        ? {
            counts: Number(env.BENCH_NATIONAL_INDICATORS.split(',')[0]),
            ratios: Number(env.BENCH_NATIONAL_INDICATORS.split(',')[1]),
          }
        : {}),
    }),
  );
  if (typeof r === 'string') throw new Error(`the national benchmark needs PostgreSQL (${r})`);
  const section = nationalSection(r);
  console.log(`\n${section}\n`);
  writeDocs(section, '<!-- national-run:start -->', '<!-- national-run:end -->');
  console.error('[bench] written to docs/benchmarks.md (national scale)');
  if (r.mismatches.length) process.exitCode = 1;
  process.exit();
}

const results: EngineResult[] = [];
const notes: string[] = [];
for (const e of engines) {
  if (e === 'postgresql') {
    const r = await onPostgres(async (database, url) => {
      const result = await runBench(database, 'PostgreSQL', opts);
      if (loadOn) {
        const o = await loadOptions(database, { DATABASE_URL: url });
        loads.push({ engine: `PostgreSQL ${result.version}`, load: await runLoad(o) });
      }
      return result;
    });
    if (typeof r === 'string') notes.push(`PostgreSQL ${r}`);
    else results.push(r);
  } else if (e === 'pglite') results.push(await onPglite());
}
/** Quality, not speed: the plan-text extraction on its labelled set (src/domain/planText/labels.ts). */
function planTextQuality(): string {
  const seeds = sharedPath('seeds');
  const { tuned, heldOut } = scoreLabelled((file) =>
    seeds ? readFileSync(join(seeds, file), 'utf8') : null,
  );
  return [
    `Plan-text extraction (labelled set${seeds ? '' : ', seed articles absent: own sentences only'}):`,
    `- tuned: ${describeScore(tuned)}`,
    `- held out: ${describeScore(heldOut)}`,
  ].join('\n');
}

const mismatches = results.flatMap((r) => r.mismatches.map((m) => `${r.engine}: ${m}`));
const section = [
  machine(results),
  '',
  table(results),
  '',
  mismatches.length
    ? `**API and hand-written SQL disagree** (${mismatches.length}):\n${mismatches
        .slice(0, 20)
        .map((m) => `- ${m}`)
        .join('\n')}`
    : 'API and hand-written SQL return the same numbers (values, previous values, reported/expected) for every row compared.',
  ...notes.map((n) => `\n${n}`),
  ...(loads.length
    ? [
        '',
        `Under load (bench/load.ts): the server as its own process (src/main.ts, default admission limits), autocannon ${env.BENCH_LOAD_SECONDS ?? 10} s per run; latency counts every answer, served or refused (503 + Retry-After). Then two ${int(opts.chunk)}-row CSV imports of stored values over HTTP.`,
        ...loads.flatMap((l) => ['', loadTable(l.engine, l.load)]),
      ]
    : []),
  '',
  planTextQuality(),
].join('\n');
console.log(`\n${section}\n`);
writeDocs(section);
console.error('[bench] written to docs/benchmarks.md');
if (mismatches.length) process.exitCode = 1;
