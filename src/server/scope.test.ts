/**
 * Scoped management (issue #10, decision 0005): catalogue, holiday calendar and form powers go by
 * the scope of the grant, and indicator updates are whole-object PUT or field-wise PATCH, never a
 * silent reset; a change that would orphan stored values is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as indicators from '../repositories/indicators.js';
import { type Fixture, startFixture } from '../test/fixture.js';
import { DEMO_PASSWORD } from '../test/harness.js';

const json = (res: { body: string }) => JSON.parse(res.body);
let f: Fixture;
let admin: Record<string, string>;
/** Secretariat of the province (74, the root). */
let province: Record<string, string>;
/** Secretariat of Thuận An (725) only. */
let district: Record<string, string>;

const call = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
  f.t.request({ method: method as 'GET', url, headers, payload: payload as string });

beforeAll(async () => {
  f = await startFixture();
  admin = f.admin;
  const u = await call('POST', '/api/users', admin, {
    username: 'vp725',
    displayName: 'Văn phòng Thuận An',
    password: DEMO_PASSWORD,
    homeUnit: '725',
    grants: [{ role: 'secretariat', orgUnit: '725' }],
  });
  expect(u.statusCode, u.body).toBe(201);
  province = await f.t.login('sotttt', DEMO_PASSWORD);
  district = await f.t.login('vp725', DEMO_PASSWORD);
  // an indicator owned by the district: its secretariat may edit it
  const own = await call('POST', '/api/indicators', admin, {
    code: 'TA_LOCAL',
    name: 'Chỉ tiêu riêng của Thuận An',
    valueType: 'count',
    pillar: 'society',
    frequency: 'year',
    owner: '725',
  });
  expect(own.statusCode, own.body).toBe(201);
}, 120_000);
afterAll(async () => f?.t.close());

async function indicator(code: string) {
  const r = await call('GET', `/api/indicators/${code}`, admin);
  expect(r.statusCode, r.body).toBe(200);
  return json(r);
}

/** The writable part of an indicator as GET returns it: what a whole-object PUT sends. */
function whole(ind: Record<string, unknown>) {
  const { ownerName: _o, published: _p, code: _c, ...rest } = ind;
  return rest;
}

describe('catalogue scope', () => {
  it('a district secretariat cannot create or edit a province indicator', async () => {
    const apps = await indicator('APPS');
    const put = await call('PUT', '/api/indicators/APPS', district, { ...whole(apps), name: 'Đổi tên' });
    expect(put.statusCode, put.body).toBe(403);
    const patch = await call('PATCH', '/api/indicators/APPS', district, { name: 'Đổi tên' });
    expect(patch.statusCode, patch.body).toBe(403);
    expect((await indicator('APPS')).name).toBe(apps.name);
    const create = await call('POST', '/api/indicators', district, {
      code: 'D_NEW',
      name: 'Mới',
      valueType: 'count',
      pillar: 'government',
    });
    expect(create.statusCode, create.body).toBe(403);
  });

  it('the province secretariat edits the catalogue', async () => {
    const r = await call('PATCH', '/api/indicators/APPS', province, { definition: 'Theo Quyết định 922' });
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r).definition).toBe('Theo Quyết định 922');
  });

  it("the owner unit's secretariat edits its own indicator, but cannot hand it outside its scope", async () => {
    const ok = await call('PATCH', '/api/indicators/TA_LOCAL', district, { unit: 'hộ' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).unit).toBe('hộ');
    const away = await call('PATCH', '/api/indicators/TA_LOCAL', district, { owner: '724' });
    expect(away.statusCode, away.body).toBe(403);
    const none = await call('PATCH', '/api/indicators/TA_LOCAL', district, { owner: null });
    expect(none.statusCode, none.body).toBe(403);
    expect((await indicator('TA_LOCAL')).owner).toBe('725');
  });

  it('/api/me tells the UI the scope of each power', async () => {
    const d = json(await call('GET', '/api/me', district)).permissions;
    expect(d.manageCatalogue).toBe(false);
    expect(d.manageCalendar).toBe(false);
    expect(d.manageFormsIn).toEqual(['725']);
    expect(d.managePlansIn).toEqual(['725']);
    const p = json(await call('GET', '/api/me', province)).permissions;
    expect(p.manageCatalogue).toBe(true);
    expect(p.manageCalendar).toBe(true);
    expect(p.manageFormsIn).toEqual(['74']);
    const a = json(await call('GET', '/api/me', admin)).permissions;
    expect(a.manageCatalogue).toBe(true);
    expect(a.manageFormsIn).toEqual(['*']);
  });
});

