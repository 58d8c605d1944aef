/** Periodic reporting and DHIS2 exchange end to end through HTTP, on the configured database (own small fixture). */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername } from '../repositories/users.js';
import type { TestApp } from '../test/harness.js';
import { addUser, INDICATOR_ONLINE, INDICATOR_TOTAL, startWith } from '../test/setup.js';
import { loadActor } from './auth.js';
import { startValueImport } from './valueImport.js';

const UNITS_CSV = `code,name,type,level,parent_code
74,Bình Dương,Tỉnh,1,
718,Thủ Dầu Một,Thành phố,2,74
725,Thuận An,Thành phố,2,74
25747,Phú Cường,Phường,3,718
`;
const PASSWORD = 'reporting-Pass-123';

let t: TestApp;
let admin: Record<string, string>;
let reporter: Record<string, string>;
let secretariat: Record<string, string>;
let sec718: Record<string, string>;
const json = (res: { body: string }) => JSON.parse(res.body);

const makeUser = (username: string, role: string, unit: string) =>
  addUser(t, { username, role, unit, password: PASSWORD });

const FORM = {
  code: 'BC_THANG',
  name: 'Báo cáo chuyển đổi số hằng tháng',
  nameEn: 'Monthly digital transformation report',
  periodType: 'month',
  indicators: ['ONLINE', 'TOTAL', 'P1', 'P2', 'HAS_IOC'],
  unitsWithin: { orgUnit: '74', level: 2, kind: 'district' },
  dueWorkingDays: 5,
  reminderDays: 3,
  lockDays: 3650,
  rules: [
    { code: 'sum', left: '{TOTAL}', operator: '==', right: '{P1} + {P2}', importance: 'error' },
    {
      code: 'den',
      left: '{ONLINE.DEN}',
      operator: '<=',
      right: '{TOTAL}',
      importance: 'error',
      message: { vi: 'Mẫu số vượt tổng số hồ sơ', en: 'Denominator above the total' },
    },
    { kind: 'change', code: 'chg', indicator: 'TOTAL', threshold: 0.5, importance: 'warning' },
  ],
};

const good = [
  { indicator: 'ONLINE', numerator: 40, denominator: 50 },
  { indicator: 'TOTAL', value: 100 },
  { indicator: 'P1', value: 60 },
  { indicator: 'P2', value: 40 },
  { indicator: 'HAS_IOC', value: 1 },
];

const call = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) => t.request({ method, url, headers, payload: payload as never });
const act = (
  action: string,
  headers: Record<string, string>,
  unit: string,
  period: string,
  extra: Record<string, unknown> = {},
) => call('POST', `/api/forms/BC_THANG/${action}`, headers, { orgUnit: unit, period, ...extra });
const save = (headers: Record<string, string>, unit: string, period: string, values: unknown[]) =>
  call('PUT', `/api/forms/BC_THANG/entry?orgUnit=${unit}&period=${period}`, headers, { values });

beforeAll(async () => {
  ({ t, admin } = await startWith({
    units: UNITS_CSV,
    indicators: [
      INDICATOR_ONLINE,
      INDICATOR_TOTAL,
      {
        code: 'P1',
        name: 'Hồ sơ cấp huyện',
        nameEn: 'District files',
        unit: 'hồ sơ',
        valueType: 'count',
        aggregation: 'sum',
        timeAggregation: 'sum',
        pillar: 'government',
        frequency: 'month',
      },
      {
        code: 'P2',
        name: 'Hồ sơ cấp xã',
        nameEn: 'Commune files',
        unit: 'hồ sơ',
        valueType: 'count',
        aggregation: 'sum',
        timeAggregation: 'sum',
        pillar: 'government',
        frequency: 'month',
      },
      {
        code: 'HAS_IOC',
        name: 'Có IOC cấp huyện',
        nameEn: 'District IOC',
        unit: '',
        valueType: 'boolean',
        aggregation: 'sum',
        timeAggregation: 'last',
        pillar: 'government',
        frequency: 'month',
      },
      {
        code: 'Q_APPS',
        name: 'Ứng dụng',
        nameEn: 'Apps',
        unit: '',
        valueType: 'count',
        aggregation: 'sum',
        timeAggregation: 'sum',
        pillar: 'government',
        frequency: 'quarter',
      },
    ],
  }));
  reporter = await addUser(t, {
    username: 'rep725',
    role: 'reporter',
    unit: '725',
    password: PASSWORD,
    displayName: 'Cán bộ báo cáo 725',
  });
  secretariat = await makeUser('sec74', 'secretariat', '74');
  sec718 = await makeUser('sec718', 'secretariat', '718');
  const f = await call('POST', '/api/forms', secretariat, FORM);
  expect(f.statusCode, f.body).toBe(201);
}, 120_000);
afterAll(async () => t?.close());

