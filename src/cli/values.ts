/** `chiso import values` (streamed, chunked, with a progress bar) and `chiso export values`. */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Actor } from '../access/actor.js';
import type { Database } from '../db/index.js';
import type { RowInput } from '../domain/dataValueRow.js';
import type { ImportResult } from '../services/dataValues.js';
import {
  listStoredValues,
  rowOfCells,
  VALUE_CSV_OPTIONAL,
  VALUE_CSV_REQUIRED,
} from '../services/dataValues.js';
import { safeCell } from '../services/exports.js';
import { csvProblemError } from '../services/importErrors.js';
import { startValueImport } from '../services/valueImport.js';

export const DEFAULT_CHUNK = 50_000;

/** Bytes → text, refusing invalid UTF-8 with the line where it starts (as the API does). */
async function* decodeStrict(source: AsyncIterable<Buffer>, onBytes: (n: number) => void) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 1;
  let first = true;
  for await (const chunk of source) {
    onBytes(chunk.length);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      let offset = 0;
      for (const part of chunk.toString('latin1').split('\n')) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(offset, offset + part.length));
        } catch {
          break;
        }
        offset += part.length + 1;
        lines++;
      }
      throw csvProblemError({ kind: 'encoding', row: lines });
    }
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      // the line of the NUL itself, as the API's reader names it (domain/csv.ts)
      for (let i = text.indexOf('\n'); i >= 0 && i < nul; i = text.indexOf('\n', i + 1)) lines++;
      throw csvProblemError({ kind: 'encoding', row: lines });
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

const nonAscii = /[\u0080-\uffff]/;
const nfc = (s: string) => (nonAscii.test(s) ? s.normalize('NFC') : s);

/**
 * Reads a value CSV as a stream of row chunks. The header is checked like the API does
 * (required columns, no unknown ones); rows keep their line number in the file.
 */
export async function* valueChunks(
  file: string,
  chunkSize: number,
  onBytes: (n: number) => void = () => {},
): AsyncGenerator<RowInput[]> {
  const parser = parse({ info: true, trim: true, skip_empty_lines: true, relax_column_count: false });
  const done = pipeline(Readable.from(decodeStrict(createReadStream(file), onBytes)), parser);
  done.catch(() => {}); // surfaced through the iteration below
  let header: string[] | null = null;
  let chunk: RowInput[] = [];
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = rec.record.map((h) => h.trim().toLowerCase());
        const known = new Set([...VALUE_CSV_REQUIRED, ...VALUE_CSV_OPTIONAL]);
        const ok =
          VALUE_CSV_REQUIRED.every((c) => header!.includes(c)) &&
          header.every((h) => known.has(h)) &&
          new Set(header).size === header.length;
        if (!ok)
          throw csvProblemError({
            kind: 'header',
            expected: [...VALUE_CSV_REQUIRED, ...VALUE_CSV_OPTIONAL.map((o) => `[${o}]`)],
            got: header,
          });
        continue;
      }
      const cells: Record<string, string> = {};
      for (let j = 0; j < header.length; j++) cells[header[j]] = nfc(rec.record[j] ?? '');
      chunk.push(rowOfCells(rec.info.lines, cells));
      if (chunk.length >= chunkSize) {
        yield chunk;
        chunk = [];
      }
    }
  } catch (e) {
    const err = e as { code?: string; lines?: number; message: string };
    if (typeof err.code === 'string' && err.code.startsWith('CSV_'))
      throw csvProblemError({ kind: 'parse', row: err.lines ?? 1, reason: err.message });
    throw e;
  }
  if (!header) throw csvProblemError({ kind: 'empty' });
  if (chunk.length > 0) yield chunk;
}

export async function importValueFile(
  database: Database,
  actor: Actor,
  file: string,
  opts: {
    partial: boolean;
    chunkSize?: number;
    errStream?: NodeJS.WritableStream;
    label?: string;
  },
): Promise<ImportResult & { rows: number }> {
  const importer = startValueImport(database, actor, {
    mode: opts.partial ? 'partial' : 'atomic',
    source: 'import',
  });
  const total = statSync(file).size;
  const bar = new SingleBar({
    stream: opts.errStream ?? process.stderr,
    format: `${opts.label ?? 'Đọc'} |{bar}| {percentage}% | {rows} | {rejected} ✗ | {eta_formatted}`,
    hideCursor: true,
    clearOnComplete: false,
  });
  let bytes = 0;
  bar.start(total, 0, { rows: 0, rejected: 0 });
  try {
    for await (const chunk of valueChunks(file, opts.chunkSize ?? DEFAULT_CHUNK, (n) => {
      bytes += n;
    })) {
      await importer.add(chunk);
      bar.update(Math.min(bytes, total), { rows: importer.rows, rejected: importer.rejected });
    }
    if (importer.rows === 0) throw csvProblemError({ kind: 'empty' });
    const result = await importer.finish();
    bar.update(total, { rows: importer.rows, rejected: importer.rejected });
    return { ...result, rows: importer.rows };
  } finally {
    bar.stop();
  }
}

export const EXPORT_HEADER = [
  'indicator',
  'org_unit',
  'period',
  'category_option',
  'value',
  'numerator',
  'denominator',
  'comment',
];

/**
 * Writes stored values (as entered) to CSV or Excel. The default columns are the import format,
 * so an exported file imports back unchanged; `withStatus` adds status and updated_at.
 */
export async function exportValueFile(
  database: Database,
  actor: Actor,
  file: string,
  q: { indicator?: string; orgUnit?: string; period?: string; format: 'csv' | 'xlsx'; withStatus?: boolean },
): Promise<number> {
  const header = q.withStatus ? [...EXPORT_HEADER, 'status', 'updated_at'] : EXPORT_HEADER;
  const PAGE = 20_000;
  const pages = async function* () {
    for (let offset = 0; ; offset += PAGE) {
      const page = await listStoredValues(database, actor, { ...q, limit: PAGE, offset });
      yield page.items.map((v) => {
        const row: unknown[] = [
          v.indicator,
          v.orgUnit,
          v.period,
          v.categoryOption ?? null,
          v.value,
          v.numerator,
          v.denominator,
          v.comment,
        ];
        if (q.withStatus) row.push(v.status, v.updatedAt);
        return row.map(safeCell);
      });
      if (page.items.length < PAGE) return;
    }
  };
  let count = 0;
  if (q.format === 'xlsx') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
    wb.creator = 'chiso';
    const ws = wb.addWorksheet('data', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = header.map((h) => ({ header: h, key: h, width: Math.max(12, h.length + 2) }));
    ws.getRow(1).font = { bold: true };
    for await (const rows of pages()) {
      for (const r of rows) ws.addRow(r).commit();
      count += rows.length;
    }
    ws.commit();
    await wb.commit();
    return count;
  }
  const out = createWriteStream(file);
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(s)) resolve();
      else out.once('drain', resolve).once('error', reject);
    });
  await write(`\ufeff${stringify([header])}`);
  for await (const rows of pages()) {
    if (rows.length) await write(stringify(rows));
    count += rows.length;
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return count;
}