describe('holiday calendar scope', () => {
  it('a district secretariat cannot change or empty the province calendar', async () => {
    const before = json(await call('GET', '/api/reporting/holidays', district)).holidays;
    expect(before.length).toBeGreaterThan(0);
    const empty = await call('PUT', '/api/reporting/holidays', district, { holidays: [] });
    expect(empty.statusCode, empty.body).toBe(403);
    const add = await call('PUT', '/api/reporting/holidays', district, {
      holidays: [...before, { date: '2024-12-31', name: 'Nghỉ riêng' }],
    });
    expect(add.statusCode, add.body).toBe(403);
    expect(json(await call('GET', '/api/reporting/holidays', district)).holidays).toEqual(before);
    const ok = await call('PUT', '/api/reporting/holidays', province, { holidays: before });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('form scope', () => {
  const form = (code: string, units: Record<string, unknown>) => ({
    code,
    name: `Biểu ${code}`,
    periodType: 'month',
    indicators: ['APPS'],
    ...units,
  });

  it('a district secretariat cannot create a form over the other district or the province', async () => {
    for (const [code, units] of [
      ['F_MIX', { units: ['25978', '25942'] }],
      ['F_OTHER', { units: ['724'] }],
      ['F_PROV', { units: ['74'] }],
      ['F_WITHIN_PROV', { unitsWithin: { orgUnit: '74', level: 3 } }],
      ['F_WITHIN_OTHER', { unitsWithin: { orgUnit: '724', kind: 'commune' } }],
    ] as const) {
      const r = await call('POST', '/api/forms', district, form(code, units));
      expect(r.statusCode, `${code}: ${r.body}`).toBe(403);
    }
    const codes = json(await call('GET', '/api/forms', admin)).items.map((x: { code: string }) => x.code);
    expect(codes.filter((c: string) => c.startsWith('F_'))).toEqual([]);
  });

  it("a district secretariat creates forms over its own district's units", async () => {
    const a = await call('POST', '/api/forms', district, form('F_TA', { units: ['25978', '25987'] }));
    expect(a.statusCode, a.body).toBe(201);
    const b = await call(
      'POST',
      '/api/forms',
      district,
      form('F_TA_WITHIN', { unitsWithin: { orgUnit: '725', level: 3 } }),
    );
    expect(b.statusCode, b.body).toBe(201);
    const p = await call(
      'POST',
      '/api/forms',
      province,
      form('F_PROVINCE', { unitsWithin: { orgUnit: '74', level: 3 } }),
    );
    expect(p.statusCode, p.body).toBe(201);
  });
});

describe('indicator PUT is whole, PATCH is partial', () => {
  it('a partial PUT is a 400 naming the missing fields, and changes nothing', async () => {
    const before = await indicator('TEAMS');
    const r = await call('PUT', '/api/indicators/TEAMS', admin, { name: 'Tổ công nghệ số' });
    expect(r.statusCode, r.body).toBe(400);
    const fields = json(r).error.details.map((d: { field: string }) => d.field);
    for (const missing of ['frequency', 'valueType', 'pillar', 'reportingKinds', 'timeAggregation'])
      expect(fields, r.body).toContain(missing);
    expect(fields).not.toContain('name');
    expect(await indicator('TEAMS')).toEqual(before);
  });

  it('a whole PUT replaces the indicator', async () => {
    const before = await indicator('TEAMS');
    const r = await call('PUT', '/api/indicators/TEAMS', admin, { ...whole(before), nameEn: 'CDT teams' });
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toEqual({ ...before, nameEn: 'CDT teams' });
  });

  it('PATCH changes only the given fields', async () => {
    const before = await indicator('TEAMS');
    expect(before).toMatchObject({
      frequency: 'quarter',
      timeAggregation: 'last',
      reportingKinds: ['commune'],
    });
    const r = await call('PATCH', '/api/indicators/TEAMS', admin, { name: 'Số tổ CNS cộng đồng' });
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toEqual({ ...before, name: 'Số tổ CNS cộng đồng' });
    expect(await indicator('TEAMS')).toEqual({ ...before, name: 'Số tổ CNS cộng đồng' });
    const bad = await call('PATCH', '/api/indicators/TEAMS', admin, { frequency: 'fortnight' });
    expect(bad.statusCode, bad.body).toBe(400);
  });
});

describe('changes that would orphan stored values are refused', () => {
  // APPS (monthly count) holds 12 values: 4 communes × 2024M01..M03
  it('frequency', async () => {
    const r = await call('PATCH', '/api/indicators/APPS', admin, { frequency: 'quarter' });
    expect(r.statusCode, r.body).toBe(409);
    const e = json(r).error;
    expect(e.code).toBe('indicator_in_use');
    expect(e.message).toMatch(/12 số liệu đã lưu/);
    expect(e.details[0].message).toMatch(/month → quarter/);
    expect(e.details[0]).toMatchObject({ field: 'frequency', count: 12 });
    const en = await f.t.request({
      method: 'PATCH',
      url: '/api/indicators/APPS',
      headers: { ...admin, 'accept-language': 'en' },
      payload: { frequency: 'quarter' },
    });
    expect(en.statusCode).toBe(409);
    expect(json(en).error.message).toMatch(/12 stored values/);
    expect(json(en).error.details[0].message).toMatch(/month.*quarter/);
    expect((await indicator('APPS')).frequency).toBe('month');
  });

  it('value type ratio ↔ number', async () => {
    const v = await call('POST', '/api/data-values', admin, {
      values: [
        { indicator: 'ONLINE_FILES', orgUnit: '725', period: '2024M01', numerator: 3, denominator: 4 },
      ],
    });
    expect(v.statusCode, v.body).toBe(200);
    const r = await call('PATCH', '/api/indicators/ONLINE_FILES', admin, {
      valueType: 'number',
      aggregation: 'average',
    });
    expect(r.statusCode, r.body).toBe(409);
    expect(json(r).error.details[0]).toMatchObject({ field: 'valueType', count: 1 });
    const toRatio = await call('PATCH', '/api/indicators/APPS', admin, {
      valueType: 'ratio',
      aggregation: 'ratio',
    });
    expect(toRatio.statusCode, toRatio.body).toBe(409);
    expect((await indicator('ONLINE_FILES')).valueType).toBe('ratio');
    // the stored value is numerator/denominator × scale: another scale would contradict it
    const scale = await call('PATCH', '/api/indicators/ONLINE_FILES', admin, { ratioScale: 1000 });
    expect(scale.statusCode, scale.body).toBe(409);
    expect(json(scale).error.details[0]).toMatchObject({ field: 'ratioScale', count: 1 });
    expect((await indicator('ONLINE_FILES')).ratioScale).toBe(100);
  });

  it('disaggregation category and formula', async () => {
    await indicators.upsertCategory(f.t.database, {
      code: 'sex',
      name: 'Giới tính',
      name_en: 'Sex',
      options: [
        { code: 'm', name: 'Nam', name_en: 'Male' },
        { code: 'f', name: 'Nữ', name_en: 'Female' },
      ],
    });
    const cat = await call('PATCH', '/api/indicators/APPS', admin, { category: 'sex' });
    expect(cat.statusCode, cat.body).toBe(409);
    expect(json(cat).error.details[0]).toMatchObject({ field: 'category', count: 12 });
    const formula = await call('PATCH', '/api/indicators/APPS', admin, { formula: '{TEAMS} * 2' });
    expect(formula.statusCode, formula.body).toBe(409);
    // no values: the change goes through
    const teams = await call('PATCH', '/api/indicators/TA_LOCAL', admin, { category: 'sex' });
    expect(teams.statusCode, teams.body).toBe(200);
  });

  it('reporting kinds that exclude units holding data', async () => {
    const r = await call('PATCH', '/api/indicators/APPS', admin, { reportingKinds: ['district'] });
    expect(r.statusCode, r.body).toBe(409);
    expect(json(r).error.details[0]).toMatchObject({ field: 'reportingKinds', count: 12 });
    expect(json(r).error.details[0].message).toMatch(/commune/);
    const ok = await call('PATCH', '/api/indicators/APPS', admin, {
      reportingKinds: ['commune', 'district'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).reportingKinds).toEqual(['commune', 'district']);
    // a harmless change of an indicator holding data still goes through
    const name = await call('PATCH', '/api/indicators/APPS', admin, { unit: 'bộ hồ sơ' });
    expect(name.statusCode, name.body).toBe(200);
  });
});
