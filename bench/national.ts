/**
 * The national benchmark (`npm run bench -- --national`, PostgreSQL): the real 2025-07 tree and
 * ~23 M values (./nationalData.ts), loaded by COPY (`loadNational`, reusable by other benchmark
 * modules); then
 *  (a) the import through the API on a sample (a year of HCMC's count indicators, new keys) vs a
 *      COPY of the same rows into a table with data_value's key;
 *  (b) five questions through the API vs hand-written SQL (./sql.ts, ./nationalSql.ts), warm-up then
 *      N runs each, p50/p95: the HCMC overview, one indicator by commune in HCMC for 2024, one
 *      indicator for the 34 provinces, a national ratio and a DTI-style ranking of the provinces.
 * Also checks that the API and the SQL give the same numbers.
 */
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { importIndicators, indicatorRowsFromCsv } from '../src/cli/indicators.js';
import type { Database } from '../src/db/index.js';
import { importUnitsCsv } from '../src/services/orgUnits.js';
import {
  compareOverview,
  compareRows,
  engineVersion,
  maxPeriodIdToday,
  startBenchApp,
  type Timing,
  timeIt,
} from './harness.js';
import {
  HCMC,
  monthIds,
  NATIONAL_YEARS,
  nationalCopyChunks,
  nationalIndicators,
  nationalIndicatorsCsv,
  nationalUnitsCsv,
} from './nationalData.js';
import { indicatorByProvince, nationalRatio, provinceRanking, type RankComponent } from './nationalSql.js';
import { indicatorByLevel2, provinceOverview } from './sql.js';

export interface NationalLoaded {
  app: FastifyInstance;
  headers: Record<string, string>;
  provinces: string[];
  communes: number;
  indicators: number;
  rows: number;
  loadSeconds: number;
}

const VALUE_COLUMNS = [
  'province_id',
  'indicator_id',
  'period_id',
  'org_unit_id',
  'value',
  'numerator',
  'denominator',
];

/**
 * Sets up the national dataset on an empty (migrated) database: reference data and admin, the
 * 2025-07 units and the 120 indicators through the services, then every value by COPY (the
 * primary key dropped while copying and built once after), then ANALYZE. Returns the app, an
 * admin token's headers and what was loaded.
 */
