/**
 * Excel and CSV round trips of data values (issue #13), on the demo province, on PGlite or on
 * PostgreSQL when DATABASE_URL is set: every export imports back unchanged (the GRDP share by
 * sector keeps its category option), as CSV or .xlsx, raw or multipart; downloads carry a BOM; a
 * bad .xlsx row is named by row, column and rule in Vietnamese and English, and nothing is written;
 * the indicator page's download is the page's table, for a ratio reported by the units below.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFromId } from '../domain/period.js';
import { startTestApp, type TestApp } from '../test/harness.js';
import { multipartBody } from '../test/multipart.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let admin: Record<string, string>;
const json = (r: { body: string }) => JSON.parse(r.body);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  admin = await t.login('admin');
}, 300_000);
afterAll(async () => {
  await t?.close();
});

const get = (url: string, lang = 'vi') =>
  t.request({ method: 'GET', url, headers: { ...admin, 'accept-language': lang } });
const post = (url: string, contentType: string, payload: Buffer | string, lang = 'vi') =>
  t.request({
    method: 'POST',
    url,
    headers: { ...admin, 'content-type': contentType, 'accept-language': lang },
    payload,
  });
/** Every stored value of an indicator, as GET /api/data-values answers (status and updatedAt included). */
const stored = async (indicator: string) =>
  json(await get(`/api/data-values?indicator=${indicator}&limit=10000`)).items as Array<
    Record<string, unknown>
  >;
const sheetRows = async (bytes: Buffer, sheet = 'data') => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.getWorksheet(sheet)!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
};

