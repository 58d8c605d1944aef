/**
 * The national root (VN, level 0) and the province rollup (migration 012, decision 0012): VN heads
 * the tree without changing provinces' parents or province_id; national figures are one request,
 * read by admins and grants on VN only; and every write path shows in the very next read of a
 * province or the nation (the rollup is kept in the writing transaction), with the rollup always
 * equal to the values recomputed from scratch. Runs on the configured database (PGlite, or
 * PostgreSQL with DATABASE_URL).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../test/harness.js';
import { addUser, createMonthlyForm, INDICATOR_ONLINE, INDICATOR_TOTAL, startWith } from '../test/setup.js';
import { letterheadOf } from './print/official.js';

const PASSWORD = 'rollup-Pass-12345';
let t: TestApp;
let admin: Record<string, string>;
const json = (res: { body: string }) => JSON.parse(res.body);

const UNITS = `code,name,type,level,parent_code
74,Bình Dương,Tỉnh,1,
725,Thuận An,Thành phố,2,74
724,Dĩ An,Thành phố,2,74
75,Đồng Nai,Tỉnh,1,
731,Biên Hòa,Thành phố,2,75
`;

const get = async (url: string, headers = admin) => {
  const r = await t.request({ method: 'GET', url, headers });
  expect(r.statusCode, r.body).toBe(200);
  return json(r);
};
/** One analytics row: value, reported, numerator, denominator. */
const cell = async (indicator: string, orgUnit: string, period: string) => {
  const { rows } = await get(`/api/analytics?indicator=${indicator}&orgUnit=${orgUnit}&period=${period}`);
  expect(rows).toHaveLength(1);
  const { value, reported, numerator, denominator } = rows[0];
  return { value, reported, numerator, denominator };
};
const postValues = async (values: object[], headers = admin) => {
  const r = await t.request({ method: 'POST', url: '/api/data-values', headers, payload: { values } });
  expect(r.statusCode, r.body).toBe(200);
  return json(r);
};

/** The rollup equals the non-draft values recomputed from scratch (nothing stale, nothing left over). */
async function expectRollupExact() {
  const diff = await sql<{ n: number }>`
    WITH fresh AS (
      SELECT d.province_id, d.indicator_id, d.period_id, u.level, count(*)::int AS n_rows,
        count(d.value)::int AS n_value, coalesce(sum(d.value), 0) AS sum_value,
        count(*) FILTER (WHERE d.numerator IS NOT NULL AND d.denominator IS NOT NULL)::int AS n_ratio,
        coalesce(sum(d.numerator) FILTER (WHERE d.denominator IS NOT NULL), 0) AS sum_num,
        coalesce(sum(d.denominator) FILTER (WHERE d.numerator IS NOT NULL), 0) AS sum_den
      FROM data_value d JOIN org_unit u ON u.id = d.org_unit_id
      WHERE d.status <> 'draft' GROUP BY 1, 2, 3, 4),
    kept AS (SELECT province_id, indicator_id, period_id, level, n_rows, n_value, sum_value, n_ratio, sum_num, sum_den
      FROM data_value_rollup)
    SELECT count(*)::int AS n FROM ((SELECT * FROM fresh EXCEPT SELECT * FROM kept)
      UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM fresh)) x`.execute(t.database.db);
  expect(diff.rows[0].n).toBe(0);
}

