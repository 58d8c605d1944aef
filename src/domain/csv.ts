/**
 * The one CSV reader. Files people make: UTF-8 (with or without BOM) checked strictly, parsed by Papa
 * Parse, the header checked against the columns a file must have. Errors name the line (header = 1).
 * Whole texts (request bodies) go through `decodeUtf8` + `readCsv`; files of any size through
 * `readCsvStream`, which gives the same rows, line numbers and problems chunk by chunk; `readCsvGrid`
 * gives raw records (the report template's CSV layout).
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
    return { kind: 'encoding', row: firstBadLine(bytes) ?? 1 };
  }
}

/** 1-based line (within `bytes`, which start at a line's start) of the first line that is not UTF-8. */
function firstBadLine(bytes: Uint8Array): number | null {
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      start = i + 1;
      line++;
    }
  }
  return null;
}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Thrown by the streaming reader; carries the same problem `readCsv` returns. */
export class CsvError extends Error {
  constructor(readonly problem: CsvProblem) {
    super(`csv ${problem.kind}`);
  }
}

const PAPA = { header: false, skipEmptyLines: false, newline: '\n', delimiter: ',' } as const;
type PapaError = { type: string; row?: number; message: string };
type Record_ = string[];

const isBlank = (r: Record_) => r.length === 1 && r[0].trim() === '';

/** Lines taken by a record: 1 plus the line breaks inside its quoted fields. */
function linesOf(r: Record_): number {
  let n = 1;
  for (const cell of r) if (cell.includes('\n')) n += cell.split('\n').length - 1;
  return n;
}

/** The header, or why it is refused (missing, unknown or repeated columns). */
export function checkHeader(record: Record_, required: string[], optional: string[]): string[] | CsvProblem {
  const header = record.map((h) => h.trim().toLowerCase());
  const known = new Set([...required, ...optional]);
  const ok =
    required.every((c) => header.includes(c)) &&
    header.every((h) => known.has(h)) &&
    new Set(header).size === header.length;
  if (!ok) return { kind: 'header', expected: [...required, ...optional.map((o) => `[${o}]`)], got: header };
  return header;
}

function rowOf(
  header: string[],
  r: Record_,
  line: number,
  clean: (s: string) => string,
): CsvTable['rows'][number] | CsvProblem {
  if (r.length !== header.length) {
    return {
      kind: 'parse',
      row: line,
      reason: `expected ${header.length} fields, got ${r.length} on line ${line}`,
    };
  }
  const cells: Record<string, string> = {};
  for (let j = 0; j < header.length; j++) cells[header[j]] = clean(r[j]);
  return { row: line, cells };
}

/** One line break per line, so line numbers are those an editor shows. */
const oneBreak = (text: string) => text.replace(/\r\n?/g, '\n');

/** Records with the line each starts on, or the first quoting problem. */
function records(text: string): { records: Record_[]; lines: number[] } | CsvProblem {
  const normal = oneBreak(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const parsed = Papa.parse<string[]>(normal, PAPA);
  const lines: number[] = new Array(parsed.data.length);
  let line = 1;
  for (let i = 0; i < parsed.data.length; i++) {
    lines[i] = line;
    line += linesOf(parsed.data[i]);
  }
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) return { kind: 'parse', row: lines[quoteError.row ?? 0] ?? 1, reason: quoteError.message };
  return { records: parsed.data, lines };
}

/**
 * Parse CSV text whose header must contain every `required` column and may contain `optional` ones;
 * any other column is refused (a typo in a column name must not be silently ignored).
 */
export function readCsv(text: string, required: string[], optional: string[] = []): CsvTable | CsvProblem {
  const parsed = records(text);
  if (isProblem(parsed)) return parsed;
  const { records: recs, lines } = parsed;
  let first = 0;
  while (first < recs.length && isBlank(recs[first])) first++;
  if (first >= recs.length) return { kind: 'empty' };
  const header = checkHeader(recs[first], required, optional);
  if (isProblem(header)) return header;
  const rows: CsvTable['rows'] = [];
  for (let i = first + 1; i < recs.length; i++) {
    if (isBlank(recs[i])) continue;
    const row = rowOf(header, recs[i], lines[i], (s) => s.trim());
    if (isProblem(row)) return row;
    rows.push(row);
  }
  if (rows.length === 0) return { kind: 'empty' };
  return { header, rows };
}

/**
 * Raw records of a CSV body (UTF-8 checked as `decodeUtf8` does), cells untrimmed, any number of
 * fields per record; blank lines stay (as `['']`), so record i is line i + 1 when no quoted field
 * spans lines.
 */
