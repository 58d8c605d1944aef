/**
 * Read rights, end to end through HTTP on the configured database:
 * - the role × endpoint × scope matrix over EVERY /api route (a completeness check enumerates the
 *   app's registered routes and fails on one that no case covers and no exclusion names);
 * - drafts are seen only by those who may see drafts of the unit (entry grid, validation, template);
 * - validation runs only for callers who may read the unit, and its messages and `missing` reveal no
 *   value the caller may not read;
 * - targets, their baselines and linked tasks are seen only by those who may read the target's units.
 */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNE_FORM, COMMUNE_SCORECARD, type Fixture, startFixture } from '../test/fixture.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from '../test/harness.js';

const json = (res: { body: string }) => JSON.parse(res.body);
let f: Fixture;
const H: Record<string, Record<string, string>> = {};
let seq = 0;
let ipSeq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

async function loginAs(username: string, password = DEMO_PASSWORD): Promise<Record<string, string>> {
  const res = await f.t.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-forwarded-for': `10.210.${ipSeq++ % 250}.${Math.floor(ipSeq / 250) + 1}` },
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return { cookie: `chiso_session=${res.cookies.find((c) => c.name === 'chiso_session')?.value}` };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const req = (
  method: Method,
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
  contentType?: string,
) =>
  f.t.request({
    method,
    url,
    headers: contentType ? { ...headers, 'content-type': contentType } : headers,
    payload: payload as string,
  });

async function ok(method: Method, url: string, payload?: unknown, headers = f.admin) {
  const r = await req(method, url, headers, payload);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
  return json(r);
}

// ───────────────────────────── the world ─────────────────────────────

/** A period whose lock date is far away: next year's May. */
const P = `${new Date().getFullYear() + 1}M05`;
/** The period the matrix writes into (the drafts of P stay as the draft tests expect them). */
const PW = `${new Date().getFullYear() + 1}M07`;
const DRAFT_SECRET = 'DIAN-DRAFT-SECRET';
const ids: Record<string, number> = {};
const plans: Record<string, string> = {};
let holidays: unknown[] = [];
let thresholds: unknown = null;

async function newPlan(scope: string): Promise<string> {
  const code = `PL_${uniq()}`;
  await ok('POST', '/api/plans', { code, name: `Kế hoạch ${code}`, scopeUnit: scope, period: '2024-2026' });
  return code;
}
async function newTarget(plan: string, unit: string, baselineValue = 10): Promise<number> {
  const t = await ok('POST', '/api/targets', {
    plan,
    indicator: 'APPS',
    orgUnit: unit,
    baselineValue,
    baselinePeriod: '2024M01',
    targetValue: 1000,
    deadline: '2026M12',
    leadUnit: unit,
  });
  return t.id;
}
async function newTask(plan: string, lead: string, targets: number[] = []): Promise<number> {
  const t = await ok('POST', '/api/tasks', {
    plan,
    title: `Nhiệm vụ ${uniq()}`,
    leadUnit: lead,
    dueDate: '2026-12-31',
    targets,
  });
  return t.id;
}

beforeAll(async () => {
  f = await startFixture({ bodyLimit: 1024 * 1024 });
  H.admin = f.admin;
  for (const u of ['lanhdao', 'sotttt', 'thuanan', 'dian', 'xem']) H[u] = await loginAs(u);
  H.anonymous = {};
  const tok = await ok('POST', '/api/tokens', { name: 'ro', scope: 'read' });
  H.readToken = { authorization: `Bearer ${tok.token}` };
  const tw = await ok('POST', '/api/tokens', { name: 'rw', scope: 'write' }, H.thuanan);
  H.reporterToken = { authorization: `Bearer ${tw.token}` };
  // a district secretariat (Thuận An) — the probe's "secretariat of one district"
  await ok('POST', '/api/users', {
    username: 'sotx725',
    displayName: 'sotx725',
    password: DEMO_PASSWORD,
    grants: [{ role: 'secretariat', orgUnit: '725' }],
  });
  H.sotx725 = await loginAs('sotx725');

  // a monthly commune form with a rule that prints the value it is about
  await ok('POST', '/api/forms', {
    ...COMMUNE_FORM,
    rules: [{ code: 'R1', left: '{APPS}', operator: '<=', right: '100', importance: 'warning' }],
  });
  // drafts: Dĩ An's reporter and Thuận An's reporter each save one
  const d = await req('PUT', `/api/forms/FM/entry?orgUnit=25942&period=${P}`, H.dian, {
    values: [{ indicator: 'APPS', value: 7777, comment: DRAFT_SECRET }],
  });
  expect(d.statusCode, d.body).toBe(200);
  const d2 = await req('PUT', `/api/forms/FM/entry?orgUnit=25978&period=${P}`, H.thuanan, {
    values: [{ indicator: 'APPS', value: 5555, comment: 'THUANAN-DRAFT' }],
  });
  expect(d2.statusCode, d2.body).toBe(200);

  // plans, targets, tasks: a province plan and one plan per district
  const p74 = await newPlan('74');
  ids.targetProvince = await newTarget(p74, '74', 98765);
  ids.target725 = await newTarget(p74, '725', 111);
  ids.target724 = await newTarget(p74, '724', 222);
  const level = await ok('POST', '/api/targets', {
    plan: p74,
    indicator: 'APPS',
    orgUnit: '74',
    level: 2,
    baselineValue: 50,
    baselinePeriod: '2024M01',
    targetValue: 1000,
    deadline: '2026M12',
  });
  ids.targetLevel = level.id;
  ids.task725 = await newTask(p74, '725', [ids.target725, ids.targetLevel]);
  ids.task724 = await newTask(p74, '724', [ids.target724, ids.targetLevel]);
  ids.taskProvince = await newTask(p74, '74', [ids.targetProvince]);
  plans.province = p74;
  plans['725'] = await newPlan('725');
  plans['724'] = await newPlan('724');

  // a scorecard and a frozen review per district
  await ok('PUT', '/api/scorecards/SC', COMMUNE_SCORECARD);
  for (const d of ['725', '724'])
    ids[`review${d}`] = (
      await ok('POST', '/api/reviews', {
        scorecard: 'SC',
        title: `Sơ kết ${d}`,
        kind: 'interim',
        period: '2024M01',
        orgUnit: d,
        level: 3,
      })
    ).id;
  holidays = (await ok('GET', '/api/reporting/holidays')).holidays;
  thresholds = await ok('GET', '/api/progress-thresholds');
}, 180_000);
afterAll(async () => f?.t.close());

// ───────────────────────────── drafts and validation ─────────────────────────────

describe('drafts are read only by those who may see drafts of the unit', () => {
  const entry = (who: string, unit: string) =>
    req('GET', `/api/forms/FM/entry?orgUnit=${unit}&period=${P}`, H[who]);

  it("the entry grid hides another unit's draft value and comment from viewers and leaders", async () => {
    for (const who of ['xem', 'lanhdao']) {
      const r = await entry(who, '25942');
      expect(r.statusCode, `${who}: ${r.body}`).toBe(200);
      expect(r.body, who).not.toContain('7777');
      expect(r.body, who).not.toContain(DRAFT_SECRET);
      expect(json(r).items[0].current, who).toBeNull();
    }
  });

  it('those who may see drafts of the unit still see them in the grid', async () => {
    for (const who of ['admin', 'sotttt', 'dian']) {
      const r = await entry(who, '25942');
      expect(r.statusCode, r.body).toBe(200);
      expect(json(r).items[0].current, who).toMatchObject({ value: 7777, comment: DRAFT_SECRET });
    }
    const own = json(await entry('thuanan', '25978'));
    expect(own.items[0].current).toMatchObject({ value: 5555, comment: 'THUANAN-DRAFT' });
  });

  it('/api/data-values and the entry grid agree for the viewer (one rule)', async () => {
    const dv = json(await req('GET', `/api/data-values?orgUnit=25942&period=${P}`, H.xem));
    expect(dv.items).toEqual([]);
    const admin = json(await req('GET', `/api/data-values?orgUnit=25942&period=${P}`, H.admin));
    expect(admin.items.map((v: { value: number }) => v.value)).toEqual([7777]);
  });

  it('the Excel template is not pre-filled with drafts the caller may not see', async () => {
    const r = await req('GET', `/api/forms/FM/template.xlsx?orgUnit=724&period=${P}`, H.xem);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).not.toContain(7777);
    const mine = await req('GET', `/api/forms/FM/template.xlsx?orgUnit=724&period=${P}`, H.sotttt);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    const cells2: unknown[] = [];
    wb2.worksheets[0].eachRow((row) => row.eachCell((c) => cells2.push(c.value)));
    expect(cells2).toContain(7777);
  });
});

