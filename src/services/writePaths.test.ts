/**
 * One write pipeline (services/valueImport.ts): every path that writes values refuses the same bad
 * rows with the same row / field / rule — HTTP JSON, HTTP CSV, the CLI, DHIS2 — and an approved
 * report's cell is locked on every one of them, the entry grid included. Runs on the configured
 * database (PGlite, or PostgreSQL with DATABASE_URL).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/cli.js';
import type { TestApp } from '../test/harness.js';
import { addUser, createMonthlyForm, INDICATOR_ONLINE, INDICATOR_TOTAL, startWith } from '../test/setup.js';

const PASSWORD = 'paths-Pass-12345';
let t: TestApp;
let admin: Record<string, string>;
let reporter: Record<string, string>;
let dir: string;
const json = (res: { body: string }) => JSON.parse(res.body);

const UNITS = `code,name,type,level,parent_code,valid_from,valid_to
74,Bình Dương,Tỉnh,1,,,
725,Thuận An,Thành phố,2,74,,
724,Dĩ An,Thành phố,2,74,,
726,Tân Uyên,Thị xã,2,74,,2024-06-30
`;

/** The bad rows every path is given (CSV columns; row numbers are the data rows, 1-based). */
const ROWS: string[][] = [
  ['TOTAL', '725', '2024M03', '5', '', ''], // 1: cell of an approved report → locked
  ['TOTAL', '724', '2024M04', '5', '', ''], // 2: outside the reporter's district → scope
  ['NOPE', '725', '2024M04', '5', '', ''], // 3: unknown indicator
  ['TOTAL', '725', '2024X9', '5', '', ''], // 4: unreadable period
  ['ONLINE', '725', '2024M04', '50', '', ''], // 5: ratio without its parts
  ['TOTAL', '725', '2024M05', '7', '', ''], // 6: fine …
  ['TOTAL', '725', '2024M05', '8', '', ''], // 7: … and its duplicate
  ['TOTAL', '725', '2024M06', 'abc', '', ''], // 8: not a number
  ['TOTAL', '725', '2024M07', '9', '', ''], // 9: fine
];
const CSV = `indicator,org_unit,period,value,numerator,denominator\n${ROWS.map((r) => r.join(',')).join('\n')}\n`;
const JSON_ROWS = ROWS.map(([indicator, orgUnit, period, value]) => ({ indicator, orgUnit, period, value }));

/** Field names differ only in spelling between CSV columns and JSON keys. */
const FIELD: Record<string, string> = { org_unit: 'orgUnit' };
type Problem = { row: number; field: string; rule: string };
/** JSON rows count from 1; a CSV row is its line in the file (the header is line 1), as a spreadsheet shows it. */
const normal = (errors: Problem[], lineOffset = 0) =>
  errors
    .map((e) => `${e.row - lineOffset} ${FIELD[e.field] ?? e.field} ${e.rule.replace(/^rule\./, '')}`)
    .sort();

