/**
 * Every registered route, walked over real HTTP without credentials in every spelling a client can
 * send: percent-encoded, double-encoded, case-changed, dot segments, duplicate slashes, `;` suffixes,
 * encoded slashes. A protected route answers 401 in every spelling (the auth hook decides from the
 * route Fastify matched, not from the raw URL); the public ones stay open.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.js';
import { looksLikeApi } from './plugins/auth.js';
import { statusCode } from './plugins/errors.js';

let t: TestApp;
let port = 0;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
}, 120_000);
afterAll(async () => t?.close());

/** A raw HTTP request: the path goes on the wire exactly as written. */
function raw(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const body = ['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : undefined;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
          ...headers,
        },
      },
      (res) => {
        let data = '';
        res.on('data', (c) => {
          data += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      },
    );
    req.on('error', (e) =>
      String(e).includes('hang up') ? resolve({ status: -1, body: String(e) }) : reject(e),
    );
    if (body) req.write(body);
    req.end();
  });
}

/** A concrete path for a route pattern: parameters get plausible values. */
function concrete(pattern: string): string {
  return pattern
    .replace(/:(id|submissionId|taskId|targetId|grantId|tokenId)\b/g, '1')
    .replace(/:[A-Za-z_]+/g, 'X1')
    .replace(/\*$/, 'x');
}

const enc = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Spellings of one path that route (or not) to the same handler. */
function spellings(path: string): string[] {
  const rest = path.slice('/api'.length); // starts with '/'
  const second = rest.split('/')[1] ?? '';
  const out = [
    path,
    `/%61pi${rest}`, // encoded 'a'
    `/${enc('a')}${enc('p')}${enc('i')}${rest}`, // every letter encoded
    `/%2561pi${rest}`, // double-encoded
    `/API${rest}`,
    `/Api${rest}`,
    `/api/.${rest}`,
    `/x/..${path}`,
    `//api${rest}`,
    `/api/${rest}`,
    `/api;x=1${rest}`,
    `${path};jsessionid=1`,
    `/api%2F${rest.slice(1)}`,
    `/api%2f${rest.slice(1)}`,
    `${path}/`,
    `${path}?x=1`,
  ];
  if (second) out.push(`/api/${enc(second[0] as string)}${rest.slice(2)}`); // encoded first letter of the resource
  return [...new Set(out)];
}

describe('the route walk', () => {
  it('finds the routes the app serves', () => {
    const api = t.app.routeTable.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(60);
    // the contract's public routes, and only those, are open
    const open = api.filter((r) => r.public).map((r) => r.url);
    for (const u of open) expect(u).toMatch(/^\/api\/(health|auth\/login|openapi\.json|docs|open\/)/);
    expect(open).toContain('/api/health');
    expect(open).toContain('/api/auth/login');
  });

  it('answers 401 for every protected route in every spelling, without credentials or with a bad token', async () => {
    const protectedRoutes = t.app.routeTable.filter(
      (r) => !r.public && r.url.startsWith('/api/') && r.method !== 'HEAD' && r.method !== 'OPTIONS',
    );
    const failures: string[] = [];
    let count = 0;
    for (const r of protectedRoutes) {
      for (const path of spellings(concrete(r.url))) {
        for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
          count++;
          // each from its own address: wrong tokens from one address are throttled (429) after 20,
          // which api.test.ts checks; here every route must answer the bad token itself
          const from = `10.${(count >> 16) & 255}.${(count >> 8) & 255}.${count & 255}`;
          const res = await raw(r.method, path, { ...headers, 'x-forwarded-for': from });
          if (res.status !== 401)
            failures.push(`${r.method} ${path} → ${res.status} ${res.body.slice(0, 80)}`);
        }
      }
    }
    console.log(`route walk: ${protectedRoutes.length} protected routes, ${count} requests`);
    expect(failures).toEqual([]);
  }, 300_000);

  it('keeps the public routes open, whatever the spelling that reaches them', async () => {
    expect((await raw('GET', '/api/health')).status).toBe(200);
    expect((await raw('GET', '/%61pi/health')).status).toBe(200);
    expect((await raw('GET', '/api/openapi.json')).status).toBe(200);
    expect((await raw('GET', '/api/open/indicators')).status).toBe(200);
    // the web app's deep links are not API paths
    expect([200, 404]).toContain((await raw('GET', '/plans/1')).status);
  });
});

describe("static files: a refused path is answered in chiso's shape, never the framework's code", () => {
  it.each([
    '/api/docs/static/a/../index.html',
    '/api/docs/static//index.html',
    '/api/docs/static/./index.html',
    '/api/docs/static/a%5Cb',
    '/api/docs/static/%2e%2e/x',
    '/api/docs/static/nothing.js',
  ])('%s → 404 not_found', async (path) => {
    const res = await raw('GET', path);
    expect(res.status, res.body).toBe(404);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'not_found', details: [] });
    expect(res.body).not.toMatch(/fst_|fastify/i);
    const en = await raw('GET', `${path}?lang=en`);
    expect(JSON.parse(en.body).error.message).toMatch(/^No route GET /);
    const vi = await raw('GET', path, { 'accept-language': 'en' });
    expect(JSON.parse(vi.body).error.message).toMatch(/^No route GET /);
    expect(
      JSON.parse((await raw('GET', `${path}?lang=vi`, { 'accept-language': 'en' })).body).error.message,
    ).toMatch(/^Không có địa chỉ GET /);
  });

  it('other framework refusals get a code from the HTTP status', () => {
    expect(statusCode(405)).toBe('method_not_allowed');
    expect(statusCode(416)).toBe('range_not_satisfiable');
    expect(statusCode(499)).toBe('bad_request');
  });

  it("the swagger UI's own files are still served", async () => {
    expect([200, 302]).toContain((await raw('GET', '/api/docs/static/index.html')).status);
  });
});

describe('looksLikeApi (requests that match no route)', () => {
  it.each([
    ['/api/nothing', true],
    ['/%61pi/x', true],
    ['/%2561pi/x', true],
    ['/API/x', true],
    ['//api//x', true],
    ['/x/../api/y', true],
    ['/api;a=b/x', true],
    ['/%E0%A4%A', true],
    ['/\\api/x', true],
    ['/plans/5', false],
    ['/assets/app.js', false],
    ['/apiary', false],
    ['/', false],
  ])('%s → %s', (url, expected) => {
    expect(looksLikeApi(url)).toBe(expected);
  });
});
