/**
 * Open data through HTTP without login (issue 13 part 3), on the configured database: the CSV for
 * people (BOM, Vietnamese intact, breakdown blank = total, rounded as displayed, readable periods),
 * JSON, Open SDG's CSV, SDMX-CSV 2.0; unpublished → 404; drafts and returned values never appear.
 */
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod, periodId } from '../domain/period.js';
import { mergeValues } from '../repositories/dataValues.js';
import * as indicators from '../repositories/indicators.js';
import { findByCodes } from '../repositories/orgUnits.js';
import type { TestApp } from '../test/harness.js';
import { createIndicators, type Headers, startWith } from '../test/setup.js';

const UNITS = `code,name,type,level,parent_code
74,Bình Dương,Tỉnh,1,
718,Thủ Dầu Một,Thành phố,2,74
725,Thuận An,Thành phố,2,74
`;

/** Quarterly ratio broken down by economic sector, shown with 2 decimals. */
const SHARE = {
  code: 'SHARE',
  name: 'Tỷ trọng kinh tế số trong GRDP',
  nameEn: 'Digital economy share',
  definition: 'Giá trị tăng thêm của kinh tế số trên GRDP.',
  unit: '%',
  valueType: 'ratio',
  aggregation: 'ratio',
  timeAggregation: 'sum',
  pillar: 'economy',
  frequency: 'quarter',
  decimals: 2,
  category: 'sector',
  owner: '74',
  source: 'Cục Thống kê tỉnh',
};
/** Monthly average speed with 1 decimal. */
const SPEED = {
  code: 'SPEED',
  name: 'Tốc độ băng rộng di động',
  nameEn: 'Mobile broadband speed',
  unit: 'Mbps',
  valueType: 'number',
  aggregation: 'average',
  timeAggregation: 'average',
  pillar: 'foundation',
  frequency: 'month',
  decimals: 1,
};
const HIDDEN = { ...SPEED, code: 'HIDDEN', name: 'Chỉ tiêu nội bộ', nameEn: 'Internal' };

const DRAFT_VALUE = 777_777;
const RETURNED_VALUE = 888_888;

let t: TestApp;
let admin: Headers;
const get = (url: string) => t.request({ method: 'GET', url });
const parse = (text: string) =>
  Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });

/** Numerator and denominator of SHARE per unit, quarter and sector (2024 whole, 2025 only Q1). */
const cells: Array<{ unit: string; period: string; option: string; num: number; den: number }> = [];
for (const unit of ['718', '725'])
  for (const period of ['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1'])
    for (const [option, base] of [
      ['industry', 1000],
      ['services', 300],
    ] as const) {
      const k = cells.length + 1;
      cells.push({ unit, period, option, num: base / 7 + k / 3, den: base * 3 + k });
    }
const ratio = (xs: typeof cells) =>
  (xs.reduce((s, c) => s + c.num, 0) / xs.reduce((s, c) => s + c.den, 0)) * 100;

