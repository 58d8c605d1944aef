/**
 * Files of data values: the one layout every export of stored values writes (API CSV and .xlsx,
 * the CLI) and every import reads back (CSV or .xlsx; a raw body, a multipart upload or the CLI).
 * The import columns come first (`indicator,org_unit,period,category_option,value,numerator,
 * denominator,comment`); the columns after them are for the person reading the file (status,
 * updated_at, names) and are ignored by the import (VALUE_EXPORT_ONLY). Text cells carry the
 * formula guard (domain/spreadsheetCell.ts), which the reader takes off again. So an exported file,
 * imported as it is, changes nothing (`unchanged` = its rows).
 */
import { checkHeader, isProblem } from '../domain/csv.js';
import type { RowInput } from '../domain/dataValueRow.js';
import { AppError } from '../errors.js';
import { type MessageKey, registerMessages } from '../i18n/index.js';
import {
  checkRequestRows,
  type listStoredValues,
  rowOfCells,
  VALUE_CSV_OPTIONAL,
  VALUE_CSV_REQUIRED,
} from './dataValues.js';
import { csvProblemError } from './importErrors.js';
import { readXlsxSafely } from './xlsxSafe.js';

registerMessages(
  {
    'values.xlsx_header':
      'Dòng tiêu đề của trang tính (dòng {{row}}) không đúng: cần các cột {{expected}}; nhận được {{got}}.',
    'values.xlsx_stray': 'Dòng {{row}}, cột thứ {{column}}: có giá trị nhưng cột không có tiêu đề.',
  },
  {
    'values.xlsx_header':
      'Wrong header row in the sheet (row {{row}}): expected columns {{expected}}; got {{got}}.',
    'values.xlsx_stray': 'Row {{row}}, column {{column}}: a value in a column without a header.',
  },
);

/** The columns an import reads, in the order exports write them. */
export const VALUE_FILE_COLUMNS = [
  'indicator',
  'org_unit',
  'period',
  'category_option',
  'value',
  'numerator',
  'denominator',
  'comment',
];

/** The export-only columns a download adds after them (all in VALUE_EXPORT_ONLY). */
export const VALUE_FILE_EXTRAS = [
  'status',
  'updated_at',
  'indicator_name',
  'org_unit_name',
  'category_option_name',
] as const;

/** The sheet exports write the values to (an import reads it, else the first sheet). */
export const VALUE_SHEET = 'data';

type StoredValue = Awaited<ReturnType<typeof listStoredValues>>['items'][number];

/** A stored value as a file row: the import columns, then `extras` (the writer applies `safeCell`). */
export function valueFileRow(v: StoredValue, extras: readonly (typeof VALUE_FILE_EXTRAS)[number][]) {
  const more: Record<(typeof VALUE_FILE_EXTRAS)[number], unknown> = {
    status: v.status,
    updated_at: v.updatedAt,
    indicator_name: v.indicatorName,
    org_unit_name: v.orgUnitName,
    category_option_name: v.categoryOptionName ?? null,
  };
  return [
    v.indicator,
    v.orgUnit,
    v.period,
    v.categoryOption ?? null,
    v.value,
    v.numerator,
    v.denominator,
    v.comment,
    ...extras.map((c) => more[c]),
  ];
}

/**
 * The value rows of an uploaded .xlsx (sheet `data`, else the first sheet), read within the bomb
 * guards of xlsxSafe.ts. The first non-empty row is the header, checked as a CSV header is (same
 * columns, same `bad_header` error); a row's number is its row in the sheet, so a row problem names
 * the row and the column a person sees in Excel. Numbers stay numbers (no text round trip).
 */
export async function rowsFromXlsx(bytes: Buffer): Promise<RowInput[]> {
  const grid = await readXlsxSafely(bytes, { dataSheet: VALUE_SHEET, helpSheet: '', anySheet: true });
  const blank = (r: unknown[]) => r.every((c) => c === null || c === '');
  let first = 0;
  while (first < grid.rows.length && blank(grid.rows[first])) first++;
  if (first >= grid.rows.length) throw csvProblemError({ kind: 'empty' });
  const named = grid.rows[first].map((c) => (c === null ? '' : String(c)));
  // trailing empty header cells (a column formatted but never filled) are not columns
  while (named.length > 0 && named[named.length - 1].trim() === '') named.pop();
  const header = checkHeader(named, VALUE_CSV_REQUIRED, VALUE_CSV_OPTIONAL);
  if (isProblem(header)) {
    if (header.kind !== 'header') throw csvProblemError(header);
    const params = { row: first + 1, expected: header.expected.join(','), got: header.got.join(',') };
    throw new AppError(400, 'bad_header', 'values.xlsx_header' as MessageKey, params, [
      { row: first + 1, field: 'header', expected: header.expected, got: header.got },
    ]);
  }
  checkRequestRows(grid.rows.length - first - 1);
  const rows: RowInput[] = [];
  for (let i = first + 1; i < grid.rows.length; i++) {
    const r = grid.rows[i];
    if (blank(r)) continue;
    const extra = r.findIndex((c, j) => j >= header.length && c !== null && c !== '');
    if (extra >= 0)
      throw new AppError(
        400,
        'bad_csv',
        'values.xlsx_stray' as MessageKey,
        { row: i + 1, column: extra + 1 },
        [{ row: i + 1, column: extra + 1 }],
      );
    const cells: Record<string, string | number | boolean | null> = {};
    header.forEach((h, j) => {
      cells[h] = r[j] ?? null;
    });
    rows.push(rowOfCells(i + 1, cells));
  }
  if (rows.length === 0) throw csvProblemError({ kind: 'empty' });
  return rows;
}

/** Whether bytes are a zip (an .xlsx) rather than text. */
export const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
