/**
 * One benchmark run on one open database: set up the province, then
 *  (a) bulk import through the API (POST /api/data-values, text/csv, ~100k-row chunks) vs a raw
 *      COPY of the same rows into data_value (truncated between); then an update import: the first
 *      300k stored values (BenchOptions.updateRows) again in one request, every one changed (each
 *      an UPDATE plus a history row), vs the same raw COPY rate;
 *  (b) the province overview and one indicator by level-2 unit for a year through the API vs the
 *      hand-written SQL of ./sql.ts — warm-up, then N runs each, p50/p95.
 * Also checks that the API and the SQL give the same numbers.
 */
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { importIndicators, indicatorRowsFromCsv } from '../src/cli/indicators.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/index.js';
import { parsePeriod, periodId } from '../src/domain/period.js';
import * as users from '../src/repositories/users.js';
import { buildApp } from '../src/server/app.js';
import { createApiToken, loadActor } from '../src/services/auth.js';
import { bootstrap } from '../src/services/bootstrap.js';
import { importUnitsCsv } from '../src/services/orgUnits.js';
import {
  type BenchIndicator,
  type BenchValue,
  benchIndicators,
  benchUnits,
  benchValues,
  indicatorsCsv,
  PROVINCE,
  unitsCsv,
  valuesCsv,
} from './data.js';
import { indicatorByLevel2, provinceOverview, type SqlRow } from './sql.js';

export interface BenchOptions {
  /** 1 = ~1,000 indicators. */
  scale: number;
  /** Timed runs per query. */
  runs: number;
  warmup: number;
  /** Rows per API request. */
  chunk: number;
  /** Rows of the update import (one request, every value changed); default 300,000 or all rows. */
  updateRows?: number;
  log?: (s: string) => void;
}

export interface Timing {
  p50: number;
  p95: number;
  mean: number;
}

export interface EngineResult {
  engine: string;
  version: string;
  units: number;
  indicators: number;
  rows: number;
  unitSource: string;
  importApi: { seconds: number; rowsPerSecond: number };
  importCopy: { seconds: number; rowsPerSecond: number };
  /** Re-import of stored values, every one changed: updates with history. */
  updateApi: { rows: number; seconds: number; rowsPerSecond: number };
  overview: { api: Timing; sql: Timing; items: number };
  byLevel: { api: Timing; sql: Timing; indicator: string; rows: number };
  mismatches: string[];
}

const ADMIN_PASSWORD = 'bench-Admin-Pass1';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export async function timeIt(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return {
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    mean: ms.reduce((s, x) => s + x, 0) / ms.length,
  };
}

/** Stored periods of an indicator's frequency inside a year (months, quarters or the year). */
export function periodIdsInYear(year: number, frequency: BenchIndicator['frequency']): number[] {
  const codes =
    frequency === 'month'
      ? Array.from({ length: 12 }, (_, i) => `${year}M${String(i + 1).padStart(2, '0')}`)
      : frequency === 'quarter'
        ? [1, 2, 3, 4].map((q) => `${year}Q${q}`)
        : [String(year)];
  return codes.map((c) => periodId(parsePeriod(c)!));
}

const close = (a: number | null | undefined, b: number | null | undefined) => {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return Math.abs(Number(a) - Number(b)) <= 1e-6 * Math.max(1, Math.abs(Number(b)));
};

export interface Prepared {
  app: FastifyInstance;
  headers: Record<string, string>;
  indicators: BenchIndicator[];
  values: BenchValue[];
  unitCount: number;
  unitSource: string;
}

/** Reference data and the admin (bootstrap), the app and an admin API token. */
export async function startBenchApp(database: Database) {
  const config = {
    ...loadConfig({}),
    demo: false,
    adminPassword: ADMIN_PASSWORD,
    webDir: '/nonexistent',
    logLevel: 'silent',
    bodyLimit: 256 * 1024 * 1024,
  };
  await bootstrap(database, config, () => {});
  const admin = (await users.findUserByUsername(database, 'admin'))!;
  const actor = (await loadActor(database, admin.id, 'session'))!;
  const app = await buildApp(database, config, { logger: false });
  await app.ready();
  const { token } = await createApiToken(database, admin.id, {
    name: 'bench',
    scope: 'write',
    expiresAt: null,
  });
  return { app, actor, headers: { authorization: `Bearer ${token}` } };
}

