import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { buildApp } from '../server/app.js';
import { openCliDatabase, runCli } from '../test/cli.js';
import type { TestDb } from '../test/harness.js';
import { lockDataDir } from './context.js';

let db: TestDb;
let dir: string;

const chiso = (argv: string[]) => runCli(db.database, dir, argv);

const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};

async function count(table: 'data_value' | 'indicator' | 'org_unit') {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
    db.database.db,
  );
  return r.rows[0].n;
}

beforeAll(async () => {
  ({ db, dir } = await openCliDatabase('chiso-cli-'));
});

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('chiso CLI', () => {
  it('imports org units from CSV', async () => {
    const f = file(
      'units.csv',
      'code,name,type,level,parent_code\n74,Bình Dương,Tỉnh,1,\n718,Thủ Dầu Một,Thành phố,2,74\n25747,Phú Cường,Phường,3,718\n25750,Hiệp Thành,Phường,3,718\n',
    );
    const r = await chiso(['import', 'units', f]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('thêm mới 4');
    // the four, under the national root VN (migration 012) that every province hangs from
    expect(await count('org_unit')).toBe(5);
  });

  it('refuses a bad unit file with row, column and a Vietnamese message', async () => {
    const f = file('units-bad.csv', 'code,name,type,level,parent_code\n99,Xã lạ,Xã,3,NOPE\n');
    const r = await chiso(['import', 'units', f]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/dòng 2, cột parent_code: không có đơn vị cha mã "NOPE"/);
  });

  it('imports indicators all or nothing', async () => {
    const header =
      'code,name,name_en,unit,value_type,aggregation,time_aggregation,pillar,field,frequency,polarity,owner,source,reporting_kinds\n';
    const bad = file(
      'ind-bad.csv',
      `${header}HS,Số hồ sơ trực tuyến,Online applications,hồ sơ,count,sum,sum,government,,month,higher,,,commune;district\nTL,Tỷ lệ,Share,%,percent,ratio,last,government,,month,higher,,,\n`,
    );
    const r1 = await chiso(['--lang', 'en', 'import', 'indicators', bad]);
    expect(r1.code).not.toBe(0);
    expect(r1.err).toMatch(/row 3, column value_type: must be one of/);
    expect(await count('indicator')).toBe(0);
    const good = file(
      'ind.csv',
      `${header}HS,Số hồ sơ trực tuyến,Online applications,hồ sơ,count,sum,sum,government,,month,higher,,,commune;district\nTL,Tỷ lệ văn bản điện tử,Share of e-documents,%,ratio,ratio,last,government,,month,higher,,,commune\n`,
    );
    const r2 = await chiso(['import', 'indicators', good]);
    expect(r2.err).toBe('');
    expect(r2.code).toBe(0);
    expect(await count('indicator')).toBe(2);
  });

  it('imports values atomically: one bad row and nothing is written', async () => {
    const f = file(
      'values-bad.csv',
      'indicator,org_unit,period,value,numerator,denominator\nHS,25747,2024M01,5,,\nHS,25750,2024M01,abc,,\nTL,25747,2024M01,,3,4\n',
    );
    const r = await chiso(['import', 'values', f, '--chunk', '1']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/dòng 3, cột value: phải là một số/);
    expect(await count('data_value')).toBe(0);
  });

  it('imports values partially: the good rows are written', async () => {
    const r = await chiso(['import', 'values', 'values-bad.csv', '--partial', '--chunk', '2']);
    expect(r.out).toContain('thêm mới 2');
    expect(r.code).toBe(3); // some rows were rejected
    expect(await count('data_value')).toBe(2);
  });

  it('finds duplicates across chunks and writes a clean file in one go', async () => {
    const dup = file(
      'values-dup.csv',
      'indicator,org_unit,period,value\nHS,25747,2024M02,1\nHS,25750,2024M02,2\nHS,25747,2024M02,3\n',
    );
    const r1 = await chiso(['import', 'values', dup, '--chunk', '1']);
    expect(r1.code).not.toBe(0);
    expect(r1.err).toMatch(/dòng 4, cột period: trùng với dòng 2/);
    const rows = ['indicator,org_unit,period,value'];
    for (let m = 1; m <= 12; m++)
      for (const u of ['25747', '25750', '718']) rows.push(`HS,${u},2023M${String(m).padStart(2, '0')},${m}`);
    const ok = file('values-ok.csv', `${rows.join('\n')}\n`);
    const r2 = await chiso(['import', 'values', ok, '--chunk', '7']);
    expect(r2.code).toBe(0);
    expect(await count('data_value')).toBe(2 + 36);
  });

  it('exports values and the file imports back unchanged', async () => {
    const r = await chiso(['export', 'values', '--indicator', 'HS,TL', '-o', 'out.csv']);
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'out.csv'), 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(1 + 38);
    expect(text).toContain('TL,25747,2024M01,,75,3,4,');
    const back = await chiso(['import', 'values', 'out.csv']);
    expect(back.code).toBe(0);
    expect(back.out).toContain('không đổi 38');
    const xlsx = await chiso([
      'export',
      'values',
      '--period',
      '2024M01',
      '--format',
      'xlsx',
      '-o',
      'out.xlsx',
    ]);
    expect(xlsx.code).toBe(0);
    expect(readFileSync(join(dir, 'out.xlsx')).subarray(0, 2).toString()).toBe('PK');
    // .xlsx, and the extra columns of --with-status, import back unchanged too
    const all = await chiso(['export', 'values', '--indicator', 'HS,TL', '--with-status', '-o', 'all.xlsx']);
    expect(all.code).toBe(0);
    const xback = await chiso(['import', 'values', 'all.xlsx']);
    expect(xback.code, xback.err).toBe(0);
    expect(xback.out).toContain('không đổi 38');
    const withStatus = await chiso([
      'export',
      'values',
      '--indicator',
      'HS,TL',
      '--with-status',
      '-o',
      's.csv',
    ]);
    expect(withStatus.code).toBe(0);
    expect(readFileSync(join(dir, 's.csv'), 'utf8').split('\n')[0]).toBe(
      '\ufeffindicator,org_unit,period,category_option,value,numerator,denominator,comment,status,updated_at',
    );
    expect((await chiso(['import', 'values', 's.csv'])).out).toContain('không đổi 38');
  });

  it('creates a token that works against the API', async () => {
    const r = await chiso(['token', 'create', '--user', 'admin', '--name', 'test', '--scope', 'read']);
    expect(r.code).toBe(0);
    const token = r.out.trim();
    expect(token).toMatch(/^chiso_/);
    const app = await buildApp(db.database, { ...loadConfig({}), webDir: '/nonexistent' }, { logger: false });
    try {
      const ok = await app.inject({
        url: '/api/data-values?indicator=HS&period=2024M01',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().total).toBe(1);
      const write = await app.inject({
        method: 'POST',
        url: '/api/data-values',
        headers: { authorization: `Bearer ${token}` },
        payload: { values: [{ indicator: 'HS', orgUnit: '25747', period: '2024M05', value: 1 }] },
      });
      expect(write.statusCode).toBe(403); // a read token
    } finally {
      await app.close();
    }
    const bad = await chiso(['token', 'create', '--user', 'admin', '--expires', '2025-13-40']);
    expect(bad.code).not.toBe(0);
    const nobody = await chiso(['token', 'create', '--user', 'nobody']);
    expect(nobody.code).not.toBe(0);
    expect(nobody.err).toContain('nobody');
  });

  it('creates users and sets passwords', async () => {
    const r = await chiso(['user', 'create', 'cantho', '--role', 'reporter', '--org-unit', '718']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Mật khẩu/);
    const weak = await chiso(['user', 'password', 'cantho', '--password', 'short']);
    expect(weak.code).not.toBe(0);
    const ok = await chiso(['user', 'password', 'cantho', '--password', 'a-much-better-Pass1']);
    expect(ok.code).toBe(0);
    // a reporter of 718 may not write outside it
    const f = file('values-scope.csv', 'indicator,org_unit,period,value\nHS,25747,2024M06,1\n');
    const inScope = await chiso(['import', 'values', f, '--user', 'cantho']);
    expect(inScope.code).toBe(0);
  });

  it('reports a missing file and unknown commands without a stack trace', async () => {
    const r = await chiso(['import', 'values', 'nope.csv']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('nope.csv');
    const u = await chiso(['frobnicate']);
    expect(u.code).not.toBe(0);
  });

  it('refuses a PGlite data folder another live process holds', () => {
    const d = mkdtempSync(join(tmpdir(), 'chiso-lock-'));
    writeFileSync(join(d, '.chiso-cli.lock'), '1'); // pid 1 is always alive
    expect(() => lockDataDir(d, 'vi')).toThrow(/PGlite chỉ cho phép MỘT tiến trình/);
    writeFileSync(join(d, '.chiso-cli.lock'), '999999'); // a dead process: stale lock
    const release = lockDataDir(d, 'en');
    release();
    rmSync(d, { recursive: true, force: true });
  });
});
