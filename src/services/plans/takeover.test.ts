/**
 * A merged province's plan taken over by its successor: scope, targets and lead units move; a
 * baseline read from the old units' data is recomputed in the new geography and marked estimated
 * when a partial share went in; what cannot move is said. On the engine of this run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLineage } from '../../repositories/orgUnitLineage.js';
import { findByCode } from '../../repositories/orgUnits.js';
import { startFixture } from '../../test/fixture.js';
import { DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { addUser } from '../../test/setup.js';

const json = (r: { body: string }) => JSON.parse(r.body);
let t: TestApp;
let admin: Record<string, string>;
let leader79: Record<string, string>;
let leader74: Record<string, string>;

beforeAll(async () => {
  ({ t, admin } = await startFixture());
  const post = (url: string, payload: unknown, type = 'application/json') =>
    t.request({
      method: 'POST',
      url,
      headers: { ...admin, 'content-type': type },
      payload: payload as string,
    });
  // Bình Dương's 2024 plan: APPS for the province (baseline from the data), every commune, and Thuận An
  expect(
    (
      await post(
        '/api/plans',
        JSON.stringify({
          code: 'KH-BD',
          name: 'Kế hoạch CĐS Bình Dương',
          period: '2024-2025',
          scopeUnit: '74',
        }),
      )
    ).statusCode,
  ).toBe(201);
  for (const target of [
    { indicator: 'APPS', baselinePeriod: '2024M01', targetValue: 400, deadline: '2025M12', leadUnit: '725' },
    {
      indicator: 'APPS',
      level: 3,
      baselineValue: 10,
      baselinePeriod: '2024M01',
      targetValue: 100,
      deadline: '2025M12',
    },
    { indicator: 'APPS', orgUnit: '725', baselinePeriod: '2024M01', targetValue: 300, deadline: '2025M12' },
    { indicator: 'APPS', orgUnit: '25978', baselinePeriod: '2024M01', targetValue: 200, deadline: '2025M12' },
  ]) {
    const r = await post('/api/targets', JSON.stringify({ plan: 'KH-BD', ...target }));
    expect(r.statusCode, r.body).toBe(201);
  }
  // 2025-07-01: HCMC (79) absorbs Bình Dương; ward 25978 takes Lái Thiêu and half of Bình Chuẩn,
  // ward 25942 takes Dĩ An, Tân Bình and the other half
  const csv =
    'code,name,type,level,parent_code\n79,Hồ Chí Minh,Thành phố,1,\n25978,Lái Thiêu,Phường,2,79\n25942,Dĩ An,Phường,2,79\n';
  const r = await post('/api/org-units/import?effective=2025-07-01', csv, 'text/csv');
  expect(r.statusCode, r.body).toBe(200);
  const at = (code: string, d: string) => findByCode(t.database, code, d).then((u) => u!.id);
  const link = async (n: string, o: string, kind: 'full' | 'partial', share = 1) => ({
    effective: '2025-07-01',
    newUnitId: await at(n, '2025-07-01'),
    oldUnitId: await at(o, '2025-06-30'),
    kind,
    share,
    shareMethod: 'given' as const,
  });
  const rows = await Promise.all([
    link('79', '74', 'full'),
    link('25978', '25978', 'full'),
    link('25978', '25987', 'partial', 0.5),
    link('25942', '25942', 'full'),
    link('25942', '25945', 'full'),
    link('25942', '25987', 'partial', 0.5),
  ]);
  await t.database.transaction((tx) => insertLineage(tx, rows));
  leader79 = await addUser(t, {
    username: 'lanhdaohcm',
    role: 'leader',
    unit: '79',
    password: DEMO_PASSWORD,
  });
  leader74 = await t.login('lanhdao', DEMO_PASSWORD);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('taking a merged province’s plan over', () => {
  it('only a successor’s leader or manager may take it over', async () => {
    const by74 = await t.request({
      method: 'POST',
      url: '/api/plans/KH-BD/take-over',
      headers: leader74,
      payload: { orgUnit: '79' },
    });
    expect(by74.statusCode).toBe(403);
    const wrong = await t.request({
      method: 'POST',
      url: '/api/plans/KH-BD/take-over',
      headers: admin,
      payload: { orgUnit: '25978' },
    });
    // a ward formed from Bình Dương's communes did not receive the province's plan
    expect(wrong.statusCode).toBe(409);
    expect(json(wrong).error.message).toContain('74');
  });

  it('moves scope and targets to HCMC, recomputes the baseline in the new geography, says what stayed', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/plans/KH-BD/take-over',
      headers: leader79,
      payload: { orgUnit: '79' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = json(r);
    expect(body).toMatchObject({ plan: 'KH-BD', from: '74', orgUnit: '79', geography: '2025-07-01' });
    const [province, communes, district, ward] = body.targets;
    // 2024M01 in the 2025-07 units: every Bình Dương commune's January value (79 + 88 + 43 + 46);
    // Bình Chuẩn went in two halves, but both halves land in HCMC: exact, not estimated
    expect(province).toMatchObject({
      moved: true,
      orgUnit: '79',
      leadUnit: '725',
      baseline: { value: 256, period: '2024M01', estimated: false, recomputed: true },
    });
    expect(province.notes).toEqual(['lead_unit_closed']);
    // every commune of the old tree (level 3) is every commune of the new one (level 2)
    expect(communes).toMatchObject({
      moved: true,
      orgUnit: '79',
      level: 2,
      baseline: { value: 10, recomputed: false },
    });
    // Thuận An (a district) has no successor of its own: it stays, and the answer says so
    expect(district).toMatchObject({ moved: false, orgUnit: '725', notes: ['no_single_successor'] });
    // Lái Thiêu's target moves to the ward that absorbed it, whose 2024M01 takes half of Bình Chuẩn: 79 + 88/2
    expect(ward).toMatchObject({
      moved: true,
      orgUnit: '25978',
      baseline: { value: 123, estimated: true, recomputed: true },
      notes: ['baseline_estimated'],
    });
    const plan = json(await t.request({ method: 'GET', url: '/api/plans/KH-BD', headers: leader79 }));
    expect(plan).toMatchObject({ scopeUnit: '79', takenOverFrom: '74' });
    const targets = json(
      await t.request({ method: 'GET', url: '/api/targets?plan=KH-BD', headers: leader79 }),
    );
    const first = targets.items.find((x: { id: number }) => x.id === province.id);
    expect(first.baseline).toEqual({ value: 256, period: '2024M01' });
  });
});
