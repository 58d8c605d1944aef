/**
 * Behind one reverse proxy (CHISO_TRUST_PROXY=1) a client cannot forge its address with its own
 * X-Forwarded-For entries, and a browser that logged in before is not held back by the per-address
 * login limit that others' failures from the same address (an office NAT) have used up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { trustProxy: loadConfig({ CHISO_TRUST_PROXY: '1' }).trustProxy } });
}, 120_000);
afterAll(async () => t?.close());

const login = (password: string, xff: string, cookie?: string) =>
  t.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-forwarded-for': xff, ...(cookie ? { cookie } : {}) },
    payload: { username: 'admin', password },
  });

describe('login behind one proxy', () => {
  it('reads CHISO_TRUST_PROXY as a number of proxies', () => {
    expect(loadConfig({ CHISO_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ CHISO_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ CHISO_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('believes only the entry our proxy added: forged left entries do not make new addresses', async () => {
    // the real admin logs in once from the office address and keeps its device cookie
    const first = await login(ADMIN_PASSWORD, '203.0.113.7');
    expect(first.statusCode).toBe(200);
    const device = first.cookies.find((c) => c.name === 'chiso_device')?.value;
    expect(device).toBeTruthy();
    // an attacker behind the same address forges a new "client" each time
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await login(`guess-${i}`, `198.51.100.${i + 1}, 203.0.113.7`)).statusCode);
    // all of it counts against the real address: after four free failures it must wait (with forged
    // addresses believed, every attempt would have been a first one, answered 401)
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    // a stranger from that address waits …
    expect((await login(ADMIN_PASSWORD, '203.0.113.7')).statusCode).toBe(429);
    // … the admin's own browser does not
    const own = await login(ADMIN_PASSWORD, '203.0.113.7', `chiso_device=${device}`);
    expect(own.statusCode, own.body).toBe(200);
    // a made-up device cookie is no pass
    expect((await login(ADMIN_PASSWORD, '203.0.113.7', 'chiso_device=made-up')).statusCode).toBe(429);
  });
});
