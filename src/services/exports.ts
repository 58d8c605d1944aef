/** Downloads as CSV or Excel. Cells that a spreadsheet would run as a formula (= + - @) are neutralised. */

import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Actor } from '../access/actor.js';
import type { Database } from '../db/index.js';
import { listStoredValues } from './dataValues.js';

/** A text cell starting with = + - @ (or tab/CR) would be a formula in Excel: prefix it with an apostrophe. */
export function safeCell(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** A file to download: the route sends it (src/server/routes/helpers.ts `sendFile`). */
export interface FileDownload {
  contentType: string;
  /** The name offered to the browser (made safe for the header when sent). */
  filename: string;
  body: string | Buffer;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A table as CSV (UTF-8, with a BOM for Excel unless `bom: false`) or as an Excel sheet. */
export async function tableFile(
  name: string,
  format: 'csv' | 'xlsx',
  header: string[],
  rows: unknown[][],
  sheetName = 'data',
  opts: { bom?: boolean } = {},
): Promise<FileDownload> {
  const safeName = name.replace(/[^A-Za-z0-9._-]/g, '_');
  if (format === 'csv') {
    const text = stringify([header, ...rows.map((r) => r.map(safeCell))]);
    return {
      contentType: 'text/csv; charset=utf-8',
      filename: `${safeName}.csv`,
      body: opts.bom === false ? text : `\ufeff${text}`,
    };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chiso';
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(safeCell));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  header.forEach((_h, i) => {
    ws.getColumn(i + 1).width = Math.min(40, Math.max(10, header[i].length + 2));
  });
  const buf = await wb.xlsx.writeBuffer();
  return { contentType: XLSX_TYPE, filename: `${safeName}.xlsx`, body: Buffer.from(buf as ArrayBuffer) };
}

export async function exportValues(
  database: Database,
  actor: Actor,
  q: { indicator?: string; orgUnit?: string; period?: string; format: 'csv' | 'xlsx' },
): Promise<FileDownload> {
  const all: Awaited<ReturnType<typeof listStoredValues>>['items'] = [];
  for (let offset = 0; ; offset += 10000) {
    const page = await listStoredValues(database, actor, { ...q, limit: 10000, offset });
    all.push(...page.items);
    if (page.items.length < 10000 || all.length >= 1_000_000) break;
  }
  return tableFile(
    `chiso-${q.indicator ?? 'data'}`,
    q.format,
    [
      'indicator',
      'org_unit',
      'period',
      'value',
      'numerator',
      'denominator',
      'status',
      'comment',
      'updated_at',
    ],
    all.map((v) => [
      v.indicator,
      v.orgUnit,
      v.period,
      v.value,
      v.numerator,
      v.denominator,
      v.status,
      v.comment,
      v.updatedAt,
    ]),
  );
}