describe('report forms', () => {
  it('lists forms in the contract shape', async () => {
    const r = json(await call('GET', '/api/forms', reporter));
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      code: 'BC_THANG',
      name: FORM.name,
      periodType: 'month',
      indicators: FORM.indicators,
    });
  });

  it('refuses bad forms and non-managers', async () => {
    expect((await call('POST', '/api/forms', reporter, { ...FORM, code: 'X1' })).statusCode).toBe(403);
    expect((await call('POST', '/api/forms', admin, FORM)).statusCode).toBe(409);
    const wrongFreq = await call('POST', '/api/forms', admin, {
      ...FORM,
      code: 'X2',
      indicators: ['Q_APPS'],
    });
    expect(wrongFreq.statusCode).toBe(400);
    const badRule = await call('POST', '/api/forms', admin, {
      ...FORM,
      code: 'X3',
      rules: [{ code: 'r', left: '{NOPE}', operator: '<', right: '1', importance: 'error' }],
    });
    expect(badRule.statusCode).toBe(400);
    expect(json(badRule).error.message).toMatch(/NOPE/);
    const noUnits = await call('POST', '/api/forms', admin, { ...FORM, code: 'X4', unitsWithin: undefined });
    expect(noUnits.statusCode).toBe(400);
  });

  it('schedules: due dates skip Tết 2024', async () => {
    const r = json(await call('GET', '/api/forms/BC_THANG/schedule?year=2024', reporter));
    expect(r.items).toHaveLength(12);
    expect(r.items[1]).toMatchObject({
      period: '2024M02',
      dueDate: '2024-02-21',
      window: { from: '2024-01-15', to: '2024-02-14' },
    });
  });
});