/** Reference data, admin, the org tree, the catalogue, the app and a token. */
export async function prepare(database: Database, opts: BenchOptions): Promise<Prepared> {
  const { app, actor, headers } = await startBenchApp(database);
  const { units, source } = benchUnits();
  const u = await importUnitsCsv(database, actor, Buffer.from(unitsCsv(units)), 'bench');
  if (u.rejected) throw new Error(`units: ${JSON.stringify(u.errors.slice(0, 3))}`);
  const indicators = benchIndicators(Math.max(12, Math.round(1000 * opts.scale)));
  const parsed = indicatorRowsFromCsv(Buffer.from(indicatorsCsv(indicators)));
  const ir = await importIndicators(database, actor, parsed.inputs, parsed.problems);
  if (ir.errors.length) throw new Error(`indicators: ${JSON.stringify(ir.errors.slice(0, 3))}`);
  const values = [...benchValues(indicators, units)];
  return {
    app,
    headers,
    indicators,
    values,
    unitCount: units.length,
    unitSource: source,
  };
}

export async function truncateValues(database: Database) {
  await database.execScript('TRUNCATE data_value, data_value_history');
}

export async function engineVersion(database: Database): Promise<string> {
  const r = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.db);
  return r.rows[0].v;
}

export async function runBench(
  database: Database,
  engine: string,
  opts: BenchOptions,
): Promise<EngineResult> {
  const log = opts.log ?? (() => {});
  const p = await prepare(database, opts);
  try {
    const rows = p.values.length;
    log(
      `${engine}: ${p.unitCount} units, ${p.indicators.length} indicators, ${rows.toLocaleString('en')} values`,
    );

    // ---- (a) bulk import: raw COPY, then the API, the same rows in the same chunks
    const ids = await sql<{ kind: 'i' | 'u'; code: string; id: number; province_id: number | null }>`
      SELECT 'i' AS kind, code, id, NULL::int AS province_id FROM indicator
      UNION ALL SELECT 'u', code, id, province_id FROM org_unit`.execute(database.db);
    const indId = new Map<string, number>();
    const unit = new Map<string, { id: number; province: number }>();
    for (const r of ids.rows)
      if (r.kind === 'i') indId.set(r.code, r.id);
      else unit.set(r.code, { id: r.id, province: r.province_id ?? r.id });
    const periodIds = new Map<string, number>();
    const chunks: BenchValue[][] = [];
    for (let i = 0; i < rows; i += opts.chunk) chunks.push(p.values.slice(i, i + opts.chunk));
    const copyCsvs = chunks.map((c) =>
      c
        .map((v) => {
          let pid = periodIds.get(v.period);
          if (pid === undefined) {
            pid = periodId(parsePeriod(v.period)!);
            periodIds.set(v.period, pid);
          }
          const u = unit.get(v.unit)!;
          const n = (x: number | null) => (x === null ? '' : String(x));
          return `${u.province},${indId.get(v.indicator)},${pid},${u.id},${n(v.value)},${n(v.numerator)},${n(v.denominator)}\n`;
        })
        .join(''),
    );
    const apiBodies = chunks.map(valuesCsv);

    await truncateValues(database);
    let t0 = performance.now();
    let copied = 0;
    for (const csv of copyCsvs)
      copied += await database.transaction((tx) =>
        tx.copyCsv(
          'data_value',
          ['province_id', 'indicator_id', 'period_id', 'org_unit_id', 'value', 'numerator', 'denominator'],
          csv,
        ),
      );
    const copySeconds = (performance.now() - t0) / 1000;
    if (copied !== rows) throw new Error(`COPY wrote ${copied} of ${rows} rows`);
    log(`${engine}: raw COPY ${copySeconds.toFixed(2)} s`);

    await truncateValues(database);
    t0 = performance.now();
    let imported = 0;
    for (const body of apiBodies) {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/data-values',
        headers: { ...p.headers, 'content-type': 'text/csv' },
        payload: body,
      });
      if (res.statusCode !== 200) throw new Error(`API import: ${res.statusCode} ${res.body.slice(0, 500)}`);
      imported += res.json().imported;
    }
    const apiSeconds = (performance.now() - t0) / 1000;
    if (imported !== rows) throw new Error(`API imported ${imported} of ${rows} rows`);
    log(`${engine}: API import ${apiSeconds.toFixed(2)} s`);

    // ---- (a2) update import: stored values again, every one changed, in one request
    const updateRows = Math.min(rows, opts.updateRows ?? 300_000);
    const updateBody = valuesCsv(p.values.slice(0, updateRows).map(changed));
    t0 = performance.now();
    const up = await p.app.inject({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...p.headers, 'content-type': 'text/csv' },
      payload: updateBody,
    });
    const updateSeconds = (performance.now() - t0) / 1000;
    if (up.statusCode !== 200) throw new Error(`API update: ${up.statusCode} ${up.body.slice(0, 500)}`);
    if (up.json().updated !== updateRows)
      throw new Error(`API update changed ${up.json().updated} of ${updateRows} rows`);
    log(`${engine}: API update import of ${updateRows} rows ${updateSeconds.toFixed(2)} s`);
    await database.execScript('VACUUM ANALYZE data_value');
    await database.execScript('ANALYZE');

    // ---- (b) analytics
    const mismatches: string[] = [];
    const maxPeriodId = maxPeriodIdToday();
    const apiOverview = async () => {
      const res = await p.app.inject({
        url: `/api/analytics/latest?orgUnit=${PROVINCE}`,
        headers: p.headers,
      });
      if (res.statusCode !== 200) throw new Error(`overview: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res.json() as {
        items: Array<{
          indicator: string;
          value: number | null;
          reported: number;
          expected: number;
          previousValue: number | null;
          period: string;
        }>;
      };
    };
    const target =
      p.indicators.find((i) => i.kind === 'commune' && i.frequency === 'month' && i.valueType === 'count') ??
      p.indicators[0];
    const year = 2024;
    const yearPeriods = periodIdsInYear(year, target.frequency);
    const apiByLevel = async (code: string) => {
      const res = await p.app.inject({
        url: `/api/analytics?indicator=${code}&orgUnit=${PROVINCE}&period=${year}&level=2`,
        headers: p.headers,
      });
      if (res.statusCode !== 200) throw new Error(`analytics: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return (
        res.json() as {
          rows: Array<{ orgUnit: string; value: number | null; reported: number; expected: number }>;
        }
      ).rows;
    };

    // same numbers?
    const ov = await apiOverview();
    const ovSql = await provinceOverview(database, PROVINCE, maxPeriodId);
    compareOverview(ov.items, ovSql, mismatches);
    const checkLevel = async (ind: BenchIndicator) => {
      const a = await apiByLevel(ind.code);
      const s = await indicatorByLevel2(database, PROVINCE, ind.code, periodIdsInYear(year, ind.frequency));
      compareRows(ind.code, a, s, mismatches);
    };
    await checkLevel(target);
    // and one of each value type / time rule at commune level, for correctness only
    for (const other of p.indicators.filter((i) => i.kind !== 'province').slice(0, 12))
      await checkLevel(other);

    const overview = {
      api: await timeIt(opts.runs, opts.warmup, apiOverview),
      sql: await timeIt(opts.runs, opts.warmup, () => provinceOverview(database, PROVINCE, maxPeriodId)),
      items: ov.items.length,
    };
    log(
      `${engine}: overview API p50 ${overview.api.p50.toFixed(1)} ms, SQL p50 ${overview.sql.p50.toFixed(1)} ms`,
    );
    const byLevel = {
      api: await timeIt(opts.runs, opts.warmup, () => apiByLevel(target.code)),
      sql: await timeIt(opts.runs, opts.warmup, () =>
        indicatorByLevel2(database, PROVINCE, target.code, yearPeriods),
      ),
      indicator: target.code,
      rows: (await apiByLevel(target.code)).length,
    };
    log(
      `${engine}: by level API p50 ${byLevel.api.p50.toFixed(1)} ms, SQL p50 ${byLevel.sql.p50.toFixed(1)} ms`,
    );
    return {
      engine,
      version: await engineVersion(database),
      units: p.unitCount,
      indicators: p.indicators.length,
      rows,
      unitSource: p.unitSource,
      importApi: { seconds: apiSeconds, rowsPerSecond: rows / apiSeconds },
      importCopy: { seconds: copySeconds, rowsPerSecond: rows / copySeconds },
      updateApi: { rows: updateRows, seconds: updateSeconds, rowsPerSecond: updateRows / updateSeconds },
      overview,
      byLevel,
      mismatches,
    };
  } finally {
    await p.app.close();
  }
}