describe('validation reveals no value the caller may not read', () => {
  const validate = (who: string, unit: string, form = 'FM') =>
    req('POST', `/api/forms/${form}/validate`, H[who], { orgUnit: unit, period: P });

  it('a reporter of another district is refused (403), and nothing of the value is printed', async () => {
    for (const who of ['thuanan', 'reporterToken']) {
      const r = await validate(who, '25942');
      expect(r.statusCode, `${who}: ${r.body}`).toBe(403);
      expect(r.body).not.toContain('7777');
    }
  });

  it('a viewer or leader validates only over values they may read: the draft counts as missing', async () => {
    for (const who of ['xem', 'lanhdao']) {
      const r = await validate(who, '25942');
      expect(r.statusCode, r.body).toBe(200);
      expect(r.body, who).not.toContain('7777');
      expect(json(r)).toEqual({ missing: ['APPS'], violations: [] });
    }
  });

  it('those who may see the draft get the rule message as before', async () => {
    for (const who of ['sotttt', 'admin', 'dian']) {
      const r = await validate(who, '25942');
      expect(r.statusCode, r.body).toBe(200);
      expect(json(r).missing).toEqual([]);
      expect(json(r).violations[0].message).toContain('7777');
    }
  });

  it("a district secretariat cannot print another district's value through a form of its own", async () => {
    const made = await req('POST', '/api/forms', H.sotx725, {
      code: 'FX',
      name: 'Biểu dò',
      periodType: 'month',
      indicators: ['APPS'],
      unitsWithin: { orgUnit: '724', level: 3 },
      rules: [{ code: 'LEAK', left: '{APPS}', operator: '<', right: '-1', importance: 'error' }],
    });
    // (whether a district secretariat may create such a form at all is decided elsewhere)
    const form = made.statusCode === 201 ? 'FX' : 'FM';
    const r = await validate('sotx725', '25942', form);
    expect(r.statusCode, r.body).toBe(403);
    expect(r.body).not.toContain('7777');
  });
});

// ───────────────────────────── targets, plans, tasks ─────────────────────────────