describe('values export → import', () => {
  const IND = 'KTS_GRDP_TYTRONG';

  it('the CSV export has a BOM and the category option: the four GRDP sectors are four rows', async () => {
    const r = await get(`/api/data-values/export?indicator=${IND}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/csv/);
    expect(r.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const parsed = Papa.parse<Record<string, string>>(r.body.replace(/^\ufeff/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.meta.fields?.join(',')).toBe(
      'indicator,org_unit,period,category_option,value,numerator,denominator,comment,' +
        'status,updated_at,indicator_name,org_unit_name,category_option_name',
    );
    const rows = parsed.data;
    const values = await stored(IND);
    expect(rows).toHaveLength(values.length);
    expect(new Set(rows.map((x) => x.category_option))).toEqual(
      new Set(['agriculture', 'industry', 'construction', 'services']),
    );
    const keys = rows.map((x) => `${x.org_unit}|${x.period}|${x.category_option}`);
    expect(new Set(keys).size).toBe(rows.length);
  });

  it('a CSV export imports back unchanged: unchanged = rows, statuses and times kept', async () => {
    const before = await stored(IND);
    const file = (await get(`/api/data-values/export?indicator=${IND}`)).rawPayload;
    const r = await post('/api/data-values', 'text/csv', file);
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toEqual({ imported: 0, updated: 0, unchanged: before.length, rejected: 0, errors: [] });
    expect(await stored(IND)).toEqual(before);
  });

  it('values of an approved report import back unchanged; a changed one is still refused by the lock', async () => {
    const approved = await sql<{ unit: string; period: number; indicator: string }>`
      SELECT u.code AS unit, s.period_id AS period, i.code AS indicator
      FROM report_submission s
      JOIN org_unit u ON u.id = s.org_unit_id
      JOIN report_form_indicator fi ON fi.form_id = s.form_id
      JOIN indicator i ON i.id = fi.indicator_id
      JOIN data_value v ON v.indicator_id = i.id AND v.org_unit_id = s.org_unit_id AND v.period_id = s.period_id
      WHERE s.status = 'approved' AND v.status = 'approved'
      ORDER BY s.period_id DESC, u.code, i.code LIMIT 1`.execute(t.database.db);
    expect(approved.rows).toHaveLength(1);
    const { unit, indicator } = approved.rows[0];
    const period = codeFromId(approved.rows[0].period);
    const q = `indicator=${indicator}&orgUnit=${unit}&period=${period}`;
    const file = (await get(`/api/data-values/export?${q}`)).body.replace(/^\ufeff/, '');
    const rows = Papa.parse<Record<string, string>>(file, { header: true, skipEmptyLines: true }).data;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'approved')).toBe(true);
    const back = await post('/api/data-values', 'text/csv', file);
    expect(back.statusCode, back.body).toBe(200);
    expect(json(back)).toMatchObject({ imported: 0, updated: 0, unchanged: rows.length, rejected: 0 });
    // still approved
    const after = json(await get(`/api/data-values?${q}`)).items as Array<{ status: string }>;
    expect(after.every((v) => v.status === 'approved')).toBe(true);
    // a changed value of the approved report: refused, nothing written
    const changed = Papa.unparse(
      rows.map((r) =>
        r.numerator !== ''
          ? { ...r, value: '', numerator: String(Math.max(0, Number(r.numerator) - 1)) }
          : { ...r, value: String(Number(r.value) + 1) },
      ),
    );
    const refused = await post('/api/data-values', 'text/csv', changed, 'en');
    expect(refused.statusCode, refused.body).toBe(422);
    const errors = json(refused).errors as Array<{ message: string }>;
    expect(errors).toHaveLength(rows.length);
    expect(
      errors.every((e) => /approved|locked/i.test(e.message)),
      refused.body,
    ).toBe(true);
  });

  it('an .xlsx export imports back unchanged, raw and as a multipart upload', async () => {
    const before = await stored(IND);
    const file = (await get(`/api/data-values/export?indicator=${IND}&format=xlsx`)).rawPayload;
    const rows = await sheetRows(file);
    expect(rows[0].slice(0, 4)).toEqual(['indicator', 'org_unit', 'period', 'category_option']);
    expect(rows).toHaveLength(before.length + 1);
    const raw = await post('/api/data-values', XLSX, file);
    expect(raw.statusCode, raw.body).toBe(200);
    expect(json(raw)).toMatchObject({ imported: 0, updated: 0, unchanged: before.length, rejected: 0 });
    const form = multipartBody({ field: 'file', filename: 'chiso.xlsx', type: XLSX, body: file });
    const multi = await post('/api/data-values', form.contentType, form.payload);
    expect(multi.statusCode, multi.body).toBe(200);
    expect(json(multi)).toMatchObject({ imported: 0, updated: 0, unchanged: before.length, rejected: 0 });
    // a CSV as a multipart upload from Windows (sent as application/vnd.ms-excel), mode as a field
    const csv = (await get(`/api/data-values/export?indicator=${IND}`)).rawPayload;
    const win = multipartBody(
      { field: 'upload', filename: 'chiso.csv', type: 'application/vnd.ms-excel', body: csv },
      { mode: 'partial' },
    );
    const multiCsv = await post('/api/data-values', win.contentType, win.payload);
    expect(multiCsv.statusCode, multiCsv.body).toBe(200);
    expect(json(multiCsv)).toMatchObject({ unchanged: before.length });
    expect(await stored(IND)).toEqual(before);
  });

  it('a changed value in the exported .xlsx is the only update; comments with formula characters survive', async () => {
    const before = await stored(IND);
    const [first] = before;
    const comment = '=1+1 và -giảm';
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await get(`/api/data-values/export?indicator=${IND}&format=xlsx`))
        .rawPayload as unknown as ArrayBuffer,
    );
    const ws = wb.getWorksheet('data')!;
    ws.getRow(2).getCell(8).value = `'${comment}`; // as the export guards it
    const r = await post('/api/data-values', XLSX, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toMatchObject({ imported: 0, updated: 1, rejected: 0 });
    const after = await stored(IND);
    const { value, numerator, denominator, period, orgUnit, categoryOption } = first;
    expect(after[0]).toMatchObject({
      value,
      numerator,
      denominator,
      period,
      orgUnit,
      categoryOption,
      comment,
    });
    expect(after.slice(1)).toEqual(before.slice(1));
    // and that file round-trips again, the comment guarded in both formats
    for (const format of ['csv', 'xlsx']) {
      const file = (await get(`/api/data-values/export?indicator=${IND}&format=${format}`)).rawPayload;
      if (format === 'csv') expect(file.toString('utf8')).toContain(`'${comment}`);
      else expect((await sheetRows(file))[1][7]).toBe(`'${comment}`);
      const back = await post('/api/data-values', format === 'csv' ? 'text/csv' : XLSX, file);
      expect(json(back)).toMatchObject({ imported: 0, updated: 0, unchanged: after.length });
    }
  });

  it('a bad .xlsx row is named by row, column and rule (vi and en), and nothing is written', async () => {
    const before = await stored(IND);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await get(`/api/data-values/export?indicator=${IND}&format=xlsx`))
        .rawPayload as unknown as ArrayBuffer,
    );
    const ws = wb.getWorksheet('data')!;
    ws.getRow(2).getCell(5).value = null; // a changed numerator (its value left to derive): an update…
    ws.getRow(2).getCell(6).value = 123;
    ws.getRow(4).getCell(7).value = 'nhiều'; // …but a denominator that is not a number refuses the file
    const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const vi = await post('/api/data-values', XLSX, bytes, 'vi');
    expect(vi.statusCode).toBe(422);
    expect(json(vi)).toMatchObject({ imported: 0, updated: 0, rejected: 1 });
    expect(json(vi).errors).toEqual([
      { row: 4, field: 'denominator', rule: 'number', message: expect.stringMatching(/^denominator: .*số/) },
    ]);
    const en = await post('/api/data-values', XLSX, bytes, 'en');
    expect(json(en).errors[0].message).toMatch(/^denominator: .*number/i);
    expect(await stored(IND)).toEqual(before);
  });

  it('an .xlsx with a wrong header is refused with the error shape', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRows([
      ['indicator', 'unit', 'period', 'value'],
      [IND, '74', '2024', 1],
    ]);
    const r = await post('/api/data-values', XLSX, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(r.statusCode).toBe(400);
    expect(json(r).error).toMatchObject({ code: 'bad_header', message: expect.stringMatching(/unit/) });
  });
});

