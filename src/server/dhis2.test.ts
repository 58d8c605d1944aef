/**
 * DHIS2 data value sets as DHIS2 behaves (issue 13), through HTTP on the configured database, with
 * dhis2-core's own test payloads (src/services/dhis2/fixtures, BSD-3, University of Oslo).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../services/auth.js';
import { runCli } from '../test/cli.js';
import type { TestApp } from '../test/harness.js';
import { ADMIN_PASSWORD } from '../test/harness.js';
import { addUser, INDICATOR_ONLINE, INDICATOR_TOTAL, startWith } from '../test/setup.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../services/dhis2/fixtures/${name}`, import.meta.url));
const bulk = JSON.parse(fixture('dataValues_bulk.json').toString()) as {
  dataValues: Array<{ dataElement: string; period: string; categoryOptionCombo: string; value: string }>;
};

const UNITS_CSV = `code,name,type,level,parent_code
74,Bình Dương,Tỉnh,1,
718,Thủ Dầu Một,Thành phố,2,74
725,Thuận An,Thành phố,2,74
25747,Phú Cường,Phường,3,718
DiszpKrYNg8,DHIS2 unit A,Huyện,2,74
BdfsJfj87js,DHIS2 unit B,Huyện,2,74
O6uvpzGd5pu,DHIS2 unit C,Huyện,2,74
`;

const count = (code: string, frequency: string, extra: object = {}) => ({
  code,
  name: code,
  nameEn: code,
  unit: '',
  valueType: 'count',
  aggregation: 'sum',
  timeAggregation: 'sum',
  pillar: 'government',
  frequency,
  ...extra,
});
const yesNo = (code: string) => ({ ...count(code, 'month'), valueType: 'boolean', timeAggregation: 'last' });

// the bulk sample's data elements: yearly where it sends 2018, monthly otherwise; yes/no where it sends true/false
const bulkFrequency = new Map<string, string>();
const bulkBoolean = new Set<string>();
for (const v of bulk.dataValues) {
  bulkFrequency.set(v.dataElement, v.period === '2018' ? 'year' : 'month');
  if (v.value === 'true' || v.value === 'false') bulkBoolean.add(v.dataElement);
}
// its category option combos, grouped by the data elements that use them (three combinations)
const combosOf = new Map<string, Set<string>>();
for (const v of bulk.dataValues)
  if (v.categoryOptionCombo !== 'HllvX50cXC0')
    combosOf.set(v.dataElement, (combosOf.get(v.dataElement) ?? new Set()).add(v.categoryOptionCombo));
const comboSets = [...new Set([...combosOf.values()].map((s) => [...s].sort().join(',')))];
const categoryOf = (de: string) => {
  const s = combosOf.get(de);
  return s ? `CC${comboSets.indexOf([...s].sort().join(','))}` : undefined;
};

let t: TestApp;
let admin: Record<string, string>;
const json = (res: { body: string }) => JSON.parse(res.body);
const post = (payload: unknown, query = '', headers: Record<string, string> = admin) =>
  t.request({ method: 'POST', url: `/api/dataValueSets${query}`, headers, payload: payload as never });
const postCsv = (body: Buffer | string, type = 'application/csv', query = '') =>
  t.request({
    method: 'POST',
    url: `/api/dataValueSets${query}`,
    headers: { ...admin, 'content-type': type },
    payload: body,
  });
const get = (query: string, headers: Record<string, string> = admin) =>
  t.request({ method: 'GET', url: `/api/dataValueSets?${query}`, headers });
const stored = async (indicator: string, orgUnit: string, period: string) =>
  json(
    await t.request({
      method: 'GET',
      url: `/api/data-values?indicator=${indicator}&orgUnit=${orgUnit}&period=${period}`,
      headers: admin,
    }),
  ).items;

beforeAll(async () => {
  ({ t, admin } = await startWith({
    units: UNITS_CSV,
    indicators: [
      INDICATOR_TOTAL,
      INDICATOR_ONLINE,
      count('WEEKLY', 'week'),
      count('DAILY', 'day'),
      count('NINE', 'nine_months'),
      count('f7n9E0hX8qk', 'month'),
      count('Ix2HsbDMLea', 'month'),
      count('eY5ehpbEsB7', 'month'),
      yesNo('jH26dja2f30'),
      yesNo('jH26dja2f31'),
    ],
  }));
}, 120_000);
afterAll(async () => t?.close());

describe('POST /api/dataValueSets', () => {
  it('answers the WebMessage envelope; dryRun validates and counts but writes nothing', async () => {
    const set = {
      dataValues: [
        { dataElement: 'TOTAL', period: '202406', orgUnit: '718', value: '120', comment: 'một cửa' },
        { dataElement: 'TOTAL', period: '202406', orgUnit: '725', value: '80', followup: true },
      ],
    };
    const dry = await post(set, '?dryRun=true&preheatCache=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(json(dry)).toMatchObject({
      httpStatus: 'OK',
      httpStatusCode: 200,
      status: 'OK',
      message: 'Import was successful.',
      response: {
        responseType: 'ImportSummary',
        status: 'SUCCESS',
        importOptions: { dryRun: true, importStrategy: 'CREATE_AND_UPDATE', preheatCache: true },
        importCount: { imported: 2, updated: 0, ignored: 0, deleted: 0 },
        conflicts: [],
      },
    });
    expect(await stored('TOTAL', '718', '2024M06')).toEqual([]);
    const real = json(await post(set));
    expect(real.response.importCount).toEqual({ imported: 2, updated: 0, ignored: 0, deleted: 0 });
    const out = json(await get('dataElement=TOTAL&orgUnit=718,725&period=202406')).dataValues;
    expect(out).toHaveLength(2);
    const a = out.find((d: { orgUnit: string }) => d.orgUnit === '718');
    expect(a).toMatchObject({ value: '120', comment: 'một cửa', storedBy: 'admin', followup: false });
    expect(a.created).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(out.find((d: { orgUnit: string }) => d.orgUnit === '725').followup).toBe(true);
    // a dry-run update and delete leave the stored values as they are
    expect(
      json(await post({ dataValues: [{ ...set.dataValues[0], value: '999' }] }, '?dryRun=true')).response
        .importCount,
    ).toMatchObject({ updated: 1 });
    expect(
      json(await post({ dataValues: [set.dataValues[0]] }, '?dryRun=true&importStrategy=DELETE')).response
        .importCount,
    ).toMatchObject({ deleted: 1 });
    expect((await stored('TOTAL', '718', '2024M06'))[0].value).toBe(120);
  });

  it('CREATE ignores stored cells, UPDATE ignores new ones, DELETE really deletes (history kept)', async () => {
    const v = (orgUnit: string, value: string) => ({
      dataElement: 'TOTAL',
      period: '202407',
      orgUnit,
      value,
    });
    await post({ dataValues: [v('718', '10')] });
    const create = json(
      await post({ dataValues: [v('718', '11'), v('725', '12')] }, '?importStrategy=CREATE'),
    );
    expect(create.response.importCount).toEqual({ imported: 1, updated: 0, ignored: 1, deleted: 0 });
    expect((await stored('TOTAL', '718', '2024M07'))[0].value).toBe(10);
    const update = json(
      await post({ dataValues: [v('718', '13'), v('25747', '14')] }, '?importStrategy=UPDATE'),
    );
    expect(update.response.importCount).toEqual({ imported: 0, updated: 1, ignored: 1, deleted: 0 });
    expect(await stored('TOTAL', '25747', '2024M07')).toEqual([]);
    // dhis2-core's own deletion payload shape (dataValueSetJDeleteNoValue.json: no value at all)
    const del = await post(
      { dataValues: [{ dataElement: 'TOTAL', period: '202407', orgUnit: '718' }, v('25747', '1')] },
      '?importStrategy=DELETE',
    );
    expect(del.statusCode).toBe(200);
    expect(json(del).response.importCount).toEqual({ imported: 0, updated: 0, ignored: 1, deleted: 1 });
    expect(await stored('TOTAL', '718', '2024M07')).toEqual([]);
    const history = json(
      await t.request({
        method: 'GET',
        url: '/api/data-values/history?indicator=TOTAL&orgUnit=718&period=2024M07',
        headers: admin,
      }),
    );
    expect(JSON.stringify(history)).toContain('delete');
    // `deleted: true` deletes under CREATE_AND_UPDATE too
    const soft = json(await post({ dataValues: [{ ...v('725', '12'), deleted: true }] }));
    expect(soft.response.importCount.deleted).toBe(1);
    expect(await stored('TOTAL', '725', '2024M07')).toEqual([]);
  });

  it('answers 409 with status ERROR when nothing goes through', async () => {
    const r = await post({
      dataValues: [
        { dataElement: 'NOPE', period: '202406', orgUnit: '718', value: '1' },
        { dataElement: 'TOTAL', period: '202406', orgUnit: 'ZZZ', value: '1' },
      ],
    });
    expect(r.statusCode).toBe(409);
    const b = json(r);
    expect(b).toMatchObject({
      httpStatus: 'Conflict',
      httpStatusCode: 409,
      status: 'ERROR',
      message: 'An error occurred, please check import summary.',
    });
    expect(b.response.status).toBe('ERROR');
    expect(b.response.conflicts.map((c: { errorCode: string }) => c.errorCode)).toEqual(['E8103', 'E8107']);
    expect(b.response.rejectedIndexes).toEqual([0, 1]);
    // a UID scheme: chiso keeps codes, says so
    const uid = json(
      await post(
        { dataValues: [{ dataElement: 'TOTAL', period: '202406', orgUnit: '718', value: '1' }] },
        '?idScheme=UID',
      ),
    );
    expect(uid.response.conflicts[0]).toMatchObject({ errorCode: 'E8104', property: 'dataElement' });
  });

  it("reads DHIS2 CSV with and without header (dhis2-core's dataValueSetB), booleans as DHIS2 writes them", async () => {
    const withHeader = await postCsv(fixture('dataValueSetB.csv'));
    expect(withHeader.statusCode, withHeader.body).toBe(200);
    const h = json(withHeader).response;
    expect(h.conflicts).toEqual([]);
    expect(h.status).toBe('SUCCESS');
    expect(h.importCount.imported).toBe(12);
    expect((await stored('f7n9E0hX8qk', 'DiszpKrYNg8', '2012M01'))[0]).toMatchObject({
      value: 10001,
      comment: 'comment',
    });
    // the same rows without a header, as text/csv: nothing new, nothing changed
    const noHeader = json(await postCsv(fixture('dataValueSetBNoHeader.csv'), 'text/csv')).response;
    const noHeaderRows = fixture('dataValueSetBNoHeader.csv').toString().trim().split('\n').length;
    expect(noHeader.conflicts).toEqual([]);
    expect(noHeader.importCount).toMatchObject({ imported: 0, updated: 0, ignored: noHeaderRows });
    const booleans = await postCsv(fixture('dataValueSetBooleanTest.csv'));
    const b = json(booleans).response;
    expect(b.status).toBe('WARNING');
    expect(b.importCount.imported).toBe(15);
    expect(b.conflicts.map((c: { indexes: number[] }) => c.indexes[0])).toEqual([10, 11, 17]);
    const out = json(
      await get('dataElement=jH26dja2f30&orgUnit=DiszpKrYNg8&startDate=2012-01-01&endDate=2012-12-31'),
    ).dataValues as Array<{ period: string; value: string }>;
    expect(out.find((d) => d.period === '201202')?.value).toBe('true');
    expect(out.find((d) => d.period === '201205')?.value).toBe('false');
    // a CSV that says nothing readable is a 400, never a 200 with nothing written
    expect((await postCsv('dataelement,period,nonsense\nA,202401,1\n')).statusCode).toBe(400);
  });

  it('refuses a foreign attribute option combo instead of overwriting the default cell', async () => {
    await post({ dataValues: [{ dataElement: 'TOTAL', period: '202408', orgUnit: '718', value: '5' }] });
    const r = await post({
      dataValues: [
        {
          dataElement: 'TOTAL',
          period: '202408',
          orgUnit: '718',
          value: '6',
          attributeOptionCombo: 'xYerKDKCefk',
        },
      ],
    });
    expect(r.statusCode).toBe(409);
    expect(json(r).response.conflicts[0]).toMatchObject({
      object: 'xYerKDKCefk',
      errorCode: 'E8110',
      property: 'attributeOptionCombo',
    });
    expect((await stored('TOTAL', '718', '2024M08'))[0].value).toBe(5);
    // the default combo, by name or UID, is the plain cell
    const ok = json(
      await post({
        attributeOptionCombo: 'HllvX50cXC0',
        dataValues: [
          {
            dataElement: 'TOTAL',
            period: '202408',
            orgUnit: '718',
            value: '7',
            categoryOptionCombo: 'default',
          },
        ],
      }),
    );
    expect(ok.response.importCount.updated).toBe(1);
  });

  it("maps all 231 rows of DHIS2's bulk sample once its category combinations are created (API and CLI)", async () => {
    const elements = [...bulkFrequency.keys()];
    for (const de of elements) {
      const r = await t.request({
        method: 'POST',
        url: '/api/indicators',
        headers: admin,
        payload: (bulkBoolean.has(de) ? yesNo(de) : count(de, bulkFrequency.get(de)!)) as never,
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const before = json(await post(bulk)).response;
    // without categories only the 33 default-combo rows map
    expect(before.conflicts.filter((c: { errorCode: string }) => c.errorCode !== 'E8108')).toEqual([]);
    expect(before.importCount.imported).toBe(33);
    expect(before.conflicts).toHaveLength(198);
    expect(new Set(before.conflicts.map((c: { errorCode: string }) => c.errorCode))).toEqual(
      new Set(['E8108']),
    );
    // two combinations through the API…
    for (const [i, set] of comboSets.entries()) {
      if (i === 2) continue;
      const r = await t.request({
        method: 'PUT',
        url: `/api/categories/CC${i}`,
        headers: admin,
        payload: {
          name: `DHIS2 combo ${i}`,
          options: set.split(',').map((c) => ({ code: `O_${c}`, name: c, dhis2Code: c })),
        } as never,
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(json(r)).toEqual({ created: 1, updated: 0 });
    }
    // …and one through the CLI
    const dir = mkdtempSync(join(tmpdir(), 'chiso-dhis2-'));
    const rows = comboSets[2].split(',').map((c) => `CC2,DHIS2 combo 2,O_${c},${c},${c}`);
    writeFileSync(
      join(dir, 'categories.csv'),
      `category,category_name,option,option_name,dhis2_code\n${rows.join('\n')}\n`,
    );
    const cli = await runCli(t.database, dir, ['import', 'categories', 'categories.csv']);
    rmSync(dir, { recursive: true, force: true });
    expect(cli.code, cli.err).toBe(0);
    expect(cli.out).toContain('Phân tổ: thêm mới 1, cập nhật 0');
    const cats = json(await t.request({ method: 'GET', url: '/api/categories', headers: admin })).items;
    expect(cats.map((c: { code: string }) => c.code)).toEqual(['CC0', 'CC1', 'CC2']);
    // the indicators take their category, then the same payload maps every row
    for (const de of combosOf.keys()) {
      const r = await t.request({
        method: 'PATCH',
        url: `/api/indicators/${de}`,
        headers: admin,
        payload: { category: categoryOf(de) } as never,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const after = json(await post(bulk));
    expect(after.response.conflicts).toEqual([]);
    expect(after.response.importCount).toEqual({ imported: 198, updated: 0, ignored: 33, deleted: 0 });
    // and they come back out under DHIS2's own option combo ids
    const de = [...combosOf.keys()][0];
    const out = json(
      await get(`dataElement=${de}&orgUnit=O6uvpzGd5pu&startDate=2018-01-01&endDate=2019-12-31`),
    );
    expect(out.dataValues.map((d: { categoryOptionCombo: string }) => d.categoryOptionCombo).sort()).toEqual(
      [...combosOf.get(de)!].sort(),
    );
  });
});

describe('periods', () => {
  it('takes weekly and daily values and gives them back in the same form', async () => {
    const r = json(
      await post({
        dataValues: [
          { dataElement: 'WEEKLY', period: '2024W1', orgUnit: '718', value: '3' },
          { dataElement: 'DAILY', period: '20240115', orgUnit: '718', value: '4' },
          { dataElement: 'WEEKLY', period: '2024W54', orgUnit: '718', value: '3' },
        ],
      }),
    ).response;
    expect(r.importCount.imported).toBe(2);
    expect(r.conflicts).toMatchObject([{ object: '2024W54', errorCode: 'E7611' }]);
    const out = json(
      await get('dataElement=WEEKLY,DAILY&orgUnit=718&startDate=2024-01-01&endDate=2024-01-31'),
    ).dataValues;
    expect(out.map((d: { period: string }) => d.period).sort()).toEqual(['20240115', '2024W1']);
    // weekly and daily indicators are indicators like any other: January sums its weeks and days
    await post({
      dataValues: [
        { dataElement: 'WEEKLY', period: '2024W2', orgUnit: '718', value: '5' },
        // 2024W5 (29 Jan – 4 Feb) belongs to February, the month of its Thursday
        { dataElement: 'WEEKLY', period: '2024W5', orgUnit: '718', value: '100' },
        { dataElement: 'DAILY', period: '20240131', orgUnit: '718', value: '6' },
      ],
    });
    const rows = json(
      await t.request({
        method: 'GET',
        url: '/api/analytics?indicator=WEEKLY,DAILY&orgUnit=718&period=2024M01',
        headers: admin,
      }),
    ).rows;
    expect(rows.map((r: { indicator: string; value: number }) => [r.indicator, r.value])).toEqual(
      expect.arrayContaining([
        ['WEEKLY', 8],
        ['DAILY', 10],
      ]),
    );
  });

  it('refuses bi-monthly and financial-year periods by name; leaves nine-month values out of exports', async () => {
    const r = json(
      await post({
        dataValues: [
          { dataElement: 'TOTAL', period: '202401B', orgUnit: '718', value: '1' },
          { dataElement: 'TOTAL', period: '2024April', orgUnit: '718', value: '1' },
        ],
      }),
      // Accept-Language default is Vietnamese; the type names are DHIS2's either way
    ).response;
    expect(r.conflicts.map((c: { value: string }) => c.value).join(' ')).toMatch(/BiMonthly.*FinancialApril/);
    await post({ dataValues: [{ dataElement: 'NINE', period: '2024N9', orgUnit: '718', value: '9' }] });
    const out = json(await get('dataElement=NINE&orgUnit=718&period=2024N9'));
    expect(out.dataValues).toEqual([]);
    expect(out.notes[0]).toContain('nine-month');
  });
});

describe('GET /api/dataValueSets', () => {
  it('refuses an unbounded request as DHIS2 does, and filters and pages', async () => {
    for (const [q, code] of [
      ['', 'E2001'],
      ['dataElement=TOTAL&orgUnit=718', 'E2002'],
      ['dataElement=TOTAL&period=202406', 'E2006'],
      ['dataElement=TOTAL&orgUnit=718&startDate=2024-02-01&endDate=2024-01-01', 'E2004'],
    ]) {
      const r = await get(q);
      expect(r.statusCode, q).toBe(409);
      expect(json(r)).toMatchObject({
        httpStatusCode: 409,
        status: 'ERROR',
        errorCode: code,
        error: { code },
      });
    }
    // children: the district and its commune
    await post({ dataValues: [{ dataElement: 'TOTAL', period: '202409', orgUnit: '25747', value: '2' }] });
    await post({ dataValues: [{ dataElement: 'TOTAL', period: '202409', orgUnit: '718', value: '3' }] });
    const own = json(await get('dataElement=TOTAL&orgUnit=718&period=202409')).dataValues;
    expect(own).toHaveLength(1);
    const tree = json(await get('dataElement=TOTAL&orgUnit=74&period=202409&children=true')).dataValues;
    expect(tree.map((d: { orgUnit: string }) => d.orgUnit).sort()).toEqual(['25747', '718']);
    // a data set is a report form
    const form = await t.request({
      method: 'POST',
      url: '/api/forms',
      headers: admin,
      payload: {
        code: 'BC_DHIS2',
        name: 'Biểu DHIS2',
        nameEn: 'DHIS2 form',
        periodType: 'month',
        indicators: ['TOTAL'],
        unitsWithin: { orgUnit: '74', level: 2, kind: 'district' },
      } as never,
    });
    expect(form.statusCode, form.body).toBe(201);
    expect(json(await get('dataSet=BC_DHIS2&orgUnit=718&period=202409')).dataValues).toHaveLength(1);
    // lastUpdated in the future: nothing
    expect(json(await get('dataElement=TOTAL&orgUnit=718&lastUpdated=2999-01-01')).dataValues).toEqual([]);
    // paging
    const p1 = json(
      await get(
        'dataElement=TOTAL&orgUnit=74&children=true&startDate=2024-01-01&endDate=2024-12-31&pageSize=2',
      ),
    );
    expect(p1.dataValues).toHaveLength(2);
    expect(p1.pager).toMatchObject({ page: 1, pageSize: 2 });
    expect(p1.pager.total).toBeGreaterThan(2);
    expect((await get('dataElement=TOTAL&orgUnit=718&period=202409&pageSize=10001')).statusCode).toBe(400);
  });
});

describe('approval status', () => {
  it('a round trip never changes the status of values it does not change', async () => {
    await post({
      dataValues: [
        { dataElement: 'TOTAL', period: '202410', orgUnit: '718', value: '30' },
        { dataElement: 'TOTAL', period: '202410', orgUnit: '725', value: '40' },
      ],
    });
    await t.database.db.updateTable('data_value').set({ status: 'approved' }).execute();
    const { dataValues } = json(await get('dataElement=TOTAL&orgUnit=718,725&period=202410'));
    const back = json(await post({ dataValues })).response;
    expect(back).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 0, ignored: 2 } });
    expect((await stored('TOTAL', '718', '2024M10'))[0].status).toBe('approved');
    // a changed value is a new submission
    const changed = dataValues.map((d: { orgUnit: string; value: string }) =>
      d.orgUnit === '725' ? { ...d, value: '41' } : d,
    );
    expect(json(await post({ dataValues: changed })).response.importCount).toMatchObject({
      updated: 1,
      ignored: 1,
    });
    expect((await stored('TOTAL', '718', '2024M10'))[0].status).toBe('approved');
    expect((await stored('TOTAL', '725', '2024M10'))[0].status).toBe('submitted');
  });
});

describe('logins for machine clients', () => {
  const one = { dataValues: [{ dataElement: 'TOTAL', period: '202411', orgUnit: '718', value: '1' }] };
  const basic = (user: string, password: string) => ({
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  });

  it('takes HTTP Basic (argon2, throttled like logins) and ApiToken, with no CSRF token', async () => {
    const ok = await post(one, '', basic('admin', ADMIN_PASSWORD));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      (await get('dataElement=TOTAL&orgUnit=718&period=202411', basic('admin', ADMIN_PASSWORD))).statusCode,
    ).toBe(200);
    const [admin_] = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'admin')
      .execute();
    const { token } = await createApiToken(t.database, admin_.id, {
      name: 'dhis2 sync',
      scope: 'write',
      expiresAt: null,
    });
    const viaToken = await post(one, '', { authorization: `ApiToken ${token}` });
    expect(viaToken.statusCode, viaToken.body).toBe(200);
    expect((await post(one, '', { authorization: 'ApiToken chiso_wrong' })).statusCode).toBe(401);
    // a Basic write from another site (a browser) is refused
    const cross = await post(one, '', { ...basic('admin', ADMIN_PASSWORD), 'sec-fetch-site': 'cross-site' });
    expect(cross.statusCode).toBe(403);
  });

  it('a wrong Basic password is 401 without a browser challenge, and repeated failures are throttled', async () => {
    await addUser(t, { username: 'sync', role: 'reporter', unit: '718', password: 'sync-Pass-12345' });
    const from = { 'x-forwarded-for': '203.0.113.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await post(one, '', { ...basic('sync', 'wrong-Pass-1'), ...from });
      statuses.push(r.statusCode);
      if (r.statusCode === 401) expect(r.headers['www-authenticate']).toBeUndefined();
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    // even the right password waits now
    const right = await post(one, '', { ...basic('sync', 'sync-Pass-12345'), ...from });
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBeDefined();
    // a reporter's Basic login has the reporter's rights: 725 is outside them
    const scoped = await post(
      { dataValues: [{ dataElement: 'TOTAL', period: '202411', orgUnit: '725', value: '1' }] },
      '',
      { ...basic('sync', 'sync-Pass-12345'), 'x-forwarded-for': '203.0.113.10' },
    );
    expect(scoped.statusCode).toBe(409);
    expect(json(scoped).response.conflicts[0].errorCode).toBe('E8011');
  });
});
