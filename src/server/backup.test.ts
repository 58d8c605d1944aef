/** Backup and restore round trip on the configured database: nothing lost, nothing half-restored. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksums } from '../repositories/backup.js';
import { backup, restore } from '../services/backup.js';
import { type Fixture, startFixture } from '../test/fixture.js';
import { openTestDatabase, type TestDb } from '../test/harness.js';

let f: Fixture;
let other: TestDb;
const dir = mkdtempSync(join(tmpdir(), 'chiso-backup-'));
const json = (res: { body: string }) => JSON.parse(res.body);

beforeAll(async () => {
  f = await startFixture();
  // history, comments with quotes/newlines/empty strings, ratio parts, a token, a disabled user
  const h = f.admin;
  await f.t.request({
    method: 'POST',
    url: '/api/data-values',
    headers: h,
    payload: {
      values: [
        {
          indicator: 'APPS',
          orgUnit: '25978',
          period: '2024M01',
          value: 999,
          comment: 'đã sửa "lại"\ndòng 2, có dấu phẩy',
        },
        {
          indicator: 'ONLINE_FILES',
          orgUnit: '25987',
          period: '2024M01',
          numerator: 1,
          denominator: 3,
          comment: '',
        },
      ],
    },
  });
  await f.t.request({
    method: 'POST',
    url: '/api/tokens',
    headers: h,
    payload: { name: 'portal', scope: 'read' },
  });
  await f.t.request({
    method: 'PUT',
    url: '/api/users/xem',
    headers: h,
    payload: { disabled: true, email: null },
  });
  other = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await f?.t.close();
  await other?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips every table: row counts and checksums equal, into the same and into another database', async () => {
    const original = await checksums(f.t.database);
    expect(original.data_value.rows).toBeGreaterThan(10);
    expect(original.data_value_history.rows).toBeGreaterThan(0);
    expect(original.audit_log.rows).toBeGreaterThan(5);
    const file = join(dir, 'one.chiso.gz');
    const b = await backup(f.t.database, file);
    expect(b.rows.data_value).toBe(original.data_value.rows);

    // change things, then restore: everything is as it was
    await f.t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: f.admin,
      payload: {
        values: [
          { indicator: 'APPS', orgUnit: '25978', period: '2020M01', value: 1 },
          { indicator: 'APPS', orgUnit: '25978', period: '2024M01', value: 5 },
        ],
      },
    });
    await f.t.request({
      method: 'POST',
      url: '/api/users',
      headers: f.admin,
      payload: { username: 'after', password: 'Pass-for-a-123' },
    });
    expect(await checksums(f.t.database)).not.toEqual(original);
    await restore(f.t.database, file);
    expect(await checksums(f.t.database)).toEqual(original);

    // into another (empty, migrated) database of the same version
    // (schema_migration is the target's own: same names, its own applied_at)
    await restore(other.database, file);
    const { schema_migration: _m, ...rest } = original;
    const { schema_migration: m2, ...otherRest } = await checksums(other.database);
    expect(otherRest).toEqual(rest);
    expect(m2.rows).toBe(_m.rows);

    // sequences continue after the restored ids: new rows can be added
    const u = await f.t.request({
      method: 'POST',
      url: '/api/users',
      headers: f.admin,
      payload: { username: 'after2', password: 'Pass-for-a-123' },
    });
    expect(u.statusCode, u.body).toBe(201);
    const v = await f.t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: f.admin,
      payload: { values: [{ indicator: 'APPS', orgUnit: '25978', period: '2024M01', value: 6 }] },
    });
    expect(json(v).updated).toBe(1);
  });

  it('refuses a cut-off or foreign file and leaves the database as it was', async () => {
    const file = join(dir, 'two.chiso.gz');
    await backup(f.t.database, file);
    const before = await checksums(f.t.database);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const cut = join(dir, 'cut.chiso.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    await expect(restore(f.t.database, cut)).rejects.toThrow(/incomplete/);
    const foreign = join(dir, 'foreign.gz');
    writeFileSync(foreign, gzipSync('{"hello":"world"}\n'));
    await expect(restore(f.t.database, foreign)).rejects.toThrow(/not a chiso backup/);
    // a row that does not fit (count mismatch) rolls the whole restore back
    const wrong = join(dir, 'wrong.chiso.gz');
    const end = JSON.parse(lines[lines.length - 1]);
    end.rows.data_value += 1;
    writeFileSync(wrong, gzipSync([...lines.slice(0, -1), JSON.stringify(end)].join('\n')));
    await expect(restore(f.t.database, wrong)).rejects.toThrow(/data_value/);
    expect(await checksums(f.t.database)).toEqual(before);
  });
});