/** The same key with a different, still valid value. */
function changed(v: BenchValue): BenchValue {
  if (v.denominator !== null) return { ...v, denominator: v.denominator + 1 };
  if (v.value === null) return v;
  return { ...v, value: v.value === 0 || v.value === 1 ? 1 - v.value : v.value + 1 };
}

/** The last period id that has ended by today (as the API's default asOf). */
export function maxPeriodIdToday(): number {
  const now = new Date();
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const [yy, mm] = now.getUTCDate() >= last ? [y, m] : m === 1 ? [y - 1, 12] : [y, m - 1];
  return (yy * 100 + mm) * 10 + 9;
}

export function compareOverview(
  api: Array<{
    indicator: string;
    value: number | null;
    reported: number;
    expected: number;
    previousValue: number | null;
    period: string;
  }>,
  rows: SqlRow[],
  out: string[],
) {
  const bySql = new Map(rows.map((r) => [r.indicator, r]));
  if (api.length !== rows.length) out.push(`overview: API ${api.length} items, SQL ${rows.length}`);
  for (const a of api) {
    const s = bySql.get(a.indicator);
    if (!s) {
      out.push(`overview ${a.indicator}: missing in SQL`);
      continue;
    }
    if (periodId(parsePeriod(a.period)!) !== Number(s.period))
      out.push(`overview ${a.indicator}: period ${a.period} vs ${s.period}`);
    if (!close(a.value, s.value)) out.push(`overview ${a.indicator}: value ${a.value} vs ${s.value}`);
    if (!close(a.previousValue, s.previousValue ?? null))
      out.push(`overview ${a.indicator}: previous ${a.previousValue} vs ${s.previousValue}`);
    if (a.reported !== s.reported || a.expected !== s.expected)
      out.push(
        `overview ${a.indicator}: reported ${a.reported}/${a.expected} vs ${s.reported}/${s.expected}`,
      );
  }
}

export function compareRows(
  code: string,
  api: Array<{ orgUnit: string; value: number | null; reported: number; expected: number }>,
  rows: SqlRow[],
  out: string[],
) {
  const bySql = new Map(rows.map((r) => [r.orgUnit, r]));
  if (api.length !== rows.length) out.push(`${code} by level: API ${api.length} rows, SQL ${rows.length}`);
  for (const a of api) {
    const s = bySql.get(a.orgUnit);
    if (!s) out.push(`${code} ${a.orgUnit}: missing in SQL`);
    else if (!close(a.value, s.value) || a.reported !== s.reported || a.expected !== s.expected)
      out.push(
        `${code} ${a.orgUnit}: ${a.value} (${a.reported}/${a.expected}) vs ${s.value} (${s.reported}/${s.expected})`,
      );
  }
}
