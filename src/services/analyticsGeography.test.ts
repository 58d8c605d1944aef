/**
 * History in any geography through GET /api/analytics and /trend: a small restructuring built in
 * the test (old province 70 with two districts and four communes, closed 2025-06-30; new province 79
 * from 2025-07-01 with three communes formed from them, one old commune split 0.4 / 0.6), values
 * before and after through POST /api/data-values, lineage through insertLineage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLineage } from '../repositories/orgUnitLineage.js';
import { findByCodes } from '../repositories/orgUnits.js';
import type { TestApp } from '../test/harness.js';
import { type Headers, startWith } from '../test/setup.js';
import type { AnalyticsRow } from './analyticsCells.js';

const UNITS = `code,name,type,level,parent_code,valid_from,valid_to
70,Tỉnh Cũ,Tỉnh,1,,,2025-06-30
701,Huyện Một,Huyện,2,70,,2025-06-30
702,Huyện Hai,Huyện,2,70,,2025-06-30
70101,Xã Một,Xã,3,701,,2025-06-30
70102,Xã Hai,Xã,3,701,,2025-06-30
70201,Xã Ba,Xã,3,702,,2025-06-30
70202,Xã Bốn,Xã,3,702,,2025-06-30
79,Tỉnh Mới,Tỉnh,1,,2025-07-01,
79001,Phường Một,Phường,2,79,2025-07-01,
79002,Phường Hai,Phường,2,79,2025-07-01,
79003,Phường Ba,Phường,2,79,2025-07-01,
80,Tỉnh Khác,Tỉnh,1,,,
80001,Phường Khác,Phường,2,80,,
`;

const monthly = { unit: 'x', pillar: 'government', frequency: 'month', timeAggregation: 'sum' };
const TOTAL = {
  ...monthly,
  code: 'TOTAL',
  name: 'Hồ sơ',
  valueType: 'count',
  aggregation: 'sum',
  reportingKinds: ['commune'],
};
const ONLINE = {
  ...monthly,
  code: 'ONLINE',
  name: 'Tỷ lệ trực tuyến',
  valueType: 'ratio',
  aggregation: 'ratio',
  reportingKinds: ['commune'],
};
const BIGGEST = {
  ...monthly,
  code: 'BIGGEST',
  name: 'Lớn nhất',
  valueType: 'number',
  aggregation: 'max',
  reportingKinds: ['commune'],
};
/** Reported by districts and communes alike (no reporting kinds: the levels that reported). */
const FILES = { ...monthly, code: 'FILES', name: 'Văn bản', valueType: 'count', aggregation: 'sum' };

let t: TestApp;
let admin: Headers;

async function statusOf(url: string) {
  return (await t.request({ method: 'GET', url, headers: admin })).statusCode;
}

