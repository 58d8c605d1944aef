/**
 * Reading CSV files people make: UTF-8 (with or without BOM) checked strictly, parsed by Papa Parse,
 * the header checked against the columns a file must have. Errors name the line.
 */
import Papa from 'papaparse';

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
  // one line break per line, so line numbers are those an editor shows
  const normal = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const parsed = Papa.parse<string[]>(normal, {
    header: false,
    skipEmptyLines: false,
    newline: '\n',
    delimiter: ',',
  });
  const records = parsed.data;
  // line where each record starts: count the line breaks inside earlier records' quoted fields
  const lines: number[] = new Array(records.length);
  let line = 1;
  for (let i = 0; i < records.length; i++) {
    lines[i] = line;
    let breaks = 0;
    for (const cell of records[i]) if (cell.includes('\n')) breaks += cell.split('\n').length - 1;
    line += 1 + breaks;
  }
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    return { kind: 'parse', row: lines[quoteError.row ?? 0] ?? 1, reason: quoteError.message };
  }
  const isBlank = (r: string[]) => r.length === 1 && r[0].trim() === '';
  let first = 0;
  while (first < records.length && isBlank(records[first])) first++;
  if (first >= records.length) return { kind: 'empty' };
  const header = records[first].map((h) => h.trim().toLowerCase());
  const known = new Set([...required, ...optional]);
  const ok =
    required.every((c) => header.includes(c)) &&
    header.every((h) => known.has(h)) &&
    new Set(header).size === header.length;
  if (!ok) return { kind: 'header', expected: [...required, ...optional.map((o) => `[${o}]`)], got: header };
  const rows: CsvTable['rows'] = [];
  for (let i = first + 1; i < records.length; i++) {
    const r = records[i];
    if (isBlank(r)) continue;
    if (r.length !== header.length) {
      return {
        kind: 'parse',
        row: lines[i],
        reason: `expected ${header.length} fields, got ${r.length} on line ${lines[i]}`,
      };
    }
    const cells: Record<string, string> = {};
    for (let j = 0; j < header.length; j++) cells[header[j]] = r[j].trim();
    rows.push({ row: lines[i], cells });
  }
  if (rows.length === 0) return { kind: 'empty' };
  return { header, rows };
}

export function isProblem(x: unknown): x is CsvProblem {
  return typeof x === 'object' && x !== null && 'kind' in x;
}
