/** Services that produce files return `{contentType, filename, body}`; the route sends it (sendFile). */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableFile, XLSX_TYPE } from './exports.js';

describe('tableFile', () => {
  it('CSV: UTF-8 with a BOM, formula cells neutralised, a safe file name', async () => {
    const f = await tableFile('chiso-Tỉnh/74', 'csv', ['a', 'b'], [['=1+1', 'Bình Dương']]);
    expect(f.contentType).toBe('text/csv; charset=utf-8');
    expect(f.filename).toBe('chiso-T_nh_74.csv');
    expect(typeof f.body).toBe('string');
    expect(f.body).toBe("\ufeffa,b\n'=1+1,Bình Dương\n");
  });

  it('CSV without a BOM when asked (open data)', async () => {
    const f = await tableFile('A', 'csv', ['x'], [[1]], 'data', { bom: false });
    expect(f.body).toBe('x\n1\n');
  });

  it('Excel: a workbook with the header row and the named sheet', async () => {
    const f = await tableFile('plan', 'xlsx', ['title', 'n'], [['x', 2]], 'Nhiệm vụ');
    expect(f.contentType).toBe(XLSX_TYPE);
    expect(f.filename).toBe('plan.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'title', 'n']);
    expect(ws.getRow(2).values).toEqual([undefined, 'x', 2]);
  });
});
