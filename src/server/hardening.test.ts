/**
 * Hardening against an outside probe (issue #10, low-severity findings): no 5xx on bad input
 * (lone surrogates, impossible dates, ids out of the int4 range or in hex), tokens that die with a
 * password reset or a disabled account, a read-only token that cannot log out sessions, tokens
 * that are already expired, and plan links that are not http(s).
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, startFixture } from '../test/fixture.js';
import { DEMO_PASSWORD } from '../test/harness.js';

const json = (res: { body: string }) => JSON.parse(res.body);
let f: Fixture;
let planCode: string;
let targetId: number;
let taskId: number;
let ipSeq = 0;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const req = (method: Method, url: string, headers: Record<string, string>, payload?: unknown) =>
  f.t.request({
    method,
    url,
    headers: typeof payload === 'string' ? { ...headers, 'content-type': 'application/json' } : headers,
    payload: payload as string,
  });

async function loginAs(username: string, password: string): Promise<Record<string, string>> {
  const res = await f.t.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-forwarded-for': `10.201.${ipSeq++ % 250}.1` },
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return { cookie: `chiso_session=${res.cookies.find((c) => c.name === 'chiso_session')?.value}` };
}

async function tokenOf(headers: Record<string, string>, scope: 'read' | 'write' = 'write') {
  const r = await req('POST', '/api/tokens', headers, { name: `t-${scope}`, scope });
  expect(r.statusCode, r.body).toBe(201);
  return { authorization: `Bearer ${json(r).token}` };
}

/** A 4xx with the usual error shape. */
function expect4xx(r: LightMyRequestResponse, status = 400) {
  expect(r.statusCode, r.body).toBe(status);
  const e = json(r).error;
  expect(typeof e.code).toBe('string');
  expect(typeof e.message).toBe('string');
}

beforeAll(async () => {
  f = await startFixture();
  planCode = 'KH-HARD';
  const p = await req('POST', '/api/plans', f.admin, {
    code: planCode,
    name: 'Kế hoạch thử',
    periodFrom: '2024',
    periodTo: '2025',
    scopeUnit: '74',
    links: [{ url: 'https://example.org/kh.pdf', note: 'Văn bản' }],
  });
  expect(p.statusCode, p.body).toBe(201);
  const tg = await req('POST', '/api/targets', f.admin, {
    plan: planCode,
    indicator: 'APPS',
    orgUnit: '74',
    target: { value: 100, period: '2024' },
  });
  expect(tg.statusCode, tg.body).toBe(201);
  targetId = json(tg).id;
  const tk = await req('POST', '/api/tasks', f.admin, {
    plan: planCode,
    title: 'Nhiệm vụ thử',
    leadUnit: '725',
    dueDate: '2024-07-18',
  });
  expect(tk.statusCode, tk.body).toBe(201);
  taskId = json(tk).id;
}, 120_000);
afterAll(async () => f?.t.close());

describe('lone surrogates and other text PostgreSQL cannot store → 400', () => {
  // raw JSON with the escape, as a probe would send it
  const LONE = '"x\\ud800y"';
  const LOW = '"x\\udc00y"';
  it.each([
    ['holiday name', 'PUT', '/api/reporting/holidays', `{"holidays":[{"date":"2024-09-02","name":${LONE}}]}`],
    [
      'link note',
      'POST',
      '/api/plans',
      `{"code":"KH-S1","name":"x","periodFrom":"2024","periodTo":"2024","scopeUnit":"74","links":[{"url":"https://a.vn","note":${LONE}}]}`,
    ],
    [
      'target notes',
      'POST',
      '/api/targets',
      `{"plan":"KH-HARD","indicator":"APPS","orgUnit":"74","target":{"value":1,"period":"2024"},"notes":${LONE}}`,
    ],
    ['token name', 'POST', '/api/tokens', `{"name":${LONE},"scope":"read"}`],
    ['token name (low half)', 'POST', '/api/tokens', `{"name":${LOW},"scope":"read"}`],
    ['key with a surrogate', 'POST', '/api/tokens', `{"name":"ok","scope":"read",${LONE}:1}`],
  ] as const)('%s', async (_name, method, url, body) => {
    const r = await req(method, url, f.admin, body);
    expect4xx(r);
    expect(json(r).error.code).toBe('invalid_text');
  });
  it('task comment and target notes on PUT', async () => {
    expect4xx(await req('POST', `/api/tasks/${taskId}/comments`, f.admin, `{"body":${LONE}}`));
    expect4xx(await req('PUT', `/api/targets/${targetId}`, f.admin, `{"notes":${LONE}}`));
  });
  it('in a query string', async () => {
    for (const q of ['%ED%A0%80', '%ud800', '\\ud800']) {
      const r = await req('GET', `/api/org-units?q=${q}`, f.admin);
      expect(r.statusCode, `${q}: ${r.body}`).toBeLessThan(500);
    }
  });
  it('a well-formed pair (an emoji) is still fine', async () => {
    const r = await req('POST', '/api/tokens', f.admin, '{"name":"t \\ud83d\\ude00","scope":"read"}');
    expect(r.statusCode, r.body).toBe(201);
  });
});

