/** The CLI reads token expiry dates as strictly as the API: real dates, not in the past. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { bootstrap } from '../services/bootstrap.js';
import { ADMIN_PASSWORD, openTestDatabase, type TestDb } from '../test/harness.js';
import { run } from './index.js';

let db: TestDb;
let dir: string;

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

async function chiso(argv: string[]) {
  const out = sink();
  const err = sink();
  const code = await run(argv, { database: db.database, stdout: out.stream, stderr: err.stream, cwd: dir });
  return { code, out: out.text(), err: err.text() };
}

beforeAll(async () => {
  db = await openTestDatabase();
  const config = { ...loadConfig({}), demo: false, adminPassword: ADMIN_PASSWORD, logLevel: 'silent' };
  await bootstrap(db.database, config, () => {});
  dir = mkdtempSync(join(tmpdir(), 'chiso-cli-hard-'));
});

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('chiso token create --expires', () => {
  it.each(['2024-02-30', '2099-02-29', '2026-12-01garbage', '2020-01-01'])(
    'refuses %s with a message, not a crash',
    async (expires) => {
      const r = await chiso(['token', 'create', '--user', 'admin', '--expires', expires]);
      expect(r.code).not.toBe(0);
      expect(r.err).toContain(expires);
      expect(r.err).not.toMatch(/out of range|internal|stack/i);
    },
  );
  it('accepts a real future date', async () => {
    const r = await chiso(['token', 'create', '--user', 'admin', '--expires', '2099-12-31']);
    expect(r.code, r.err).toBe(0);
  });
});

describe('chiso digest --date', () => {
  it('refuses an impossible date before anything else', async () => {
    const r = await chiso(['digest', '--date', '2024-02-30']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('2024-02-30');
  });
});
