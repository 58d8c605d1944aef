/**
 * Reading CSV files people make: UTF-8 (with or without BOM) checked strictly, parsed by csv-parse,
 * the header checked against the columns a file must have. Errors name the line.
 */
import { parse } from 'csv-parse/sync';

export type CsvProblem =
  | { kind: 'encoding'; row: number }
  | { kind: 'parse'; row: number; reason: string }
  | { kind: 'header'; expected: string[]; got: string[] }
  | { kind: 'empty' };

export interface CsvTable {
  header: string[];
  /** Data rows as objects keyed by header; `row` is the 1-based line number in the file (header = 1). */
  rows: Array<{ row: number; cells: Record<string, string> }>;
}

/** Decode bytes as UTF-8, refusing anything else (Windows-1258 or UTF-16 files from Excel). */
export function decodeUtf8(bytes: Uint8Array): { text: string } | CsvProblem {
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.includes('\u0000')) return { kind: 'encoding', row: lineOf(text, text.indexOf('\u0000')) };
    return { text: text.normalize('NFC') };
  } catch {
    // find the first line that does not decode
    let start = 0;
    let line = 1;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
        } catch {
          return { kind: 'encoding', row: line };
        }
        start = i + 1;
        line++;
      }
    }
    return { kind: 'encoding', row: 1 };
  }
}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Parse CSV text whose header must contain every `required` column and may contain `optional` ones;
 * any other column is refused (a typo in a column name must not be silently ignored).
 */
export function readCsv(text: string, required: string[], optional: string[] = []): CsvTable | CsvProblem {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // one line break per line: csv-parse counts a CRLF inside a quoted field as two lines
    records = parse(text.replace(/\r\n?/g, '\n'), {
      relax_column_count: false,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    return { kind: 'parse', row: err.lines ?? 1, reason: err.message };
  }
  if (records.length === 0) return { kind: 'empty' };
  const header = records[0].record.map((h) => h.trim().toLowerCase());
  const known = new Set([...required, ...optional]);
  const ok =
    required.every((c) => header.includes(c)) &&
    header.every((h) => known.has(h)) &&
    new Set(header).size === header.length;
  if (!ok) return { kind: 'header', expected: [...required, ...optional.map((o) => `[${o}]`)], got: header };
  const rows = records.slice(1).map((r) => {
    const cells: Record<string, string> = {};
    header.forEach((h, j) => {
      cells[h] = r.record[j] ?? '';
    });
    // info.lines is the record's last line; a record with quoted line breaks starts earlier
    const breaks = r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    return { row: r.info.lines - breaks, cells };
  });
  if (rows.length === 0) return { kind: 'empty' };
  return { header, rows };
}

export function isProblem(x: unknown): x is CsvProblem {
  return typeof x === 'object' && x !== null && 'kind' in x;
}
