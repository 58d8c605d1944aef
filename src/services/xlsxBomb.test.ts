/**
 * Hostile spreadsheets (issue #10): a zip bomb, a zip whose directory lies about its sizes and a sheet
 * with too many rows are refused with a 4xx and a short, translated message, the server keeps
 * answering while they are read, and error lists in import responses are capped.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../test/harness.js';
import { startWith } from '../test/setup.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const P = '2024M06';
let t: TestApp;
let admin: Record<string, string>;
const json = (res: { body: string }) => JSON.parse(res.body);
const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);

/** A real workbook (data sheet + help sheet) whose data sheet is replaced by `sheetXml`. */
async function workbookWith(sheetXml: Buffer, level = 6): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Số liệu').addRow(['org_unit']);
  wb.addWorksheet('Hướng dẫn').addRow(['Kỳ báo cáo', P]);
  const zip = await JSZip.loadAsync(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  zip.file('xl/worksheets/sheet1.xml', sheetXml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level } });
}

const WIDTH = 7;
const BAD_ROW =
  '<row r="#######"><c r="A#######" t="inlineStr"><is><t>NOPE</t></is></c><c r="C#######"><v>1</v></c></row>';
/** Wider rows: the byte limit comes before the row limit. */
const LONG_ROW = BAD_ROW.replace(
  '<v>1</v></c>',
  `<v>1</v></c><c r="D#######" t="inlineStr"><is><t>${'x'.repeat(300)}</t></is></c>`,
);

/** Sheet XML: two header rows, then rows 3, 4, … (an unknown unit and a value each) to about `bytes` bytes. */
function sheetXml(bytes: number, row = BAD_ROW): Buffer {
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>org_unit</t></is></c><c r="C1" t="inlineStr"><is><t>TOTAL</t></is></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Mã đơn vị</t></is></c></row>';
  const tail = '</sheetData></worksheet>';
  const n = Math.max(1, Math.floor((bytes - head.length - tail.length) / row.length));
  const h = Buffer.from(head);
  const buf = Buffer.alloc(h.length + n * row.length + tail.length);
  h.copy(buf);
  buf.fill(row, h.length, buf.length - tail.length);
  buf.write(tail, buf.length - tail.length);
  // number the rows: every run of # in the template becomes the row number, zero-padded
  const marks: number[] = [];
  for (let i = row.indexOf('#'); i >= 0; i = row.indexOf('#', i + WIDTH)) marks.push(i);
  for (let k = 0; k < n; k++) {
    const digits = String(k + 3).padStart(WIDTH, '0');
    for (const m of marks) buf.write(digits, h.length + k * row.length + m, 'latin1');
  }
  return buf;
}
/** The zip's local headers and central directory claim every entry inflates to `claim` bytes. */
function lieAboutSizes(zip: Buffer, claim: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i < out.length - 4; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50) out.writeUInt32LE(claim, i + 22);
    else if (sig === 0x02014b50) out.writeUInt32LE(claim, i + 24);
  }
  return out;
}