beforeAll(async () => {
  ({ t, admin } = await startWith({
    units: UNITS,
    indicators: [INDICATOR_TOTAL, INDICATOR_ONLINE],
  }));
  // a reporter of Thuận An (725)
  reporter = await addUser(t, {
    username: 'r725',
    role: 'reporter',
    unit: '725',
    password: PASSWORD,
    displayName: 'Báo cáo viên Thuận An',
  });
  // a monthly report of TOTAL, approved for 725 / 2024M03: its cell is locked
  await createMonthlyForm(t, admin, { code: 'BC', indicators: ['TOTAL'], orgUnit: '74' });
  const entry = await t.request({
    method: 'PUT',
    url: '/api/forms/BC/entry?orgUnit=725&period=2024M03',
    headers: reporter,
    payload: { values: [{ indicator: 'TOTAL', value: 100 }] },
  });
  expect(entry.statusCode, entry.body).toBe(200);
  for (const [action, who] of [
    ['submit', reporter],
    ['approve', admin],
  ] as const) {
    const r = await t.request({
      method: 'POST',
      url: `/api/forms/BC/${action}`,
      headers: who,
      payload: { orgUnit: '725', period: '2024M03' },
    });
    expect(r.statusCode, r.body).toBe(200);
  }
  dir = mkdtempSync(join(tmpdir(), 'chiso-paths-'));
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cli = (argv: string[]) => runCli(t.database, dir, argv);

async function stored(period: string) {
  const r = json(
    await t.request({
      method: 'GET',
      url: `/api/data-values?indicator=TOTAL&orgUnit=725&period=${period}`,
      headers: admin,
    }),
  );
  return r.items.map((i: { value: number; status: string }) => `${i.value} ${i.status}`);
}

const EXPECTED = [
  '1 value reporting.rule_locked',
  '2 orgUnit scope',
  '3 indicator unknown_indicator',
  '4 period period',
  '5 numerator ratio_parts',
  '7 period duplicate',
  '8 value number',
];

describe('every write path, one pipeline', () => {
  let jsonErrors: string[] = [];

  it('HTTP JSON refuses the bad rows, names each, writes nothing (atomic)', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: reporter,
      payload: { values: JSON_ROWS },
    });
    expect([403, 422]).toContain(r.statusCode);
    const body = json(r);
    expect(body.imported).toBe(0);
    jsonErrors = normal(body.errors);
    // the rules themselves (field spellings normalised)
    expect(jsonErrors.map((e) => e.split(' ')[0])).toEqual(['1', '2', '3', '4', '5', '7', '8']);
    expect(jsonErrors.find((e) => e.startsWith('1 '))).toBe('1 value reporting.rule_locked');
    expect(await stored('2024M05')).toEqual([]);
  });

  it('HTTP CSV gives the same row / field / rule list', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...reporter, 'content-type': 'text/csv' },
      payload: CSV,
    });
    expect([403, 422]).toContain(r.statusCode);
    expect(normal(json(r).errors, 1)).toEqual(jsonErrors);
  });

  it('the CLI gives the same list and refuses the approved cell (it used to overwrite it)', async () => {
    writeFileSync(join(dir, 'bad.csv'), CSV);
    const r = await cli(['import', 'values', 'bad.csv', '--user', 'r725']);
    expect(r.code).not.toBe(0);
    for (const e of jsonErrors) {
      const line = Number(e.split(' ')[0]) + 1;
      expect(r.err).toMatch(new RegExp(`(dòng|row) ${line}\\b`, 'i'));
    }
    expect(r.err).toMatch(/phê duyệt|approved/i);
    // as admin, the one locked cell alone: still refused, the stored value stays
    writeFileSync(join(dir, 'locked.csv'), 'indicator,org_unit,period,value\nTOTAL,725,2024M03,123456\n');
    const locked = await cli(['import', 'values', 'locked.csv']);
    expect(locked.code).not.toBe(0);
    const partial = await cli(['import', 'values', 'locked.csv', '--partial']);
    expect(partial.out + partial.err).toMatch(/phê duyệt|approved/i);
    expect(await stored('2024M03')).toEqual(['100 approved']);
    expect(await stored('2024M05')).toEqual([]);
  });

  it('DHIS2 refuses the approved cell as a conflict and leaves it alone', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/dataValueSets',
      headers: admin,
      payload: { dataValues: [{ dataElement: 'TOTAL', orgUnit: '725', period: '202403', value: '123456' }] },
    });
    const body = json(r);
    const summary = body.response ?? body;
    expect(summary.status).toBe('ERROR');
    expect(JSON.stringify(summary.conflicts)).toMatch(/phê duyệt|approved/i);
    expect(await stored('2024M03')).toEqual(['100 approved']);
  });

  it('DHIS2 refuses a follow-up mark on the approved cell sent with its value unchanged (E8033, naming the field), in vi and en', async () => {
    const followupOf = async () => {
      const r = await t.request({
        method: 'GET',
        url: '/api/dataValueSets?dataElement=TOTAL&orgUnit=725&period=202403',
        headers: admin,
      });
      expect(r.statusCode, r.body).toBe(200);
      return json(r).dataValues.map((d: { value: string; followup: boolean }) => `${d.value} ${d.followup}`);
    };
    expect(await followupOf()).toEqual(['100 false']);
    for (const [lang, words] of [
      ['vi', /phê duyệt/],
      ['en', /approved/],
    ] as const) {
      const r = await t.request({
        method: 'POST',
        url: `/api/dataValueSets?lang=${lang}`,
        headers: admin,
        payload: {
          dataValues: [
            { dataElement: 'TOTAL', orgUnit: '725', period: '202403', value: '100', followup: true },
          ],
        },
      });
      expect(r.statusCode, r.body).toBe(409);
      const summary = json(r).response;
      expect(summary.status).toBe('ERROR');
      expect(summary.importCount).toMatchObject({ imported: 0, updated: 0, ignored: 1, deleted: 0 });
      expect(summary.conflicts).toHaveLength(1);
      expect(summary.conflicts[0]).toMatchObject({ errorCode: 'E8033', property: 'followup', indexes: [0] });
      expect(summary.conflicts[0].value).toMatch(/^followup: /);
      expect(summary.conflicts[0].value).toMatch(words);
    }
    // the dry run says the same; nothing changed, in any field
    const dry = await t.request({
      method: 'POST',
      url: '/api/dataValueSets?dryRun=true',
      headers: admin,
      payload: {
        dataValues: [
          { dataElement: 'TOTAL', orgUnit: '725', period: '202403', value: '100', followup: 'true' },
        ],
      },
    });
    expect(json(dry).response.conflicts[0]).toMatchObject({ errorCode: 'E8033', property: 'followup' });
    expect(await followupOf()).toEqual(['100 false']);
    expect(await stored('2024M03')).toEqual(['100 approved']);
    // a round trip, the same mark or none, changes nothing and is no conflict
    for (const mark of [{ followup: false }, {}]) {
      const back = await t.request({
        method: 'POST',
        url: '/api/dataValueSets',
        headers: admin,
        payload: {
          dataValues: [{ dataElement: 'TOTAL', orgUnit: '725', period: '202403', value: '100', ...mark }],
        },
      });
      expect(json(back).response, back.body).toMatchObject({
        status: 'SUCCESS',
        importCount: { ignored: 1 },
      });
    }
    expect(await stored('2024M03')).toEqual(['100 approved']);
  });

  it('the entry grid refuses to change the approved report', async () => {
    const r = await t.request({
      method: 'PUT',
      url: '/api/forms/BC/entry?orgUnit=725&period=2024M03',
      headers: reporter,
      payload: { values: [{ indicator: 'TOTAL', value: 1 }] },
    });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(await stored('2024M03')).toEqual(['100 approved']);
  });

  it('the Excel upload refuses the approved cell and leaves it alone', async () => {
    const tpl = await t.request({
      method: 'GET',
      url: '/api/forms/BC/template.xlsx?orgUnit=725&period=2024M03',
      headers: admin,
    });
    expect(tpl.statusCode, tpl.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Số liệu');
    if (!ws) throw new Error('no data sheet');
    const header = (ws.getRow(1).values as unknown[]).map(String);
    let filled = 0;
    ws.eachRow((row, n) => {
      if (n > 1 && String(row.getCell(1).value) === '725') {
        row.getCell(header.indexOf('TOTAL')).value = 123456;
        filled++;
      }
    });
    expect(filled).toBe(1);
    const r = await t.request({
      method: 'POST',
      url: '/api/forms/BC/upload?period=2024M03',
      headers: {
        ...admin,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      payload: Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer),
    });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.statusCode).toBeLessThan(500);
    expect(r.body).toMatch(/duyệt|approved|rule_locked/i);
    expect(await stored('2024M03')).toEqual(['100 approved']);
  });

  it('a NUL byte is refused on every path, naming where, and nothing is written', async () => {
    const nulCsv = 'indicator,org_unit,period,value\nTOTAL,725,2024M08,1\nTOTAL,725,2024M09,2\u0000\n';
    const csv = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...reporter, 'content-type': 'text/csv' },
      payload: nulCsv,
    });
    expect(csv.statusCode).toBe(400);
    expect(json(csv).error.message).toMatch(/dòng 3|line 3/i);
    const js = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: reporter,
      payload: {
        values: [
          { indicator: 'TOTAL', orgUnit: '725', period: '2024M08', value: 1 },
          { indicator: 'TOTAL', orgUnit: '725', period: '2024M09', value: 2, comment: 'x\u0000' },
        ],
      },
    });
    expect(js.statusCode).toBe(400);
    expect(json(js).error.message).toMatch(/values\.1\.comment/);
    const dhis = await t.request({
      method: 'POST',
      url: '/api/dataValueSets',
      headers: reporter,
      payload: { dataValues: [{ dataElement: 'TOTAL', orgUnit: '725', period: '202408', value: '1\u0000' }] },
    });
    expect(dhis.statusCode).toBe(400);
    writeFileSync(join(dir, 'nul.csv'), nulCsv);
    const c = await cli(['import', 'values', 'nul.csv', '--user', 'r725']);
    expect(c.code).not.toBe(0);
    expect(c.err).toMatch(/dòng 3|line 3/i);
    for (const p of ['2024M08', '2024M09']) expect(await stored(p)).toEqual([]);
  });

  it('counts every problem of a huge bad file exactly, listing only the first ones', async () => {
    const bad = Array.from({ length: 10_050 }, (_, i) => `TOTAL,725,2024M08,x${i}`).join('\n');
    const r = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: `indicator,org_unit,period,value\n${bad}\n`,
    });
    expect(r.statusCode).toBe(422);
    const body = json(r);
    expect(body.rejected).toBe(10_050);
    expect(body.errorsTotal).toBe(10_050); // the pipeline keeps 10,000 problems; the count stays exact
    expect(body.errors).toHaveLength(200);
    expect(body.errorsTruncated).toBe(true);
  });

  it('refuses a request of more rows than one request takes (413) before parsing it', async () => {
    const before = process.env.CHISO_MAX_REQUEST_ROWS;
    process.env.CHISO_MAX_REQUEST_ROWS = '100';
    try {
      const many = Array.from({ length: 101 }, (_, i) => `TOTAL,725,2024M08,${i}`).join('\n');
      const csv = await t.request({
        method: 'POST',
        url: '/api/data-values',
        headers: { ...admin, 'content-type': 'text/csv', 'accept-language': 'en' },
        payload: `indicator,org_unit,period,value\n${many}\n`,
      });
      expect(csv.statusCode).toBe(413);
      expect(json(csv).error.code).toBe('too_many_rows');
      expect(json(csv).error.message).toMatch(/at most 100 rows.*chiso import values/);
      const js = await t.request({
        method: 'POST',
        url: '/api/data-values',
        headers: admin,
        payload: { values: Array.from({ length: 101 }, () => ({ indicator: 'TOTAL' })) },
      });
      expect(js.statusCode).toBe(413);
      expect(await stored('2024M08')).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.CHISO_MAX_REQUEST_ROWS;
      else process.env.CHISO_MAX_REQUEST_ROWS = before;
    }
  });

  it('refuses an upload larger than a filled form can be (413), before holding it', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/forms/BC/upload?period=2024M08',
      headers: {
        ...admin,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      payload: Buffer.alloc(21 * 1048576, 1),
    });
    expect(r.statusCode).toBe(413);
  });

  it('the rules named are the expected ones', () => {
    expect(jsonErrors).toEqual(EXPECTED);
  });
});