describe('token expiresAt: real dates, not in the past', () => {
  it.each([
    '2024-02-30',
    '2026-13-45',
    '2026-12-01garbage',
    '2099-02-29',
    '2099-00-10',
    '2099-01-01T25:00:00Z',
    '2099-01-01T00:00:00',
    '2020-01-01',
    '2020-01-01T00:00:00Z',
    '',
  ])('%s → 400', async (expiresAt) => {
    expect4xx(await req('POST', '/api/tokens', f.admin, { name: 'x', scope: 'read', expiresAt }));
  });
  it.each([
    '2099-12-31',
    '2096-02-29',
    '2099-01-01T00:00:00Z',
    '2099-01-01T07:00:00+07:00',
    '2099-01-01T00:00:00.123Z',
  ])('%s → 201', async (expiresAt) => {
    const r = await req('POST', '/api/tokens', f.admin, { name: 'x', scope: 'read', expiresAt });
    expect(r.statusCode, r.body).toBe(201);
  });
});

describe('other dates are real calendar dates', () => {
  it.each([
    ['GET', '/api/targets?asOf=2024-02-30'],
    ['GET', '/api/warnings?asOf=2026-13-45'],
    ['GET', '/api/audit?from=2026-12-01garbage'],
    ['GET', '/api/audit?to=2024-02-30'],
  ] as const)('%s %s', async (method, url) => {
    const r = await req(method, url, f.admin);
    expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
    expect(r.statusCode, r.body).toBeLessThan(500);
  });
  it('task and plan dates', async () => {
    expect4xx(
      await req('POST', '/api/tasks', f.admin, {
        plan: planCode,
        title: 'x',
        leadUnit: '725',
        dueDate: '2024-02-30',
      }),
    );
    expect4xx(
      await req('POST', '/api/tasks', f.admin, {
        plan: planCode,
        title: 'x',
        leadUnit: '725',
        dueDate: '2024-03-01',
        startDate: '2023-13-01',
      }),
    );
    expect4xx(await req('PUT', `/api/plans/${planCode}`, f.admin, { documentDate: '2024-02-30' }));
    expect4xx(
      await req('PUT', '/api/reporting/holidays', f.admin, { holidays: [{ date: '2024-02-30', name: 'x' }] }),
    );
  });
});

describe('id parameters are decimal integers in 1..2147483647', () => {
  const BAD = ['2147483648', '99999999999999999999', '0x10', '1e3', '-1', '0', '1.5', '%201', 'abc'];
  it.each(BAD)('%s → 400 on targets, tasks, tokens, reviews, grants', async (id) => {
    for (const [method, url] of [
      ['GET', `/api/targets/${id}`],
      ['PUT', `/api/targets/${id}`],
      ['DELETE', `/api/targets/${id}`],
      ['GET', `/api/tasks/${id}`],
      ['PUT', `/api/tasks/${id}`],
      ['DELETE', `/api/tasks/${id}`],
      ['POST', `/api/tasks/${id}/comments`],
      ['DELETE', `/api/tokens/${id}`],
      ['GET', `/api/reviews/${id}`],
      ['DELETE', `/api/users/xem/grants/${id}`],
    ] as const) {
      const body = method === 'PUT' ? { notes: 'x' } : method === 'POST' ? { body: 'x' } : undefined;
      const r = await req(method, url, f.admin, body);
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(400);
    }
  });
  it('ids in bodies out of range → 400', async () => {
    expect4xx(
      await req('POST', '/api/tasks', f.admin, {
        plan: planCode,
        title: 'x',
        leadUnit: '725',
        dueDate: '2024-03-01',
        targets: [2147483648],
      }),
    );
    const r = await req('GET', '/api/reviews/compare?a=2147483648&b=1', f.admin);
    expect(r.statusCode, r.body).toBeLessThan(500);
  });
  it('a valid id that does not exist is still 404', async () => {
    expect((await req('GET', '/api/targets/2147483647', f.admin)).statusCode).toBe(404);
    expect((await req('DELETE', '/api/tokens/2147483647', f.admin)).statusCode).toBe(404);
  });
});