beforeAll(async () => {
  ({ t, admin } = await startWith({
    units: 'code,name,type,level,parent_code\n74,Bình Dương,Tỉnh,1,\n718,Thủ Dầu Một,Thành phố,2,74\n',
    indicators: [
      {
        code: 'TOTAL',
        name: 'Tổng số hồ sơ',
        unit: 'hồ sơ',
        valueType: 'count',
        aggregation: 'sum',
        pillar: 'government',
        frequency: 'month',
      },
    ],
  }));
  const form = await t.request({
    method: 'POST',
    url: '/api/forms',
    headers: admin,
    payload: {
      code: 'BC',
      name: 'Báo cáo',
      periodType: 'month',
      indicators: ['TOTAL'],
      unitsWithin: { orgUnit: '74', level: 2, kind: 'district' },
      dueWorkingDays: 5,
      lockDays: 3650,
    },
  });
  expect(form.statusCode, form.body).toBeLessThan(300);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

/** Uploads `file` while asking /api/health; says which answered first. */
async function uploadWhileHealth(file: Buffer, lang = 'vi') {
  const order: string[] = [];
  const up = t
    .request({
      method: 'POST',
      url: `/api/forms/BC/upload?period=${P}`,
      headers: { ...admin, 'content-type': XLSX, 'accept-language': lang },
      payload: file,
    })
    .then((r) => {
      order.push('upload');
      return r;
    });
  // the health check is sent once the upload is in the server's hands
  await new Promise((r) => setImmediate(r));
  const health = t.request({ method: 'GET', url: '/api/health' }).then((r) => {
    order.push('health');
    return r;
  });
  const [u, h] = await Promise.all([up, health]);
  expect(h.statusCode).toBe(200);
  return { res: u, order };
}

describe('xlsx bombs', () => {
  it('a sheet declared far larger than the limit is refused before inflating, with a short message', async () => {
    const before = rssMb();
    const bomb = await workbookWith(sheetXml(60 * 1048576, BAD_ROW));
    expect(bomb.length).toBeLessThan(10 * 1048576);
    const { res, order } = await uploadWhileHealth(bomb);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(413);
    expect(res.body.length).toBeLessThan(2000);
    const body = json(res);
    expect(body.error.code).toBe('xlsx_too_large');
    expect(body.error.message).toMatch(/giải nén|MB/);
    const en = json((await uploadWhileHealth(bomb, 'en')).res);
    expect(en.error.message).toMatch(/uncompressed|MB/i);
    expect(order).toContain('health');
    console.log(`declared bomb ${(bomb.length / 1048576).toFixed(1)} MB: RSS ${before} → ${rssMb()} MB`);
  }, 60_000);

  it('a zip that lies about its sizes is stopped while inflating, and the server keeps answering', async () => {
    const before = rssMb();
    const bomb = lieAboutSizes(await workbookWith(sheetXml(70 * 1048576, LONG_ROW)), 4000);
    const { res, order } = await uploadWhileHealth(bomb);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(413);
    expect(res.body.length).toBeLessThan(2000);
    expect(json(res).error.code).toBe('xlsx_too_large');
    // the event loop was free: the health check answered before the upload did
    expect(order).toEqual(['health', 'upload']);
    console.log(`lying bomb ${(bomb.length / 1048576).toFixed(1)} MB: RSS ${before} → ${rssMb()} MB`);
  }, 60_000);

  it('an absurd compression ratio is refused', async () => {
    const zeros = await workbookWith(sheetXml(20 * 1048576, '<c/>'), 9);
    const res = (await uploadWhileHealth(zeros)).res;
    expect(res.statusCode, res.body.slice(0, 500)).toBe(413);
    expect(json(res).error.code).toBe('xlsx_suspicious');
  }, 60_000);

  it('a sheet with more rows than allowed is refused, counting rows while inflating', async () => {
    process.env.CHISO_XLSX_MAX_ROWS = '1000';
    try {
      const file = await workbookWith(sheetXml(1500 * BAD_ROW.length, BAD_ROW));
      const res = (await uploadWhileHealth(file)).res;
      expect(res.statusCode, res.body.slice(0, 500)).toBe(413);
      expect(json(res).error.code).toBe('xlsx_too_many_rows');
      expect(json(res).error.message).toContain('1000');
    } finally {
      delete process.env.CHISO_XLSX_MAX_ROWS;
    }
  }, 60_000);

  it('three bombs at once: all refused, memory stays bounded', async () => {
    const before = rssMb();
    const bombs = await Promise.all([
      workbookWith(sheetXml(60 * 1048576, BAD_ROW), 1),
      lieAboutSizes(await workbookWith(sheetXml(70 * 1048576, LONG_ROW), 1), 4000),
      lieAboutSizes(await workbookWith(sheetXml(70 * 1048576, LONG_ROW), 1), 4000),
    ]);
    const built = rssMb();
    let peak = built;
    const timer = setInterval(() => {
      peak = Math.max(peak, rssMb());
    }, 20);
    const res = await Promise.all(bombs.map((b) => uploadWhileHealth(b)));
    clearInterval(timer);
    for (const r of res) expect(r.res.statusCode).toBe(413);
    console.log(`three bombs: RSS ${before} MB, after building ${built} MB, peak while refusing ${peak} MB`);
    expect(peak - built).toBeLessThan(600);
  }, 120_000);
});

describe('error lists are capped', () => {
  it('an Excel upload with thousands of bad rows lists the first 200 and counts the rest', async () => {
    const file = await workbookWith(sheetXml(5000 * BAD_ROW.length, BAD_ROW));
    const res = (await uploadWhileHealth(file)).res;
    expect(res.statusCode).toBe(422);
    const body = json(res);
    expect(body.errors).toHaveLength(200);
    expect(body.errorsTotal).toBeGreaterThanOrEqual(4900);
    expect(body.errorsTruncated).toBe(true);
    expect(body.rejected).toBe(body.errorsTotal);
    expect(res.body.length).toBeLessThan(100_000);
  }, 60_000);

  it('data values as JSON and CSV: first 200 errors plus a count', async () => {
    const values = Array.from({ length: 1000 }, () => ({
      indicator: 'NOPE',
      orgUnit: '718',
      period: P,
      value: 1,
    }));
    const r = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: { values },
    });
    expect(r.statusCode).toBe(422);
    expect(json(r)).toMatchObject({ rejected: 1000, errorsTotal: 1000, errorsTruncated: true });
    expect(json(r).errors).toHaveLength(200);
    const csv = `indicator,org_unit,period,value,numerator,denominator\n${'NOPE,718,202406,1,,\n'.repeat(300)}`;
    const c = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(c.statusCode).toBe(422);
    expect(json(c)).toMatchObject({ errorsTotal: 300, errorsTruncated: true });
    expect(json(c).errors).toHaveLength(200);
    const ok = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: { values: [{ indicator: 'TOTAL', orgUnit: '718', period: P, value: 1 }] },
    });
    expect(json(ok)).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: 0, errors: [] });
  });

  it('DHIS2 conflicts: first 200 plus a count', async () => {
    const dataValues = Array.from({ length: 500 }, () => ({
      dataElement: 'NOPE',
      orgUnit: '718',
      period: '202406',
      value: '1',
    }));
    const r = await t.request({
      method: 'POST',
      url: '/api/dataValueSets',
      headers: admin,
      payload: { dataValues },
    });
    expect(r.statusCode).toBeLessThan(500);
    const body = json(r);
    const summary = body.response ?? body;
    expect(summary.conflicts).toHaveLength(200);
    expect(summary.conflictsTotal).toBe(500);
    expect(summary.conflictsTruncated).toBe(true);
  });
});