describe('a unit outside its validity, on every path', () => {
  // Tân Uyên (726) closed on 2024-06-30: a value for August 2024 names a unit that no longer exists
  const bad = 'indicator,org_unit,period,value\nTOTAL,726,2024M06,1\nTOTAL,726,2024M08,2\n';
  const says = (text: string) => {
    expect(text).toContain('726');
    expect(text).toContain('2024-06-30');
  };

  it('HTTP JSON and CSV refuse the row naming the unit and its dates; nothing is written', async () => {
    const j = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: {
        values: [
          { indicator: 'TOTAL', orgUnit: '726', period: '2024M06', value: 1 },
          { indicator: 'TOTAL', orgUnit: '726', period: '2024M08', value: 2 },
        ],
      },
    });
    expect(j.statusCode).toBe(422);
    expect(normal(json(j).errors)).toEqual(['2 orgUnit unit_validity']);
    says(json(j).errors[0].message);
    const c = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: bad,
    });
    expect(c.statusCode).toBe(422);
    expect(normal(json(c).errors, 1)).toEqual(['2 orgUnit unit_validity']);
    const stored726 = json(
      await t.request({ method: 'GET', url: '/api/data-values?indicator=TOTAL&orgUnit=726', headers: admin }),
    );
    expect(stored726.items).toEqual([]);
  });

  it('the CLI and DHIS2 refuse it too', async () => {
    writeFileSync(join(dir, 'closed.csv'), bad);
    const r = await cli(['import', 'values', 'closed.csv']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/(dòng|row) 3\b/i);
    says(r.err);
    const d = await t.request({
      method: 'POST',
      url: '/api/dataValueSets',
      headers: admin,
      payload: { dataValues: [{ dataElement: 'TOTAL', orgUnit: '726', period: '202408', value: '2' }] },
    });
    const body = json(d);
    const summary = body.response ?? body;
    expect(summary.status).toBe('ERROR');
    says(JSON.stringify(summary.conflicts));
  });

  it('the entry grid has no report for the closed unit after its closing', async () => {
    const r = await t.request({
      method: 'PUT',
      url: '/api/forms/BC/entry?orgUnit=726&period=2024M08',
      headers: admin,
      payload: { values: [{ indicator: 'TOTAL', value: 5 }] },
    });
    expect(r.statusCode).toBe(400);
    expect(json(r).error.message).toContain('726');
    const before = await t.request({
      method: 'PUT',
      url: '/api/forms/BC/entry?orgUnit=726&period=2024M06',
      headers: admin,
      payload: { values: [{ indicator: 'TOTAL', value: 5 }] },
    });
    expect(before.statusCode, before.body).toBe(200);
  });
});
