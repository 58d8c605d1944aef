/** The outside contract (docs: shared/docs/api-contract.md), end to end through HTTP, on the configured database. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregate } from '../domain/aggregate.js';
import { APPS, ONLINE_FILES, TEAMS } from '../test/fixture.js';
import { sharedPath, startTestApp, type TestApp } from '../test/harness.js';
import { multipartBody } from '../test/multipart.js';
import { startWith } from '../test/setup.js';

const UNITS_CSV = `code,name,type,level,parent_code
74,Bình Dương,Tỉnh,1,
718,Thủ Dầu Một,Thành phố,2,74
725,Thuận An,Thành phố,2,74
25747,Phú Cường,Phường,3,718
25750,Hiệp Thành,Phường,3,718
25753,Phú Lợi,Phường,3,718
25978,Lái Thiêu,Phường,3,725
25987,Bình Chuẩn,Phường,3,725
`;

let t: TestApp;
let admin: Record<string, string>;

const json = (res: { body: string }) => JSON.parse(res.body);

beforeAll(async () => {
  ({ t, admin } = await startWith({
    units: UNITS_CSV,
    // the fixture's indicators, ONLINE_FILES first and with a field
    indicators: [{ ...ONLINE_FILES, field: 'public_admin' }, APPS, TEAMS],
  }));
});
afterAll(async () => t?.close());

describe('health, docs and the closed door', () => {
  it('answers health with the engine in use', async () => {
    const r = await t.request({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(json(r)).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgresql' : 'pglite' });
  });

  it('serves a complete OpenAPI document and the docs page without login', async () => {
    const r = await t.request({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = json(r);
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/health',
      '/api/org-units',
      '/api/org-units/import',
      '/api/indicators',
      '/api/data-values',
      '/api/analytics',
      '/api/auth/login',
      '/api/audit',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const docs = await t.request({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('refuses every other endpoint without a session or token', async () => {
    for (const url of [
      '/api/org-units',
      '/api/indicators',
      '/api/data-values',
      '/api/analytics?indicator=APPS&orgUnit=74&period=2024',
      '/api/audit',
      '/api/me',
    ]) {
      const r = await t.request({ method: 'GET', url });
      expect(r.statusCode, url).toBe(401);
      expect(json(r).error.code).toBe('unauthorized');
    }
    const w = await t.request({ method: 'POST', url: '/api/data-values', payload: { values: [] } });
    expect(w.statusCode).toBe(401);
  });

  it('refuses a wrong password with 401 and a bad bearer token with 401', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'wrong-password' },
    });
    expect(r.statusCode).toBe(401);
    const b = await t.request({
      method: 'GET',
      url: '/api/indicators',
      headers: { authorization: 'Bearer nope' },
    });
    expect(b.statusCode).toBe(401);
  });

  it('speaks English when asked', async () => {
    const r = await t.request({
      method: 'GET',
      url: '/api/indicators',
      headers: { 'accept-language': 'en' },
    });
    expect(json(r).error.message).toMatch(/Not logged in/);
    const v = await t.request({ method: 'GET', url: '/api/indicators' });
    expect(json(v).error.message).toMatch(/Chưa đăng nhập/);
  });

  it('bearer tokens act with the user rights; read-only tokens cannot write; revoked tokens stop working', async () => {
    const c = await t.request({
      method: 'POST',
      url: '/api/tokens',
      headers: admin,
      payload: { name: 'portal', scope: 'read' },
    });
    expect(c.statusCode).toBe(201);
    const token = json(c).token as string;
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.request({ method: 'GET', url: '/api/indicators', headers: auth })).statusCode).toBe(200);
    const w = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: auth,
      payload: { values: [{ indicator: 'APPS', orgUnit: '25747', period: '2020M01', value: 1 }] },
    });
    expect(w.statusCode).toBe(403);
    const del = await t.request({ method: 'DELETE', url: `/api/tokens/${json(c).id}`, headers: admin });
    expect(del.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/indicators', headers: auth })).statusCode).toBe(401);
  });
});

describe('org units', () => {
  it('lists with level, parent, q (ignoring diacritics), limit and offset', async () => {
    const r = json(
      await t.request({ method: 'GET', url: '/api/org-units?level=3&parent=718', headers: admin }),
    );
    expect(r.total).toBe(3);
    expect(r.items[0]).toEqual({
      code: '25747',
      name: 'Phú Cường',
      kind: 'commune',
      type: 'Phường',
      level: 3,
      parentCode: '718',
      validFrom: null,
      validTo: null,
      hasGeometry: false,
    });
    const q = json(await t.request({ method: 'GET', url: '/api/org-units?q=THUAN%20an', headers: admin }));
    expect(q.items.map((u: { code: string }) => u.code)).toEqual(['725']);
    const page = json(
      await t.request({ method: 'GET', url: '/api/org-units?limit=2&offset=2', headers: admin }),
    );
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(8);
  });

  it('refuses a whole file with one bad row and names row, column and rule', async () => {
    const csv = `code,name,type,level,parent_code\n999,Tỉnh Thử,Tỉnh,1,\n9991,Huyện Thử,Huyện,2,999\n9992,Xã Thử,Xã,3,NOPE\n9993,,Xã,3,9991\n9994,Xã Sai Cấp,Xã,2,9991\n`;
    const r = await t.request({
      method: 'POST',
      url: '/api/org-units/import',
      headers: { ...admin, 'content-type': 'text/csv', 'accept-language': 'en' },
      payload: csv,
    });
    expect(r.statusCode).toBe(422);
    const body = json(r);
    expect(body.created).toBe(0);
    expect(body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [4, 'parent_code'],
      [5, 'name'],
      [6, 'level'],
    ]);
    expect(body.errors[0].message).toMatch(/NOPE/);
    const after = json(await t.request({ method: 'GET', url: '/api/org-units?q=thu', headers: admin }));
    expect(after.items.find((u: { code: string }) => u.code === '999')).toBeUndefined();
  });

  it('refuses a wrong header and a wrong encoding with the error shape', async () => {
    const h = await t.request({
      method: 'POST',
      url: '/api/org-units/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: 'ma,ten\n1,2\n',
    });
    expect(h.statusCode).toBe(400);
    expect(json(h).error.code).toBe('bad_header');
    const latin1 = Buffer.concat([
      Buffer.from('code,name,type,level,parent_code\n'),
      Buffer.from([0x38, 0x38, 0x2c, 0x42, 0xec, 0x6e, 0x68, 0x2c, 0x54, 0x2c, 0x31, 0x2c, 0x0a]),
    ]);
    const e = await t.request({
      method: 'POST',
      url: '/api/org-units/import',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: latin1,
    });
    expect(e.statusCode).toBe(400);
    expect(json(e).error.code).toBe('bad_encoding');
  });

  it('imports the whole national list of 2025-03 (10,806 units) with Vietnamese names intact', async () => {
    const path = sharedPath('data/vn-admin/units-2025-03.csv');
    if (!path) return; // shared data not present in this checkout
    const other = await startTestApp();
    try {
      const h = await other.login('admin');
      const r = await other.request({
        method: 'POST',
        url: '/api/org-units/import',
        headers: { ...h, 'content-type': 'text/csv' },
        payload: readFileSync(path),
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(json(r)).toEqual({ created: 10806, updated: 0, errors: [] });
      const all = json(await other.request({ method: 'GET', url: '/api/org-units?limit=1', headers: h }));
      expect(all.total).toBe(10806);
      const provinces = json(
        await other.request({ method: 'GET', url: '/api/org-units?level=1&limit=100', headers: h }),
      );
      expect(provinces.total).toBe(63);
      const dl = json(
        await other.request({
          method: 'GET',
          url: `/api/org-units?q=${encodeURIComponent('dak lak')}&level=1`,
          headers: h,
        }),
      );
      expect(dl.items[0].name).toBe('Đắk Lắk');
      const again = await other.request({
        method: 'POST',
        url: '/api/org-units/import',
        headers: { ...h, 'content-type': 'text/csv' },
        payload: readFileSync(path),
      });
      expect(json(again)).toEqual({ created: 0, updated: 10806, errors: [] });
    } finally {
      await other.close();
    }
  });
});

describe('indicators', () => {
  it('lists with the contract fields and searches ignoring case and diacritics', async () => {
    const r = json(
      await t.request({ method: 'GET', url: '/api/indicators?q=HO%20SO%20CONG%20VIEC', headers: admin }),
    );
    expect(r.total).toBe(1);
    expect(r.items[0]).toMatchObject({
      code: 'ONLINE_FILES',
      name: 'Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng',
      nameEn: 'Work files processed online',
      unit: '%',
      valueType: 'ratio',
      aggregation: 'ratio',
      pillar: 'government',
      field: 'public_admin',
      frequency: 'month',
    });
    const byPillar = json(
      await t.request({ method: 'GET', url: '/api/indicators?pillar=society', headers: admin }),
    );
    expect(byPillar.items.map((i: { code: string }) => i.code)).toEqual(['TEAMS']);
  });

  it('validates creation: bad enum, unknown pillar, duplicate code', async () => {
    const bad = await t.request({
      method: 'POST',
      url: '/api/indicators',
      headers: admin,
      payload: { code: 'X1', name: 'x', valueType: 'percent', pillar: 'government' },
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.details.length).toBeGreaterThan(0);
    const pillar = await t.request({
      method: 'POST',
      url: '/api/indicators',
      headers: admin,
      payload: { code: 'X2', name: 'x', valueType: 'count', pillar: 'space' },
    });
    expect(pillar.statusCode).toBe(400);
    expect(JSON.stringify(json(pillar).error.details)).toMatch(/pillar/);
    const dup = await t.request({
      method: 'POST',
      url: '/api/indicators',
      headers: admin,
      payload: { code: 'APPS', name: 'x', valueType: 'count', pillar: 'government' },
    });
    expect(dup.statusCode).toBe(409);
  });
});

describe('data values', () => {
  it('imports JSON, derives ratio values, and counts imported / updated / unchanged', async () => {
    const values = [
      { indicator: 'ONLINE_FILES', orgUnit: '25747', period: '2024M01', numerator: 30, denominator: 40 },
      { indicator: 'ONLINE_FILES', orgUnit: '25750', period: '2024M01', numerator: 10, denominator: 60 },
      { indicator: 'APPS', orgUnit: '25747', period: '2024M01', value: 100 },
      { indicator: 'APPS', orgUnit: '25747', period: '2024M02', value: 120, comment: 'tăng do cao điểm' },
    ];
    const r = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: { values },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toEqual({ imported: 4, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    const again = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: { values: [values[0], { ...values[2], value: 101 }] },
    });
    expect(json(again)).toMatchObject({ imported: 0, updated: 1, unchanged: 1, rejected: 0 });
    const stored = json(
      await t.request({
        method: 'GET',
        url: '/api/data-values?indicator=ONLINE_FILES&orgUnit=25747',
        headers: admin,
      }),
    );
    expect(stored.items[0]).toMatchObject({
      indicator: 'ONLINE_FILES',
      orgUnit: '25747',
      period: '2024M01',
      value: 75,
      numerator: 30,
      denominator: 40,
      status: 'submitted',
    });
    expect(typeof stored.items[0].updatedAt).toBe('string');
  });

  it('imports CSV with the contract header', async () => {
    const csv =
      'indicator,org_unit,period,value,numerator,denominator\nAPPS,25750,2024M01,50,,\nONLINE_FILES,25978,2024M01,,5,10\n';
    const r = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toMatchObject({ imported: 2, rejected: 0 });
  });

  it('atomic by default: one bad row → 422, nothing written, every bad row named', async () => {
    const csv = [
      'indicator,org_unit,period,value,numerator,denominator',
      'APPS,25753,2024M01,7,,', // good
      'APPS,25753,2024Q1,7,,', // wrong period type
      'NOPE,25753,2024M01,7,,', // unknown indicator
      'APPS,00000,2024M01,7,,', // unknown unit
      'APPS,25753,2024M02,abc,,', // not a number
      'ONLINE_FILES,25753,2024M01,,50,10', // numerator > denominator
      'ONLINE_FILES,25753,2024M02,80,,', // ratio without parts
      'APPS,25753,2024M01,8,,', // duplicate of row 2
      'TEAMS,718,2024Q1,3,,', // a district does not report TEAMS
      'APPS,25753,2024M03,-1,,', // negative count
      'APPS,25753,2024M04,1.5,,', // count not integer
    ].join('\n');
    const r = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...admin, 'content-type': 'text/csv', 'accept-language': 'en' },
      payload: csv,
    });
    expect(r.statusCode).toBe(422);
    const body = json(r);
    expect(body.imported).toBe(0);
    expect(body.rejected).toBe(10);
    const rows = body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(rows).toEqual([
      '3:period',
      '4:indicator',
      '5:org_unit',
      '6:value',
      '7:numerator',
      '8:numerator',
      '9:period',
      '10:org_unit',
      '11:value',
      '12:value',
    ]);
    expect(body.errors[0].message).toMatch(/month/);
    const none = json(
      await t.request({ method: 'GET', url: '/api/data-values?orgUnit=25753', headers: admin }),
    );
    expect(none.total).toBe(0);
  });

  it('partial on request: good rows written, bad ones listed', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: {
        mode: 'partial',
        values: [
          { indicator: 'APPS', orgUnit: '25753', period: '2024M01', value: 9 },
          { indicator: 'APPS', orgUnit: '25753', period: 'bad', value: 9 },
          { indicator: 'APPS', orgUnit: '25753', period: '2024M02', value: 'x' },
        ],
      },
    });
    expect(r.statusCode).toBe(200);
    expect(json(r)).toMatchObject({ imported: 1, rejected: 2 });
    expect(json(r).errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
  });

  it('JSON of the wrong shape, malformed JSON and a wrong CSV header get the error shape, not 5xx', async () => {
    const shape = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: { rows: [] },
    });
    expect(shape.statusCode).toBe(400);
    expect(json(shape).error).toBeDefined();
    const malformed = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"values": [',
    });
    expect(malformed.statusCode).toBe(400);
    expect(json(malformed).error.code).toBe('invalid_json');
    const header = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: 'indicator,unit,period,value\nAPPS,25747,2024M01,1\n',
    });
    expect(header.statusCode).toBe(400);
    expect(json(header).error.code).toBe('bad_header');
    const wrongTypes = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: { values: [{ indicator: 5, orgUnit: ['x'], period: {}, value: {} }, 'text'] },
    });
    expect(wrongTypes.statusCode).toBe(422);
    expect(json(wrongTypes).rejected).toBe(2);
  });

  it('dryRun=true counts what the import would do and writes nothing', async () => {
    const before = await t.database.db
      .selectFrom('data_value')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    const dry = await t.request({
      method: 'POST',
      url: '/api/data-values?dryRun=true',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: 'indicator,org_unit,period,value,numerator,denominator\nAPPS,25747,2019M01,7,,\n',
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(json(dry)).toMatchObject({ imported: 1, rejected: 0 });
    const after = await t.database.db
      .selectFrom('data_value')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/data-values?dryRun=maybe',
          headers: admin,
          payload: { values: [] },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('a body over the limit gets 413 and nothing is written', async () => {
    const big = Buffer.alloc(t.config.bodyLimit + 1024, 'a');
    const r = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: big,
    });
    expect(r.statusCode).toBe(413);
    expect(json(r).error.code).toBe('body_too_large');
  });

  it('what the router, the HTTP parser and the upload limits refuse has the error shape', async () => {
    // more fields than an upload may carry: not "too large", but too many parts
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, 'x']));
    const form = multipartBody(
      { field: 'file', filename: 'a.csv', type: 'text/csv', body: 'indicator,org_unit,period,value\n' },
      many,
    );
    const parts = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...admin, 'content-type': form.contentType, 'accept-language': 'en' },
      payload: form.payload,
    });
    expect(parts.statusCode, parts.body).toBe(413);
    expect(json(parts).error).toMatchObject({
      code: 'too_many_parts',
      message: expect.stringMatching(/one file/),
    });
    // a multipart body without a boundary, or cut short: 400, never a 5xx
    for (const [type, payload] of [
      ['multipart/form-data', 'x'],
      [
        'multipart/form-data; boundary=zz',
        '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nindicator',
      ],
    ]) {
      const cut = await t.request({
        method: 'POST',
        url: '/api/data-values',
        headers: { ...admin, 'content-type': type },
        payload,
      });
      expect(cut.statusCode, cut.body).toBe(400);
      expect(json(cut).error.code).toBe('bad_multipart');
    }
    // a path part longer than the router takes: 414 in our shape
    const long = await t.request({
      method: 'GET',
      url: `/api/indicators/${'x'.repeat(300)}`,
      headers: admin,
    });
    expect(long.statusCode).toBe(414);
    expect(json(long).error.code).toBe('url_too_long');
    // headers above Node's limit, on a real socket: 431 in our shape
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const big = await fetch(`http://127.0.0.1:${port}/api/health`, {
      headers: { 'x-big': 'y'.repeat(20_000) },
    });
    expect(big.status).toBe(431);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('headers_too_large');
  });

  it('wrong API tokens from one address are throttled (429, Retry-After); other addresses are not', async () => {
    const from = (ip: string, token: string) =>
      t.request({
        method: 'GET',
        url: '/api/indicators',
        headers: { authorization: `ApiToken ${token}`, 'x-forwarded-for': ip },
      });
    for (let i = 0; i < 20; i++) expect((await from('203.0.113.9', `wrong-${i}`)).statusCode).toBe(401);
    const held = await from('203.0.113.9', 'wrong-again');
    expect(held.statusCode).toBe(429);
    expect(json(held).error.code).toBe('token_throttled');
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    // another address is not held
    expect((await from('203.0.113.10', 'wrong')).statusCode).toBe(401);
  });

  it('keeps the history of every change: who, when, before, after', async () => {
    const rows = await t.database.db.selectFrom('data_value_history').selectAll().execute();
    const h = rows.find((r) => r.old_value === 100 && r.new_value === 101);
    expect(h).toBeDefined();
    expect(h?.changed_by).not.toBeNull();
  });
});

describe('analytics', () => {
  it('aggregates ratios as Σnumerator/Σdenominator with reported/expected', async () => {
    const r = json(
      await t.request({
        method: 'GET',
        url: '/api/analytics?indicator=ONLINE_FILES&orgUnit=718&period=2024M01',
        headers: admin,
      }),
    );
    // 30/40 and 10/60 → 40/100 = 40 %, not the mean of 75 % and 16.7 %
    expect(r.rows).toEqual([
      {
        indicator: 'ONLINE_FILES',
        orgUnit: '718',
        orgUnitName: 'Thủ Dầu Một',
        period: '2024M01',
        value: 40,
        numerator: 40,
        denominator: 100,
        reported: 2,
        expected: 3,
      },
    ]);
  });

  it('one row per unit of a level, and the whole subtree once (no double counting)', async () => {
    const r = json(
      await t.request({
        method: 'GET',
        url: '/api/analytics?indicator=APPS&orgUnit=74&period=2024M01&level=2',
        headers: admin,
      }),
    );
    expect(r.rows.map((x: { orgUnit: string; value: number }) => [x.orgUnit, x.value])).toEqual([
      ['718', 101 + 50 + 9],
      ['725', null],
    ]);
    const p = json(
      await t.request({
        method: 'GET',
        url: '/api/analytics?indicator=APPS&orgUnit=74&period=2024M01',
        headers: admin,
      }),
    );
    expect(p.rows[0]).toMatchObject({ value: 160, reported: 3, expected: 5 });
  });

  it('rolls a year of months up by the time rule (sum for flows)', async () => {
    const r = json(
      await t.request({
        method: 'GET',
        url: '/api/analytics?indicator=APPS&orgUnit=25747&period=2024,2024Q1,2024S1',
        headers: admin,
      }),
    );
    expect(r.rows.map((x: { value: number }) => x.value)).toEqual([221, 221, 221]);
  });

  it('agrees with the pure engine on the same values', async () => {
    const stored = json(
      await t.request({ method: 'GET', url: '/api/data-values?indicator=ONLINE_FILES', headers: admin }),
    ).items;
    const spec = aggregate(
      {
        valueType: 'ratio',
        aggregation: 'ratio',
        timeAggregation: 'last',
        frequency: 'month',
        ratioScale: 100,
      },
      stored.map((v: { orgUnit: string; numerator: number; denominator: number; value: number }) => ({
        unit: v.orgUnit,
        periodId: 1,
        value: v.value,
        numerator: v.numerator,
        denominator: v.denominator,
      })),
      5,
    );
    const r = json(
      await t.request({
        method: 'GET',
        url: '/api/analytics?indicator=ONLINE_FILES&orgUnit=74&period=2024M01',
        headers: admin,
      }),
    );
    expect(r.rows[0].value).toBeCloseTo(spec.value as number, 6);
    expect(r.rows[0].reported).toBe(spec.reported);
  });

  it('404 for unknown codes and 400 for a bad period', async () => {
    expect(
      (
        await t.request({
          method: 'GET',
          url: '/api/analytics?indicator=NOPE&orgUnit=74&period=2024',
          headers: admin,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.request({
          method: 'GET',
          url: '/api/analytics?indicator=APPS&orgUnit=74&period=20x4',
          headers: admin,
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('audit trail', () => {
  it('records writes newest first with the contract fields', async () => {
    const r = json(await t.request({ method: 'GET', url: '/api/audit?limit=5', headers: admin }));
    expect(r.total).toBeGreaterThan(3);
    expect(Object.keys(r.items[0])).toEqual(
      expect.arrayContaining(['at', 'user', 'action', 'entity', 'key', 'before', 'after']),
    );
    const ind = json(await t.request({ method: 'GET', url: '/api/audit?entity=indicator', headers: admin }));
    expect(
      ind.items.some((i: { key: string; action: string }) => i.key === 'APPS' && i.action === 'create'),
    ).toBe(true);
  });
});