describe('submission state machine through the API', () => {
  const P = '2024M03';

  it('entry grid shows current, previous and last-year values', async () => {
    const prev = await save(reporter, '725', '2024M02', good);
    expect(prev.statusCode, prev.body).toBe(200);
    const r = await call('GET', `/api/forms/BC_THANG/entry?orgUnit=725&period=${P}`, reporter);
    expect(r.statusCode, r.body).toBe(200);
    const e = json(r);
    expect(e.status).toBe('draft');
    expect(e.previousPeriod).toBe('2024M02');
    expect(e.lastYearPeriod).toBe('2023M03');
    expect(e.items.find((i: { indicator: string }) => i.indicator === 'TOTAL').previous.value).toBe(100);
    expect(e.items.find((i: { indicator: string }) => i.indicator === 'TOTAL').current).toBeNull();
    // a unit outside the form
    expect((await call('GET', `/api/forms/BC_THANG/entry?orgUnit=25747&period=${P}`, admin)).statusCode).toBe(
      400,
    );
    expect((await call('GET', `/api/forms/BC_THANG/entry?orgUnit=725&period=2024Q1`, admin)).statusCode).toBe(
      400,
    );
  });

  it('draft → (rules block) → submitted → returned → submitted → approved → unlocked → draft', async () => {
    // nothing to act on yet
    expect((await act('approve', secretariat, '725', P)).statusCode).toBe(409);
    expect((await act('return', secretariat, '725', P, { reason: 'x' })).statusCode).toBe(409);
    expect((await act('unlock', secretariat, '725', P, { reason: 'x' })).statusCode).toBe(409);
    // missing values block
    const missing = await act('submit', reporter, '725', P);
    expect(missing.statusCode).toBe(422);
    expect(json(missing).error.code).toBe('missing_values');
    // an error rule blocks
    const bad = good.map((v) => (v.indicator === 'P2' ? { ...v, value: 30 } : v));
    expect((await save(reporter, '725', P, bad)).statusCode).toBe(200);
    const blocked = await call(
      'POST',
      `/api/forms/BC_THANG/submit`,
      { ...reporter, 'accept-language': 'en' },
      { orgUnit: '725', period: P },
    );
    expect(blocked.statusCode).toBe(422);
    const err = json(blocked).error;
    expect(err.code).toBe('validation_failed');
    expect(err.details[0]).toMatchObject({ rule: 'sum', importance: 'error', cells: ['TOTAL', 'P1', 'P2'] });
    expect(err.details[0].message).toContain('{TOTAL}');
    // a viewer-like actor (secretariat of another district) cannot enter 725
    expect((await save(sec718, '725', P, good)).statusCode).toBe(403);
    // fixed → submitted
    expect((await save(reporter, '725', P, good)).statusCode).toBe(200);
    const sub = await act('submit', reporter, '725', P);
    expect(sub.statusCode, sub.body).toBe(200);
    expect(json(sub)).toMatchObject({ status: 'submitted', timeliness: 'late' });
    // forbidden moves from submitted
    expect((await act('submit', reporter, '725', P)).statusCode).toBe(409);
    expect((await save(reporter, '725', P, good)).statusCode).toBe(409);
    expect((await act('unlock', secretariat, '725', P, { reason: 'x' })).statusCode).toBe(409);
    expect((await act('approve', reporter, '725', P)).statusCode).toBe(403);
    expect((await act('approve', sec718, '725', P)).statusCode).toBe(403);
    // return needs a reason
    expect((await act('return', secretariat, '725', P)).statusCode).toBe(400);
    const ret = await act('return', secretariat, '725', P, { reason: 'Số hồ sơ cấp xã chưa khớp' });
    expect(ret.statusCode).toBe(200);
    expect(json(ret)).toMatchObject({ status: 'returned', returnReason: 'Số hồ sơ cấp xã chưa khớp' });
    expect((await act('approve', secretariat, '725', P)).statusCode).toBe(409);
    // corrected and resubmitted
    expect(
      (
        await save(
          reporter,
          '725',
          P,
          good.map((v) => (v.indicator === 'HAS_IOC' ? { ...v, value: 0 } : v)),
        )
      ).statusCode,
    ).toBe(200);
    expect(json(await act('submit', reporter, '725', P)).status).toBe('submitted');
    const ok = await act('approve', secretariat, '725', P);
    expect(json(ok)).toMatchObject({ status: 'approved' });
    // approved: locked everywhere
    expect((await act('submit', reporter, '725', P)).statusCode).toBe(409);
    expect((await act('return', secretariat, '725', P, { reason: 'x' })).statusCode).toBe(409);
    expect((await act('approve', secretariat, '725', P)).statusCode).toBe(409);
    expect((await save(reporter, '725', P, good)).statusCode).toBe(409);
    const direct = await call('POST', '/api/data-values', admin, {
      values: [{ indicator: 'TOTAL', orgUnit: '725', period: P, value: 5 }],
    });
    expect(direct.statusCode).toBe(422);
    expect(json(direct).errors[0].rule).toBe('reporting.rule_locked');
    const stored = json(await call('GET', `/api/data-values?indicator=TOTAL&orgUnit=725&period=${P}`, admin));
    expect(stored.items[0]).toMatchObject({ value: 100, status: 'approved' });
    // unlock: reviewer only, with a reason
    expect((await act('unlock', reporter, '725', P, { reason: 'x' })).statusCode).toBe(403);
    expect((await act('unlock', secretariat, '725', P)).statusCode).toBe(400);
    const un = await act('unlock', secretariat, '725', P, {
      reason: 'Sở TT&TT đề nghị điều chỉnh theo số liệu mới',
    });
    expect(json(un)).toMatchObject({
      status: 'draft',
      unlockReason: 'Sở TT&TT đề nghị điều chỉnh theo số liệu mới',
    });
    const after = await call('POST', '/api/data-values', admin, {
      values: [{ indicator: 'TOTAL', orgUnit: '725', period: P, value: 100 }],
    });
    expect(after.statusCode).toBe(200);
    // the trail: events on the entry, audit entries
    const e = json(await call('GET', `/api/forms/BC_THANG/entry?orgUnit=725&period=${P}`, reporter));
    expect(e.events.map((x: { action: string }) => x.action)).toEqual([
      'save',
      'submit',
      'return',
      'submit',
      'approve',
      'unlock',
    ]);
    // the history names people, not usernames
    expect(e.events[0]).toMatchObject({ user: 'rep725', userName: 'Cán bộ báo cáo 725' });
    const audit = json(await call('GET', '/api/audit?entity=report_submission&limit=50', admin));
    expect(audit.items.length).toBeGreaterThanOrEqual(6);
    expect(audit.items.find((a: { action: string }) => a.action === 'return').after.reason).toBe(
      'Số hồ sơ cấp xã chưa khớp',
    );
  });

  it('warnings need confirmWarnings', async () => {
    const jump = good.map((v) =>
      v.indicator === 'TOTAL' ? { ...v, value: 200 } : v.indicator === 'P1' ? { ...v, value: 160 } : v,
    );
    expect((await save(reporter, '725', '2024M04', jump)).statusCode).toBe(200);
    // previous period 2024M03 has TOTAL 100 → +100%
    const w = await act('submit', reporter, '725', '2024M04');
    expect(w.statusCode).toBe(422);
    expect(json(w).error.code).toBe('warnings_unconfirmed');
    expect(json(w).error.details[0]).toMatchObject({ rule: 'chg', cells: ['TOTAL'] });
    const v = json(
      await call('POST', '/api/forms/BC_THANG/validate', reporter, { orgUnit: '725', period: '2024M04' }),
    );
    expect(v.violations).toHaveLength(1);
    const ok = await act('submit', reporter, '725', '2024M04', { confirmWarnings: true });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('timeliness', () => {
  it('counts on time, late, overdue and pending exactly', async () => {
    const r = json(await call('GET', '/api/reports/timeliness?form=BC_THANG&period=2024M03', admin));
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['expected', 'submitted', 'onTime', 'late', 'overdue', 'completeness', 'items']),
    );
    expect(r).toMatchObject({ expected: 2, submitted: 1, onTime: 0, late: 1, overdue: 1, completeness: 0.5 });
    const i725 = r.items.find((i: { orgUnit: string }) => i.orgUnit === '725');
    expect(i725).toMatchObject({ name: 'Thuận An', status: 'late', dueDate: '2024-03-21' });
    expect(i725.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(r.items.find((i: { orgUnit: string }) => i.orgUnit === '718')).toMatchObject({
      status: 'overdue',
      submittedAt: null,
    });
    // as of a day before the due date, nothing had arrived yet
    const early = json(
      await call('GET', '/api/reports/timeliness?form=BC_THANG&period=2024M03&asOf=2024-03-20', admin),
    );
    expect(early).toMatchObject({ expected: 2, submitted: 0, overdue: 0, pending: 2, completeness: 0 });
    // a future period: submitted now is on time, the other pending
    expect((await save(reporter, '725', '2030M01', good)).statusCode).toBe(200);
    expect((await act('submit', reporter, '725', '2030M01')).statusCode).toBe(200);
    const fut = json(await call('GET', '/api/reports/timeliness?form=BC_THANG&period=2030M01', admin));
    expect(fut).toMatchObject({
      expected: 2,
      submitted: 1,
      onTime: 1,
      late: 0,
      overdue: 0,
      completeness: 0.5,
    });
    expect(fut.items.map((i: { status: string }) => i.status).sort()).toEqual(['on_time', 'pending']);
    // scoped to a unit, and to what the actor may read
    const scoped = json(
      await call('GET', '/api/reports/timeliness?form=BC_THANG&period=2024M03&orgUnit=718', admin),
    );
    expect(scoped).toMatchObject({ expected: 1, overdue: 1 });
    const mine = json(await call('GET', '/api/reports/timeliness?form=BC_THANG&period=2024M03', reporter));
    expect(mine.expected).toBe(1);
    // late units list
    const late = json(await call('GET', '/api/reports/late?period=2024M03', admin));
    expect(
      late.items.map((i: { orgUnit: string; status: string }) => `${i.orgUnit}:${i.status}`).sort(),
    ).toEqual(['718:overdue', '725:late']);
    expect((await call('GET', '/api/reports/timeliness?form=NOPE&period=2024M03', admin)).statusCode).toBe(
      404,
    );
    expect((await call('GET', '/api/reports/timeliness?form=BC_THANG&period=2024X', admin)).statusCode).toBe(
      400,
    );
  });
});

describe('Excel template round trip', () => {
  const P = '2024M05';

  async function template() {
    const r = await t.request({
      method: 'GET',
      url: `/api/forms/BC_THANG/template.xlsx?orgUnit=74&period=${P}`,
      headers: secretariat,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    return wb;
  }
  const upload = async (wb: ExcelJS.Workbook, mode = '') =>
    t.request({
      method: 'POST',
      url: `/api/forms/BC_THANG/upload?period=${P}${mode}`,
      headers: {
        ...secretariat,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      payload: Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer),
    });

  it('downloads a protected, validated, pre-filled template with Vietnamese instructions', async () => {
    const wb = await template();
    const ws = wb.getWorksheet('Số liệu')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'org_unit',
      'org_unit_name',
      'ONLINE.NUM',
      'ONLINE.DEN',
      'TOTAL',
      'P1',
      'P2',
      'HAS_IOC',
    ]);
    expect(ws.getCell('A3').value).toBe('718');
    expect(ws.getCell('A4').value).toBe('725');
    expect(ws.getCell('E2').protection?.locked).not.toBe(false);
    expect(ws.getCell('E3').protection?.locked).toBe(false);
    expect(ws.getCell('D3').dataValidation).toMatchObject({ type: 'decimal' });
    expect(ws.getCell('E3').dataValidation).toMatchObject({ type: 'whole' });
    expect(ws.getCell('H3').dataValidation).toMatchObject({ type: 'list' });
    const help = wb.getWorksheet('Hướng dẫn')!;
    const text = help.getColumn(2).values.join(' ');
    expect(text).toContain('Nhập số liệu');
    expect(text).toContain(P);
  });

  it('a bad cell names sheet, row and column, and nothing is written', async () => {
    const wb = await template();
    const ws = wb.getWorksheet('Số liệu')!;
    const fill = (row: number, v: unknown[]) =>
      v.forEach((x, i) => {
        ws.getRow(row).getCell(3 + i).value = x as ExcelJS.CellValue;
      });
    fill(3, [30, 50, 80, 50, 30, 'Có']);
    fill(4, [45, 60, 90, 'abc', 40, 'Không']);
    const r = await upload(wb);
    expect(r.statusCode, r.body).toBe(422);
    const body = json(r);
    expect(body.imported).toBe(0);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ sheet: 'Số liệu', row: 4, column: 'F', field: 'P1' });
    const stored = json(await call('GET', `/api/data-values?orgUnit=718,725&period=${P}`, admin));
    expect(stored.total).toBe(0);
    // partial mode writes the good unit
    const partial = await upload(wb, '&mode=partial');
    expect(partial.statusCode).toBe(200);
    expect(json(partial).errors).toHaveLength(1);
    expect(json(await call('GET', `/api/data-values?orgUnit=718&period=${P}`, admin)).total).toBe(5);
  });

  it('the filled template uploads back and the values are stored as drafts', async () => {
    const wb = await template();
    const ws = wb.getWorksheet('Số liệu')!;
    expect(ws.getCell('C3').value).toBe(30); // pre-filled from the partial upload
    ws.getCell('E4').value = 90;
    ws.getCell('C4').value = 45;
    ws.getCell('D4').value = 60;
    ws.getCell('F4').value = 50;
    ws.getCell('G4').value = 40;
    ws.getCell('H4').value = 'Không';
    const r = await upload(wb);
    expect(r.statusCode, r.body).toBe(200);
    // the partial upload above had written 725's good cells already; only P1 is new
    expect(json(r)).toMatchObject({ imported: 1, updated: 0, unchanged: 9, errors: [] });
    const stored = json(
      await call('GET', `/api/data-values?indicator=ONLINE,HAS_IOC&orgUnit=725&period=${P}`, admin),
    );
    expect(
      stored.items.map((v: { indicator: string; value: number; status: string }) => [
        v.indicator,
        v.value,
        v.status,
      ]),
    ).toEqual([
      ['HAS_IOC', 0, 'draft'],
      ['ONLINE', 75, 'draft'],
    ]);
    const entry = json(await call('GET', `/api/forms/BC_THANG/entry?orgUnit=725&period=${P}`, reporter));
    expect(entry.status).toBe('draft');
    // CSV of the same layout
    const csv = `org_unit,org_unit_name,ONLINE.NUM,ONLINE.DEN,TOTAL,P1,P2,HAS_IOC\n725,Thuận An,46,60,90,50,40,0\n999,Nope,1,2,3,4,5,1\n`;
    const c = await t.request({
      method: 'POST',
      url: `/api/forms/BC_THANG/upload?period=${P}`,
      headers: { ...secretariat, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(c.statusCode).toBe(422);
    expect(json(c).errors[0]).toMatchObject({ sheet: 'csv', row: 3, column: 'A' });
  });
});

describe('a submitted report holds its values on every write path', () => {
  const P = '2024M05';
  const total = (value: number) => [{ indicator: 'TOTAL', orgUnit: '725', period: P, value }];
  const stored = async () =>
    json(await call('GET', `/api/data-values?indicator=TOTAL&orgUnit=725&period=${P}`, admin)).items[0];

  it('the reporter cannot change or delete it by file, JSON or DHIS2 until it is returned; its reviewer can', async () => {
    expect((await save(reporter, '725', P, good)).statusCode).toBe(200);
    expect(json(await act('submit', reporter, '725', P)).status).toBe('submitted');

    // JSON import: refused, row named, the rule in Vietnamese and in English
    const vi = await call('POST', '/api/data-values', reporter, { values: total(7) });
    expect(vi.statusCode, vi.body).toBe(422);
    expect(json(vi).errors[0]).toMatchObject({ row: 1, field: 'value', rule: 'reporting.rule_pending' });
    expect(json(vi).errors[0].message).toMatch(/chờ duyệt/);
    const en = await call(
      'POST',
      '/api/data-values',
      { ...reporter, 'accept-language': 'en' },
      { values: total(7) },
    );
    expect(json(en).errors[0].message).toMatch(/waiting for review/);
    // partial mode: the held row is refused, nothing else is affected
    const partial = await call('POST', '/api/data-values', reporter, { values: total(7), mode: 'partial' });
    expect(json(partial)).toMatchObject({ imported: 0, updated: 0, rejected: 1 });
    // CSV
    const csv = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...reporter, 'content-type': 'text/csv' },
      payload: `indicator,org_unit,period,value,numerator,denominator\nTOTAL,725,${P},8,,\n`,
    });
    expect(csv.statusCode, csv.body).toBe(422);
    // DHIS2: a conflict, HTTP 409 (all failed), and a delete is held too
    const d = await call('POST', '/api/dataValueSets', reporter, {
      dataValues: [{ dataElement: 'TOTAL', orgUnit: '725', period: '202405', value: '9' }],
    });
    expect(d.statusCode, d.body).toBe(409);
    expect(json(d).response.importCount).toMatchObject({ imported: 0, updated: 0, deleted: 0 });
    const del = await call('POST', '/api/dataValueSets?importStrategy=DELETE', reporter, {
      dataValues: [{ dataElement: 'TOTAL', orgUnit: '725', period: '202405', value: '100' }],
    });
    expect(json(del).response.importCount.deleted).toBe(0);
    expect(await stored()).toMatchObject({ value: 100, status: 'submitted' });

    // the reviewer (secretariat of the province) may correct what waits for them
    const fix = await call('POST', '/api/data-values', secretariat, { values: total(101) });
    expect(fix.statusCode, fix.body).toBe(200);
    expect(json(fix)).toMatchObject({ updated: 1 });
    // a secretariat elsewhere is not its reviewer: outside their rights altogether
    expect((await call('POST', '/api/data-values', sec718, { values: total(102) })).statusCode).toBe(403);

    // returned: the reporter corrects it again
    expect((await act('return', secretariat, '725', P, { reason: 'Kiểm tra lại tổng số' })).statusCode).toBe(
      200,
    );
    const again = await call('POST', '/api/data-values', reporter, { values: total(100) });
    expect(again.statusCode, again.body).toBe(200);
    expect(await stored()).toMatchObject({ value: 100 });
  });
});

describe('a report not yet submitted keeps its values as drafts on every write path', () => {
  const P = '2024M09';
  const cell = async (indicator: string, period = P) =>
    json(await call('GET', `/api/data-values?indicator=${indicator}&orgUnit=725&period=${period}`, admin))
      .items[0];
  const counted = async (period = P) =>
    json(await call('GET', `/api/analytics?indicator=TOTAL&orgUnit=725&period=${period}`, admin)).rows[0];

  it("the reporter's file, JSON or DHIS2 values wait in the report; they count once it is submitted", async () => {
    // JSON: the report's values, as drafts of the report (they would have counted at once before)
    // with a row no report expects (a quarterly indicator on no form): written as before, in the same write
    const r = await call('POST', '/api/data-values', reporter, {
      values: [
        ...good.map((v) => ({ ...v, orgUnit: '725', period: P })),
        { indicator: 'Q_APPS', orgUnit: '725', period: '2024Q3', value: 3 },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toMatchObject({ imported: 6, drafts: 5 });
    expect(await cell('TOTAL')).toMatchObject({ value: 100, status: 'draft' });
    expect(await cell('Q_APPS', '2024Q3')).toMatchObject({ value: 3, status: 'submitted' });
    // sent again unchanged: nothing is written, nothing is counted as a draft
    const again = await call('POST', '/api/data-values', reporter, {
      values: good.map((v) => ({ ...v, orgUnit: '725', period: P })),
    });
    expect(json(again)).toMatchObject({ unchanged: 5 });
    expect(json(again).drafts).toBeUndefined();
    expect(await counted()).toMatchObject({ value: null, reported: 0 });
    // CSV and DHIS2 too
    const csv = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...reporter, 'content-type': 'text/csv' },
      payload: `indicator,org_unit,period,value,numerator,denominator\nP1,725,${P},61,,\n`,
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(await cell('P1')).toMatchObject({ value: 61, status: 'draft' });
    const d = await call('POST', '/api/dataValueSets', reporter, {
      dataValues: [{ dataElement: 'P1', orgUnit: '725', period: '202409', value: '60' }],
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(await cell('P1')).toMatchObject({ value: 60, status: 'draft' });
    expect(await counted()).toMatchObject({ value: null, reported: 0 });
    // the entry grid shows them, and the report is submitted as usual: now they count
    const entry = json(await call('GET', `/api/forms/BC_THANG/entry?orgUnit=725&period=${P}`, reporter));
    expect(entry.status).toBe('draft');
    expect(json(await act('submit', reporter, '725', P)).status).toBe('submitted');
    expect(await cell('TOTAL')).toMatchObject({ value: 100, status: 'submitted' });
    expect(await counted()).toMatchObject({ value: 100, reported: 1 });
  });

  it('its reviewer (the secretariat) writes as before: the values count at once', async () => {
    const r = await call('POST', '/api/data-values', secretariat, {
      values: [{ indicator: 'TOTAL', orgUnit: '725', period: '2024M10', value: 70 }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r).drafts).toBeUndefined();
    expect(await cell('TOTAL', '2024M10')).toMatchObject({ value: 70, status: 'submitted' });
    expect(await counted('2024M10')).toMatchObject({ value: 70, reported: 1 });
  });
});

describe('a report submitted while an import is under way', () => {
  it("the write checks the lock again under the submissions' locks: nothing is written", async () => {
    const P = '2024M07';
    expect((await save(reporter, '725', P, good)).statusCode).toBe(200);
    const user = await findUserByUsername(t.database, 'rep725');
    const actor = (await loadActor(t.database, user!.id, 'session'))!;
    const run = startValueImport(t.database, actor, { mode: 'atomic', fields: 'json' });
    // validated (and lock-checked) while the report is a draft …
    await run.add([
      {
        row: 1,
        indicator: 'TOTAL',
        orgUnit: '725',
        period: P,
        value: '55',
        numerator: null,
        denominator: null,
      },
    ]);
    expect(run.rejected).toBe(0);
    // … submitted before the write
    expect(json(await act('submit', reporter, '725', P)).status).toBe('submitted');
    const result = await run.finish();
    expect(result).toMatchObject({ refused: true, imported: 0, updated: 0, rejected: 1 });
    expect(result.errors[0]).toMatchObject({ row: 1, rule: 'reporting.rule_pending' });
    const v = json(await call('GET', `/api/data-values?indicator=TOTAL&orgUnit=725&period=${P}`, admin))
      .items[0];
    expect(v).toMatchObject({ value: 100, status: 'submitted' });
  });
});

describe('DHIS2 data value sets', () => {
  it('imports with conflicts for bad periods and unknown codes, never a 5xx', async () => {
    const r = await call('POST', '/api/dataValueSets', admin, {
      dataValues: [
        { dataElement: 'TOTAL', orgUnit: '718', period: '202406', value: '120' },
        { dataElement: 'P1', orgUnit: '718', period: '202406', value: 70, comment: 'từ hệ thống một cửa' },
        { dataElement: 'ONLINE.NUM', orgUnit: '718', period: '202406', value: '30' },
        { dataElement: 'ONLINE.DEN', orgUnit: '718', period: '202406', value: '60' },
        { dataElement: 'Q_APPS', orgUnit: '718', period: '2024Q1', value: 3 },
        { dataElement: 'TOTAL', orgUnit: '718', period: '2024X', value: 1 },
        { dataElement: 'NOPE', orgUnit: '718', period: '202406', value: 1 },
        { dataElement: 'TOTAL', orgUnit: 'ZZZ', period: '202406', value: 1 },
        { dataElement: 'ONLINE', orgUnit: '725', period: '202406', value: 50 },
        { dataElement: 'TOTAL', orgUnit: '718', period: '2024Q2', value: 1 },
        'garbage',
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toMatchObject({ httpStatus: 'OK', httpStatusCode: 200, status: 'WARNING' });
    const s = json(r).response;
    expect(s.status).toBe('WARNING');
    expect(s.importCount).toEqual({ imported: 4, updated: 0, ignored: 6, deleted: 0 });
    const objects = s.conflicts.map((c: { object: string }) => c.object);
    expect(objects).toEqual(expect.arrayContaining(['2024X', 'NOPE', 'ZZZ', 'ONLINE', '2024Q2']));
    expect(s.conflicts).toHaveLength(6);
    const stored = json(
      await call('GET', '/api/data-values?indicator=ONLINE&orgUnit=718&period=2024M06', admin),
    );
    expect(stored.items[0]).toMatchObject({ numerator: 30, denominator: 60, value: 50, source: 'dhis2' });
    // again: unchanged values are ignored
    const again = json(
      await call('POST', '/api/dataValueSets', admin, {
        period: '202406',
        orgUnit: '718',
        dataValues: [
          { dataElement: 'TOTAL', value: '120' },
          { dataElement: 'P1', value: 71 },
        ],
      }),
    ).response;
    expect(again).toMatchObject({
      status: 'SUCCESS',
      importCount: { imported: 0, updated: 1, ignored: 1, deleted: 0 },
      conflicts: [],
    });
    // nothing good: ERROR, HTTP 409 as DHIS2 answers
    const badReply = await call('POST', '/api/dataValueSets', admin, {
      dataValues: [{ dataElement: 'TOTAL', orgUnit: '718', period: 'soon', value: 1 }],
    });
    expect(badReply.statusCode).toBe(409);
    expect(json(badReply)).toMatchObject({ httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR' });
    const bad = json(badReply).response;
    expect(bad.status).toBe('ERROR');
    expect(bad.conflicts[0].object).toBe('soon');
    // unreadable body → 400, not 500
    expect((await call('POST', '/api/dataValueSets', admin, { dataValues: 'x' })).statusCode).toBe(400);
    // approved values are locked for DHIS2 too
    const locked = json(
      await call('POST', '/api/dataValueSets', admin, {
        dataValues: [{ dataElement: 'TOTAL', orgUnit: '725', period: '202403', value: 1 }],
      }),
    ).response;
    expect(locked.status).toBe('SUCCESS'); // 2024M03 was unlocked above
  });

  it('exports in the DHIS2 shape, ratios with their parts', async () => {
    const r = await call(
      'GET',
      '/api/dataValueSets?dataElement=ONLINE,TOTAL&orgUnit=718&period=202406',
      admin,
    );
    expect(r.statusCode).toBe(200);
    const { dataValues } = json(r);
    expect(
      dataValues.map((d: { dataElement: string; value: string }) => `${d.dataElement}=${d.value}`).sort(),
    ).toEqual(['ONLINE.DEN=60', 'ONLINE.NUM=30', 'ONLINE=50', 'TOTAL=120']);
    expect(dataValues[0]).toMatchObject({ period: '202406', orgUnit: '718' });
    // round trip: posting the export back changes nothing
    const back = json(await call('POST', '/api/dataValueSets', admin, { dataValues })).response;
    expect(back).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 0 } });
    const none = json(
      await call('GET', '/api/dataValueSets?dataElement=NOPE&orgUnit=718&period=202406', admin),
    );
    expect(none.dataValues).toEqual([]);
  });
});