describe("targets and tasks are read within the caller's read scope", () => {
  it('a district reporter does not see a province-level target (baseline included)', async () => {
    for (const who of ['thuanan', 'reporterToken']) {
      const r = await req('GET', `/api/targets/${ids.targetProvince}`, H[who]);
      expect([403, 404], `${who}: ${r.body}`).toContain(r.statusCode);
      expect(r.body).not.toContain('98765');
    }
    const list = await req('GET', '/api/targets', H.thuanan);
    expect(list.body).not.toContain('98765');
    const exp = await req('GET', '/api/targets/export?format=csv', H.thuanan);
    expect(exp.body).not.toContain('98765');
    expect((await req('GET', `/api/targets/${ids.targetProvince}`, H.lanhdao)).body).toContain('98765');
  });

  it("a district reporter does not see another district's target or task", async () => {
    const t = await req('GET', `/api/targets/${ids.target724}`, H.thuanan);
    expect([403, 404]).toContain(t.statusCode);
    expect(t.body).not.toContain('222');
    const k = await req('GET', `/api/tasks/${ids.task724}`, H.thuanan);
    expect([403, 404]).toContain(k.statusCode);
  });

  it('a level-wide target shows the reporter its own items and its own tasks only', async () => {
    const r = await req('GET', `/api/targets/${ids.targetLevel}`, H.thuanan);
    expect(r.statusCode, r.body).toBe(200);
    const body = json(r);
    expect(body.items.map((i: { orgUnit: string }) => i.orgUnit)).toEqual(['725']);
    expect(body.tasks.map((k: { id: number }) => k.id)).toEqual([ids.task725]);
    const all = json(await req('GET', `/api/targets/${ids.targetLevel}`, H.xem));
    expect(all.items.map((i: { orgUnit: string }) => i.orgUnit).sort()).toEqual(['724', '725']);
    expect(all.tasks.map((k: { id: number }) => k.id).sort()).toEqual([ids.task725, ids.task724].sort());
  });

  it('a unit asked outside the read rights is refused as analytics refuses it; an unknown one is 404', async () => {
    for (const [code, status] of [
      ['724', 403],
      ['NO_SUCH_UNIT', 404],
    ] as const) {
      const analytics = await req(
        'GET',
        `/api/analytics?indicator=APPS&orgUnit=${code}&period=2024M01`,
        H.thuanan,
      );
      expect(analytics.statusCode, analytics.body).toBe(status);
      for (const url of [
        `/api/targets?orgUnit=${code}`,
        `/api/targets/export?format=csv&orgUnit=${code}`,
        `/api/targets/export?format=xlsx&orgUnit=${code}&asOf=2024-06-30`,
      ]) {
        const r = await req('GET', url, H.thuanan);
        expect(r.statusCode, `${url}: ${r.body}`).toBe(status);
        expect(json(r), url).toEqual(json(analytics));
      }
    }
    // within the rights the filter answers as before
    const own = await req('GET', '/api/targets?orgUnit=725', H.thuanan);
    expect(own.statusCode, own.body).toBe(200);
    expect(json(own).items.length).toBeGreaterThan(0);
  });

  it('error messages follow ?lang= first, then Accept-Language (400, 403, 404)', async () => {
    const cases = [
      // 403: a unit outside the reporter's rights
      [
        403,
        '/api/targets?orgUnit=724',
        'You have no rights on org unit 724.',
        'Bạn không có quyền với đơn vị 724.',
      ],
      [
        403,
        '/api/analytics?indicator=APPS&orgUnit=724&period=2024M01',
        'You have no rights on org unit 724.',
        'Bạn không có quyền với đơn vị 724.',
      ],
      // 404: an unknown unit, an unknown route
      [404, '/api/targets?orgUnit=NO_SUCH', 'No org unit "NO_SUCH".', 'Không tìm thấy đơn vị "NO_SUCH".'],
      [
        404,
        '/api/no-such-route',
        'No route GET /api/no-such-route.',
        'Không có địa chỉ GET /api/no-such-route.',
      ],
      // 400: a query that fails validation (the route does not declare lang: it counts all the same)
      [400, '/api/targets?asOf=2024-13-45', 'Invalid input', 'Dữ liệu không hợp lệ'],
    ] as const;
    for (const [status, url, en, vi] of cases) {
      const sep = url.includes('?') ? '&' : '?';
      for (const [lang, header, want] of [
        ['en', 'vi', en],
        ['vi', 'en', vi],
        [null, 'en', en],
        [null, undefined, vi],
        ['fr', 'en', en], // not a language chiso speaks: Accept-Language decides
      ] as const) {
        const u = lang ? `${url}${sep}lang=${lang}` : url;
        const r = await req('GET', u, { ...H.thuanan, ...(header ? { 'accept-language': header } : {}) });
        expect(r.statusCode, `${u}: ${r.body}`).toBe(status);
        expect(json(r).error.message, `${u} (Accept-Language: ${header})`).toContain(want);
      }
    }
  });

  it('lists and warnings of the reporter name no unit outside its district', async () => {
    const dian = ['"724"', '"74"', 'Dĩ An', 'Bình Dương'];
    const targets = json(await req('GET', '/api/targets', H.thuanan));
    expect(
      targets.items.every((i: { orgUnit: string }) => ['725', '25978', '25987'].includes(i.orgUnit)),
    ).toBe(true);
    const tasks = json(await req('GET', '/api/tasks', H.thuanan));
    expect(tasks.items.map((k: { id: number }) => k.id)).toEqual([ids.task725]);
    const w = await req('GET', '/api/warnings', H.thuanan);
    for (const x of dian) expect(w.body).not.toContain(`"orgUnit":${x}`);
  });
});

// ───────────────────────────── the matrix ─────────────────────────────

type Actor = 'admin' | 'lanhdao' | 'sotttt' | 'thuanan' | 'xem' | 'anonymous' | 'readToken' | 'reporterToken';
const ACTORS: Actor[] = [
  'admin',
  'lanhdao',
  'sotttt',
  'thuanan',
  'xem',
  'anonymous',
  'readToken',
  'reporterToken',
];
const SESSION_ACTORS = new Set<Actor>(['admin', 'lanhdao', 'sotttt', 'thuanan', 'xem']);
const PROVINCE_WIDE = new Set<Actor>(['admin', 'lanhdao', 'sotttt', 'xem', 'readToken']);
const PASSWORDS: Partial<Record<Actor, string>> = { admin: ADMIN_PASSWORD };
const SCOPES = {
  in: { district: '725', commune: '25978' },
  out: { district: '724', commune: '25942' },
} as const;
type Scope = (typeof SCOPES)['in' | 'out'];

