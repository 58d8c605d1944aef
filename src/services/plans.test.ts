/**
 * Plans, targets, tasks and warnings through HTTP (startTestApp), on PGlite or on PostgreSQL when
 * DATABASE_URL is set. A small fixture of our own: one province, two districts, four communes,
 * one department; a monthly ratio indicator reported by communes, a yearly rank.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../domain/progress.js';
import { today } from '../domain/unitVersions.js';
import { startTestApp, type TestApp } from '../test/harness.js';
import { addUser, startWith } from '../test/setup.js';

const UNITS_CSV = `code,name,type,level,parent_code
74,Bình Dương,Tỉnh,1,
718,Thủ Dầu Một,Thành phố,2,74
725,Thuận An,Thành phố,2,74
74-VPUBND,Văn phòng UBND tỉnh,Ngành,2,74
25747,Phú Cường,Phường,3,718
25750,Hiệp Thành,Phường,3,718
25978,Lái Thiêu,Phường,3,725
25987,Bình Chuẩn,Phường,3,725
`;

const PASSWORD = 'plans-test-Pass1';
let t: TestApp;
let admin: Record<string, string>;
let reporter725: Record<string, string>;
const json = (res: { body: string }) => JSON.parse(res.body);

const makeUser = (username: string, role: string, unit: string) =>
  addUser(t, { username, role, unit, password: PASSWORD });

const post = (url: string, payload: unknown, headers = admin) =>
  t.request({ method: 'POST', url, headers, payload: payload as object });
const get = (url: string, headers = admin) => t.request({ method: 'GET', url, headers });

// ratio values (numerator/denominator) per commune
const VALUES: Array<[string, string, number, number]> = [
  ['25747', '2023M12', 40, 100],
  ['25747', '2024M06', 55, 100],
  ['25750', '2023M12', 30, 100],
  ['25750', '2024M06', 36, 100],
  ['25978', '2023M12', 50, 100],
  ['25978', '2024M06', 60, 100],
  ['25987', '2023M12', 45, 100],
  ['25987', '2024M06', 252, 500],
];

let communeTarget: number;
let provinceTarget: number;
let rankTarget: number;

beforeAll(async () => {
  ({ t, admin } = await startWith({
    units: UNITS_CSV,
    indicators: [
      {
        code: 'HSCV',
        name: 'Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng',
        nameEn: 'Work files processed online',
        unit: '%',
        valueType: 'ratio',
        aggregation: 'ratio',
        timeAggregation: 'last',
        pillar: 'government',
        frequency: 'month',
      },
      {
        code: 'RANK',
        name: 'Xếp hạng chỉ số chuyển đổi số',
        nameEn: 'DTI rank',
        unit: 'hạng',
        valueType: 'number',
        aggregation: 'none',
        timeAggregation: 'last',
        polarity: 'lower',
        pillar: 'foundation',
        frequency: 'year',
      },
    ],
  }));
  const values = [
    ...VALUES.map(([orgUnit, period, numerator, denominator]) => ({
      indicator: 'HSCV',
      orgUnit,
      period,
      numerator,
      denominator,
    })),
    { indicator: 'RANK', orgUnit: '74', period: '2022', value: 20 },
    { indicator: 'RANK', orgUnit: '74', period: '2023', value: 16 },
    { indicator: 'RANK', orgUnit: '74', period: '2024', value: 14 },
  ];
  const v = await post('/api/data-values', { values });
  expect(v.statusCode, v.body).toBe(200);
  reporter725 = await makeUser('bc725', 'reporter', '725');
});
afterAll(async () => t?.close());

describe('plans', () => {
  it('creates, reads, lists and updates a plan, with an audit trail', async () => {
    const r = await post('/api/plans', {
      code: 'KH-2024',
      name: 'Kế hoạch chuyển đổi số năm 2024',
      issuingBody: 'UBND tỉnh',
      documentNumber: '123/KH-UBND',
      documentDate: '2024-01-15',
      periodFrom: '2024',
      periodTo: '2025',
      scopeUnit: '74',
      links: [{ url: 'https://example.org/kh.pdf', note: 'Văn bản' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(json(r)).toMatchObject({ code: 'KH-2024', scopeUnit: '74', periodFrom: '2024', status: 'active' });
    const one = await get('/api/plans/KH-2024');
    expect(json(one).documentNumber).toBe('123/KH-UBND');
    const upd = await t.request({
      method: 'PUT',
      url: '/api/plans/KH-2024',
      headers: admin,
      payload: { name: 'Kế hoạch CĐS 2024–2025' },
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(json(upd).name).toBe('Kế hoạch CĐS 2024–2025');
    expect(json(upd).issuingBody).toBe('UBND tỉnh');
    const list = json(await get('/api/plans'));
    expect(list.items.map((p: { code: string }) => p.code)).toContain('KH-2024');
    const audit = json(await get('/api/audit?entity=plan'));
    expect(audit.items[0]).toMatchObject({ action: 'update', key: 'KH-2024' });
    expect(audit.items[0].before.name).toBe('Kế hoạch chuyển đổi số năm 2024');
  });

  it('refuses a duplicate code (409) and a bad period or unit (400)', async () => {
    const dup = await post('/api/plans', {
      code: 'KH-2024',
      name: 'x',
      periodFrom: '2024',
      periodTo: '2024',
      scopeUnit: '74',
    });
    expect(dup.statusCode).toBe(409);
    const bad = await post('/api/plans', {
      code: 'KH-X',
      name: 'x',
      periodFrom: '2024Q5',
      periodTo: '2023',
      scopeUnit: 'nope',
    });
    expect(bad.statusCode).toBe(400);
    const fields = json(bad).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['periodFrom', 'scopeUnit']));
  });
});

describe('targets', () => {
  it('creates a level-wide target and answers one item per commune', async () => {
    // 60% of work files processed online at commune level by 2024; baseline values from the data
    const r = await post('/api/targets', {
      plan: 'KH-2024',
      indicator: 'HSCV',
      orgUnit: '74',
      level: 3,
      kind: 'commune',
      baseline: { period: '2023M12' },
      target: { value: 60, period: '2024', comparator: '>=' },
      leadUnit: '74-VPUBND',
      cooperatingUnits: ['718', '725'],
      responsiblePerson: 'Chánh Văn phòng',
    });
    expect(r.statusCode, r.body).toBe(201);
    communeTarget = json(r).id;
    expect(json(r)).toMatchObject({ level: 3, kind: 'commune', cooperatingUnits: ['718', '725'] });

    const list = json(await get(`/api/targets?plan=KH-2024&asOf=2024-07-15`));
    const items = list.items.filter((i: { id: number }) => i.id === communeTarget);
    expect(items.map((i: { orgUnit: string }) => i.orgUnit).sort()).toEqual([
      '25747',
      '25750',
      '25978',
      '25987',
    ]);
    const by = (u: string) => items.find((i: { orgUnit: string }) => i.orgUnit === u);
    const tau = 182 / 366; // 2023-12-31 → 2024-06-30 over 2023-12-31 → 2024-12-31
    expect(dayNumber('2024-06-30') - dayNumber('2023-12-31')).toBe(182);

    // 25747: b = 40/100 = 40%, x = 55%: r = 15/20 = 0.75, pace = 0.75/τ = 1.5082 → on_track
    expect(by('25747')).toMatchObject({
      baseline: { value: 40, period: '2023M12' },
      target: { value: 60, period: '2024', comparator: '>=' },
      current: { value: 55, period: '2024M06' },
      status: 'on_track',
      leadUnit: '74-VPUBND',
    });
    expect(by('25747').pace).toBeCloseTo(0.75 / tau, 6);
    // anticipated: line through (day 0, 40) and (day 182, 55) at day 366 = 40 + 15·366/182 = 70.16 → meets
    expect(by('25747').anticipated.value).toBeCloseTo(40 + (15 * 366) / 182, 6);
    expect(by('25747').anticipated.meets).toBe(true);

    // 25750: b = 30, x = 36: r = 6/30 = 0.2, pace = 0.4022 → off_track
    expect(by('25750').status).toBe('off_track');
    expect(by('25750').pace).toBeCloseTo(0.2 / tau, 6);

    // 25978: x = 60 meets 60 → achieved
    expect(by('25978').status).toBe('achieved');

    // 25987: b = 45, x = 252/500 = 50.4%: r = 5.4/15 = 0.36, pace = 0.7240 → at_risk
    expect(by('25987').current.value).toBeCloseTo(50.4, 9);
    expect(by('25987').pace).toBeCloseTo(0.36 / tau, 6);
    expect(by('25987').status).toBe('at_risk');
  });

  it('aggregates a province target on a ratio as Σnumerator/Σdenominator', async () => {
    const r = await post('/api/targets', {
      plan: 'KH-2024',
      indicator: 'HSCV',
      orgUnit: '74',
      baseline: { period: '2023M12' },
      target: { value: 90, period: '2024' },
      leadUnit: '74-VPUBND',
    });
    expect(r.statusCode, r.body).toBe(201);
    provinceTarget = json(r).id;
    expect(json(r).target.comparator).toBe('>='); // from the indicator's polarity
    const items = json(await get('/api/targets?asOf=2024-07-15&orgUnit=74')).items.filter(
      (i: { id: number }) => i.id === provinceTarget,
    );
    expect(items).toHaveLength(1);
    // b = (40+30+50+45)/400 = 41.25%; x = (55+36+60+252)/(100+100+100+500) = 403/800 = 50.375%
    // r = 9.125/48.75 = 0.18718; τ = 182/366; pace = 0.37642 → off_track
    const it = items[0];
    expect(it.baseline.value).toBeCloseTo(41.25, 9);
    expect(it.current.value).toBeCloseTo(50.375, 9);
    expect(it.pace).toBeCloseTo(9.125 / 48.75 / (182 / 366), 6);
    expect(it.status).toBe('off_track');
  });

  it('works for a decreasing indicator (a rank) with an explicit baseline', async () => {
    const r = await post('/api/targets', {
      plan: 'KH-2024',
      indicator: 'RANK',
      orgUnit: '74',
      baseline: { value: 20, period: '2022' },
      target: { value: 10, period: '2025', comparator: '<=' },
      leadUnit: '74-VPUBND',
    });
    expect(r.statusCode, r.body).toBe(201);
    rankTarget = json(r).id;
    const it = json(await get('/api/targets?asOf=2025-03-01')).items.find(
      (i: { id: number }) => i.id === rankTarget,
    );
    // x = 14 (2024): r = (14 − 20)/(10 − 20) = 0.6; τ = 731/1096 (2022-12-31 → 2024-12-31 → 2025-12-31)
    // pace = 0.6 / 0.66697 = 0.89959 → at_risk
    expect(it.current).toEqual({ value: 14, period: '2024' });
    expect(it.pace).toBeCloseTo(0.6 / (731 / 1096), 6);
    expect(it.status).toBe('at_risk');
    // least squares over (0, 20), (365, 16), (731, 14) at 1096 → 10.67: does not meet ≤ 10
    const ts = [0, 365, 731];
    const ys = [20, 16, 14];
    const mt = ts.reduce((a, b) => a + b) / 3;
    const my = ys.reduce((a, b) => a + b) / 3;
    const slope =
      ts.reduce((s, x, i) => s + (x - mt) * (ys[i] - my), 0) / ts.reduce((s, x) => s + (x - mt) ** 2, 0);
    expect(it.anticipated.value).toBeCloseTo(my + slope * (1096 - mt), 6);
    expect(it.anticipated.value).toBeCloseTo(10.67, 2);
    expect(it.anticipated.meets).toBe(false);
  });

  it('counts only periods ended on or before asOf', async () => {
    // on 2024-06-29 June has not ended: nothing after the baseline → no_data everywhere
    const items = json(await get('/api/targets?plan=KH-2024&asOf=2024-06-29')).items.filter(
      (i: { id: number }) => i.id === communeTarget,
    );
    expect(items.map((i: { status: string }) => i.status)).toEqual([
      'no_data',
      'no_data',
      'no_data',
      'no_data',
    ]);
    // after the deadline, 25750 (36% < 60%) is overdue; 25978 stays achieved
    const late = json(await get('/api/targets?plan=KH-2024&asOf=2025-01-31')).items.filter(
      (i: { id: number }) => i.id === communeTarget,
    );
    const st = Object.fromEntries(
      late.map((i: { orgUnit: string; status: string }) => [i.orgUnit, i.status]),
    );
    expect(st).toEqual({ '25747': 'overdue', '25750': 'overdue', '25978': 'achieved', '25987': 'overdue' });
  });

  it('filters by status (one or several)', async () => {
    const r = json(await get('/api/targets?asOf=2024-07-15&status=at_risk,achieved'));
    expect(new Set(r.items.map((i: { status: string }) => i.status))).toEqual(
      new Set(['at_risk', 'achieved']),
    );
  });

  it('uses the thresholds setting', async () => {
    const put = await t.request({
      method: 'PUT',
      url: '/api/progress-thresholds',
      headers: admin,
      payload: { onTrack: 0.7, atRisk: 0.3 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const items = json(await get('/api/targets?asOf=2024-07-15')).items;
    const at = (id: number, u: string) =>
      items.find((i: { id: number; orgUnit: string }) => i.id === id && i.orgUnit === u);
    expect(at(communeTarget, '25987').status).toBe('on_track'); // pace 0.724 ≥ 0.7
    expect(at(communeTarget, '25750').status).toBe('at_risk'); // pace 0.402 ≥ 0.3
    const bad = await t.request({
      method: 'PUT',
      url: '/api/progress-thresholds',
      headers: admin,
      payload: { onTrack: 0.5, atRisk: 0.9 },
    });
    expect(bad.statusCode).toBe(400);
    await t.request({
      method: 'PUT',
      url: '/api/progress-thresholds',
      headers: admin,
      payload: { onTrack: 0.95, atRisk: 0.6 },
    });
    expect(json(await get('/api/progress-thresholds'))).toEqual({ onTrack: 0.95, atRisk: 0.6 });
  });

  it('returns one target with its chart series, expected path and anticipated value', async () => {
    const r = await get(`/api/targets/${communeTarget}?asOf=2024-07-15&orgUnit=25747`);
    expect(r.statusCode, r.body).toBe(200);
    const d = json(r);
    expect(d.definition.id).toBe(communeTarget);
    expect(d.items).toHaveLength(4);
    expect(d.chart.orgUnit).toBe('25747');
    expect(d.chart.periods[0]).toBe('2023M12');
    expect(d.chart.periods.at(-1)).toBe('2024M12');
    expect(d.chart.expected[0].value).toBe(40);
    expect(d.chart.expected.at(-1).value).toBe(60);
    expect(d.chart.series.find((p: { period: string }) => p.period === '2024M06').value).toBe(55);
  });

  it('updates and deletes a target, with before/after in the audit trail', async () => {
    const upd = await t.request({
      method: 'PUT',
      url: `/api/targets/${provinceTarget}`,
      headers: admin,
      payload: { target: { value: 80, period: '2024' }, notes: 'điều chỉnh' },
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(json(upd).target).toEqual({ value: 80, period: '2024', comparator: '>=' });
    const audit = json(await get(`/api/audit?entity=target`));
    const entry = audit.items.find(
      (a: { action: string; key: string }) => a.action === 'update' && a.key === String(provinceTarget),
    );
    expect(entry.before.target.value).toBe(90);
    expect(entry.after.target_value).toBe(80);
    const del = await t.request({ method: 'DELETE', url: `/api/targets/${provinceTarget}`, headers: admin });
    expect(del.statusCode).toBe(204);
    expect((await get(`/api/targets/${provinceTarget}`)).statusCode).toBe(404);
  });
});

describe('validation', () => {
  const base = {
    plan: 'KH-2024',
    indicator: 'HSCV',
    orgUnit: '74',
    baseline: { period: '2023M12' },
    target: { value: 60, period: '2024' },
  };
  const fieldsOf = async (payload: unknown) => {
    const r = await post('/api/targets', payload);
    expect(r.statusCode, r.body).toBe(400);
    expect(json(r).error.code).toBe('validation');
    return json(r).error.details.map((d: { field: string }) => d.field);
  };

  it('refuses an unknown indicator, plan or unit', async () => {
    expect(await fieldsOf({ ...base, indicator: 'NOPE' })).toContain('indicator');
    expect(await fieldsOf({ ...base, plan: 'NOPE' })).toContain('plan');
    expect(await fieldsOf({ ...base, leadUnit: 'NOPE' })).toContain('leadUnit');
  });

  it('refuses bad periods, periods finer than the frequency, and a deadline not after the baseline', async () => {
    expect(await fieldsOf({ ...base, target: { value: 60, period: '2024X' } })).toContain('target.period');
    expect(
      await fieldsOf({
        ...base,
        indicator: 'RANK',
        baseline: { period: '2022' },
        target: { value: 10, period: '2025M06' },
      }),
    ).toContain('target.period');
    expect(await fieldsOf({ ...base, target: { value: 60, period: '2023M06' } })).toContain('target.period');
    expect(await fieldsOf({ ...base, target: { value: 60, period: '2023M12' } })).toContain('target.period');
  });

  it('refuses a lead unit outside the plan scope', async () => {
    const p = await post('/api/plans', {
      code: 'KH-718',
      name: 'Kế hoạch TP Thủ Dầu Một',
      period: '2024',
      orgUnit: '718',
    });
    expect(p.statusCode, p.body).toBe(201);
    const r = await post('/api/targets', { ...base, plan: 'KH-718', orgUnit: '718', leadUnit: '725' });
    expect(r.statusCode).toBe(400);
    expect(json(r).error.details[0]).toMatchObject({ field: 'leadUnit', rule: 'outside_scope' });
    const en = await t.request({
      method: 'POST',
      url: '/api/targets',
      headers: { ...admin, 'accept-language': 'en' },
      payload: { ...base, plan: 'KH-718', orgUnit: '718', leadUnit: '725' },
    });
    expect(json(en).error.message).toContain('outside the plan scope');
    expect(json(r).error.message).toContain('không thuộc phạm vi');
  });

  it('refuses a level above the unit, and a malformed body', async () => {
    expect(await fieldsOf({ ...base, orgUnit: '718', level: 1 })).toContain('level');
    const r = await post('/api/targets', { plan: 'KH-2024' });
    expect(r.statusCode).toBe(400);
    const q = await get('/api/targets?asOf=2024-13-45');
    expect(q.statusCode).toBe(400);
  });
});

describe('tasks and warnings', () => {
  let taskId: number;
  it('creates tasks linked to targets and lists them by due date', async () => {
    const a = await post('/api/tasks', {
      plan: 'KH-2024',
      title: 'Số hóa hồ sơ công việc cấp xã',
      leadUnit: '725',
      cooperatingUnits: ['74-VPUBND'],
      responsiblePerson: 'Phó Chủ tịch UBND TP Thuận An',
      startDate: '2024-01-01',
      dueDate: '2024-07-18',
      status: 'in_progress',
      percentComplete: 40,
      targets: [communeTarget],
    });
    expect(a.statusCode, a.body).toBe(201);
    taskId = json(a).id;
    expect(json(a).targets).toEqual([communeTarget]);
    const b = await post('/api/tasks', {
      plan: 'KH-2024',
      title: 'Ban hành quy chế',
      leadUnit: '74-VPUBND',
      dueDate: '2024-07-01',
    });
    expect(b.statusCode, b.body).toBe(201);
    const bad = await post('/api/tasks', {
      plan: 'KH-2024',
      title: 'x',
      leadUnit: '725',
      startDate: '2024-08-01',
      dueDate: '2024-07-01',
      targets: [999999],
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.details.map((d: { field: string }) => d.field)).toEqual([
      'startDate',
      'targets.0',
    ]);
    const list = json(await get('/api/tasks?plan=KH-2024&asOf=2024-07-15'));
    expect(list.items.map((k: { title: string }) => k.title)).toEqual([
      'Ban hành quy chế',
      'Số hóa hồ sơ công việc cấp xã',
    ]);
    expect(list.items[1].daysLeft).toBe(3);
  });

  it('warns of targets behind, tasks overdue or due soon, and units without data', async () => {
    const w = json(await get('/api/warnings?asOf=2024-07-15'));
    const types = w.items.map((i: { type: string }) => i.type);
    expect(types).toContain('target_off_track'); // 25750
    expect(types).toContain('target_at_risk'); // 25987
    expect(types).toContain('task_overdue'); // due 2024-07-01
    const due = w.items.find((i: { type: string }) => i.type === 'task_due_soon');
    expect(due).toMatchObject({ task: taskId, daysLeft: 3, remindAt: 3 });
    // 2024M06 is the latest period ended on 2024-07-15: every commune reported; on 2024-08-01 none did for July
    const later = json(await get('/api/warnings?asOf=2024-08-01'));
    const missing = later.items.filter(
      (i: { type: string; target: number }) => i.type === 'missing_data' && i.target === communeTarget,
    );
    expect(missing.map((i: { orgUnit: string }) => i.orgUnit).sort()).toEqual(['25747', '25750', '25987']);
    expect(missing[0].period).toBe('2024M07');
  });

  it('lets the lead unit report progress and comment, but not rewrite the task', async () => {
    const ok = await t.request({
      method: 'PUT',
      url: `/api/tasks/${taskId}`,
      headers: reporter725,
      payload: { percentComplete: 70, status: 'in_progress' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).percentComplete).toBe(70);
    const no = await t.request({
      method: 'PUT',
      url: `/api/tasks/${taskId}`,
      headers: reporter725,
      payload: { title: 'x' },
    });
    expect(no.statusCode).toBe(403);
    const c = await post(`/api/tasks/${taskId}/comments`, { body: 'Đã số hóa 70% hồ sơ.' }, reporter725);
    expect(c.statusCode, c.body).toBe(201);
    const task = json(await get(`/api/tasks/${taskId}`));
    expect(task.comments).toMatchObject([{ user: 'bc725', body: 'Đã số hóa 70% hồ sơ.' }]);
    expect(task.canUpdateProgress).toBe(true);
  });
});

describe('exports', () => {
  async function sheet(res: { rawPayload: Buffer }) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    return rows;
  }

  it('downloads the targets as Excel, one row per item with its progress', async () => {
    const r = await get('/api/targets/export?format=xlsx&plan=KH-2024&asOf=2024-07-15');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    expect(r.headers['content-disposition']).toMatch(
      /attachment; filename="chiso-targets-KH-2024-2024-07-15\.xlsx"/,
    );
    const rows = await sheet(r);
    expect(rows[0]).toEqual([
      'Kế hoạch',
      'Mã chỉ tiêu',
      'Tên chỉ tiêu',
      'Mã đơn vị',
      'Đơn vị',
      'Giá trị kỳ gốc',
      'Kỳ gốc',
      'Giá trị mục tiêu',
      'So sánh',
      'Kỳ hạn',
      'Giá trị hiện tại',
      'Kỳ hiện tại',
      'Tiến độ',
      'Trạng thái',
      'Dự báo đến hạn',
      'Dự báo đạt',
      'Đơn vị chủ trì',
      'Người chịu trách nhiệm',
    ]);
    const list = json(await get('/api/targets?plan=KH-2024&asOf=2024-07-15'));
    expect(rows).toHaveLength(list.items.length + 1);
    // The commune target at Phú Cường: baseline 40 % (2023M12), 55 % in 2024M06, on track.
    const row = rows.find((x) => x[3] === '25747' && x[6] === '2023M12');
    expect(row).toBeDefined();
    const tau = 182 / 366;
    expect(row?.slice(0, 12)).toEqual([
      'KH-2024',
      'HSCV',
      'Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng',
      '25747',
      'Phú Cường',
      40,
      '2023M12',
      60,
      '≥',
      '2024',
      55,
      '2024M06',
    ]);
    expect(row?.[12] as number).toBeCloseTo(0.75 / tau, 6);
    expect(row?.slice(13, 14)).toEqual(['Đúng tiến độ']);
    expect(row?.[14] as number).toBeCloseTo(40 + (15 * 366) / 182, 6);
    expect(row?.slice(15)).toEqual(['Đạt', 'Văn phòng UBND tỉnh', 'Chánh Văn phòng']);
  });

  it('downloads the targets as CSV in English, filtered by status and unit', async () => {
    const r = await t.request({
      method: 'GET',
      url: '/api/targets/export?format=csv&plan=KH-2024&asOf=2024-07-15&status=off_track&orgUnit=718',
      headers: { ...admin, 'accept-language': 'en' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/csv/);
    const lines = r.body
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^Plan,Indicator code,Indicator,Unit code,Unit,Baseline value,/);
    expect(lines.slice(1).length).toBeGreaterThanOrEqual(1);
    expect(lines.slice(1).every((l) => l.includes('Off track'))).toBe(true);
    expect(
      lines.some((l) => l.startsWith('KH-2024,HSCV,Work files processed online,25750,Hiệp Thành,30,')),
    ).toBe(true);
    const bad = await get('/api/targets/export?format=pdf');
    expect(bad.statusCode).toBe(400);
    const none = await get('/api/targets/export?plan=NOPE');
    expect(none.statusCode).toBe(404);
  });

  it('downloads the tasks as Excel and CSV, by due date, within the user’s scope', async () => {
    const r = await get('/api/tasks/export?format=xlsx&plan=KH-2024');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/chiso-tasks-KH-2024\.xlsx/);
    const rows = await sheet(r);
    expect(rows[0]).toEqual([
      'Nhiệm vụ',
      'Kế hoạch',
      'Đơn vị chủ trì',
      'Người chịu trách nhiệm',
      'Ngày bắt đầu',
      'Hạn hoàn thành',
      'Trạng thái',
      'Tiến độ (%)',
    ]);
    const list = json(await get('/api/tasks?plan=KH-2024'));
    expect(rows.map((x) => x[0])).toEqual(['Nhiệm vụ', ...list.items.map((k: { title: string }) => k.title)]);
    const row = rows.find((x) => x[0] === 'Số hóa hồ sơ công việc cấp xã');
    expect(row).toEqual([
      'Số hóa hồ sơ công việc cấp xã',
      'KH-2024',
      'Thuận An',
      'Phó Chủ tịch UBND TP Thuận An',
      '2024-01-01',
      '2024-07-18',
      'Đang thực hiện',
      70,
    ]);
    const csv = await get('/api/tasks/export?format=csv&plan=KH-2024', reporter725);
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'Nhiệm vụ,Kế hoạch,Đơn vị chủ trì,Người chịu trách nhiệm,Ngày bắt đầu,Hạn hoàn thành,Trạng thái,Tiến độ (%)',
    );
    // The reporter of Thuận An sees its own task only, not the province office's.
    expect(lines.slice(1).every((l) => !l.startsWith('Ban hành quy chế'))).toBe(true);
    expect(lines.slice(1).some((l) => l.startsWith('Số hóa hồ sơ công việc cấp xã'))).toBe(true);
    expect((await t.request({ method: 'GET', url: '/api/tasks/export' })).statusCode).toBe(401);
  });
});

describe('scope', () => {
  it('a reporter of one district sees only its targets and tasks', async () => {
    const r = await get('/api/targets?asOf=2024-07-15', reporter725);
    expect(r.statusCode, r.body).toBe(200);
    const units = [...new Set(json(r).items.map((i: { orgUnit: string }) => i.orgUnit))].sort();
    expect(units).toEqual(['25978', '25987']);
    // the plan covering the district is listed; the other district's plan is not
    const plans = json(await get('/api/plans', reporter725)).items.map((p: { code: string }) => p.code);
    expect(plans).toContain('KH-2024');
    expect(plans).not.toContain('KH-718');
    const tasks = json(await get('/api/tasks', reporter725)).items.map(
      (k: { leadUnit: string }) => k.leadUnit,
    );
    expect(tasks).toEqual(['725']);
    const w = json(await get('/api/warnings?asOf=2024-07-15', reporter725));
    for (const i of w.items) expect(['725', '25978', '25987']).toContain(i.orgUnit);
  });

  it('a reporter cannot create plans, targets or tasks, nor change thresholds', async () => {
    const p = await post(
      '/api/plans',
      { code: 'KH-R', name: 'x', period: '2024', scopeUnit: '725' },
      reporter725,
    );
    expect(p.statusCode).toBe(403);
    const tg = await post(
      '/api/targets',
      {
        plan: 'KH-2024',
        indicator: 'HSCV',
        orgUnit: '725',
        baseline: { period: '2023M12' },
        target: { value: 60, period: '2024' },
      },
      reporter725,
    );
    expect(tg.statusCode).toBe(403);
    const th = await t.request({
      method: 'PUT',
      url: '/api/progress-thresholds',
      headers: reporter725,
      payload: { onTrack: 0.9, atRisk: 0.5 },
    });
    expect(th.statusCode).toBe(403);
  });

  it('needs a login, and the endpoints are in OpenAPI', async () => {
    expect((await t.request({ method: 'GET', url: '/api/targets' })).statusCode).toBe(401);
    const doc = json(await t.request({ method: 'GET', url: '/api/openapi.json' }));
    for (const p of [
      '/api/plans',
      '/api/plans/{code}',
      '/api/targets',
      '/api/targets/{id}',
      '/api/targets/export',
      '/api/tasks',
      '/api/tasks/export',
      '/api/tasks/{id}/comments',
      '/api/warnings',
      '/api/progress-thresholds',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });

  it('deleting a plan removes its targets and tasks', async () => {
    const del = await t.request({ method: 'DELETE', url: '/api/plans/KH-718', headers: admin });
    expect(del.statusCode).toBe(204);
    expect((await get('/api/plans/KH-718')).statusCode).toBe(404);
  });
});

describe('demo plans', () => {
  let d: TestApp;
  let dAdmin: Record<string, string>;
  beforeAll(async () => {
    d = await startTestApp({ demo: true });
    const { loadDemoPlans } = await import('../demo/plans.js');
    await loadDemoPlans(d.database);
    dAdmin = await d.login('admin');
  }, 180_000);
  afterAll(async () => d?.close());

  it("loads Bình Dương's plans with every seed target and the tasks, and HCMC's plan of the year", async () => {
    const { SEED_TARGETS } = await import('../demo/catalog.js');
    const { DEMO_TASKS } = await import('../demo/plans.js');
    const { currentPlan } = await import('../demo/currentPlan.js');
    const hcm = currentPlan(today());
    const plans = json(await d.request({ method: 'GET', url: '/api/plans', headers: dAdmin })).items;
    expect(plans.map((p: { code: string }) => p.code).sort()).toEqual(
      ['KH-CDS-2024', 'KH-TD-CDS-2023-2025', hcm.plans[0].code].sort(),
    );
    const total = plans.reduce((s: number, p: { targetCount: number }) => s + p.targetCount, 0);
    expect(total).toBe(SEED_TARGETS.length + hcm.targets.length);
    expect(plans.reduce((s: number, p: { taskCount: number }) => s + p.taskCount, 0)).toBe(
      DEMO_TASKS.length + hcm.tasks.length,
    );
    expect(DEMO_TASKS.length).toBeGreaterThanOrEqual(15);
  });

  it('shows on-track, at-risk and off-track targets at 2024-06-30 and a final state at 2025-06-30', async () => {
    const mid = json(
      await d.request({ method: 'GET', url: '/api/targets?asOf=2024-06-30', headers: dAdmin }),
    ).items;
    const st = new Set(mid.map((i: { status: string }) => i.status));
    for (const s of ['on_track', 'at_risk', 'off_track', 'achieved']) expect(st).toContain(s);
    // the commune-level target answers one item per commune
    const xa = mid.filter(
      (i: { indicator: string; plan: string }) =>
        i.indicator === 'CQS_HSCV_MANG_XA' && i.plan === 'KH-TD-CDS-2023-2025',
    );
    expect(xa.length).toBeGreaterThan(10);
    expect(new Set(xa.map((i: { orgUnitLevel: number }) => i.orgUnitLevel))).toEqual(new Set([3]));
    const end = json(
      await d.request({
        method: 'GET',
        url: '/api/targets?asOf=2025-06-30&plan=KH-CDS-2024',
        headers: dAdmin,
      }),
    ).items;
    for (const i of end) expect(['achieved', 'overdue', 'no_data']).toContain(i.status);
  });

  it('a district reporter sees only items of its district', async () => {
    const h = await d.login('thuanan');
    const items = json(
      await d.request({ method: 'GET', url: '/api/targets?asOf=2024-06-30', headers: h }),
    ).items;
    expect(items.length).toBeGreaterThan(0);
    // the items' codes name Bình Dương's units of 2024 (several communes' codes name new wards today)
    const units = await (await import('../repositories/orgUnits.js')).findByCodes(
      d.database,
      [...new Set(items.map((i: { orgUnit: string }) => i.orgUnit))] as string[],
      '2024-06-30',
    );
    const district = (await (await import('../repositories/orgUnits.js')).findByCode(d.database, '725'))!;
    for (const u of units) expect(u.path).toContain(district.id);
  });
});