beforeAll(async () => {
  ({ t, admin } = await startWith({ units: UNITS, indicators: [INDICATOR_TOTAL, INDICATOR_ONLINE] }));
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe('the national root', () => {
  it('heads the tree at level 0 without becoming a parent in the contract', async () => {
    const vn = await get('/api/org-units/VN');
    expect(vn).toMatchObject({ code: 'VN', level: 0, kind: 'nation', parentCode: null, validTo: null });
    expect(vn.children.map((c: { code: string }) => c.code).sort()).toEqual(['74', '75']);
    // the listing is the units of the files: provinces at level 1 with no parent, no root
    const list = await get('/api/org-units');
    expect(list.total).toBe(5);
    expect(list.items.filter((u: { level: number }) => u.level === 1)).toEqual([
      expect.objectContaining({ code: '74', parentCode: null }),
      expect.objectContaining({ code: '75', parentCode: null }),
    ]);
    expect((await get('/api/org-units?level=0')).items.map((u: { code: string }) => u.code)).toEqual(['VN']);
    // province_id stays the level-1 ancestor; the root has none, and heads every path
    const rows = await sql<{ code: string; province: string | null; head: string }>`
      SELECT u.code, p.code AS province, h.code AS head FROM org_unit u
      LEFT JOIN org_unit p ON p.id = u.province_id JOIN org_unit h ON h.id = u.path[1]
      ORDER BY u.code`.execute(t.database.db);
    expect(rows.rows).toEqual([
      { code: '724', province: '74', head: 'VN' },
      { code: '725', province: '74', head: 'VN' },
      { code: '731', province: '75', head: 'VN' },
      { code: '74', province: '74', head: 'VN' },
      { code: '75', province: '75', head: 'VN' },
      { code: 'VN', province: null, head: 'VN' },
    ]);
  });

  it('refuses the code VN in a unit file, naming row and column', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/org-units/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: 'code,name,type,level,parent_code\nVN,Việt Nam,Tỉnh,1,\n',
    });
    expect(json(r).errors).toEqual([
      expect.objectContaining({ row: 2, column: 'code', message: expect.stringContaining('VN') }),
    ]);
    expect((await get('/api/org-units/VN')).level).toBe(0);
  });

  it('national figures are read by admins and grants on VN only', async () => {
    const province = await addUser(t, { username: 'v74', role: 'viewer', unit: '74', password: PASSWORD });
    const nation = await addUser(t, { username: 'vvn', role: 'viewer', unit: 'VN', password: PASSWORD });
    const url = '/api/analytics?indicator=TOTAL&orgUnit=VN&period=2024M01';
    expect((await t.request({ method: 'GET', url, headers: province })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url, headers: nation })).statusCode).toBe(200);
    // a province grant still reads its province
    const own = await t.request({
      method: 'GET',
      url: '/api/analytics?indicator=TOTAL&orgUnit=74&period=2024M01',
      headers: province,
    });
    expect(own.statusCode).toBe(200);
    // the ranking of provinces under VN
    const ranked = await get('/api/org-units?parent=VN', nation);
    expect(ranked.items.map((u: { code: string }) => u.code)).toEqual(['74', '75']);
  });
});

describe('provinces stay roots under the national root', () => {
  it('a secretariat on a province (or on VN) still manages the catalogue; one on a district does not', async () => {
    const perms = async (username: string, unit: string) => {
      const headers = await addUser(t, { username, role: 'secretariat', unit, password: PASSWORD });
      return (await get('/api/me', headers)).permissions.manageCatalogue;
    };
    expect(await perms('s74', '74')).toBe(true);
    expect(await perms('svn', 'VN')).toBe(true);
    expect(await perms('s725', '725')).toBe(false);
  });

  it("the nation's map is its provinces' boundaries", async () => {
    const square = (x: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 10],
          [x + 1, 10],
          [x + 1, 11],
          [x, 10],
        ],
      ],
    });
    const r = await t.request({
      method: 'POST',
      url: '/api/org-units/geojson',
      headers: admin,
      payload: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: '74' }, geometry: square(106) },
          { type: 'Feature', properties: { code: '75' }, geometry: square(107) },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    const geo = await get('/api/org-units/VN/geojson');
    expect(geo.features.map((f: { properties: { code: string } }) => f.properties.code).sort()).toEqual([
      '74',
      '75',
    ]);
  });

  it("a letterhead's place is the unit's province, not the national root", async () => {
    expect((await letterheadOf(t.database, '725')).place).toBe('Bình Dương');
    expect((await letterheadOf(t.database, '74')).place).toBe('Bình Dương');
    expect((await letterheadOf(t.database, 'VN')).place).toBe('Việt Nam');
  });
});

