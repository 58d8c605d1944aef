/**
 * History in any geography on the real national lists (../shared/data/vn-admin): the 2025-03 tree
 * imported through the API and closed on 2025-06-30, the 2025-07 tree written as new versions from
 * 2025-07-01 (straight to the tables, as the restructuring import will), and lineage-2025-07.csv
 * through insertLineage (partial parts without a share split equally). One value per old commune of
 * Bình Dương (74), Bà Rịa–Vũng Tàu (77) and Hồ Chí Minh City (79) in 2024M01, one per new ward of 79 in
 * 2025M08; the expected figures are computed here from the files themselves.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindFromVietnameseType } from '../domain/catalog.js';
import { parsePeriod, periodId } from '../domain/period.js';
import { insertLineage, type LineageInsert } from '../repositories/orgUnitLineage.js';
import { rebuildTree } from '../repositories/orgUnits.js';
import { sharedPath, type TestApp } from '../test/harness.js';
import { type Headers, startWith } from '../test/setup.js';

const UNITS_03 = sharedPath('data/vn-admin/units-2025-03.csv');
const UNITS_07 = sharedPath('data/vn-admin/units-2025-07.csv');
const LINEAGE = sharedPath('data/vn-admin/lineage-2025-07.csv');
const HCMC = ['74', '77', '79'];

const rowsOf = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(','));

const TOTAL = {
  code: 'TOTAL',
  name: 'Hồ sơ',
  unit: 'x',
  pillar: 'government',
  frequency: 'month',
  valueType: 'count',
  aggregation: 'sum',
  timeAggregation: 'sum',
  reportingKinds: ['commune'],
};

describe.runIf(UNITS_03 && UNITS_07 && LINEAGE)('real 2025 restructuring', () => {
  let t: TestApp;
  let admin: Headers;
  // from the files (read when present): old communes of 74/77/79, new wards of 79, lineage rows
  let oldCommunes: string[] = [];
  let wards: string[] = [];
  let lineage: Array<{ newCode: string; level: string; oldCode: string; kind: string }> = [];
  const partsOf = new Map<string, number>();
  const shareOf = (l: (typeof lineage)[number]) =>
    l.kind === 'full' ? 1 : 1 / partsOf.get(`${l.level}:${l.oldCode}`)!;

  const get = async (url: string) => {
    const r = await t.request({ method: 'GET', url, headers: admin });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().rows as Array<{
      orgUnit: string;
      value: number | null;
      reported: number;
      expected: number;
      estimated?: boolean;
    }>;
  };

  beforeAll(async () => {
    const old = rowsOf(UNITS_03!);
    const districts = new Set(old.filter((r) => HCMC.includes(r[4])).map((r) => r[0]));
    oldCommunes = old.filter((r) => r[3] === '3' && districts.has(r[4])).map((r) => r[0]);
    wards = rowsOf(UNITS_07!)
      .filter((r) => r[4] === '79')
      .map((r) => r[0]);
    lineage = rowsOf(LINEAGE!).map(([newCode, level, oldCode, kind]) => ({ newCode, level, oldCode, kind }));
    for (const l of lineage) {
      const k = `${l.level}:${l.oldCode}`;
      if (l.kind === 'partial') partsOf.set(k, (partsOf.get(k) ?? 0) + 1);
    }
    ({ t, admin } = await startWith({ units: readFileSync(UNITS_03!, 'utf8'), indicators: [TOTAL] }));
    await t.database.transaction(async (tx) => {
      await sql`UPDATE org_unit SET valid_to = DATE '2025-06-30'`.execute(tx.db);
      const neu = rowsOf(UNITS_07!);
      await sql`
        INSERT INTO org_unit (code, name, name_search, kind, type, level, valid_from)
        SELECT code, name, lower(name), kind, type, level, DATE '2025-07-01'
        FROM unnest(${neu.map((r) => r[0])}::text[], ${neu.map((r) => r[1])}::text[],
          ${neu.map((r) => kindFromVietnameseType(r[2], Number(r[3])))}::text[], ${neu.map((r) => r[2])}::text[],
          ${neu.map((r) => Number(r[3]))}::int[]) AS n(code, name, kind, type, level)`.execute(tx.db);
      await sql`
        UPDATE org_unit o SET parent_id = p.id
        FROM unnest(${neu.map((r) => r[0])}::text[], ${neu.map((r) => r[4])}::text[]) AS n(code, parent_code)
        JOIN org_unit p ON p.code = n.parent_code AND p.valid_from = DATE '2025-07-01'
        WHERE o.code = n.code AND o.valid_from = DATE '2025-07-01'`.execute(tx.db);
      await rebuildTree(tx);
      const ids = await sql<{ code: string; id: number; isNew: boolean }>`
        SELECT code, id, valid_from IS NOT NULL AS "isNew" FROM org_unit`.execute(tx.db);
      const idOf = new Map(ids.rows.map((r) => [`${r.isNew}:${r.code}`, r.id]));
      const rows: LineageInsert[] = lineage.map((l) => ({
        effective: '2025-07-01',
        newUnitId: idOf.get(`true:${l.newCode}`)!,
        oldUnitId: idOf.get(`false:${l.oldCode}`)!,
        kind: l.kind as 'full' | 'partial',
        share: shareOf(l),
        shareMethod: l.kind === 'full' ? 'given' : 'equal',
      }));
      expect(rows.every((r) => r.newUnitId && r.oldUnitId)).toBe(true);
      expect(await insertLineage(tx, rows)).toBe(lineage.length);
      // one value per old commune of 74/77/79 in 2024M01 and per new ward of 79 in 2025M08
      await sql`
        INSERT INTO data_value (province_id, indicator_id, period_id, org_unit_id, value)
        SELECT u.province_id, i.id, p.period_id, u.id, 1
        FROM org_unit u JOIN indicator i ON i.code = 'TOTAL'
        CROSS JOIN LATERAL (SELECT CASE WHEN u.valid_from IS NULL THEN ${periodId(parsePeriod('2024M01')!)}::int ELSE ${periodId(parsePeriod('2025M08')!)}::int END AS period_id) p
        WHERE (u.valid_from IS NULL AND u.code = ANY(${oldCommunes}::text[]) AND u.level = 3)
           OR (u.valid_from IS NOT NULL AND u.code = ANY(${wards}::text[]) AND u.level = 2)`.execute(tx.db);
    });
  }, 600_000);

  afterAll(async () => {
    await t?.close();
  });

  it('the files are what the test expects', () => {
    expect(lineage).toHaveLength(10_667);
    expect(wards).toHaveLength(168);
    expect(oldCommunes.length).toBeGreaterThan(300);
  });

  it('2024 in HCMC of 2025-07: every old commune of 74, 77 and 79 whole, exact', async () => {
    const [r] = await get('/api/analytics?indicator=TOTAL&orgUnit=79&period=2024M01&geography=2025-07-01');
    expect(r).toMatchObject({
      value: oldCommunes.length,
      reported: oldCommunes.length,
      expected: oldCommunes.length,
      estimated: false,
    });
    // as recorded, 79 in 2024 is only the old city
    const [asRecorded] = await get('/api/analytics?indicator=TOTAL&orgUnit=79&period=2024M01');
    expect(asRecorded.value).toBeLessThan(oldCommunes.length);
    expect(asRecorded.estimated).toBeUndefined();
  });

  it('2024 in the wards of 2025-07: each ward gets its old communes by share (Thủ Dầu Một from Phú Cường …)', async () => {
    const list = await get(
      '/api/analytics?indicator=TOTAL&orgUnit=79&period=2024M01&level=2&geography=2025-07-01',
    );
    expect(list).toHaveLength(wards.length);
    const olds = new Set(oldCommunes);
    const expectedOf = (ward: string) =>
      lineage
        .filter((l) => l.level === '2' && l.newCode === ward && olds.has(l.oldCode))
        .reduce((s, l) => s + shareOf(l), 0);
    for (const r of list) {
      expect(r.value ?? 0).toBeCloseTo(expectedOf(r.orgUnit), 6);
      const partial = lineage.some((l) => l.newCode === r.orgUnit && l.level === '2' && l.kind === 'partial');
      if (r.value !== null) expect(r.estimated).toBe(partial);
    }
    const tdm = list.find((r) => r.orgUnit === '25747')!;
    expect(tdm.estimated).toBe(true);
    expect(tdm.reported).toBe(5);
  });

  it('2025M08 in the provinces of 2025-06: the 168 wards add up to 168 over 74, 77 and 79', async () => {
    const list = await get(
      '/api/analytics?indicator=TOTAL&orgUnit=74,77,79&period=2025M08&geography=2025-06-30',
    );
    expect(list.map((r) => r.orgUnit)).toEqual(HCMC);
    expect(list.reduce((s, r) => s + (r.value ?? 0), 0)).toBeCloseTo(168, 6);
    for (const r of list) expect(r.reported).toBeGreaterThan(0);
  });
});