interface Case {
  name: string;
  method: Method;
  /** The url; may create what the request acts on (run as admin) before it. */
  url: (s: Scope, a: Actor) => string | Promise<string>;
  body?: (s: Scope, a: Actor) => unknown;
  contentType?: string;
  allowed: (a: Actor, inReporterScope: boolean) => boolean;
  scoped: boolean;
  /** Reads must answer 2xx when allowed; writes may answer 400/409/422 (the rights check passed). */
  read?: boolean;
  /** Allowed callers may get 404 (e.g. a resource id that names nothing on purpose). */
  notFoundIsOk?: boolean;
  /** Send from a session of its own (the request ends it). */
  freshSession?: boolean;
  /** The DHIS2 import protocol: a refused row is a conflict in a 200 (or 409) answer, counted as a refusal. */
  dhis2?: boolean;
}

const loggedIn = (a: Actor) => a !== 'anonymous';
const canReadUnit = (a: Actor, inScope: boolean) =>
  PROVINCE_WIDE.has(a) || ((a === 'thuanan' || a === 'reporterToken') && inScope);
const canReadProvince = (a: Actor) => PROVINCE_WIDE.has(a);
const canWriteUnit = (a: Actor, inScope: boolean) =>
  a === 'admin' || a === 'sotttt' || ((a === 'thuanan' || a === 'reporterToken') && inScope);
const canReview = (a: Actor) => a === 'admin' || a === 'sotttt';
const isAdminUser = (a: Actor) => a === 'admin';
const readsAsAdmin = (a: Actor) => a === 'admin' || a === 'readToken';
/** Catalogue, plans, forms, holidays, scorecards, reviews: admin and the (province) secretariat. */
const manages = (a: Actor) => a === 'admin' || a === 'sotttt';
const sessionOnly = (a: Actor) => SESSION_ACTORS.has(a);