describe('the indicator page’s download', () => {
  const IND = 'CQS_DATDAI_TRUCTUYEN_TYLE';

  it('is the page’s table for a ratio reported by the districts: same rows, periods, units, order', async () => {
    // Bình Dương before the 2025 restructuring: nine districts report, the province stores nothing
    const province = '74';
    const period = '2024M12';
    const q = `indicator=${IND}&orgUnit=${province}&period=${period}&level=2`;
    // what the page's table shows (IndicatorPage: /analytics at the level below, best first; no row
    // for a unit not expected to report that has no value — the departments of a district-only ratio)
    const all = json(await get(`/api/analytics?${q}`)).rows as Array<Record<string, number | null>>;
    const page = all
      .filter((r) => r.orgUnit !== (province as unknown) && !(r.expected === 0 && r.value === null))
      .sort((a, b) =>
        a.value === null ? 1 : b.value === null ? -1 : (b.value as number) - (a.value as number),
      );
    expect(page.filter((r) => r.value !== null).length).toBeGreaterThanOrEqual(9);
    // the values export of that unit and period has no rows: nothing is stored at the province
    const old = (await get(`/api/data-values/export?indicator=${IND}&orgUnit=${province}&period=${period}`))
      .body;
    expect(old.trim().split('\n')).toHaveLength(1);

    const csv = await get(`/api/analytics/export?${q}&format=csv&lang=en`, 'vi');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = Papa.parse<Record<string, string>>(csv.body.replace(/^\ufeff/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const asText = (x: unknown) => (x === null || x === undefined ? '' : String(x));
    // a file for people, in the app's language (`lang`, which a link can send) over the browser's
    expect(
      rows.map((r) => [
        r['Unit code'],
        r['Period code'],
        r.Value,
        r.Numerator,
        r.Denominator,
        r['Units reported'],
        r['Units expected'],
      ]),
    ).toEqual(
      page.map((r) =>
        [r.orgUnit, r.period, r.value, r.numerator, r.denominator, r.reported, r.expected].map(asText),
      ),
    );
    expect(rows.every((r) => r['Unit of measure'] === '%' && r['Indicator code'] === IND)).toBe(true);
    expect(rows[0].Period).toBe('12/2024');

    const xlsx = await get(`/api/analytics/export?${q}&format=xlsx`);
    // Vietnamese by default
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const sheet = await sheetRows(xlsx.rawPayload, 'Chỉ tiêu');
    expect(sheet).toHaveLength(page.length + 1);
    const col = (name: string) => (sheet[0] as string[]).indexOf(name);
    expect(sheet.slice(1).map((r) => [r[col('Mã đơn vị')], r[col('Giá trị')] ?? null])).toEqual(
      page.map((r) => [r.orgUnit, r.value]),
    );
  });
});

describe('multipart uploads everywhere a file is taken', () => {
  it('org units: a CSV as a multipart upload imports as the raw body does', async () => {
    const csv =
      'code,name,type,level,parent_code,valid_from,valid_to\nZZ1,Xã thử,Xã,2,74,1990-01-01,1990-12-31\n';
    const form = multipartBody({ field: 'file', filename: 'units.csv', type: 'text/csv', body: csv });
    const r = await post('/api/org-units/import', form.contentType, form.payload);
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toMatchObject({ created: 1, updated: 0, errors: [] });
    const again = await post('/api/org-units/import', 'text/csv', csv);
    expect(again.statusCode, again.body).toBe(200);
    expect(json(again)).toMatchObject({ created: 0, errors: [] });
    // an .xlsx where only CSV is read: 415, raw or multipart
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['code']);
    const zip = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const bad = multipartBody({ field: 'file', filename: 'units.xlsx', type: XLSX, body: zip });
    expect((await post('/api/org-units/import', bad.contentType, bad.payload)).statusCode).toBe(415);
  });

  it('report forms: a multipart upload answers as the raw body does', async () => {
    const csv = 'ma,ten\nx,y\n';
    const url = '/api/forms/BC_CDS_THANG/upload?period=2024M12';
    const raw = await post(url, 'text/csv', csv);
    const form = multipartBody({ field: 'file', filename: 'mau.csv', type: 'text/csv', body: csv });
    const multi = await post(url, form.contentType, form.payload);
    expect(raw.statusCode).not.toBe(415);
    expect([multi.statusCode, multi.body]).toEqual([raw.statusCode, raw.body]);
  });
});