beforeAll(async () => {
  ({ t, admin } = await startWith({ units: UNITS }));
  const cat = await t.request({
    method: 'PUT',
    url: '/api/categories/sector',
    headers: admin,
    payload: {
      name: 'Khu vực kinh tế',
      nameEn: 'Economic sector',
      options: [
        { code: 'industry', name: 'Công nghiệp', nameEn: 'Industry' },
        { code: 'services', name: 'Dịch vụ', nameEn: 'Services' },
      ],
    },
  });
  expect(cat.statusCode, cat.body).toBe(200);
  await createIndicators(t, admin, [SHARE, SPEED, HIDDEN]);
  const values = [
    ...cells.map((c) => ({
      indicator: 'SHARE',
      orgUnit: c.unit,
      period: c.period,
      categoryOption: c.option,
      numerator: c.num,
      denominator: c.den,
    })),
    ...Array.from({ length: 12 }, (_, m) => ({
      indicator: 'SPEED',
      orgUnit: '718',
      period: `2024M${String(m + 1).padStart(2, '0')}`,
      value: 40 + m / 3,
    })),
    { indicator: 'HIDDEN', orgUnit: '718', period: '2024M01', value: 1 },
  ];
  const imp = await t.request({
    method: 'POST',
    url: '/api/data-values',
    headers: admin,
    payload: { values },
  });
  expect(imp.statusCode, imp.body).toBe(200);
  for (const code of ['SHARE', 'SPEED']) {
    const p = await t.request({
      method: 'POST',
      url: `/api/indicators/${code}/publish`,
      headers: admin,
      payload: { published: true },
    });
    expect(p.statusCode, p.body).toBe(200);
  }
  // a draft (being entered) and a returned value (sent back by a reviewer): never public
  const [share, speed] = await indicators
    .findByCodes(t.database, ['SHARE', 'SPEED'])
    .then((xs) => ['SHARE', 'SPEED'].map((c) => xs.find((x) => x.code === c)!));
  const units = await findByCodes(t.database, ['718', '725']);
  const unit = (c: string) => units.find((u) => u.code === c)!;
  const options = new Map((await indicators.categoryOptions(t.database)).map((o) => [o.code, o.id]));
  const staged = (
    ind: typeof share,
    u: string,
    period: string,
    v: Partial<{ value: number; num: number }>,
  ) => ({
    provinceId: unit(u).provinceId ?? unit(u).id,
    indicatorId: ind.id,
    periodId: periodId(parsePeriod(period)!),
    orgUnitId: unit(u).id,
    optionId: ind.category ? options.get('industry')! : 0,
    value: v.value ?? null,
    numerator: v.num ?? null,
    denominator: v.num === undefined ? null : 1,
    comment: null,
  });
  // one transaction each: a merge stages its rows in a table of the transaction
  const write = (v: ReturnType<typeof staged>, status: string) =>
    t.database.transaction((tx) => mergeValues(tx, [v], { userId: null, status, source: 'form' }));
  await write(staged(share, '718', '2025Q2', { num: DRAFT_VALUE }), 'draft');
  await write(staged(speed, '718', '2025M01', { value: DRAFT_VALUE }), 'draft');
  await write(staged(share, '725', '2025Q2', { num: RETURNED_VALUE }), 'returned');
}, 120_000);
afterAll(async () => t?.close());

describe('published indicators', () => {
  it('lists only the published ones, with their display decimals', async () => {
    const r = await get('/api/open/indicators');
    expect(r.statusCode).toBe(200);
    const items = JSON.parse(r.body).items as Array<{ code: string; decimals: number }>;
    expect(items.map((i) => i.code).sort()).toEqual(['SHARE', 'SPEED']);
    expect(items.find((i) => i.code === 'SHARE')?.decimals).toBe(2);
  });

  it('answers 404 for an unpublished or unknown indicator on every open address', async () => {
    for (const code of ['HIDDEN', 'NOPE'])
      for (const tail of ['', '/data.csv', '/data.json', '/open-sdg.csv', '/sdmx.csv', '/series']) {
        const r = await get(`/api/open/indicators/${code}${tail}`);
        expect(r.statusCode, `${code}${tail}`).toBe(404);
        expect(r.body).not.toContain('Chỉ tiêu nội bộ');
      }
  });

  it('gives the metadata the public page shows: definition, unit, source, frequency, owner, breakdown', async () => {
    const r = await get('/api/open/indicators/SHARE');
    expect(r.statusCode, r.body).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({
      code: 'SHARE',
      name: SHARE.name,
      definition: SHARE.definition,
      unit: '%',
      source: SHARE.source,
      frequency: 'quarter',
      decimals: 2,
      owner: { code: '74', name: 'Bình Dương' },
      category: {
        code: 'sector',
        name: 'Khu vực kinh tế',
        options: [
          { code: 'industry', name: 'Công nghiệp' },
          { code: 'services', name: 'Dịch vụ' },
        ],
      },
    });
  });
});