const CASES: Case[] = [
  // ── reference and catalogue reads
  { name: 'GET me', method: 'GET', url: () => '/api/me', allowed: loggedIn, scoped: false, read: true },
  {
    name: 'GET pillars',
    method: 'GET',
    url: () => '/api/pillars',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET fields',
    method: 'GET',
    url: () => '/api/fields',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET categories',
    method: 'GET',
    url: () => '/api/categories',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET indicators',
    method: 'GET',
    url: () => '/api/indicators',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET indicators/:code',
    method: 'GET',
    url: () => '/api/indicators/APPS',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET org-units',
    method: 'GET',
    url: () => '/api/org-units',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET org-units/:code',
    method: 'GET',
    url: (s) => `/api/org-units/${s.district}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    // boundaries of a level on a date (the national map): public geography for anyone signed in
    name: 'GET org-units/geojson',
    method: 'GET',
    url: () => '/api/org-units/geojson?level=1',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET org-units/:code/geojson',
    method: 'GET',
    url: (s) => `/api/org-units/${s.district}/geojson`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  // ── values
  {
    name: 'GET data-values?orgUnit',
    method: 'GET',
    url: (s) => `/api/data-values?orgUnit=${s.commune}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET data-values/export',
    method: 'GET',
    url: (s) => `/api/data-values/export?orgUnit=${s.commune}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET data-values/history',
    method: 'GET',
    url: (s) => `/api/data-values/history?indicator=APPS&orgUnit=${s.commune}&period=2024M01`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET dataValueSets',
    method: 'GET',
    url: (s) => `/api/dataValueSets?orgUnit=${s.commune}&dataElement=APPS&period=202401`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET analytics',
    method: 'GET',
    url: (s) => `/api/analytics?indicator=APPS&orgUnit=${s.district}&period=2024M01`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET analytics/export',
    method: 'GET',
    url: (s) => `/api/analytics/export?indicator=APPS&orgUnit=${s.district}&period=2024M01&format=csv`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET analytics/latest',
    method: 'GET',
    url: (s) => `/api/analytics/latest?orgUnit=${s.district}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET analytics/trend',
    method: 'GET',
    url: (s) => `/api/analytics/trend?indicator=APPS&orgUnit=${s.district}&from=2024M01&to=2024M03`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'POST data-values',
    method: 'POST',
    url: () => '/api/data-values',
    body: (s) => ({ values: [{ indicator: 'APPS', orgUnit: s.commune, period: '2023M10', value: seq++ }] }),
    allowed: canWriteUnit,
    scoped: true,
  },
  {
    name: 'POST dataValueSets',
    method: 'POST',
    url: () => '/api/dataValueSets',
    body: (s) => ({
      dataValues: [{ dataElement: 'APPS', orgUnit: s.commune, period: '202309', value: String(seq++) }],
    }),
    allowed: canWriteUnit,
    scoped: true,
    dhis2: true,
  },
  // ── reporting: forms, entry, validation, workflow, calendar
  { name: 'GET forms', method: 'GET', url: () => '/api/forms', allowed: loggedIn, scoped: false, read: true },
  {
    name: 'GET forms/:code/schedule',
    method: 'GET',
    url: () => '/api/forms/FM/schedule?year=2024',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET forms/:code/entry',
    method: 'GET',
    url: (s) => `/api/forms/FM/entry?orgUnit=${s.commune}&period=${P}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET forms/:code/entry/print',
    method: 'GET',
    url: (s) => `/api/forms/FM/entry/print?orgUnit=${s.commune}&period=${P}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'POST forms/:code/validate',
    method: 'POST',
    url: () => '/api/forms/FM/validate',
    body: (s) => ({ orgUnit: s.commune, period: P }),
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET forms/:code/template.xlsx',
    method: 'GET',
    url: (s) => `/api/forms/FM/template.xlsx?orgUnit=${s.district}&period=${P}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET reporting/holidays',
    method: 'GET',
    url: () => '/api/reporting/holidays',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET reports/timeliness',
    method: 'GET',
    url: (s) => `/api/reports/timeliness?form=FM&period=${P}&orgUnit=${s.district}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET reports/late',
    method: 'GET',
    url: (s) => `/api/reports/late?period=${P}&orgUnit=${s.district}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'PUT forms/:code/entry',
    method: 'PUT',
    url: (s) => `/api/forms/FM/entry?orgUnit=${s.commune}&period=${PW}`,
    body: () => ({ values: [{ indicator: 'APPS', value: 10 + (seq++ % 50) }] }),
    allowed: canWriteUnit,
    scoped: true,
  },
  {
    name: 'POST forms/:code/upload (csv)',
    method: 'POST',
    url: () => `/api/forms/FM/upload?period=${PW}`,
    body: (s) => `org_unit,org_unit_name,APPS\n${s.commune},x,${20 + (seq++ % 50)}\n`,
    contentType: 'text/csv',
    allowed: canWriteUnit,
    scoped: true,
  },
  {
    name: 'POST forms/:code/submit',
    method: 'POST',
    url: () => '/api/forms/FM/submit',
    body: (s) => ({ orgUnit: s.commune, period: PW }),
    allowed: canWriteUnit,
    scoped: true,
  },
  {
    name: 'POST forms/:code/approve',
    method: 'POST',
    url: () => '/api/forms/FM/approve',
    body: (s) => ({ orgUnit: s.commune, period: PW }),
    allowed: canReview,
    scoped: true,
  },
  {
    name: 'POST forms/:code/unlock',
    method: 'POST',
    url: () => '/api/forms/FM/unlock',
    body: (s) => ({ orgUnit: s.commune, period: PW, reason: 'sửa' }),
    allowed: canReview,
    scoped: true,
  },
  {
    name: 'POST forms/:code/return',
    method: 'POST',
    url: () => '/api/forms/FM/return',
    body: (s) => ({ orgUnit: s.commune, period: PW, reason: 'sửa' }),
    allowed: canReview,
    scoped: true,
  },
  // scope: catalogue writes — today any secretariat (and admin) manages forms and the calendar
  {
    name: 'POST forms',
    method: 'POST',
    url: () => '/api/forms',
    body: (s) => ({
      code: `F_${uniq()}`,
      name: 'Biểu thử',
      periodType: 'month',
      indicators: ['APPS'],
      unitsWithin: { orgUnit: s.district, level: 3 },
    }),
    allowed: manages,
    scoped: true,
  },
  // scope: catalogue writes
  {
    name: 'PUT reporting/holidays',
    method: 'PUT',
    url: () => '/api/reporting/holidays',
    body: () => ({ holidays }),
    allowed: manages,
    scoped: false,
  },
  // ── catalogue and structure writes
  // scope: catalogue writes
  {
    name: 'PUT categories/:code',
    method: 'PUT',
    url: () => `/api/categories/C_${uniq()}`,
    body: () => ({ name: 'Phân tổ thử', options: [{ code: 'A', name: 'A', dhis2Code: 'HllvX50cXCa' }] }),
    allowed: manages,
    scoped: false,
  },
  {
    name: 'POST indicators',
    method: 'POST',
    url: () => '/api/indicators',
    body: () => ({
      code: `M_${uniq()}`,
      name: 'Chỉ tiêu thử',
      valueType: 'count',
      pillar: 'government',
      frequency: 'year',
    }),
    allowed: manages,
    scoped: false,
  },
  // scope: catalogue writes
  {
    name: 'PUT indicators/:code',
    method: 'PUT',
    url: () => '/api/indicators/TEAMS',
    // PUT takes the whole indicator (a partial body is a 400 for anyone)
    body: () => ({
      name: 'Số tổ công nghệ số cộng đồng',
      nameEn: 'Community digital-technology teams',
      definition: null,
      definitionEn: null,
      unit: 'tổ',
      valueType: 'count',
      aggregation: 'sum',
      timeAggregation: 'last',
      pillar: 'society',
      field: null,
      frequency: 'quarter',
      polarity: 'higher',
      ratioScale: 100,
      decimals: null,
      owner: null,
      source: null,
      reportingKinds: ['commune'],
      category: null,
      formula: null,
    }),
    allowed: manages,
    scoped: false,
  },
  {
    name: 'PATCH indicators/:code',
    method: 'PATCH',
    url: () => '/api/indicators/TEAMS',
    body: () => ({ name: 'Số tổ công nghệ số cộng đồng' }),
    allowed: manages,
    scoped: false,
  },
  {
    name: 'POST indicators/:code/publish',
    method: 'POST',
    url: () => '/api/indicators/TEAMS/publish',
    body: () => ({ published: false }),
    allowed: isAdminUser,
    scoped: false,
  },
  {
    name: 'POST org-units/import',
    method: 'POST',
    url: () => '/api/org-units/import',
    body: (s) =>
      `code,name,type,level,parent_code\n${s.district},${s.district === '725' ? 'Thuận An' : 'Dĩ An'},Thành phố,2,74\n`,
    contentType: 'text/csv',
    allowed: isAdminUser,
    scoped: true,
  },
  {
    // a unit that carries on links to itself ("continues")
    name: 'POST org-units/lineage',
    method: 'POST',
    url: () => '/api/org-units/lineage?effective=2025-07-01',
    body: (s) => `new_code,level,old_code,kind\n${s.district},2,${s.district},full\n`,
    contentType: 'text/csv',
    allowed: isAdminUser,
    scoped: true,
  },
  {
    name: 'POST org-units/geojson',
    method: 'POST',
    url: () => '/api/org-units/geojson',
    body: () => ({ type: 'FeatureCollection', features: [] }),
    allowed: isAdminUser,
    scoped: false,
  },
  // ── plans, targets, tasks, warnings, thresholds
  { name: 'GET plans', method: 'GET', url: () => '/api/plans', allowed: loggedIn, scoped: false, read: true },
  {
    // a plan is seen by those who read its scope, or whose unit it covers (the reporter's district
    // works under the province plan)
    name: 'GET plans/:code (province plan)',
    method: 'GET',
    url: () => `/api/plans/${plans.province}`,
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET plans/:code (district plan)',
    method: 'GET',
    url: (s) => `/api/plans/${plans[s.district]}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET plans/:code/print (district plan)',
    method: 'GET',
    url: (s) => `/api/plans/${plans[s.district]}/print`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'POST plans',
    method: 'POST',
    url: () => '/api/plans',
    body: (s) => ({ code: `PL_${uniq()}`, name: 'Kế hoạch thử', scopeUnit: s.district, period: '2024-2025' }),
    allowed: manages,
    scoped: true,
  },
  {
    name: 'PUT plans/:code',
    method: 'PUT',
    url: (s) => `/api/plans/${plans[s.district]}`,
    body: () => ({ description: `đổi ${seq++}` }),
    allowed: manages,
    scoped: true,
  },
  {
    // reads a plan's text into proposals (writes nothing): whoever may create plans
    name: 'POST plans/extract',
    method: 'POST',
    url: () => '/api/plans/extract',
    body: () => 'Phấn đấu đến năm 2025, 100% hồ sơ công việc tại cấp tỉnh được xử lý trên môi trường mạng.',
    contentType: 'text/plain; charset=utf-8',
    allowed: manages,
    scoped: false,
    read: true,
  },
  {
    name: 'DELETE plans/:code',
    method: 'DELETE',
    url: async (s) => `/api/plans/${await newPlan(s.district)}`,
    allowed: manages,
    scoped: true,
  },
  {
    // the rights check comes first; then the unit must be the plan scope's successor (409 here)
    name: 'POST plans/:code/take-over',
    method: 'POST',
    url: (s) => `/api/plans/${plans[s.district]}/take-over`,
    body: (s) => ({ orgUnit: s.district }),
    allowed: (a) => a === 'admin' || a === 'sotttt' || a === 'lanhdao',
    scoped: true,
  },
  {
    name: 'GET targets',
    method: 'GET',
    url: () => '/api/targets',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET targets/export',
    method: 'GET',
    url: () => '/api/targets/export?format=csv',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    // a unit named outright that the caller may not read is refused (as analytics does), not answered empty
    name: 'GET targets?orgUnit',
    method: 'GET',
    url: (s) => `/api/targets?orgUnit=${s.district}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET targets/export?orgUnit',
    method: 'GET',
    url: (s) => `/api/targets/export?format=csv&orgUnit=${s.district}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET targets/:id (district target)',
    method: 'GET',
    url: (s) => `/api/targets/${ids[`target${s.district}`]}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET targets/:id (province target)',
    method: 'GET',
    url: () => `/api/targets/${ids.targetProvince}`,
    allowed: canReadProvince,
    scoped: false,
    read: true,
  },
  {
    name: 'GET targets/:id (level-wide target: every district)',
    method: 'GET',
    url: () => `/api/targets/${ids.targetLevel}`,
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'POST targets',
    method: 'POST',
    url: () => '/api/targets',
    body: (s) => ({
      plan: plans[s.district],
      indicator: 'APPS',
      orgUnit: s.district,
      baselineValue: 1,
      baselinePeriod: '2024M01',
      targetValue: 5,
      deadline: '2025M12',
    }),
    allowed: manages,
    scoped: true,
  },
  {
    name: 'PUT targets/:id',
    method: 'PUT',
    url: (s) => `/api/targets/${ids[`target${s.district}`]}`,
    body: () => ({ notes: `ghi chú ${seq++}` }),
    allowed: manages,
    scoped: true,
  },
  {
    name: 'DELETE targets/:id',
    method: 'DELETE',
    url: async (s) => `/api/targets/${await newTarget(plans[s.district], s.district)}`,
    allowed: manages,
    scoped: true,
  },
  { name: 'GET tasks', method: 'GET', url: () => '/api/tasks', allowed: loggedIn, scoped: false, read: true },
  {
    name: 'GET tasks/export',
    method: 'GET',
    url: () => '/api/tasks/export?format=csv',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET tasks/:id (district lead)',
    method: 'GET',
    url: (s) => `/api/tasks/${ids[`task${s.district}`]}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET tasks/:id (province lead)',
    method: 'GET',
    url: () => `/api/tasks/${ids.taskProvince}`,
    allowed: canReadProvince,
    scoped: false,
    read: true,
  },
  {
    name: 'POST tasks',
    method: 'POST',
    url: () => '/api/tasks',
    body: (s) => ({
      plan: plans[s.district],
      title: 'Việc thử',
      leadUnit: s.district,
      dueDate: '2026-01-31',
    }),
    allowed: manages,
    scoped: true,
  },
  {
    // the lead unit's data writers update progress; managers change anything
    name: 'PUT tasks/:id (progress)',
    method: 'PUT',
    url: (s) => `/api/tasks/${ids[`task${s.district}`]}`,
    body: () => ({ percentComplete: seq++ % 100 }),
    allowed: canWriteUnit,
    scoped: true,
  },
  {
    name: 'DELETE tasks/:id',
    method: 'DELETE',
    url: async (s) => `/api/tasks/${await newTask(plans[s.district], s.district)}`,
    allowed: manages,
    scoped: true,
  },
  {
    name: 'POST tasks/:id/comments',
    method: 'POST',
    url: (s) => `/api/tasks/${ids[`task${s.district}`]}/comments`,
    body: () => ({ body: 'Đã xem' }),
    allowed: (a, inScope) => canReadUnit(a, inScope) && a !== 'readToken',
    scoped: true,
  },
  {
    name: 'GET warnings',
    method: 'GET',
    url: () => '/api/warnings',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET progress-thresholds',
    method: 'GET',
    url: () => '/api/progress-thresholds',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'PUT progress-thresholds',
    method: 'PUT',
    url: () => '/api/progress-thresholds',
    body: () => thresholds,
    allowed: isAdminUser,
    scoped: false,
  },
  // ── scorecards and reviews
  {
    name: 'GET scorecards',
    method: 'GET',
    url: () => '/api/scorecards',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET scorecards/:code',
    method: 'GET',
    url: () => '/api/scorecards/SC',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET scorecards/:code/ranking',
    method: 'GET',
    url: (s) => `/api/scorecards/SC/ranking?period=2024M01&orgUnit=${s.district}&level=3`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET scorecards/:code/ranking/print',
    method: 'GET',
    url: (s) => `/api/scorecards/SC/ranking/print?period=2024M01&orgUnit=${s.district}&level=3`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET scorecards/:code/advice',
    method: 'GET',
    url: (s) => `/api/scorecards/SC/advice?orgUnit=${s.commune}&period=2024M01&scope=${s.district}&level=3`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET scorecards/:code/assessments',
    method: 'GET',
    url: (s) => `/api/scorecards/SC/assessments?orgUnit=${s.commune}&period=2024M01`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'PUT scorecards/:code/assessments (self)',
    method: 'PUT',
    url: (s) => `/api/scorecards/SC/assessments?orgUnit=${s.commune}&period=2024M01`,
    body: () => ({ items: [{ component: 'APPS', self: { score: 0.5 } }] }),
    allowed: canWriteUnit,
    scoped: true,
  },
  // scope: catalogue writes
  {
    name: 'PUT scorecards/:code',
    method: 'PUT',
    url: () => `/api/scorecards/SC_${uniq()}`,
    body: () => ({
      name: 'Thử',
      components: [
        {
          code: 'APPS',
          name: 'Hồ sơ',
          weight: 1,
          indicator: 'APPS',
          scoring: { method: 'ratio_to_target', target: 100 },
        },
      ],
    }),
    allowed: manages,
    scoped: false,
  },
  {
    name: 'GET reviews',
    method: 'GET',
    url: () => '/api/reviews',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'GET reviews/:id',
    method: 'GET',
    url: (s) => `/api/reviews/${ids[`review${s.district}`]}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET reviews/:id/export.xlsx',
    method: 'GET',
    url: (s) => `/api/reviews/${ids[`review${s.district}`]}/export.xlsx`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET reviews/:id/print',
    method: 'GET',
    url: (s) => `/api/reviews/${ids[`review${s.district}`]}/print`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  {
    name: 'GET reviews/compare',
    method: 'GET',
    url: (s) => `/api/reviews/compare?a=${ids[`review${s.district}`]}&b=${ids[`review${s.district}`]}`,
    allowed: canReadUnit,
    scoped: true,
    read: true,
  },
  // scope: catalogue writes
  {
    name: 'POST reviews',
    method: 'POST',
    url: () => '/api/reviews',
    body: (s) => ({
      scorecard: 'SC',
      title: 'Tổng kết',
      kind: 'final',
      period: '2024M01',
      orgUnit: s.district,
    }),
    allowed: manages,
    scoped: true,
  },
  // ── accounts, tokens, audit
  {
    name: 'GET audit',
    method: 'GET',
    url: () => '/api/audit?limit=5',
    allowed: readsAsAdmin,
    scoped: false,
    read: true,
  },
  {
    name: 'GET users',
    method: 'GET',
    url: () => '/api/users',
    allowed: readsAsAdmin,
    scoped: false,
    read: true,
  },
  {
    name: 'GET users/:username',
    method: 'GET',
    url: () => '/api/users/thuanan',
    allowed: readsAsAdmin,
    scoped: false,
    read: true,
  },
  {
    name: 'POST users',
    method: 'POST',
    url: () => '/api/users',
    body: (s) => ({
      username: `u_${uniq()}`,
      password: 'Long-enough-pass-42',
      grants: [{ role: 'viewer', orgUnit: s.district }],
    }),
    allowed: isAdminUser,
    scoped: true,
  },
  {
    name: 'PUT users/:username',
    method: 'PUT',
    url: () => '/api/users/xem',
    body: () => ({ email: 'xem@example.vn' }),
    allowed: isAdminUser,
    scoped: false,
  },
  {
    name: 'POST users/:username/password',
    method: 'POST',
    url: () => '/api/users/dian/password',
    body: () => ({ password: DEMO_PASSWORD }),
    allowed: isAdminUser,
    scoped: false,
  },
  {
    name: 'POST users/:username/grants',
    method: 'POST',
    url: () => '/api/users/dian/grants',
    body: (s) => ({ role: 'viewer', orgUnit: s.commune }),
    allowed: isAdminUser,
    scoped: true,
  },
  {
    name: 'DELETE users/:username/grants/:id',
    method: 'DELETE',
    url: async () => {
      const u = `g_${uniq()}`;
      const c = await ok('POST', '/api/users', {
        username: u,
        password: 'Long-enough-pass-42',
        grants: [{ role: 'viewer', orgUnit: '725' }],
      });
      return `/api/users/${u}/grants/${c.grants[0].id}`;
    },
    allowed: isAdminUser,
    scoped: false,
  },
  {
    name: 'GET tokens',
    method: 'GET',
    url: () => '/api/tokens',
    allowed: loggedIn,
    scoped: false,
    read: true,
  },
  {
    name: 'POST tokens',
    method: 'POST',
    url: () => '/api/tokens',
    body: () => ({ name: 'm', scope: 'read' }),
    allowed: sessionOnly,
    scoped: false,
  },
  {
    // one's own tokens only: an id that is not the caller's is 404; a read-only token may not revoke
    name: 'DELETE tokens/:id',
    method: 'DELETE',
    url: () => '/api/tokens/999999',
    allowed: (a) => loggedIn(a) && a !== 'readToken',
    scoped: false,
    notFoundIsOk: true,
  },
  {
    // wrong current password: 400 for sessions (the rights check passed), 403 for tokens
    name: 'POST me/password',
    method: 'POST',
    url: () => '/api/me/password',
    body: () => ({ currentPassword: 'not-the-password', newPassword: 'Another-good-pass-77' }),
    allowed: sessionOnly,
    scoped: false,
  },
  {
    name: 'POST auth/logout',
    method: 'POST',
    url: () => '/api/auth/logout',
    allowed: loggedIn,
    scoped: false,
    freshSession: true,
  },
];

/**
 * Routes no matrix case needs: public by design (no rights to check) or the API description.
 * Keep this short; every entry says why.
 */
const EXCLUDED: Array<{ route: RegExp; why: string }> = [
  { route: /^GET \/api\/health$/, why: 'public liveness probe' },
  { route: /^POST \/api\/auth\/login$/, why: 'public: the way in (throttling tested in security.test.ts)' },
  { route: /^GET \/api\/openapi\.json$/, why: 'public API description' },
  { route: /^GET \/api\/docs(\/.*|\*)?$/, why: 'public API documentation (Swagger UI assets)' },
  { route: /^GET \/api\/open\//, why: 'open data: public by design, published indicators only' },
  {
    route: /^(GET|POST|PUT) \/api\/notifications(\/.*)?$/,
    why: "the caller's own notifications and choices: any logged-in person, never another's (404; notifications.test.ts)",
  },
  {
    route: /\/print\.pdf$/,
    why: 'the …/print page (in the matrix) rendered by Chromium through the same handler; refusals tested in print.test.ts',
  },
];

function outcome(c: Case, a: Actor, allowed: boolean, res: LightMyRequestResponse): string | null {
  let s = res.statusCode;
  // DHIS2 answers refusals inside its WebMessage (409 when nothing went through)
  if (c.dhis2 && (s === 200 || s === 409)) {
    const b = json(res).response;
    if (b.importCount.imported + b.importCount.updated === 0 && b.conflicts?.length) s = 403;
  }
  if (s >= 500) return `5xx ${s}`;
  if (!allowed) {
    const want = a === 'anonymous' ? [401] : c.notFoundIsOk ? [403] : [403, 404];
    return want.includes(s) ? null : `expected refusal ${want.join('/')}, got ${s}`;
  }
  if (s === 401 || s === 403) return `expected allowed, got ${s}`;
  if (s === 404 && !c.notFoundIsOk) return `expected allowed, got 404`;
  if (c.read && s >= 300 && s !== 404) return `expected 2xx, got ${s}`;
  return null;
}

/** Every (method, url) the app registered under /api, from its route tree. */
function registeredRoutes(): string[] {
  const tree = f.t.app.printRoutes({ commonPrefix: false });
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)(?:[├└]── )?(\S.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4 + (line.includes('── ') ? 1 : 0);
    stack.length = depth;
    const full = `${stack[depth - 1] ?? ''}${m[2]}`.replace(/\/\//g, '/');
    stack[depth] = full;
    for (const method of m[3].split(',').map((x) => x.trim()))
      if (method !== 'HEAD' && full.startsWith('/api/')) out.push(`${method} ${full}`);
  }
  return [...new Set(out)].sort();
}

/** The route pattern a case's url hits: `/api/forms/FM/entry?…` → `/api/forms/:code/entry`. */
function matchesRoute(route: string, method: string, url: string): boolean {
  const [m, pattern] = route.split(' ');
  if (m !== method) return false;
  const re = new RegExp(
    `^${pattern
      .split('/')
      .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.]/g, '\\.')))
      .join('/')}$`,
  );
  return re.test(url.split('?')[0]);
}

const hitUrls: Array<{ method: string; url: string }> = [];

describe('role × endpoint × scope matrix over every route', () => {
  it('allows exactly what each role may do and refuses the rest with 401/403 (404 for hidden items)', async () => {
    const failures: string[] = [];
    let n = 0;
    for (const c of CASES) {
      for (const scope of c.scoped ? (['in', 'out'] as const) : (['in'] as const)) {
        for (const a of ACTORS) {
          const s = SCOPES[scope];
          const url = await c.url(s, a);
          hitUrls.push({ method: c.method, url });
          const headers = c.freshSession && SESSION_ACTORS.has(a) ? await loginAs(a, PASSWORDS[a]) : H[a];
          const res = await req(c.method, url, headers, c.body?.(s, a), c.contentType);
          n++;
          const bad = outcome(c, a, c.allowed(a, scope === 'in'), res);
          if (bad) failures.push(`${c.name} [${scope}] as ${a}: ${bad} ${res.body.slice(0, 160)}`);
        }
      }
    }
    console.log(
      `read-rights matrix: ${n} requests (${CASES.length} cases × scopes × ${ACTORS.length} callers), ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
  }, 600_000);

  it('covers every registered /api route, or names why not', () => {
    const routes = registeredRoutes();
    // the parse found the tree (a sanity check on the parser itself)
    expect(routes).toContain('PUT /api/forms/:code/entry');
    expect(routes).toContain('DELETE /api/users/:username/grants/:id');
    expect(routes.length).toBeGreaterThan(60);
    const uncovered = routes.filter(
      (r) =>
        !EXCLUDED.some((e) => e.route.test(r)) &&
        !CASES.some((c) => hitUrls.some((h) => h.method === c.method && matchesRoute(r, h.method, h.url))),
    );
    expect(uncovered).toEqual([]);
    // and every exclusion still names a route (no stale entries)
    for (const e of EXCLUDED)
      expect(
        routes.some((r) => e.route.test(r)),
        String(e.route),
      ).toBe(true);
  });
});
