/** The CLI reads token expiry dates as strictly as the API: real dates, not in the past. */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliDatabase, runCli } from '../test/cli.js';
import type { TestDb } from '../test/harness.js';

let db: TestDb;
let dir: string;

const chiso = (argv: string[]) => runCli(db.database, dir, argv);

beforeAll(async () => {
  ({ db, dir } = await openCliDatabase('chiso-cli-hard-'));
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