describe('CSV for people (data.csv)', () => {
  it('starts with a UTF-8 BOM, keeps the Vietnamese intact and the contract columns first', async () => {
    const r = await get('/api/open/indicators/SHARE/data.csv');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = r.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split(/\r?\n/)[0]).toBe(
      '\ufeffindicator,org_unit,org_unit_name,period,value,period_name,category_option,category_option_name,unit',
    );
    expect(text).toContain('Thủ Dầu Một');
    expect(text).toContain('Công nghiệp');
    expect(text).toContain('Quý I/2024');
  });

  it('has a total row (breakdown blank) and a row per option, rounded to the indicator’s decimals', async () => {
    const rows = parse((await get('/api/open/indicators/SHARE/data.csv')).body.replace(/^\ufeff/, '')).data;
    const at = (unit: string, period: string, option: string) =>
      rows.filter((r) => r.org_unit === unit && r.period === period && r.category_option === option);
    for (const unit of ['74', '718', '725'])
      for (const period of ['2024Q1', '2024Q4', '2025Q1']) {
        const mine = cells.filter((c) => c.period === period && (unit === '74' || c.unit === unit));
        const [total] = at(unit, period, '');
        expect(total, `${unit} ${period}`).toBeDefined();
        expect(total.category_option_name).toBe('');
        expect(total.value).toBe(
          ratio(mine)
            .toFixed(2)
            .replace(/\.?0+$/, ''),
        );
        const [industry] = at(unit, period, 'industry');
        expect(industry.category_option_name).toBe('Công nghiệp');
        expect(Number(industry.value)).toBe(
          Number(ratio(mine.filter((c) => c.option === 'industry')).toFixed(2)),
        );
      }
    for (const r of rows) expect(r.value, JSON.stringify(r)).toMatch(/^-?\d+(\.\d{1,2})?$/);
    expect(rows.every((r) => r.unit === '%' && r.indicator === 'SHARE')).toBe(true);
  });

  it('rounds a one-decimal indicator to one decimal and names months as people read them', async () => {
    const rows = parse((await get('/api/open/indicators/SPEED/data.csv')).body.replace(/^\ufeff/, '')).data;
    const march = rows.find((r) => r.org_unit === '718' && r.period === '2024M03');
    expect(march).toMatchObject({ period_name: 'Tháng 3/2024', value: '40.7', category_option: '' });
    for (const r of rows) expect(r.value).toMatch(/^\d+(\.\d)?$/);
  });

  it('never shows a draft or returned value, nor their periods', async () => {
    for (const url of [
      '/api/open/indicators/SHARE/data.csv',
      '/api/open/indicators/SHARE/data.json',
      '/api/open/indicators/SHARE/sdmx.csv',
      '/api/open/indicators/SHARE/open-sdg.csv',
      '/api/open/indicators/SHARE/series',
      '/api/open/indicators/SPEED/data.csv',
      '/api/open/indicators/SPEED/series?orgUnit=718',
    ]) {
      const body = (await get(url)).body;
      for (const hidden of ['777777', '777,777', '888888', '2025Q2', '2025-Q2', '2025M01', 'Quý II/2025'])
        expect(body, `${url} shows ${hidden}`).not.toContain(hidden);
    }
  });
});