export function readCsvGrid(bytes: Uint8Array): string[][] | CsvProblem {
  const decoded = decodeUtf8(bytes);
  if (isProblem(decoded)) return decoded;
  const parsed = records(decoded.text);
  if (isProblem(parsed)) return parsed;
  return parsed.records;
}

/**
 * Bytes → text, refusing what `decodeUtf8` refuses (not UTF-8, NUL) with the same line; drops a BOM,
 * and gives each line break as one '\n'.
 */
export async function* decodeUtf8Stream(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1; // line the current chunk starts on
  let tail: Uint8Array = new Uint8Array(); // bytes of the current line read so far
  let first = true;
  let cr = false; // text ended with '\r': it may pair with a '\n' in the next chunk
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const joined = new Uint8Array(tail.length + chunk.length);
      joined.set(tail);
      joined.set(chunk, tail.length);
      throw new CsvError({ kind: 'encoding', row: line + ((firstBadLine(joined) ?? 1) - 1) });
    }
    const nl = chunk.lastIndexOf(0x0a);
    if (nl >= 0) tail = chunk.slice(nl + 1);
    else {
      const more = new Uint8Array(tail.length + chunk.length);
      more.set(tail);
      more.set(chunk, tail.length);
      tail = more;
    }
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text) first = false;
    if (cr) text = `\r${text}`;
    cr = text.endsWith('\r');
    if (cr) text = text.slice(0, -1);
    text = oneBreak(text);
    const nul = text.indexOf('\u0000');
    if (nul >= 0) throw new CsvError({ kind: 'encoding', row: line + lineOf(text, nul) - 1 });
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw new CsvError({ kind: 'encoding', row: line });
  }
  if (cr) rest = `\r${rest}`;
  rest = oneBreak(rest);
  if (rest.includes('\u0000'))
    throw new CsvError({ kind: 'encoding', row: line + lineOf(rest, rest.indexOf('\u0000')) - 1 });
  if (rest) yield rest;
}

const nonAscii = /[\u0080-\uffff]/;
const nfc = (s: string) => (nonAscii.test(s) ? s.normalize('NFC') : s);

/**
 * `readCsv` for a file of any size: the same header rules, rows (cells trimmed, NFC), line numbers
 * and problems (thrown as `CsvError`), given `chunkSize` rows at a time. Papa Parse's own parser
 * reads complete records; the last, possibly cut, record waits for more text.
 */
export async function* readCsvStream(
  source: AsyncIterable<Uint8Array>,
  required: string[],
  optional: string[],
  chunkSize: number,
): AsyncGenerator<CsvTable['rows']> {
  let header: string[] | null = null;
  let line = 1;
  let any = false;
  let chunk: CsvTable['rows'] = [];
  let pending = '';
  let fresh = 0; // text appended since the last parse
  const take = (text: string, last: boolean) => {
    const parsed = new Papa.Parser(PAPA).parse(text, 0, !last) as {
      data: Record_[];
      errors: PapaError[];
      meta: { cursor: number };
    };
    const recs = parsed.data;
    // a problem in the cut last record is looked at again once it is whole
    const quote = parsed.errors
      .filter((e) => e.type === 'Quotes' && (e.row ?? 0) < recs.length)
      .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))[0];
    for (let i = 0; i < recs.length; i++) {
      const r = recs[i];
      const at = line;
      line += linesOf(r);
      if (quote && (quote.row ?? 0) === i)
        throw new CsvError({ kind: 'parse', row: at, reason: quote.message });
      if (isBlank(r)) continue;
      if (!header) {
        const h = checkHeader(r.map(nfc), required, optional);
        if (isProblem(h)) throw new CsvError(h);
        header = h;
        continue;
      }
      const row = rowOf(header, r, at, (s) => nfc(s.trim()));
      if (isProblem(row)) throw new CsvError(row);
      chunk.push(row);
      any = true;
    }
    return last ? '' : text.slice(parsed.meta.cursor);
  };
  for await (const text of decodeUtf8Stream(source)) {
    pending += text;
    fresh += text.length;
    // a long record is parsed again only once the text has doubled, so reading stays linear
    if (fresh < pending.length - fresh) continue;
    pending = take(pending, false);
    fresh = 0;
    if (chunk.length >= chunkSize) {
      let i = 0;
      for (; i + chunkSize <= chunk.length; i += chunkSize) yield chunk.slice(i, i + chunkSize);
      chunk = chunk.slice(i);
    }
  }
  take(pending, true);
  if (!header || !any) throw new CsvError({ kind: 'empty' });
  for (let i = 0; i < chunk.length; i += chunkSize) yield chunk.slice(i, i + chunkSize);
}

export function isProblem(x: unknown): x is CsvProblem {
  return typeof x === 'object' && x !== null && 'kind' in x;
}
