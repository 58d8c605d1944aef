/** Downloads as CSV or Excel. Cells that a spreadsheet would run as a formula (= + - @) are neutralised. */

import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Actor } from '../access/actor.js';
import type { Database } from '../db/index.js';
import { labelPeriod, parsePeriod } from '../domain/period.js';
import { safeCell } from '../domain/spreadsheetCell.js';
import type { Lang } from '../i18n/index.js';
import { findByCodes } from '../repositories/indicators.js';
import { analytics } from './analytics.js';
import { listStoredValues } from './dataValues.js';
import { VALUE_FILE_COLUMNS, VALUE_FILE_EXTRAS, VALUE_SHEET, valueFileRow } from './valueFiles.js';

export { safeCell };

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

/**
 * Stored values as a download in the value-file layout (services/valueFiles.ts): the import
 * columns, category option included, then status, updated_at and names; imports back unchanged.
 */
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
    [...VALUE_FILE_COLUMNS, ...VALUE_FILE_EXTRAS],
    all.map((v) => valueFileRow(v, VALUE_FILE_EXTRAS)),
    VALUE_SHEET,
  );
}

/** Columns of an indicator page's download (exportAnalyticsTable), in the file's language: a file for people. */
export const ANALYTICS_FILE_HEADER = {
  vi: [
    'Hạng',
    'Mã chỉ tiêu',
    'Mã đơn vị',
    'Đơn vị',
    'Mã kỳ',
    'Kỳ',
    'Giá trị',
    'Tử số',
    'Mẫu số',
    'Đơn vị tính',
    'Số đơn vị đã báo cáo',
    'Số đơn vị phải báo cáo',
    'Ước tính',
  ],
  en: [
    'Rank',
    'Indicator code',
    'Unit code',
    'Unit',
    'Period code',
    'Period',
    'Value',
    'Numerator',
    'Denominator',
    'Unit of measure',
    'Units reported',
    'Units expected',
    'Estimated',
  ],
} as const;

/**
 * The indicator page's download: exactly the rows of its table "by unit below" — the analytics of
 * one indicator for the units of `level` inside `orgUnit` in `period` (as recorded, or in the units
 * of `geography`), in the page's order (best first by the indicator's polarity, units without a
 * value last) and with its rank. Aggregates, not stored values: a ratio reported by districts has
 * no stored value at the province, yet the page (and so the file) shows every district.
 */
export async function exportAnalyticsTable(
  database: Database,
  actor: Actor,
  q: {
    indicator: string;
    orgUnit: string;
    period: string;
    level?: number;
    geography?: string;
    format: 'csv' | 'xlsx';
    lang?: Lang;
  },
): Promise<FileDownload> {
  const lang = q.lang ?? 'vi';
  const [ind] = await findByCodes(database, [q.indicator]);
  const rows = (await analytics(database, actor, q))
    // the page's rows: not the unit itself, nor a unit not expected to report and without a value
    .filter(
      (r) => (q.level === undefined || r.orgUnit !== q.orgUnit) && !(r.expected === 0 && r.value === null),
    )
    .sort((a, b) => {
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return ind?.polarity === 'lower' ? a.value - b.value : b.value - a.value;
    });
  return tableFile(
    `chiso-${q.indicator}-${q.orgUnit}-${q.period}`,
    q.format,
    [...ANALYTICS_FILE_HEADER[lang]],
    rows.map((r, i) => {
      const p = parsePeriod(r.period);
      return [
        r.value === null ? null : i + 1,
        r.indicator,
        r.orgUnit,
        r.orgUnitName,
        r.period,
        p ? labelPeriod(p, lang) : r.period,
        r.value,
        r.numerator,
        r.denominator,
        ind?.unit ?? null,
        r.reported,
        r.expected,
        r.estimated ? (lang === 'en' ? 'yes' : 'có') : null,
      ];
    }),
    lang === 'en' ? 'Indicator' : 'Chỉ tiêu',
  );
}