describe('tokens die with the password or the account', () => {
  let n = 0;
  async function freshUser() {
    const username = `tok${n++}`;
    const r = await req('POST', '/api/users', f.admin, {
      username,
      displayName: username,
      password: DEMO_PASSWORD,
      homeUnit: '725',
      grants: [{ role: 'reporter', orgUnit: '725' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const session = await loginAs(username, DEMO_PASSWORD);
    const token = await tokenOf(session);
    expect((await req('GET', '/api/me', token)).statusCode).toBe(200);
    return { username, session, token };
  }

  it('an admin password reset revokes the tokens', async () => {
    const u = await freshUser();
    const r = await req('POST', `/api/users/${u.username}/password`, f.admin, {
      password: 'Another-Pass-42',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await req('GET', '/api/me', u.token)).statusCode).toBe(401);
  });

  it("changing one's own password revokes the tokens", async () => {
    const u = await freshUser();
    const r = await req('POST', '/api/me/password', u.session, {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Another-Pass-42',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await req('GET', '/api/me', u.token)).statusCode).toBe(401);
    // the session that changed it goes on, and may create a new token
    const again = await tokenOf(u.session);
    expect((await req('GET', '/api/me', again)).statusCode).toBe(200);
  });

  it('disabling revokes the tokens; re-enabling does not revive them', async () => {
    const u = await freshUser();
    const off = await req('PUT', `/api/users/${u.username}`, f.admin, { disabled: true });
    expect(off.statusCode, off.body).toBe(200);
    expect((await req('GET', '/api/me', u.token)).statusCode).toBe(401);
    const on = await req('PUT', `/api/users/${u.username}`, f.admin, { disabled: false });
    expect(on.statusCode, on.body).toBe(200);
    expect((await req('GET', '/api/me', u.token)).statusCode).toBe(401);
    const list = json(await req('GET', '/api/tokens', await loginAs(u.username, DEMO_PASSWORD)));
    expect(list.items.every((t: { revokedAt: unknown }) => t.revokedAt)).toBe(true);
  });
});

describe('logging out everywhere needs a session or a write token', () => {
  it('a read-only token is refused (403) and the sessions live on', async () => {
    const session = await loginAs('xem', DEMO_PASSWORD);
    const read = await tokenOf(session, 'read');
    const r = await req('POST', '/api/auth/logout?everywhere=true', read);
    expect4xx(r, 403);
    expect((await req('GET', '/api/me', session)).statusCode).toBe(200);
  });
  it('a plain logout with a read-only token writes nothing, not even an audit entry', async () => {
    const session = await loginAs('xem', DEMO_PASSWORD);
    const read = await tokenOf(session, 'read');
    const count = async () =>
      json(await req('GET', '/api/audit?entity=session&limit=1', f.admin)).total as number;
    const before = await count();
    expect((await req('POST', '/api/auth/logout', read)).statusCode).toBe(200);
    expect(await count()).toBe(before);
    expect((await req('GET', '/api/me', read)).statusCode).toBe(200);
  });
  it('?everywhere=false ends only this session', async () => {
    const a = await loginAs('thuanan', DEMO_PASSWORD);
    const b = await loginAs('thuanan', DEMO_PASSWORD);
    expect((await req('POST', '/api/auth/logout?everywhere=false', a)).statusCode).toBe(200);
    expect((await req('GET', '/api/me', a)).statusCode).toBe(401);
    expect((await req('GET', '/api/me', b)).statusCode).toBe(200);
    expect4xx(await req('POST', '/api/auth/logout?everywhere=maybe', b));
  });
  it('a write token may', async () => {
    const session = await loginAs('dian', DEMO_PASSWORD);
    const write = await tokenOf(session, 'write');
    const r = await req('POST', '/api/auth/logout?everywhere=true', write);
    expect(r.statusCode, r.body).toBe(200);
    expect((await req('GET', '/api/me', session)).statusCode).toBe(401);
  });
});

describe('plan links are http(s) only', () => {
  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    '//evil.example',
    'ftp://x.vn/a',
  ])('%s → 400', async (url) => {
    const r = await req('PUT', `/api/plans/${planCode}`, f.admin, { links: [{ url, note: 'x' }] });
    expect4xx(r);
    expect(JSON.stringify(json(r).error.details)).toContain('links');
  });
  it('http, https and an empty url (a note only) are fine', async () => {
    const r = await req('PUT', `/api/plans/${planCode}`, f.admin, {
      links: [
        { url: 'http://a.vn/x', note: 'a' },
        { url: 'HTTPS://b.vn/y?z=1', note: null },
        { url: null, note: 'chỉ ghi chú' },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
  });
});
