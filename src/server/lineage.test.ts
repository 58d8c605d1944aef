/**
 * Units over time through the API (issue #12, items 3 and 5), on the real national lists: the
 * 2025-03 units, the 2025-07 restructuring and the real lineage file; then bad lineage files (all
 * refused, nothing written), units and trees on a date, and a reader whose grant is on a closed
 * version. One lineage import per engine, shared by every test here (it is the slow part on PGlite).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countLineage } from '../repositories/orgUnitLineage.js';
import { putSetting } from '../repositories/settings.js';
import { runCli } from '../test/cli.js';
import { sharedPath, startTestApp, type TestApp } from '../test/harness.js';
import { addUser, type Headers } from '../test/setup.js';

const EFFECTIVE = '2025-07-01';
const HEADER = 'new_code,level,old_code,kind';
const json = (res: { body: string }) => JSON.parse(res.body);

function shared(rel: string): string {
  const p = sharedPath(`data/vn-admin/${rel}`);
  if (!p) throw new Error(`this test reads ../shared/data/vn-admin/${rel}, which is not there`);
  return p;
}

let t: TestApp;
let admin: Headers;
let imported: { statusCode: number; body: string };

const get = (url: string, headers: Headers = admin) => t.request({ method: 'GET', url, headers });
const postLineage = (csv: string | Buffer, effective = EFFECTIVE, headers: Headers = admin) =>
  t.request({
    method: 'POST',
    url: `/api/org-units/lineage${effective ? `?effective=${effective}` : ''}`,
    headers: { ...headers, 'content-type': 'text/csv', 'accept-language': 'en' },
    payload: csv,
  });

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  const importUnits = async (file: string, query = '') => {
    const r = await t.request({
      method: 'POST',
      url: `/api/org-units/import${query}`,
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: readFileSync(shared(file)),
    });
    expect(r.statusCode, r.body.slice(0, 2000)).toBe(200);
  };
  await importUnits('units-2025-03.csv');
  await importUnits('units-2025-07.csv', `?effective=${EFFECTIVE}`);
  imported = await postLineage(readFileSync(shared('lineage-2025-07.csv')));
}, 600_000); // the national lists: about a minute on PGlite, more on a busy machine
afterAll(async () => t?.close());

describe('the real lineage file (lineage-2025-07.csv)', () => {
  it('imports whole: 10,667 rows, 63 province rows, 1,012 partial commune rows', async () => {
    expect(imported.statusCode, imported.body.slice(0, 2000)).toBe(200);
    expect(json(imported)).toEqual({ created: 10667, errors: [] });
    expect(await countLineage(t.database)).toBe(10667);
    const byLevel = await sql<{ level: number; kind: string; n: number }>`
      SELECT n.level, l.kind, count(*)::int AS n FROM org_unit_lineage l JOIN org_unit n ON n.id = l.new_unit_id
      GROUP BY 1, 2 ORDER BY 1, 2`.execute(t.database.db);
    expect(byLevel.rows).toEqual([
      { level: 1, kind: 'full', n: 63 },
      { level: 2, kind: 'full', n: 9592 },
      { level: 2, kind: 'partial', n: 1012 },
    ]);
    // the 34 provinces that carry on link to themselves ("continues")
    const self = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM org_unit_lineage WHERE new_unit_id = old_unit_id`.execute(t.database.db);
    expect(self.rows[0]?.n).toBe(34);
  });

  it('splits each old unit divided among new ones equally; its shares sum to 1 and are marked assumed', async () => {
    const olds = await sql<{ parts: number; sum: number; methods: string[]; kinds: string[] }>`
      SELECT count(*)::int AS parts, sum(share) AS sum, array_agg(DISTINCT share_method) AS methods,
        array_agg(DISTINCT kind) AS kinds
      FROM org_unit_lineage GROUP BY old_unit_id`.execute(t.database.db);
    const partial = olds.rows.filter((o) => o.kinds.includes('partial'));
    expect(partial).toHaveLength(460);
    for (const o of partial) {
      expect(o.kinds).toEqual(['partial']);
      expect(o.methods).toEqual(['equal']);
      expect(Math.abs(o.sum - 1)).toBeLessThanOrEqual(1e-9);
    }
    const full = olds.rows.filter((o) => !o.kinds.includes('partial'));
    expect(full.every((o) => o.parts === 1 && o.sum === 1 && o.methods[0] === 'given')).toBe(true);
  });

  it('is audited', async () => {
    const audit = json(await get('/api/audit?entity=org_unit_lineage'));
    expect(audit.items[0]).toMatchObject({ action: 'import', entity: 'org_unit_lineage', key: EFFECTIVE });
    expect(audit.items[0].after).toMatchObject({
      rows: 10667,
      stored: 10667,
      assumed: 1012,
      method: 'equal',
    });
  });
});

describe('bad lineage files: 4xx naming row and column, nothing written', () => {
  const refused = async (csv: string, row: number, column: string, text: RegExp) => {
    const r = await postLineage(csv);
    expect(r.statusCode, r.body).toBe(422);
    const body = json(r);
    expect(body.created).toBe(0);
    const hit = body.errors.find(
      (e: { row: number; column: string }) => e.row === row && e.column === column,
    );
    expect(hit, r.body).toBeDefined();
    expect(hit.message).toMatch(text);
    expect(await countLineage(t.database)).toBe(10667);
    return body.errors as Array<{ row: number; column: string; message: string }>;
  };

  it('unknown codes, on either side', async () => {
    await refused(
      `${HEADER}\n79,1,74,full\n79,1,ZZ999,full\n`,
      3,
      'old_code',
      /no old unit with code "ZZ999"/,
    );
    await refused(`${HEADER}\nZZ998,1,74,full\n`, 2, 'new_code', /no new unit with code "ZZ998"/);
  });

  it('a code not valid on its side of the date, naming the unit and its dates', async () => {
    // 74 Bình Dương closed on 2025-06-30: it cannot be a new unit of 2025-07-01
    await refused(
      `${HEADER}\n74,1,74,full\n`,
      2,
      'new_code',
      /74 Bình Dương is valid from … to 2025-06-30, not on 2025-07-01/,
    );
    // 11948 Bạch Long Vĩ (special zone) exists only from 2025-07-01: it cannot be an old unit
    await refused(
      `${HEADER}\n79,1,11948,full\n`,
      2,
      'old_code',
      /11948 Bạch Long Vĩ is valid from 2025-07-01 to …, not on 2025-06-30/,
    );
  });

  it('a cycle', async () => {
    const errors = await refused(
      `${HEADER}\n79,1,01,full\n01,1,79,full\n`,
      3,
      'old_code',
      /cycle: unit 79 Hồ Chí Minh/,
    );
    expect(errors.some((e) => e.row === 2 && /cycle: unit 01 Hà Nội/.test(e.message))).toBe(true);
  });

  it('shares of one old unit summing to more than 1, and shares out of range', async () => {
    await refused(
      `${HEADER},share\n79,1,74,partial,0.7\n75,1,74,partial,0.5\n`,
      3,
      'share',
      /74 Bình Dương sum to 1.2/,
    );
    await refused(`${HEADER},share\n79,1,74,partial,1.5\n`, 2, 'share', /must be above 0 and at most 1/);
    await refused(`${HEADER},share\n79,1,74,partial,0\n`, 2, 'share', /must be above 0 and at most 1/);
    await refused(`${HEADER},share\n79,1,74,partial,abc\n`, 2, 'share', /number/);
    await refused(`${HEADER},share\n79,1,74,full,0.5\n`, 2, 'share', /full part is the whole unit/);
  });

  it('a bad kind, a level that is not the new unit’s, a repeated pair', async () => {
    await refused(`${HEADER}\n79,1,74,merged\n`, 2, 'kind', /full, partial/);
    await refused(
      `${HEADER}\n79,2,74,full\n`,
      2,
      'level',
      /level 2 does not match the level of the new unit 79 Hồ Chí Minh \(1\)/,
    );
    await refused(`${HEADER}\n79,1,74,full\n79,1,74,full\n`, 3, 'old_code', /same new and old unit as row 2/);
  });

  it('a wrong header or encoding: 400 naming row 1 / the line', async () => {
    const h = await postLineage('new,level,old,kind\n79,1,74,full\n');
    expect(h.statusCode).toBe(400);
    expect(json(h).error.code).toBe('bad_header');
    expect(json(h).error.details[0]).toMatchObject({ row: 1, field: 'header' });
    const latin1 = Buffer.from(
      `${HEADER}\n79,1,74,full\n86,1,83,full\n`.replace('full\n86', 'full\n8\xe9'),
      'latin1',
    );
    const e = await postLineage(latin1);
    expect(e.statusCode).toBe(400);
    expect(json(e).error.code).toBe('bad_encoding');
    expect(await countLineage(t.database)).toBe(10667);
  });

  it('needs ?effective= and an administrator', async () => {
    expect((await postLineage(`${HEADER}\n79,1,74,full\n`, '')).statusCode).toBe(400);
    expect((await postLineage(`${HEADER}\n79,1,74,full\n`, '2025-02-30')).statusCode).toBe(400);
    const viewer = await addUser(t, {
      username: 'xem79',
      role: 'viewer',
      unit: '79',
      password: 'xem79-Pass-12345',
    });
    expect((await postLineage(`${HEADER}\n79,1,74,full\n`, EFFECTIVE, viewer)).statusCode).toBe(403);
  });
});

describe('re-importing and the weighting setting', () => {
  // 00028 Kim Mã was divided among 00004 Ba Đình, 00008 Ngọc Hà and 00025 Giảng Võ
  const KIM_MA = ['00004', '00008', '00025'];
  const kimMa = async () =>
    json(await get('/api/org-units/00028?asOf=2025-06-30')).successors.map(
      (s: { code: string; share: number; shareMethod: string; estimated: boolean }) => [
        s.code,
        Math.round(s.share * 1e6) / 1e6,
        s.shareMethod,
        s.estimated,
      ],
    );

  it('replaces the rows it names (upsert): the same rows again change nothing', async () => {
    const again = await postLineage(`${HEADER}\n79,1,74,full\n79,1,77,full\n79,1,79,full\n`);
    expect(json(again)).toEqual({ created: 3, errors: [] });
    expect(await countLineage(t.database)).toBe(10667);
  });

  it('given shares replace assumed ones; leaving them out again splits equally', async () => {
    expect(await kimMa()).toEqual(KIM_MA.map((c) => [c, 0.333333, 'equal', true]));
    const given = await postLineage(
      `${HEADER},share\n${KIM_MA.map((c, i) => `${c},2,00028,partial,${[0.5, 0.3, 0.2][i]}`).join('\n')}\n`,
    );
    expect(json(given)).toEqual({ created: 3, errors: [] });
    expect(await kimMa()).toEqual([
      ['00004', 0.5, 'given', false],
      ['00008', 0.3, 'given', false],
      ['00025', 0.2, 'given', false],
    ]);
    // one part given, the other two split what is left
    const some = await postLineage(
      `${HEADER},share\n00004,2,00028,partial,0.4\n00008,2,00028,partial,\n00025,2,00028,partial,\n`,
    );
    expect(json(some)).toEqual({ created: 3, errors: [] });
    expect(await kimMa()).toEqual([
      ['00004', 0.4, 'given', false],
      ['00008', 0.3, 'equal', true],
      ['00025', 0.3, 'equal', true],
    ]);
    const none = await postLineage(`${HEADER}\n${KIM_MA.map((c) => `${c},2,00028,partial`).join('\n')}\n`);
    expect(json(none)).toEqual({ created: 3, errors: [] });
    expect(await kimMa()).toEqual(KIM_MA.map((c) => [c, 0.333333, 'equal', true]));
  });

  it('a part of an old unit whose other parts are stored gets what they leave', async () => {
    // the stored 00004 and 00008 parts hold 2/3 of Kim Mã: re-importing 00025 alone keeps its third
    expect(json(await postLineage(`${HEADER}\n00025,2,00028,partial\n`))).toEqual({ created: 1, errors: [] });
    expect(await kimMa()).toEqual(KIM_MA.map((c) => [c, 0.333333, 'equal', true]));
    const over = await postLineage(`${HEADER},share\n00025,2,00028,partial,0.5\n`);
    expect(over.statusCode).toBe(422);
    expect(json(over).errors[0]).toMatchObject({ row: 2, column: 'share' });
  });

  it('two imports at once are checked one after the other: their shares cannot together pass 1', async () => {
    const set = (rows: string) => postLineage(`${HEADER},share\n${rows}\n`);
    expect((await set(KIM_MA.map((c) => `${c},2,00028,partial,0.2`).join('\n'))).statusCode).toBe(200);
    // each alone brings Kim Mã to 0.9; both would make 1.2
    const [a, b] = await Promise.all([set('00004,2,00028,partial,0.5'), set('00008,2,00028,partial,0.5')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 422]);
    const sum = (await kimMa()).reduce((x: number, s: [string, number]) => x + s[1], 0);
    expect(sum).toBeCloseTo(0.9, 9);
    await postLineage(`${HEADER}\n${KIM_MA.map((c) => `${c},2,00028,partial`).join('\n')}\n`);
    expect(await kimMa()).toEqual(KIM_MA.map((c) => [c, 0.333333, 'equal', true]));
  });

  it('population or area weighting is refused until a weight source exists', async () => {
    await putSetting(t.database, 'lineage.weighting', 'population');
    try {
      const r = await postLineage(`${HEADER}\n${KIM_MA.map((c) => `${c},2,00028,partial`).join('\n')}\n`);
      expect(r.statusCode).toBe(400);
      expect(json(r).error.code).toBe('weighting_not_available');
      expect(json(r).error.message).toMatch(/"population".*not available yet/);
      // shares given: no weighting needed
      const given = await postLineage(`${HEADER},share\n00004,2,00028,partial,0.3333333333333333\n`);
      expect(given.statusCode, given.body).toBe(200);
    } finally {
      await putSetting(t.database, 'lineage.weighting', 'equal');
    }
  });
});

describe('units on a date', () => {
  const codes = (list: Array<{ code: string }>) => list.map((x) => x.code).sort();

  it('79 on 2025-07-01: formed from 74, 77 and itself, with its 168 wards', async () => {
    const r = await get('/api/org-units/79?asOf=2025-07-01');
    expect(r.statusCode, r.body).toBe(200);
    const u = json(r);
    expect(u).toMatchObject({ code: '79', level: 1, validFrom: null, validTo: null, parentCode: null });
    expect(codes(u.predecessors)).toEqual(['74', '77', '79']);
    expect(u.predecessors.find((p: { code: string }) => p.code === '74')).toEqual({
      code: '74',
      name: 'Bình Dương',
      kind: 'full',
      share: 1,
      shareMethod: 'given',
      estimated: false,
      effective: EFFECTIVE,
      validFrom: null,
      validTo: '2025-06-30',
    });
    expect(u.children).toHaveLength(168);
    expect(
      u.children.every(
        (c: { level: number; validFrom: string }) => c.level === 2 && c.validFrom === EFFECTIVE,
      ),
    ).toBe(true);
    // the day before, the same version has its 22 districts
    expect(json(await get('/api/org-units/79?asOf=2025-06-30')).children).toHaveLength(22);
  });

  it('74 on 2025-06-30: went into 79; asked without a date it is still addressable (its last day)', async () => {
    const u = json(await get('/api/org-units/74?asOf=2025-06-30'));
    expect(u).toMatchObject({ code: '74', name: 'Bình Dương', validTo: '2025-06-30' });
    expect(u.successors.map((s: { code: string; kind: string }) => [s.code, s.kind])).toEqual([
      ['79', 'full'],
    ]);
    expect(u.predecessors).toEqual([]);
    const now = json(await get('/api/org-units/74'));
    expect(now).toMatchObject({ code: '74', validTo: '2025-06-30' });
    expect(now.children).toHaveLength(9);
    expect((await get('/api/org-units/74?asOf=2025-07-01')).statusCode).toBe(404);
  });

  it('25747: the commune Phú Cường in 2024, the ward Thủ Dầu Một from 2025-07-01', async () => {
    const before = json(await get('/api/org-units/25747?asOf=2024-01-01'));
    expect(before).toMatchObject({ name: 'Phú Cường', level: 3, parentCode: '718', validTo: '2025-06-30' });
    expect(before.ancestors.map((a: { code: string }) => a.code)).toEqual(['74', '718']);
    expect(codes(before.successors)).toEqual(['25747']);
    const after = json(await get('/api/org-units/25747?asOf=2025-08-01'));
    expect(after).toMatchObject({
      name: 'Thủ Dầu Một',
      level: 2,
      parentCode: '79',
      validFrom: EFFECTIVE,
      validTo: null,
    });
    expect(codes(after.predecessors)).toEqual(['25741', '25747', '25753', '25756', '25774']);
    const phuCuong = after.predecessors.find((p: { code: string }) => p.code === '25747');
    expect(phuCuong).toMatchObject({ name: 'Phú Cường', kind: 'full', validTo: '2025-06-30' });
    const partial = after.predecessors.find((p: { code: string }) => p.code === '25741');
    expect(partial).toMatchObject({ kind: 'partial', shareMethod: 'equal', estimated: true });
    // today (2026) is the ward
    expect(json(await get('/api/org-units/25747')).name).toBe('Thủ Dầu Một');
  });

  it('the tree on a date: 34 provinces from 2025-07-01, 63 before; parent= resolves on that date', async () => {
    const total = async (q: string) => json(await get(`/api/org-units?${q}`)).total;
    expect(await total('asOf=2025-07-01&level=1')).toBe(34);
    expect(await total('asOf=2025-06-30&level=1')).toBe(63);
    expect(await total('level=1')).toBe(34);
    expect(await total('asOf=2025-06-30&level=3')).toBe(10047);
    expect(await total('asOf=2025-07-01&level=3')).toBe(0);
    expect(await total('asOf=2025-07-01')).toBe(3355);
    expect(await total('parent=79&asOf=2025-06-30')).toBe(22);
    expect(await total('parent=79&asOf=2025-07-01')).toBe(168);
    expect(await total('parent=74&asOf=2025-07-01')).toBe(0);
    const q = json(await get(`/api/org-units?q=${encodeURIComponent('thu dau mot')}&asOf=2024-06-01`));
    expect(q.items.map((u: { code: string; level: number }) => [u.code, u.level])).toEqual([['718', 2]]);
    expect((await get('/api/org-units?asOf=2025-13-01')).statusCode).toBe(400);
  });

  it('a reader granted the closed 74 sees it and its subtree on dates it was valid, nothing of the new tree', async () => {
    const h = await addUser(t, {
      username: 'xem74',
      role: 'viewer',
      unit: '74',
      password: 'xem74-Pass-12345',
    });
    const districts = json(await get('/api/org-units?asOf=2025-06-30&level=2', h));
    expect(districts.total).toBe(9);
    expect(districts.items.every((d: { parentCode: string }) => d.parentCode === '74')).toBe(true);
    expect(json(await get('/api/org-units?level=2', h)).total).toBe(0);
    expect((await get('/api/org-units/25747?asOf=2024-01-01', h)).statusCode).toBe(200);
    expect((await get('/api/org-units/25747?asOf=2025-08-01', h)).statusCode).toBe(403);
    expect((await get('/api/org-units/74', h)).statusCode).toBe(200);
  });

  it('the OpenAPI document describes asOf, predecessors and the lineage import', async () => {
    const doc = json(await t.request({ method: 'GET', url: '/api/openapi.json' }));
    expect(doc.paths['/api/org-units/lineage'].post).toBeDefined();
    const detail = doc.paths['/api/org-units/{code}'].get;
    expect(detail.parameters.map((p: { name: string }) => p.name)).toContain('asOf');
    expect(JSON.stringify(detail.responses['200'])).toContain('predecessors');
  });
});

describe('npx chiso import lineage FILE --effective D', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chiso-lineage-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a file, refuses a bad one with its row errors, and needs the date', async () => {
    const cli = (file: string, ...more: string[]) =>
      runCli(t.database, dir, ['--lang', 'en', 'import', 'lineage', file, ...more]);
    writeFileSync(join(dir, 'ok.csv'), `${HEADER}\n79,1,74,full\n79,1,77,full\n`);
    const ok = await cli('ok.csv', '--effective', EFFECTIVE);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('Lineage effective 2025-07-01: 2 rows stored');
    writeFileSync(join(dir, 'bad.csv'), `${HEADER}\n79,1,ZZ999,full\n`);
    const bad = await cli('bad.csv', '--effective', EFFECTIVE);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('row 2, column old_code: no old unit with code "ZZ999"');
    expect((await cli('ok.csv')).code).not.toBe(0);
    const badDate = await cli('ok.csv', '--effective', '2025-7-1');
    expect(badDate.code).not.toBe(0);
    expect(badDate.err).toContain('not a valid date');
    expect(await countLineage(t.database)).toBe(10667);
  });
});