async function get(url: string) {
  const r = await t.request({ method: 'GET', url, headers: admin });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

type Row = Omit<AnalyticsRow, 'indicator' | 'orgUnitName'>;

async function rows(query: string): Promise<Row[]> {
  return (await get(`/api/analytics?${query}`)).rows;
}

/** orgUnit → [value, reported, expected, estimated, note] */
function byUnit(list: Row[]) {
  return Object.fromEntries(
    list.map((r) => [r.orgUnit, [r.value, r.reported, r.expected, r.estimated, r.note]]),
  );
}

beforeAll(async () => {
  ({ t, admin } = await startWith({ units: UNITS, indicators: [TOTAL, ONLINE, BIGGEST, FILES] }));
  const at = (code: string, date: string) =>
    findByCodes(t.database, [code], date).then(([u]) => {
      if (!u) throw new Error(`no ${code} on ${date}`);
      return u.id;
    });
  const oldId = (c: string) => at(c, '2025-06-30');
  const newId = (c: string) => at(c, '2025-07-01');
  const line = async (n: string, o: string, share?: number) => ({
    effective: '2025-07-01',
    newUnitId: await newId(n),
    oldUnitId: await oldId(o),
    kind: share === undefined ? ('full' as const) : ('partial' as const),
    share: share ?? 1,
    shareMethod: 'given' as const,
  });
  const lineage = [
    await line('79', '70'),
    await line('79001', '70101'),
    await line('79001', '70102'),
    await line('79002', '70201', 0.4),
    await line('79003', '70201', 0.6),
    await line('79003', '70202'),
  ];
  expect(await t.database.transaction((tx) => insertLineage(tx, lineage))).toBe(6);

  const values = [
    // 2024, in the old units
    ...[
      ['70101', '2024M01', 10],
      ['70101', '2024M02', 20],
      ['70102', '2024M01', 5],
      ['70201', '2024M01', 100],
      ['70202', '2024M01', 7],
      // 2025M08, in the new units
      ['79001', '2025M08', 40],
      ['79002', '2025M08', 10],
      ['79003', '2025M08', 16],
    ].map(([orgUnit, period, value]) => ({ indicator: 'TOTAL', orgUnit, period, value })),
    ...[
      ['70101', 3, 10],
      ['70102', 1, 5],
      ['70201', 20, 40],
      ['70202', 0, 5],
    ].map(([orgUnit, numerator, denominator]) => ({
      indicator: 'ONLINE',
      orgUnit,
      period: '2024M01',
      numerator,
      denominator,
    })),
    ...[
      ['70101', 4],
      ['70102', 9],
      ['70201', 30],
      ['70202', 2],
    ].map(([orgUnit, value]) => ({ indicator: 'BIGGEST', orgUnit, period: '2024M01', value })),
    { indicator: 'FILES', orgUnit: '701', period: '2024M01', value: 50 },
    { indicator: 'FILES', orgUnit: '70101', period: '2024M01', value: 1 },
  ];
  const w = await t.request({ method: 'POST', url: '/api/data-values', headers: admin, payload: { values } });
  expect(w.statusCode, w.body).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('as recorded (no geography): each period in the units valid in it', () => {
  it('the old province answers 2024 from its own communes; estimated is absent', async () => {
    const [r] = await rows('indicator=TOTAL&orgUnit=70&period=2024');
    expect(r).toEqual({
      indicator: 'TOTAL',
      orgUnit: '70',
      orgUnitName: 'Tỉnh Cũ',
      period: '2024',
      value: 142,
      numerator: null,
      denominator: null,
      reported: 4,
      expected: 4,
    });
  });

  it('a named code with no unit in the period answers a not_valid row, both ways', async () => {
    const list = await rows('indicator=TOTAL&orgUnit=70,79&period=2024,2025M08');
    expect(list.map((r) => [r.orgUnit, r.period, r.value, r.reported, r.expected, r.note])).toEqual([
      ['70', '2024', 142, 4, 4, undefined],
      ['70', '2025M08', null, 0, 0, 'not_valid'],
      ['79', '2024', null, 0, 0, 'not_valid'],
      ['79', '2025M08', 66, 3, 3, undefined],
    ]);
  });

  it('level= lists the units valid in each period only', async () => {
    const list = await rows('indicator=TOTAL&orgUnit=70&period=2024,2025M08&level=3');
    expect(list.map((r) => [r.orgUnit, r.period, r.value])).toEqual([
      ['70101', '2024', 30],
      ['70102', '2024', 5],
      ['70201', '2024', 100],
      ['70202', '2024', 7],
    ]);
  });

  it('the trend of a closed unit answers not_valid after its end', async () => {
    const r = await get('/api/analytics/trend?indicator=TOTAL&orgUnit=70&from=2025M06&to=2025M08');
    expect(r.rows.map((x: Row) => [x.period, x.value, x.note])).toEqual([
      ['2025M06', null, undefined],
      ['2025M07', null, 'not_valid'],
      ['2025M08', null, 'not_valid'],
    ]);
  });
});

describe('geography=2025-07-01: 2024 read in the new units', () => {
  it('the new province: every old commune whole, exact, reported/expected over the old communes', async () => {
    const [r] = await rows('indicator=TOTAL&orgUnit=79&period=2024&geography=2025-07-01');
    expect(r).toEqual({
      indicator: 'TOTAL',
      orgUnit: '79',
      orgUnitName: 'Tỉnh Mới',
      period: '2024',
      value: 142,
      numerator: null,
      denominator: null,
      reported: 4,
      expected: 4,
      estimated: false,
    });
  });

  it('new communes: full parts whole, the split commune by share, estimated', async () => {
    const list = await rows('indicator=TOTAL&orgUnit=79&period=2024&level=2&geography=2025-07-01');
    expect(byUnit(list)).toEqual({
      '79001': [35, 2, 2, false, undefined],
      '79002': [40, 1, 1, true, undefined],
      '79003': [67, 2, 2, true, undefined],
    });
  });

  it('ratios as Σ w·num / Σ w·den', async () => {
    const list = await rows('indicator=ONLINE&orgUnit=79&period=2024M01&level=2&geography=2025-07-01');
    expect(list.map((r) => [r.orgUnit, r.value, r.numerator, r.denominator, r.estimated])).toEqual([
      ['79001', 26.666667, 4, 15, false],
      ['79002', 50, 8, 16, true],
      ['79003', 41.37931, 12, 29, true],
    ]);
    const [p] = await rows('indicator=ONLINE&orgUnit=79&period=2024M01&geography=2025-07-01');
    expect([p.value, p.numerator, p.denominator, p.estimated]).toEqual([40, 24, 60, false]);
  });

  it('max is not carried through a partial share: null with not_additive; exact rows answer', async () => {
    const list = await rows('indicator=BIGGEST&orgUnit=79&period=2024M01&level=2&geography=2025-07-01');
    expect(byUnit(list)).toEqual({
      '79001': [9, 2, 2, false, undefined],
      '79002': [null, 1, 1, true, 'not_additive'],
      '79003': [null, 2, 2, true, 'not_additive'],
    });
    const [p] = await rows('indicator=BIGGEST&orgUnit=79&period=2024M01&geography=2025-07-01');
    expect([p.value, p.estimated, p.note]).toEqual([30, false, undefined]);
  });

  it("a district's own value counts for the new province, never for a new commune", async () => {
    const [p] = await rows('indicator=FILES&orgUnit=79&period=2024M01&geography=2025-07-01');
    // district 701 (50) and commune 70101 (1); expected: the old districts and communes
    expect([p.value, p.reported, p.expected]).toEqual([51, 2, 6]);
    const list = await rows('indicator=FILES&orgUnit=79&period=2024M01&level=2&geography=2025-07-01');
    expect(byUnit(list)['79001']).toEqual([1, 1, 2, false, undefined]);
  });

  it('periods in the geography itself read as recorded', async () => {
    const [r] = await rows('indicator=TOTAL&orgUnit=79&period=2025M08&geography=2025-07-01');
    expect([r.value, r.reported, r.expected, r.estimated]).toEqual([66, 3, 3, false]);
  });

  it('the trend draws continuously across the break', async () => {
    const r = await get(
      '/api/analytics/trend?indicator=TOTAL&orgUnit=79002&from=2024M01&to=2025M08&geography=2025-07-01',
    );
    const present = r.rows.filter((x: Row) => x.value !== null);
    expect(present.map((x: Row) => [x.period, x.value, x.estimated])).toEqual([
      ['2024M01', 40, true],
      ['2025M08', 10, false],
    ]);
    expect(r.rows).toHaveLength(20);
  });

  it("latest: each indicator's latest period read in the unit of the date", async () => {
    type Item = { indicator: string; period: string; value: number | null; estimated?: boolean };
    const pick = (items: Item[]) =>
      Object.fromEntries(items.map((i) => [i.indicator, [i.period, i.value, i.estimated]]));
    const geo = await get('/api/analytics/latest?orgUnit=79002&asOf=2026-01-01&geography=2025-07-01');
    expect(pick(geo.items)).toEqual({
      BIGGEST: ['2024M01', null, true],
      ONLINE: ['2024M01', 50, true],
      TOTAL: ['2025M08', 10, false],
    });
    const asRecorded = await get('/api/analytics/latest?orgUnit=79002&asOf=2026-01-01');
    expect(pick(asRecorded.items)).toEqual({ TOTAL: ['2025M08', 10, undefined] });
  });

  it('a unit not valid on the date is not found', async () => {
    expect(await statusOf('/api/analytics?indicator=TOTAL&orgUnit=70&period=2024&geography=2025-07-01')).toBe(
      404,
    );
  });
});

describe('geography=2025-06-30: 2025M08 read in the old units (reverse)', () => {
  it('the old province: every new commune whole, exact', async () => {
    const [r] = await rows('indicator=TOTAL&orgUnit=70&period=2025M08&geography=2025-06-30');
    expect([r.value, r.reported, r.expected, r.estimated]).toEqual([66, 3, 3, false]);
  });

  it('old districts: a new commune formed inside one district counts whole', async () => {
    const list = await rows('indicator=TOTAL&orgUnit=70&period=2025M08&level=2&geography=2025-06-30');
    expect(byUnit(list)).toEqual({
      '701': [40, 1, 1, false, undefined],
      '702': [26, 2, 2, false, undefined],
    });
  });

  it('old communes: a new commune spanning several is split by predecessor shares, estimated', async () => {
    const list = await rows('indicator=TOTAL&orgUnit=70&period=2025M08&level=3&geography=2025-06-30');
    // 79001 = 70101 + 70102 (½ each); 79002 wholly from 70201; 79003 = 0.6 of 70201 + 70202 (0.6/1.6, 1/1.6)
    expect(byUnit(list)).toEqual({
      '70101': [20, 1, 1, true, undefined],
      '70102': [20, 1, 1, true, undefined],
      '70201': [16, 2, 2, true, undefined],
      '70202': [10, 1, 1, true, undefined],
    });
  });
});

describe('rankings', () => {
  type Item = { orgUnit: string; score: number; rank: number; estimated?: boolean };
  const ranked = async (query: string) => {
    const r = await get(`/api/scorecards/GEO/ranking?${query}`);
    return { ...r, items: r.items.map((i: Item) => [i.orgUnit, i.score, i.rank, i.estimated]) };
  };

  beforeAll(async () => {
    const sc = await t.request({
      method: 'PUT',
      url: '/api/scorecards/GEO',
      headers: admin,
      payload: {
        name: 'Hồ sơ',
        validFrom: 2020,
        components: [
          {
            code: 'T',
            name: 'Hồ sơ',
            weight: 1,
            indicator: 'TOTAL',
            scoring: { method: 'value', scale: 200 },
          },
        ],
      },
    });
    expect(sc.statusCode, sc.body).toBeLessThan(300);
    const w = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: {
        values: [
          { indicator: 'TOTAL', orgUnit: '80001', period: '2024M01', value: 150 },
          { indicator: 'TOTAL', orgUnit: '80001', period: '2025M08', value: 50 },
        ],
      },
    });
    expect(w.statusCode, w.body).toBe(200);
  });

  it('a period ranks the units valid in it', async () => {
    expect((await ranked('period=2024')).items).toEqual([
      ['80', 0.75, 1, undefined],
      ['70', 0.71, 2, undefined],
    ]);
    expect((await ranked('period=2025M08')).items).toEqual([
      ['79', 0.33, 1, undefined],
      ['80', 0.25, 2, undefined],
    ]);
  });

  it('geography= ranks 2024 in the units of 2025-07-01, flagging estimated figures', async () => {
    const provinces = await ranked('period=2024&geography=2025-07-01');
    expect(provinces.geography).toBe('2025-07-01');
    expect(provinces.items).toEqual([
      ['80', 0.75, 1, false],
      ['79', 0.71, 2, false],
    ]);
    expect((await ranked('period=2024&orgUnit=79&level=2&geography=2025-07-01')).items).toEqual([
      ['79003', 0.335, 1, true],
      ['79002', 0.2, 2, true],
      ['79001', 0.175, 3, false],
    ]);
  });

  it('the scope unit is resolved in the period, or on the geography date', async () => {
    expect(await statusOf('/api/scorecards/GEO/ranking?period=2024&orgUnit=79&level=2')).toBe(404);
    expect(await statusOf('/api/scorecards/GEO/ranking?period=2025M08&orgUnit=70&level=3')).toBe(404);
    expect((await ranked('period=2024&orgUnit=70&level=3')).items.map((i: unknown[]) => i[0])).toEqual([
      '70201',
      '70101',
      '70202',
      '70102',
    ]);
  });
});