export async function loadNational(
  database: Database,
  opts: { log?: (s: string) => void; chunkRows?: number; counts?: number; ratios?: number } = {},
): Promise<NationalLoaded> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const { app, actor, headers } = await startBenchApp(database);
  const u = await importUnitsCsv(database, actor, nationalUnitsCsv(), 'bench');
  if (u.rejected) throw new Error(`units: ${JSON.stringify(u.errors.slice(0, 3))}`);
  const list = nationalIndicators(opts.counts, opts.ratios);
  const parsed = indicatorRowsFromCsv(Buffer.from(nationalIndicatorsCsv(list)));
  const ir = await importIndicators(database, actor, parsed.inputs, parsed.problems);
  if (ir.errors.length) throw new Error(`indicators: ${JSON.stringify(ir.errors.slice(0, 3))}`);

  const ids = await sql<{ kind: 'i' | 'u' | 'p'; code: string; id: number; province_id: number | null }>`
    SELECT 'i' AS kind, code, id, NULL::int AS province_id FROM indicator
    UNION ALL SELECT CASE WHEN level = 1 THEN 'p' ELSE 'u' END, code, id, province_id FROM org_unit
    WHERE level > 0`.execute(database.db);
  const ratioCodes = new Set(list.filter((i) => i.ratio).map((i) => i.code));
  const indicators = ids.rows
    .filter((r) => r.kind === 'i')
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ id: r.id, ratio: ratioCodes.has(r.code) }));
  const communes = ids.rows
    .filter((r) => r.kind === 'u')
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ id: r.id, province: r.province_id! }));
  const provinces = ids.rows
    .filter((r) => r.kind === 'p')
    .map((r) => r.code)
    .sort();

  const pk = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = 'data_value'::regclass AND conname = 'data_value_pkey'`.execute(database.db);
  await database.execScript('ALTER TABLE data_value DROP CONSTRAINT data_value_pkey');
  let rows = 0;
  for (const csv of nationalCopyChunks({ indicators, communes }, NATIONAL_YEARS, opts.chunkRows ?? 500_000)) {
    rows += await database.transaction((tx) => tx.copyCsv('data_value', VALUE_COLUMNS, csv));
    if (rows % 5_000_000 < (opts.chunkRows ?? 500_000))
      log(`national: ${rows.toLocaleString('en')} values copied`);
  }
  await database.execScript(
    `SET maintenance_work_mem = '512MB'; ALTER TABLE data_value ADD CONSTRAINT data_value_pkey ${pk.rows[0].def}`,
  );
  await database.execScript('VACUUM ANALYZE data_value');
  await database.execScript('ANALYZE');
  const loadSeconds = (performance.now() - t0) / 1000;
  log(`national: ${rows.toLocaleString('en')} values loaded in ${loadSeconds.toFixed(1)} s`);
  return {
    app,
    headers,
    provinces,
    communes: communes.length,
    indicators: indicators.length,
    rows,
    loadSeconds,
  };
}

export interface NationalQuery {
  api: Timing;
  sql: Timing;
}

export interface NationalResult {
  engine: string;
  version: string;
  provinces: number;
  communes: number;
  indicators: number;
  rows: number;
  loadSeconds: number;
  importApi: { rows: number; seconds: number; rowsPerSecond: number };
  importCopy: { seconds: number; rowsPerSecond: number };
  overview: NationalQuery & { items: number };
  communeView: NationalQuery & { rows: number };
  provincesView: NationalQuery & { rows: number };
  ratio: NationalQuery & { value: number | null };
  ranking: NationalQuery & { items: number };
  /** How the API asked the national ratio: `VN` (one request) or the 34 provinces summed. */
  ratioVia: string;
  mismatches: string[];
}

const YEAR = 2024;
const RANKED: RankComponent[] = [
  ...['N001', 'N002', 'N003', 'N004', 'N005'].map((indicator, k) => ({
    code: `C${k + 1}`,
    indicator,
    weight: 0.1,
  })),
  ...['R01', 'R02', 'R03', 'R04', 'R05'].map((indicator, k) => ({
    code: `C${k + 6}`,
    indicator,
    weight: 0.1,
  })),
];
const DECIMALS = 6;

const close = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined
    ? (a ?? null) === (b ?? null)
    : Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

export async function runNational(
  database: Database,
  engine: string,
  opts: {
    runs: number;
    warmup: number;
    sampleChunk?: number;
    log?: (s: string) => void;
    /** Fewer indicators for a quick run (at least 5 of each, which the ranking uses). */
    counts?: number;
    ratios?: number;
  },
): Promise<NationalResult> {
  const log = opts.log ?? (() => {});
  const n = await loadNational(database, { log, counts: opts.counts, ratios: opts.ratios });
  const { app, headers } = n;
  const get = async <T>(url: string): Promise<T> => {
    const res = await app.inject({ url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json() as T;
  };
  try {
    // ---- (a) the import through the API on a sample: 2020, HCMC's communes, the count indicators
    const sample = await sql<{ csv: string; copy: string }>`
      SELECT string_agg(i.code || ',' || u.code || ',' || (p / 10 / 100)::text || 'M' || lpad(((p / 10) % 100)::text, 2, '0')
                        || ',' || ((i.id * 7919 + u.id * 31 + p) % 1000)::text || ',,', E'\n') AS csv,
             string_agg(u.province_id || ',' || i.id || ',' || p || ',' || u.id || ',' || ((i.id * 7919 + u.id * 31 + p) % 1000)::text || ',,', E'\n') AS copy
      FROM indicator i CROSS JOIN org_unit u CROSS JOIN unnest(${monthIds(2020)}::int[]) AS p
      WHERE i.value_type = 'count' AND u.province_id = (SELECT id FROM org_unit WHERE code = ${HCMC}) AND u.level = 2`.execute(
      database.db,
    );
    const sampleLines = sample.rows[0].csv.split('\n');
    const copyText = `${sample.rows[0].copy}\n`;
    await database.execScript(
      'DROP TABLE IF EXISTS bench_copy_reference; CREATE TABLE bench_copy_reference (LIKE data_value INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)',
    );
    let t0 = performance.now();
    await database.transaction((tx) => tx.copyCsv('bench_copy_reference', VALUE_COLUMNS, copyText));
    const copySeconds = (performance.now() - t0) / 1000;
    await database.execScript('DROP TABLE bench_copy_reference');
    const chunk = opts.sampleChunk ?? 100_000;
    t0 = performance.now();
    let imported = 0;
    for (let i = 0; i < sampleLines.length; i += chunk) {
      const body = `indicator,org_unit,period,value,numerator,denominator\n${sampleLines.slice(i, i + chunk).join('\n')}\n`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/data-values',
        headers: { ...headers, 'content-type': 'text/csv' },
        payload: body,
      });
      if (res.statusCode !== 200) throw new Error(`API import: ${res.statusCode} ${res.body.slice(0, 300)}`);
      imported += res.json().imported;
    }
    const apiSeconds = (performance.now() - t0) / 1000;
    if (imported !== sampleLines.length) throw new Error(`API imported ${imported} of ${sampleLines.length}`);
    log(
      `national: API import of ${imported} rows ${apiSeconds.toFixed(2)} s, COPY ${copySeconds.toFixed(2)} s`,
    );
    await database.execScript('ANALYZE data_value');

    // ---- (b) the questions
    const mismatches: string[] = [];
    const maxPeriodId = maxPeriodIdToday();
    const months = monthIds(YEAR);
    type Item = Parameters<typeof compareOverview>[0][number];
    type Row = Parameters<typeof compareRows>[1][number] & {
      numerator: number | null;
      denominator: number | null;
    };
    const apiOverview = () => get<{ items: Item[] }>(`/api/analytics/latest?orgUnit=${HCMC}`);
    const apiCommunes = () =>
      get<{ rows: Row[] }>(`/api/analytics?indicator=N001&orgUnit=${HCMC}&period=${YEAR}&level=2`);
    const all = n.provinces.join(',');
    const apiProvinces = () =>
      get<{ rows: Row[] }>(`/api/analytics?indicator=N001&orgUnit=${all}&period=${YEAR}`);
    // one request at the national root when there is one, else the 34 provinces summed here
    const root = await sql<{ code: string }>`SELECT code FROM org_unit WHERE code = 'VN'`.execute(
      database.db,
    );
    const ratioVia = root.rows.length ? 'VN' : 'provinces';
    const scale = await sql<{
      s: number;
    }>`SELECT ratio_scale::float8 AS s FROM indicator WHERE code = 'R01'`.execute(database.db);
    const apiRatio = async () => {
      const { rows } = await get<{ rows: Row[] }>(
        `/api/analytics?indicator=R01&orgUnit=${ratioVia === 'VN' ? 'VN' : all}&period=${YEAR}`,
      );
      if (ratioVia === 'VN') return rows[0].value;
      const num = rows.reduce((s, r) => s + (r.numerator ?? 0), 0);
      const den = rows.reduce((s, r) => s + (r.denominator ?? 0), 0);
      return den ? (num / den) * scale.rows[0].s : null;
    };
    const put = await app.inject({
      method: 'PUT',
      url: '/api/scorecards/DTI_BENCH',
      headers,
      payload: {
        name: 'DTI (bench)',
        decimals: DECIMALS,
        components: RANKED.map((c) => ({
          code: c.code,
          name: c.code,
          weight: c.weight,
          indicator: c.indicator,
          scoring: { method: 'minmax' },
        })),
      },
    });
    if (put.statusCode >= 300) throw new Error(`scorecard: ${put.statusCode} ${put.body.slice(0, 300)}`);
    const apiRanking = () =>
      get<{ items: Array<{ orgUnit: string; score: number; rank: number; previousRank: number | null }> }>(
        `/api/scorecards/DTI_BENCH/ranking?period=${YEAR}`,
      );
    const sqlOverview = () => provinceOverview(database, HCMC, maxPeriodId);
    const sqlCommunes = () => indicatorByLevel2(database, HCMC, 'N001', months);
    const sqlProvinces = () => indicatorByProvince(database, 'N001', months);
    const sqlRatio = () => nationalRatio(database, 'R01', months);
    const sqlRanking = () => provinceRanking(database, RANKED, [YEAR - 1, YEAR], DECIMALS);

    // same numbers?
    const ov = await apiOverview();
    compareOverview(ov.items, await sqlOverview(), mismatches);
    const communes = (await apiCommunes()).rows;
    compareRows('N001 by commune', communes, await sqlCommunes(), mismatches);
    const provinces = (await apiProvinces()).rows;
    compareRows('N001 by province', provinces, await sqlProvinces(), mismatches);
    const ratio = await apiRatio();
    const ratioSql = await sqlRatio();
    if (!close(ratio, ratioSql.value)) mismatches.push(`national ratio R01: ${ratio} vs ${ratioSql.value}`);
    const ranking = (await apiRanking()).items;
    const rankSql = await sqlRanking();
    for (const a of ranking) {
      const cur = rankSql.find((s) => s.year === YEAR && s.orgUnit === a.orgUnit);
      const prev = rankSql.find((s) => s.year === YEAR - 1 && s.orgUnit === a.orgUnit);
      if (
        !cur ||
        !close(a.score, cur.score) ||
        a.rank !== cur.rank ||
        a.previousRank !== (prev?.rank ?? null)
      )
        mismatches.push(
          `ranking ${a.orgUnit}: ${a.score} #${a.rank} (before #${a.previousRank}) vs ${cur?.score} #${cur?.rank} (#${prev?.rank})`,
        );
    }
    if (ranking.length !== n.provinces.length) mismatches.push(`ranking: ${ranking.length} provinces`);

    const measure = async (name: string, api: () => Promise<unknown>, ref: () => Promise<unknown>) => {
      const r = {
        api: await timeIt(opts.runs, opts.warmup, api),
        sql: await timeIt(opts.runs, opts.warmup, ref),
      };
      log(`national ${name}: API p95 ${r.api.p95.toFixed(1)} ms, SQL p95 ${r.sql.p95.toFixed(1)} ms`);
      return r;
    };
    return {
      engine,
      version: await engineVersion(database),
      provinces: n.provinces.length,
      communes: n.communes,
      indicators: n.indicators,
      rows: n.rows,
      loadSeconds: n.loadSeconds,
      importApi: { rows: imported, seconds: apiSeconds, rowsPerSecond: imported / apiSeconds },
      importCopy: { seconds: copySeconds, rowsPerSecond: imported / copySeconds },
      overview: { ...(await measure('overview', apiOverview, sqlOverview)), items: ov.items.length },
      communeView: { ...(await measure('by commune', apiCommunes, sqlCommunes)), rows: communes.length },
      provincesView: {
        ...(await measure('34 provinces', apiProvinces, sqlProvinces)),
        rows: provinces.length,
      },
      ratio: { ...(await measure('national ratio', apiRatio, sqlRatio)), value: ratio },
      ranking: { ...(await measure('ranking', apiRanking, sqlRanking)), items: ranking.length },
      ratioVia,
      mismatches,
    };
  } finally {
    await app.close();
  }
}