describe('rolled-up reads are never stale', () => {
  it('a single write, a CSV import and a JSON import show in the next province and national read', async () => {
    await postValues([{ indicator: 'TOTAL', orgUnit: '725', period: '2024M01', value: 5 }]);
    expect(await cell('TOTAL', '74', '2024M01')).toMatchObject({ value: 5, reported: 1 });
    expect(await cell('TOTAL', 'VN', '2024M01')).toMatchObject({ value: 5, reported: 1 });
    const csv = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload:
        'indicator,org_unit,period,value,numerator,denominator\nTOTAL,724,2024M01,7,,\nTOTAL,731,2024M01,11,,\nONLINE,725,2024M01,,3,4\nONLINE,731,2024M01,,1,6\n',
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(await cell('TOTAL', '74', '2024M01')).toMatchObject({ value: 12, reported: 2 });
    expect(await cell('TOTAL', 'VN', '2024M01')).toMatchObject({ value: 23, reported: 3 });
    // the nation's ratio: Σnum/Σden of the two units that gave both parts
    const nationalOnline = { value: 40, numerator: 4, denominator: 10, reported: 2 };
    expect(await cell('ONLINE', 'VN', '2024M01')).toMatchObject(nationalOnline);
    // an update of a stored value
    await postValues([{ indicator: 'TOTAL', orgUnit: '731', period: '2024M01', value: 1 }]);
    expect(await cell('TOTAL', 'VN', '2024M01')).toMatchObject({ value: 13, reported: 3 });
    // the overview of the nation and of a province: latest period and value
    const latest = await get('/api/analytics/latest?orgUnit=VN&asOf=2024-12-31');
    expect(latest.items.find((i: { indicator: string }) => i.indicator === 'TOTAL')).toMatchObject({
      period: '2024M01',
      value: 13,
      reported: 3,
    });
    await postValues([{ indicator: 'TOTAL', orgUnit: '731', period: '2024M02', value: 2 }]);
    const later = await get('/api/analytics/latest?orgUnit=75&asOf=2024-12-31');
    expect(later.items.find((i: { indicator: string }) => i.indicator === 'TOTAL')).toMatchObject({
      period: '2024M02',
      value: 2,
    });
    // a year of months for whole provinces and the nation (wholeProvinceValues): the same numbers
    // as per unit — a unit that reported in two months counts once
    expect(await cell('TOTAL', '75', '2024')).toMatchObject({ value: 3, reported: 1 });
    expect(await cell('TOTAL', 'VN', '2024')).toMatchObject({ value: 15, reported: 3 });
    expect(await cell('TOTAL', '731', '2024')).toMatchObject({ value: 3, reported: 1 });
    expect(await cell('ONLINE', 'VN', '2024')).toMatchObject(nationalOnline);
    expect(await cell('TOTAL', 'VN', '2024Q1')).toMatchObject({ value: 15, reported: 3 });
    await postValues([
      { indicator: 'TOTAL', orgUnit: '725', period: '2023M03', value: 4 },
      { indicator: 'TOTAL', orgUnit: '725', period: '2023M11', value: 6 },
    ]);
    expect(await cell('TOTAL', '74', '2023')).toMatchObject({ value: 10, reported: 1 });
    expect(await cell('TOTAL', 'VN', '2023')).toMatchObject({ value: 10, reported: 1 });
    await postValues([{ indicator: 'TOTAL', orgUnit: '725', period: '2023M11', value: 1 }]);
    expect(await cell('TOTAL', 'VN', '2023')).toMatchObject({ value: 5, reported: 1 });
    // a ranking of the provinces for a year reads their values from the rollup: the same figures
    const put = await t.request({
      method: 'PUT',
      url: '/api/scorecards/NAT_ROLLUP',
      headers: admin,
      payload: {
        name: 'Xếp hạng tỉnh',
        components: [
          {
            code: 'FILES',
            name: 'Hồ sơ',
            weight: 1,
            indicator: 'TOTAL',
            scoring: { method: 'ratio_to_target', target: 100 },
          },
        ],
      },
    });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const ranked = (await get('/api/scorecards/NAT_ROLLUP/ranking?period=2024')).items;
    expect(
      ranked.map((i: { orgUnit: string; score: number; rank: number }) => [i.orgUnit, i.score, i.rank]),
    ).toEqual([
      ['74', 0.12, 1],
      ['75', 0.03, 2],
    ]);
    await expectRollupExact();
  });

  it('a DHIS2 import, and its DELETE, show in the next read', async () => {
    const set = (strategy: string) =>
      t.request({
        method: 'POST',
        url: `/api/dataValueSets?importStrategy=${strategy}`,
        headers: admin,
        payload: { dataValues: [{ dataElement: 'TOTAL', orgUnit: '724', period: '202403', value: '40' }] },
      });
    const created = await set('CREATE_AND_UPDATE');
    expect(created.statusCode, created.body).toBe(200);
    expect(await cell('TOTAL', 'VN', '2024M03')).toMatchObject({ value: 40, reported: 1 });
    expect(await cell('TOTAL', '74', '2024M03')).toMatchObject({ value: 40, reported: 1 });
    const deleted = await set('DELETE');
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(await cell('TOTAL', 'VN', '2024M03')).toMatchObject({ value: null, reported: 0 });
    expect(await cell('TOTAL', '74', '2024M03')).toMatchObject({ value: null, reported: 0 });
    await expectRollupExact();
  });

  it('a draft does not count until its report is submitted; a return keeps it counted', async () => {
    const reporter = await addUser(t, {
      username: 'r731',
      role: 'reporter',
      unit: '731',
      password: PASSWORD,
    });
    await createMonthlyForm(t, admin, { code: 'BC', indicators: ['TOTAL'], orgUnit: '75' });
    const entry = await t.request({
      method: 'PUT',
      url: '/api/forms/BC/entry?orgUnit=731&period=2024M05',
      headers: reporter,
      payload: { values: [{ indicator: 'TOTAL', value: 9 }] },
    });
    expect(entry.statusCode, entry.body).toBe(200);
    const status = await sql<{
      status: string;
    }>`SELECT d.status FROM data_value d JOIN org_unit u ON u.id = d.org_unit_id
      WHERE u.code = '731' AND d.period_id = ${(2024 * 100 + 5) * 10 + 4}`.execute(t.database.db);
    expect(status.rows.map((r) => r.status)).toEqual(['draft']);
    expect(await cell('TOTAL', 'VN', '2024M05')).toMatchObject({ value: null, reported: 0 });
    const act = async (action: string, who: Record<string, string>, extra = {}) => {
      const r = await t.request({
        method: 'POST',
        url: `/api/forms/BC/${action}`,
        headers: who,
        payload: { orgUnit: '731', period: '2024M05', ...extra },
      });
      expect(r.statusCode, r.body).toBe(200);
    };
    await act('submit', reporter);
    expect(await cell('TOTAL', 'VN', '2024M05')).toMatchObject({ value: 9, reported: 1 });
    await act('return', admin, { reason: 'kiểm tra lại' });
    expect(await cell('TOTAL', '75', '2024M05')).toMatchObject({ value: 9, reported: 1 });
    await expectRollupExact();
  });

  it('a restructuring keeps the root above the new provinces, and moved history stays exact', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/org-units/import?effective=2025-07-01',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload:
        'code,name,type,level,parent_code\n75,Đồng Nai,Tỉnh,1,\n731,Biên Hòa,Phường,2,75\n725,Thuận An,Phường,2,75\n',
    });
    expect(r.statusCode, r.body).toBe(200);
    const vn = await get('/api/org-units/VN?asOf=2025-08-01');
    expect(vn).toMatchObject({ level: 0, validFrom: null, validTo: null });
    expect(vn.children.map((c: { code: string }) => c.code)).toEqual(['75']);
    // history stays with the old versions: the nation over 2024 is unchanged
    expect(await cell('TOTAL', 'VN', '2024M01')).toMatchObject({ value: 13, reported: 3 });
    await postValues([{ indicator: 'TOTAL', orgUnit: '725', period: '2025M08', value: 6 }]);
    expect(await cell('TOTAL', 'VN', '2025M08')).toMatchObject({ value: 6, reported: 1 });
    expect(await cell('TOTAL', '75', '2025M08')).toMatchObject({ value: 6, reported: 1 });
    await expectRollupExact();
  });

  it('a TRUNCATE of the values empties the rollup', async () => {
    await t.database.execScript('TRUNCATE data_value, data_value_history');
    expect(await cell('TOTAL', 'VN', '2024M01')).toMatchObject({ value: null, reported: 0 });
    await expectRollupExact();
  });
});