describe('what is not public yet', () => {
  it('a value of a report waiting for review shows only once the report is approved', async () => {
    const form = await t.request({
      method: 'POST',
      url: '/api/forms',
      headers: admin,
      payload: {
        code: 'BC_SPEED',
        name: 'Báo cáo tốc độ',
        nameEn: 'Speed report',
        periodType: 'month',
        indicators: ['SPEED'],
        unitsWithin: { orgUnit: '74', level: 2, kind: 'district' },
        dueWorkingDays: 5,
        reminderDays: 3,
        lockDays: 3650,
      },
    });
    expect(form.statusCode, form.body).toBe(201);
    const [unit] = await findByCodes(t.database, ['718']);
    const setStatus = (status: string) =>
      sql`INSERT INTO report_submission (province_id, form_id, period_id, org_unit_id, status)
        SELECT ${unit.provinceId ?? unit.id}, f.id, ${periodId(parsePeriod('2024M06')!)}, ${unit.id}, ${status}
        FROM report_form f WHERE f.code = 'BC_SPEED'
        ON CONFLICT (province_id, form_id, period_id, org_unit_id) DO UPDATE SET status = EXCLUDED.status`.execute(
        t.database.db,
      );
    const june = async () =>
      (
        JSON.parse((await get('/api/open/indicators/SPEED/series?orgUnit=718')).body).rows as Array<{
          period: string;
        }>
      )
        .map((r) => r.period)
        .includes('2024M06');
    expect(await june()).toBe(true);
    await setStatus('submitted');
    expect(await june()).toBe(false);
    await setStatus('returned');
    expect(await june()).toBe(false);
    await setStatus('approved');
    expect(await june()).toBe(true);
  });

  it('a period still running is not published', async () => {
    const now = new Date(Date.now() + 7 * 3600_000);
    const month = `${now.getUTCFullYear()}M${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const imp = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: { values: [{ indicator: 'SPEED', orgUnit: '725', period: month, value: 99.5 }] },
    });
    expect(imp.statusCode, imp.body).toBe(200);
    for (const url of [
      '/api/open/indicators/SPEED/data.csv',
      '/api/open/indicators/SPEED/series?orgUnit=725',
    ])
      expect((await get(url)).body).not.toContain(month);
  });
});

describe('JSON and series', () => {
  it('carries the metadata and the rows, breakdown null = total', async () => {
    const r = await get('/api/open/indicators/SHARE/data.json');
    expect(r.statusCode).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.indicator.code).toBe('SHARE');
    const totals = body.rows.filter((x: { categoryOption: string | null }) => x.categoryOption === null);
    expect(totals.length).toBe(3 * 5);
    expect(
      body.rows.find((x: { orgUnit: string; period: string }) => x.orgUnit === '74' && x.period === '2024Q2'),
    ).toMatchObject({ periodName: 'Quý II/2024', orgUnitName: 'Bình Dương', categoryOptionName: null });
  });

  it('narrows the series to one unit', async () => {
    const rows = JSON.parse((await get('/api/open/indicators/SHARE/series?orgUnit=725')).body).rows;
    expect(rows.length).toBe(5 * 3);
    expect(new Set(rows.map((x: { orgUnit: string }) => x.orgUnit))).toEqual(new Set(['725']));
    expect((await get('/api/open/indicators/SHARE/series?orgUnit=NOPE')).statusCode).toBe(404);
  });
});

describe('Open SDG CSV', () => {
  it('has Year, the breakdown columns, Units, GeoCode, Value; complete years only; headline blank', async () => {
    const r = await get('/api/open/indicators/SHARE/open-sdg.csv');
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload[0]).not.toBe(0xef);
    const { data, meta } = parse(r.body);
    expect(meta.fields).toEqual([
      'Year',
      'Khu vực kinh tế',
      'Đơn vị hành chính',
      'Units',
      'GeoCode',
      'Value',
    ]);
    // 2025 has only its first quarter: left out
    expect(new Set(data.map((x) => x.Year))).toEqual(new Set(['2024']));
    const headline = data.filter((x) => x['Khu vực kinh tế'] === '' && x['Đơn vị hành chính'] === '');
    expect(headline).toEqual([
      {
        Year: '2024',
        'Khu vực kinh tế': '',
        'Đơn vị hành chính': '',
        Units: '%',
        GeoCode: '74',
        Value: String(Number(ratio(cells.filter((c) => c.period.startsWith('2024'))).toFixed(2))),
      },
    ]);
    expect(data[0]).toEqual(headline[0]);
    const services718 = data.find((x) => x['Khu vực kinh tế'] === 'Dịch vụ' && x.GeoCode === '718');
    expect(services718).toMatchObject({
      'Đơn vị hành chính': 'Thủ Dầu Một',
      Value: String(
        Number(
          ratio(
            cells.filter((c) => c.unit === '718' && c.option === 'services' && c.period < '2025'),
          ).toFixed(2),
        ),
      ),
    });
  });
});

describe('SDMX-CSV', () => {
  it('is SDMX-CSV 2.0: structure columns, dimensions, OBS_VALUE, the total coded _T', async () => {
    const r = await get('/api/open/indicators/SHARE/sdmx.csv');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/vnd\.sdmx\.data\+csv; version=2\.0\.0/);
    expect(r.body.split(/\r?\n/)[0]).toBe(
      'STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,SECTOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,DECIMALS',
    );
    const { data } = parse(r.body);
    expect(data.length).toBe(3 * 5 * 3);
    expect(data.every((x) => x.STRUCTURE === 'dataflow' && x.STRUCTURE_ID === 'CHISO:DF_SHARE(1.0)')).toBe(
      true,
    );
    const total = data.find((x) => x.REF_AREA === '74' && x.TIME_PERIOD === '2024-Q3' && x.SECTOR === '_T');
    expect(total).toMatchObject({ FREQ: 'Q', ACTION: 'I', UNIT_MEASURE: '%', DECIMALS: '2' });
    expect(new Set(data.map((x) => x.SECTOR))).toEqual(new Set(['_T', 'INDUSTRY', 'SERVICES']));
    const monthly = parse((await get('/api/open/indicators/SPEED/sdmx.csv')).body).data;
    expect(monthly.find((x) => x.TIME_PERIOD === '2024-03')).toMatchObject({ FREQ: 'M', OBS_VALUE: '40.7' });
    expect(Object.keys(monthly[0])).not.toContain('SECTOR');
  });
});

describe('after withdrawal', () => {
  it('answers 404 once the indicator is unpublished', async () => {
    const p = await t.request({
      method: 'POST',
      url: '/api/indicators/SPEED/publish',
      headers: admin,
      payload: { published: false },
    });
    expect(p.statusCode).toBe(200);
    expect((await get('/api/open/indicators/SPEED/data.csv')).statusCode).toBe(404);
    expect((await get('/api/open/indicators/SPEED')).statusCode).toBe(404);
  });
});
