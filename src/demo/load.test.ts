/**
 * Today's demo in a database (PGlite, or PostgreSQL with DATABASE_URL), loaded with an injected
 * today: both trees with their validity, the lineage, values up to the last complete month, the
 * seed figures in Bình Dương's old units, users and grants, the plan and forms of today.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFromId, parsePeriod, periodEnd, periodFromId, periodId, periodStart } from '../domain/period.js';
import { overlaps, validOn } from '../domain/unitVersions.js';
import * as indicators from '../repositories/indicators.js';
import { lineageOf } from '../repositories/orgUnitLineage.js';
import * as orgUnits from '../repositories/orgUnits.js';
import { getSetting } from '../repositories/settings.js';
import * as users from '../repositories/users.js';
import { computeCells } from '../services/analytics.js';
import { ensureReferenceData } from '../services/bootstrap.js';
import { openRows, openSdgCsv, publishedIndicators } from '../services/openData.js';
import { openTestDatabase, type TestDb } from '../test/harness.js';
import { DEMO_PUBLISHED, SEED_FIGURES } from './catalog.js';
import { DEMO_USERS, loadDemo } from './load.js';
import { loadDemoPlans } from './plans.js';
import { loadDemoReporting } from './reporting.js';
import { loadDemoScorecards } from './scorecards.js';
import { DEMO_UNITS } from './units.js';

const TODAY = '2026-12-01';
let db: TestDb;

beforeAll(async () => {
  db = await openTestDatabase();
  await ensureReferenceData(db.database);
  const started = Date.now();
  const r = await loadDemo(db.database, { password: 'demo-test-Pass1', today: TODAY, log: console.log });
  await loadDemoPlans(db.database, { today: TODAY });
  await loadDemoReporting(db.database, { today: TODAY });
  await loadDemoScorecards(db.database);
  console.log(`demo (${db.kind}): ${r.values} values, loaded with its extras in ${Date.now() - started} ms`);
}, 300_000);

afterAll(async () => db?.close());

describe(`today's demo (today ${TODAY})`, () => {
  it('keeps Bình Dương (74) as old versions valid to 2025-06-30 and opens on HCMC (79)', async () => {
    const [v74] = await orgUnits.versionsByCodes(db.database, ['74']);
    expect(v74).toMatchObject({ validFrom: null, validTo: '2025-06-30', level: 1 });
    const old = await orgUnits.versionsByCodes(
      db.database,
      DEMO_UNITS.map((u) => u.code),
    );
    const oldOnes = old.filter((v) => v.validTo === '2025-06-30');
    expect(oldOnes).toHaveLength(DEMO_UNITS.length);
    expect(await getSetting(db.database, 'home_unit')).toBe('79');
    expect(await orgUnits.firstProvinceCode(db.database)).toBe('79');
  });

  it('has HCMC with 168 level-2 units valid today, and the reused codes in two versions', async () => {
    const city = (await orgUnits.findByCode(db.database, '79', TODAY))!;
    const wards = (await orgUnits.unitsAtLevel(db.database, city.id, 2)).filter(
      (u) => u.kind === 'commune' && validOn(u, TODAY),
    );
    expect(wards).toHaveLength(168);
    const versions = await orgUnits.versionsByCodes(db.database, ['25747']);
    expect(versions.map((v) => [v.name, v.level, v.validFrom, v.validTo])).toEqual([
      ['Phú Cường', 3, null, '2025-06-30'],
      ['Thủ Dầu Một', 2, '2025-07-01', null],
    ]);
    expect((await orgUnits.findByCode(db.database, '25747', '2024-05-01'))?.name).toBe('Phú Cường');
    expect((await orgUnits.findByCode(db.database, '25747', TODAY))?.name).toBe('Thủ Dầu Một');
  });

  it('stores lineage for every old commune of the demo, and 74 → 79', async () => {
    const old = await orgUnits.findByCodes(
      db.database,
      DEMO_UNITS.filter((u) => u.kind === 'commune' || u.code === '74').map((u) => u.code),
      '2025-06-30',
    );
    const rows = await lineageOf(
      db.database,
      old.map((u) => u.id),
    );
    for (const u of old)
      expect(
        rows.some((r) => r.oldUnitId === u.id && r.effective === '2025-07-01'),
        u.code,
      ).toBe(true);
    expect(rows.find((r) => r.oldCode === '74')).toMatchObject({ newCode: '79', kind: 'full', share: 1 });
    const split = rows.filter((r) => r.oldCode === '25741');
    expect(split.map((r) => [r.newCode, r.kind, r.share, r.shareMethod])).toEqual([
      ['25747', 'partial', 0.5, 'equal'],
      ['25750', 'partial', 0.5, 'equal'],
    ]);
  });

  it('has values up to the last complete month, none outside its unit’s validity', async () => {
    const r = await sql<{ periodId: number; validFrom: string | null; validTo: string | null; n: number }>`
      SELECT d.period_id AS "periodId", to_char(u.valid_from, 'YYYY-MM-DD') AS "validFrom",
        to_char(u.valid_to, 'YYYY-MM-DD') AS "validTo", count(*)::int AS n
      FROM data_value d JOIN org_unit u ON u.id = d.org_unit_id GROUP BY 1, 2, 3`.execute(db.database.db);
    let latestMonth = '';
    for (const row of r.rows) {
      const p = periodFromId(row.periodId);
      if (!overlaps(row, { from: periodStart(p), to: periodEnd(p) }))
        throw new Error(`${row.n} values of ${JSON.stringify(p)} outside ${row.validFrom}..${row.validTo}`);
      if (p.type === 'month' && periodEnd(p) > latestMonth) latestMonth = periodEnd(p);
    }
    expect(latestMonth).toBe('2026-11-30');
  });

  it('reproduces every seed figure in Bình Dương’s old units', async () => {
    const province = (await orgUnits.findByCode(db.database, '74', '2024-01-01'))!;
    const inds = new Map(
      (await indicators.findByCodes(db.database, [...new Set(SEED_FIGURES.map((s) => s.indicator))])).map(
        (i) => [i.code, i],
      ),
    );
    for (const s of SEED_FIGURES) {
      const ind = inds.get(s.indicator)!;
      const cells = await computeCells(db.database, [ind], [parsePeriod(s.period)!], [province]);
      const c = cells.get(`${s.indicator}|0|${province.id}`)!;
      expect(c.reported, `${s.indicator} ${s.period}`).toBe(c.expected);
      if (s.numerator !== undefined)
        expect([c.numerator, c.denominator]).toEqual([s.numerator, s.denominator]);
      if (s.value !== undefined) expect(c.value, `${s.indicator} ${s.period}`).toBeCloseTo(s.value, 6);
    }
  });

  it('has the demo users with their grants: old ones on the old units, new ones on today’s', async () => {
    for (const u of DEMO_USERS) {
      const user = (await users.findUserByUsername(db.database, u.username))!;
      expect(user, u.username).toBeDefined();
      const all = await users.grantsOf(db.database, user.id);
      const grants = all.filter((g) => !g.via);
      expect(grants.map((g) => [g.role, g.orgUnitCode])).toEqual([[u.role, u.unit]]);
      // a grant on HCMC reaches Bình Dương's old province through lineage (74 went in whole)
      if (u.unit === '79')
        expect(all.filter((g) => g.via).map((g) => [g.role, g.orgUnitCode, g.via])).toEqual([
          [u.role, '74', '79'],
        ]);
      const [unit] = await orgUnits.findByIds(db.database, [grants[0].orgUnitId]);
      expect(validOn(unit, u.tree === 'old' ? '2025-06-30' : TODAY), u.username).toBe(true);
    }
  });

  it('has today’s plan, its forms with recent submissions, and Bình Dương’s plans kept', async () => {
    const plans = await sql<{ code: string; targets: number; deadlines: string[] }>`
      SELECT p.code, count(t.id)::int AS targets, array_agg(DISTINCT t.deadline_period) AS deadlines
      FROM plan p JOIN target t ON t.plan_id = p.id GROUP BY 1 ORDER BY 1`.execute(db.database.db);
    expect(plans.rows.map((p) => p.code)).toEqual(['KH-CDS-2024', 'KH-CDS-2026-HCM', 'KH-TD-CDS-2023-2025']);
    const hcm = plans.rows.find((p) => p.code === 'KH-CDS-2026-HCM')!;
    expect(new Set(hcm.deadlines.map((d) => d.slice(0, 4)))).toEqual(new Set(['2026', '2027']));
    const subs = await sql<{ status: string; n: number }>`
      SELECT s.status, count(*)::int AS n FROM report_submission s JOIN report_form f ON f.id = s.form_id
      WHERE f.code = 'BC_CDS_THANG_HCM' AND s.period_id >= ${periodId(parsePeriod('2026M10')!)} GROUP BY 1`.execute(
      db.database.db,
    );
    const statuses = new Set(subs.rows.map((r) => r.status));
    for (const s of ['approved', 'submitted', 'returned']) expect(statuses, s).toContain(s);
  });

  it('publishes its open-data set with public figures, never a draft or returned value', async () => {
    const items = await publishedIndicators(db.database);
    expect(items.map((i) => i.code).sort()).toEqual([...DEMO_PUBLISHED].sort());
    // values a form holds back (saved, or sent back for correction) at units with nothing else public below them
    const hidden = await sql<{ code: string; unit: string; periodId: number }>`
      SELECT i.code, u.code AS unit, d.period_id AS "periodId"
      FROM data_value d JOIN indicator i ON i.id = d.indicator_id JOIN org_unit u ON u.id = d.org_unit_id
      WHERE i.published AND d.status IN ('draft', 'returned')
        AND NOT EXISTS (SELECT 1 FROM data_value o JOIN org_unit_closure c ON c.descendant_id = o.org_unit_id
          WHERE c.ancestor_id = d.org_unit_id AND o.indicator_id = d.indicator_id AND o.period_id = d.period_id
            AND o.status IN ('submitted', 'approved'))`.execute(db.database.db);
    expect(hidden.rows.length).toBeGreaterThan(0);
    for (const code of DEMO_PUBLISHED) {
      const started = Date.now();
      const rows = await openRows(db.database, code);
      console.log(`open data ${code}: ${rows.length} rows in ${Date.now() - started} ms`);
      expect(rows.length, code).toBeGreaterThan(0);
      const shown = new Set(rows.map((r) => `${r.orgUnit}|${r.period}`));
      for (const h of hidden.rows.filter((x) => x.code === code)) {
        const period = codeFromId(h.periodId);
        expect(shown.has(`${h.unit}|${period}`), `${code} ${h.unit} ${period}`).toBe(false);
      }
    }
    // the digital economy is broken down by sector, and reads as an Open SDG series by year
    const grdp = await openRows(db.database, 'KTS_GRDP_TYTRONG', '74');
    expect(new Set(grdp.map((r) => r.categoryOption))).toEqual(
      new Set([null, 'agriculture', 'industry', 'construction', 'services']),
    );
    const sdg = String((await openSdgCsv(db.database, 'KTS_GRDP_TYTRONG')).body);
    expect(sdg.split('\n')[0]).toBe('Year,Khu vực kinh tế,Đơn vị hành chính,Units,GeoCode,Value');
    expect(sdg).toMatch(/\n2024,,,%,74,\d+(\.\d{1,2})?\n/);
  }, 300_000);
});
