/**
 * Units over time: the real 2025-03 list, then the real 2025-07 list as a restructuring effective
 * 2025-07-01 (issue #12 items 1, 2 and 6), through the API and the CLI, on the engine of this run.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../domain/csv.js';
import { insertLineage } from '../repositories/orgUnitLineage.js';
import { findByCode } from '../repositories/orgUnits.js';
import { openCliDatabase, runCli } from '../test/cli.js';
import { APPS, startFixture } from '../test/fixture.js';
import { DEMO_PASSWORD, sharedPath, startTestApp, type TestApp } from '../test/harness.js';
import { addUser, createIndicators } from '../test/setup.js';

const OLD = sharedPath('data/vn-admin/units-2025-03.csv');
const NEW = sharedPath('data/vn-admin/units-2025-07.csv');
const json = (r: { body: string }) => JSON.parse(r.body);

type Unit = { code: string; name: string; level: number; parent: string };
function units(path: string): Map<string, Unit> {
  const t = readCsv(readFileSync(path, 'utf8'), ['code', 'name', 'type', 'level', 'parent_code'], []);
  if (!('rows' in t)) throw new Error('bad file');
  return new Map(
    t.rows.map(({ cells }) => [
      cells.code,
      { code: cells.code, name: cells.name, level: Number(cells.level), parent: cells.parent_code ?? '' },
    ]),
  );
}

describe.skipIf(!OLD || !NEW)('restructuring with the real 2025 lists', () => {
  let t: TestApp;
  let h: Record<string, string>;
  let oldUnits: Map<string, Unit>;
  let newUnits: Map<string, Unit>;
  let restructured: { statusCode: number; body: string };
  const post = (url: string, payload: unknown, type = 'text/csv') =>
    t.request({ method: 'POST', url, headers: { ...h, 'content-type': type }, payload: payload as string });
  const get = (url: string) => t.request({ method: 'GET', url, headers: h });

  beforeAll(async () => {
    oldUnits = units(OLD!);
    newUnits = units(NEW!);
    t = await startTestApp();
    h = await t.login('admin');
    const first = await post('/api/org-units/import', readFileSync(OLD!));
    expect(first.statusCode, first.body).toBe(200);
    await createIndicators(t, h, [APPS]);
    // history in the old units: Bình Dương's Phú Cường (25747) and the province itself
    const v = await post(
      '/api/data-values',
      JSON.stringify({
        values: [
          { indicator: 'APPS', orgUnit: '25747', period: '2024M08', value: 120 },
          { indicator: 'APPS', orgUnit: '74', period: '2024M08', value: 7 },
        ],
      }),
      'application/json',
    );
    expect(v.statusCode, v.body).toBe(200);
    restructured = await post('/api/org-units/import?effective=2025-07-01', readFileSync(NEW!));
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  it('closes every old unit absent or moved, versions the moved, carries on the rest', () => {
    expect(restructured.statusCode, restructured.body).toBe(200);
    // a new unit carries on when its code was an old unit of the same level under the same parent:
    // only provinces can (every commune's parent changed from a district to a province)
    const carried = [...newUnits.values()].filter((n) => {
      const o = oldUnits.get(n.code);
      return o && o.level === n.level && o.parent === n.parent;
    });
    expect(carried.every((u) => u.level === 1)).toBe(true);
    const renamed = carried.filter((u) => oldUnits.get(u.code)!.name !== u.name).length;
    expect(json(restructured)).toEqual({
      created: newUnits.size - carried.length,
      updated: renamed,
      closed: oldUnits.size - carried.length,
      unchanged: carried.length,
      errors: [],
    });
    expect(carried.length).toBe(34);
  });

  it('importing the same restructuring again changes nothing', async () => {
    const again = await post('/api/org-units/import?effective=2025-07-01', readFileSync(NEW!));
    expect(again.statusCode, again.body).toBe(200);
    expect(json(again)).toEqual({ created: 0, updated: 0, closed: 0, unchanged: newUnits.size, errors: [] });
  });

  it('a code names one unit at one date', async () => {
    const before = json(await get('/api/org-units/25747?asOf=2024-01-01'));
    const after = json(await get('/api/org-units/25747?asOf=2025-08-01'));
    expect(before).toMatchObject({ code: '25747', level: 3, validTo: '2025-06-30' });
    expect(after).toMatchObject({
      code: '25747',
      level: 2,
      parentCode: '79',
      validFrom: '2025-07-01',
      validTo: null,
    });
    expect(after.name).toBe(newUnits.get('25747')!.name);
    expect(before.name).toBe(oldUnits.get('25747')!.name);
    // today's tree: 34 provinces
    expect(json(await get('/api/org-units?level=1&limit=100')).total).toBe(34);
  });

  it('history stays where it was reported', async () => {
    const r = json(await get('/api/data-values?indicator=APPS&period=2024M08'));
    expect(r.items.map((v: { orgUnit: string; value: number }) => [v.orgUnit, v.value]).sort()).toEqual([
      ['25747', 120],
      ['74', 7],
    ]);
    const a = json(await get('/api/analytics?indicator=APPS&orgUnit=74&period=2024M08'));
    expect(a[0] ?? a.rows?.[0]).toMatchObject({ orgUnit: '74', value: 127 });
  });

  it('refuses values outside a unit version’s validity, naming the unit and its dates', async () => {
    const brandNew = [...newUnits.values()].find((n) => !oldUnits.has(n.code))!;
    const r = await post(
      '/api/data-values',
      JSON.stringify({
        values: [
          { indicator: 'APPS', orgUnit: '74', period: '2025M08', value: 1 },
          { indicator: 'APPS', orgUnit: brandNew.code, period: '2024M08', value: 1 },
        ],
      }),
      'application/json',
    );
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    const errors = json(r).errors as Array<{ row: number; field: string; message: string }>;
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'orgUnit'],
      [2, 'orgUnit'],
    ]);
    expect(errors[0].message).toContain('74');
    expect(errors[0].message).toContain('2025-06-30');
    expect(errors[1].message).toContain('2025-07-01');
    // the same code at a date it was valid: the old commune in 2024, the new ward in 2025
    const ok = await post(
      '/api/data-values',
      JSON.stringify({
        values: [
          { indicator: 'APPS', orgUnit: '25747', period: '2025M08', value: 300 },
          { indicator: 'APPS', orgUnit: '79', period: '2025M08', value: 5 },
        ],
      }),
      'application/json',
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const hcmc = json(await get('/api/analytics?indicator=APPS&orgUnit=79&period=2025M08'));
    expect(hcmc[0] ?? hcmc.rows?.[0]).toMatchObject({ value: 305 });
    const old = json(await get('/api/analytics?indicator=APPS&orgUnit=74&period=2024M08'));
    expect(old[0] ?? old.rows?.[0]).toMatchObject({ value: 127 });
  });

  it('a restructuring before a stored one is refused per row, and nothing is written', async () => {
    const r = await post('/api/org-units/import?effective=2025-01-01', readFileSync(NEW!));
    expect(r.statusCode).toBe(422);
    expect(json(r).errors[0]).toMatchObject({ column: 'code' });
    expect(json(await get('/api/org-units?level=1&limit=100')).total).toBe(34);
  });

  it('an unreal effective date is a 400', async () => {
    for (const d of ['2025-02-30', '2025-7-1', 'yesterday', '1925-07-01', '9999-12-31'])
      expect(
        (await post(`/api/org-units/import?effective=${d}`, 'code,name,type,level,parent_code\n')).statusCode,
      ).toBe(400);
  });
});

describe('without an effective date, history never moves', () => {
  it('refuses to re-parent or re-level a unit with data (409, naming it and pointing to effective)', async () => {
    const { t, admin } = await startFixture();
    try {
      // Thuận An's commune Lái Thiêu moves under Dĩ An and becomes level 2 under the province
      const csv =
        'code,name,type,level,parent_code\n25978,Lái Thiêu,Phường,2,74\n25987,Bình Chuẩn,Phường,3,724\n';
      const r = await t.request({
        method: 'POST',
        url: '/api/org-units/import',
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(r.statusCode).toBe(409);
      const body = json(r);
      expect(body.error.code).toBe('unit_has_history');
      expect(body.error.message).toContain('25978');
      expect(body.error.message).toContain('effective');
      expect(body.error.details.map((d: { code: string }) => d.code)).toEqual(['25978', '25987']);
      // nothing moved
      const u = json(await t.request({ method: 'GET', url: '/api/org-units/25978', headers: admin }));
      expect(u).toMatchObject({ level: 3, parentCode: '725' });
      // a unit without data may still be edited in place
      const ok = await t.request({
        method: 'POST',
        url: '/api/org-units/import',
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: 'code,name,type,level,parent_code\n99001,Xã Mới,Xã,3,725\n',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const moved = await t.request({
        method: 'POST',
        url: '/api/org-units/import',
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: 'code,name,type,level,parent_code\n99001,Xã Mới,Xã,3,724\n',
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(
        json(await t.request({ method: 'GET', url: '/api/org-units/99001', headers: admin })),
      ).toMatchObject({
        parentCode: '724',
      });
    } finally {
      await t.close();
    }
  });
});

describe.skipIf(!OLD || !NEW)('restructuring through the CLI', () => {
  it('imports 2025-03 then 2025-07 --effective 2025-07-01', async () => {
    const { db, dir } = await openCliDatabase('chiso-restructure-');
    try {
      const chiso = (argv: string[]) => runCli(db.database, dir, argv);
      const a = await chiso(['import', 'units', OLD!]);
      expect(a.code, a.err).toBe(0);
      const bad = await chiso(['import', 'units', NEW!, '--effective', '2025-13-01']);
      expect(bad.code).not.toBe(0);
      const b = await chiso(['import', 'units', NEW!, '--effective', '2025-07-01']);
      expect(b.code, b.err).toBe(0);
      expect(b.out).toMatch(/3321/);
    } finally {
      await db.close();
    }
  }, 600_000);
});

describe('rights across a restructuring', () => {
  it('a grant on a new unit reaches the units it was formed from: whole parts with its role, partial parts to read', async () => {
    const { t, admin } = await startFixture();
    try {
      const post = (url: string, payload: string, h: Record<string, string>, type = 'text/csv') =>
        t.request({ method: 'POST', url, headers: { ...h, 'content-type': type }, payload });
      // HCMC (79) absorbs Bình Dương; ward 25978 is formed from Lái Thiêu (whole) and part of Bình Chuẩn
      const r = await post(
        '/api/org-units/import?effective=2025-07-01',
        'code,name,type,level,parent_code\n79,Hồ Chí Minh,Thành phố,1,\n25978,Lái Thiêu,Phường,2,79\n',
        admin,
      );
      expect(r.statusCode, r.body).toBe(200);
      expect(json(r)).toMatchObject({ created: 2, closed: 7 });
      const at = (code: string, date: string) => findByCode(t.database, code, date);
      const [n79, o74, n25978, o25978, o25987] = await Promise.all([
        at('79', '2025-07-01'),
        at('74', '2025-06-30'),
        at('25978', '2025-07-01'),
        at('25978', '2025-06-30'),
        at('25987', '2025-06-30'),
      ]);
      await t.database.transaction((tx) =>
        insertLineage(tx, [
          {
            effective: '2025-07-01',
            newUnitId: n79!.id,
            oldUnitId: o74!.id,
            kind: 'full',
            share: 1,
            shareMethod: 'given',
          },
          {
            effective: '2025-07-01',
            newUnitId: n25978!.id,
            oldUnitId: o25978!.id,
            kind: 'full',
            share: 1,
            shareMethod: 'given',
          },
          {
            effective: '2025-07-01',
            newUnitId: n25978!.id,
            oldUnitId: o25987!.id,
            kind: 'partial',
            share: 0.5,
            shareMethod: 'given',
          },
        ]),
      );
      const leader = await addUser(t, {
        username: 'lanhdaohcm',
        role: 'leader',
        unit: '79',
        password: DEMO_PASSWORD,
      });
      const ward = await addUser(t, {
        username: 'laithieu',
        role: 'reporter',
        unit: '25978',
        password: DEMO_PASSWORD,
      });
      const me = json(await t.request({ method: 'GET', url: '/api/me', headers: ward }));
      expect(me.grants).toEqual([
        {
          role: 'reporter',
          orgUnit: '25978',
          orgUnitName: 'Lái Thiêu',
          validFrom: '2025-07-01',
          validTo: null,
        },
        expect.objectContaining({ role: 'reporter', orgUnit: '25978', validTo: '2025-06-30', via: '25978' }),
        expect.objectContaining({ role: 'viewer', orgUnit: '25987', validTo: '2025-06-30', via: '25978' }),
      ]);
      // a report form of Bình Dương's communes moves to the communes formed from them from 2025-07-01
      const form = await post(
        '/api/forms',
        JSON.stringify({
          code: 'BC_XA',
          name: 'Báo cáo xã',
          periodType: 'quarter',
          indicators: ['TEAMS'],
          unitsWithin: { orgUnit: '74', level: 3 },
          dueWorkingDays: 5,
        }),
        admin,
        'application/json',
      );
      expect(form.statusCode, form.body).toBe(201);
      const expectedOf = async (period: string) =>
        json(
          await t.request({
            method: 'GET',
            url: `/api/reports/timeliness?form=BC_XA&period=${period}`,
            headers: admin,
          }),
        ).items.map((i: { orgUnit: string }) => i.orgUnit);
      expect(await expectedOf('2025Q2')).toEqual(['25942', '25945', '25978', '25987']);
      expect(await expectedOf('2025Q3')).toEqual(['25978']);

      // a restructuring dated long before the history would close it under its values: refused
      const early = await post(
        '/api/org-units/import?effective=1980-01-01',
        'code,name,type,level,parent_code\n79,Hồ Chí Minh,Thành phố,1,\n',
        admin,
      );
      expect(early.statusCode).toBe(422);
      // a lineage link from a unit that carries on across the date would hand its history away
      const carry = await post(
        '/api/org-units/lineage?effective=2025-07-01',
        'new_code,level,old_code,kind\n25978,2,79,full\n',
        admin,
      );
      expect(carry.statusCode).toBe(422);
      expect(json(carry).errors[0]).toMatchObject({ row: 2, column: 'old_code' });

      // the province's leader reads Bình Dương's history; the ward's reporter reads Bình Chuẩn's
      const read = (h: Record<string, string>, unit: string) =>
        t.request({
          method: 'GET',
          url: `/api/analytics?indicator=APPS&orgUnit=${unit}&period=2024M01`,
          headers: h,
        });
      expect((await read(leader, '74')).statusCode).toBe(200);
      expect((await read(ward, '25987')).statusCode).toBe(200);
      expect((await read(ward, '25942')).statusCode).toBe(403);
      // an old unit's reader cannot read new units' values through another geography
      const thuanan = await addUser(t, {
        username: 'thuanan2',
        role: 'reporter',
        unit: '725',
        password: DEMO_PASSWORD,
      });
      await post(
        '/api/data-values',
        JSON.stringify({ values: [{ indicator: 'APPS', orgUnit: '25978', period: '2025M08', value: 50 }] }),
        admin,
        'application/json',
      );
      const leak = await t.request({
        method: 'GET',
        url: '/api/analytics?indicator=APPS&orgUnit=725&period=2025M08&level=3&geography=2024-06-01',
        headers: thuanan,
      });
      expect(leak.statusCode).toBe(403);
      const own = await t.request({
        method: 'GET',
        url: '/api/analytics?indicator=APPS&orgUnit=725&period=2024M01&level=3',
        headers: thuanan,
      });
      expect(own.statusCode).toBe(200);
      // and writes history only where the old unit went in whole
      const write = (unit: string) =>
        post(
          '/api/data-values',
          JSON.stringify({ values: [{ indicator: 'APPS', orgUnit: unit, period: '2024M01', value: 9 }] }),
          ward,
          'application/json',
        );
      expect((await write('25978')).statusCode).toBe(200);
      expect((await write('25987')).statusCode).toBe(403);

      // a year across the break: a state (time rule last) is the units' state at the year's end —
      // the old communes' June values are not added to the new ward's December value
      const teams = await post(
        '/api/data-values',
        JSON.stringify({
          values: [
            ...['25978', '25987', '25942', '25945'].map((u) => ({
              indicator: 'TEAMS',
              orgUnit: u,
              period: '2025Q2',
              value: 3,
            })),
            { indicator: 'TEAMS', orgUnit: '25978', period: '2025Q4', value: 10 },
          ],
        }),
        admin,
        'application/json',
      );
      expect(teams.statusCode, teams.body).toBe(200);
      const year = json(
        await t.request({
          method: 'GET',
          url: '/api/analytics?indicator=TEAMS&orgUnit=79&period=2025',
          headers: admin,
        }),
      );
      expect(year[0] ?? year.rows?.[0]).toMatchObject({ value: 10, reported: 1, expected: 1 });
      // in the old province, the first half reads its four communes as recorded
      const half = json(
        await t.request({
          method: 'GET',
          url: '/api/analytics?indicator=TEAMS&orgUnit=74&period=2025S1',
          headers: admin,
        }),
      );
      expect(half[0] ?? half.rows?.[0]).toMatchObject({ value: 12, reported: 4, expected: 4 });
    } finally {
      await t.close();
    }
  });
});
