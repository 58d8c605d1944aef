/** `chiso import values` (streamed, chunked, with a progress bar) and `chiso export values`. */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Actor } from '../access/actor.js';
import type { Database } from '../db/index.js';
import { CsvError, readCsvStream } from '../domain/csv.js';
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
import {
  isZip,
  rowsFromXlsx,
  VALUE_FILE_COLUMNS,
  VALUE_SHEET,
  valueFileRow,
} from '../services/valueFiles.js';
import { startValueImport } from '../services/valueImport.js';

export const DEFAULT_CHUNK = 50_000;

/**
 * Reads a value CSV as a stream of row chunks with the API's reader (domain/csv.ts): the same
 * UTF-8/NUL check, header rules and line numbers (header = line 1), for a file of any size.
 */
export async function* valueChunks(
  file: string,
  chunkSize: number,
  onBytes: (n: number) => void = () => {},
): AsyncGenerator<RowInput[]> {
  async function* counted() {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      onBytes(chunk.length);
      yield chunk;
    }
  }
  try {
    for await (const rows of readCsvStream(counted(), VALUE_CSV_REQUIRED, VALUE_CSV_OPTIONAL, chunkSize)) {
      yield rows.map((r) => rowOfCells(r.row, r.cells));
    }
  } catch (e) {
    if (e instanceof CsvError) throw csvProblemError(e.problem);
    throw e;
  }
}

/** An .xlsx (a zip) rather than a CSV: by its first bytes, whatever its name. */
function isXlsxFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && isZip(head);
  } finally {
    closeSync(fd);
  }
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
    keepStatusWhenUnchanged: true,
  });
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK;
  if (isXlsxFile(file)) {
    // an .xlsx is read whole, within the bomb guards (services/xlsxSafe.ts), then written as a CSV is
    const rows = await rowsFromXlsx(readFileSync(file));
    for (let i = 0; i < rows.length; i += chunkSize) await importer.add(rows.slice(i, i + chunkSize));
    return { ...(await importer.finish()), rows: importer.rows };
  }
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
    for await (const chunk of valueChunks(file, chunkSize, (n) => {
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

/**
 * Writes stored values (as entered) to CSV or Excel in the value-file layout (services/valueFiles.ts):
 * the import columns; `withStatus` adds status and updated_at, which an import ignores. Either
 * way the file imports back unchanged.
 */
export async function exportValueFile(
  database: Database,
  actor: Actor,
  file: string,
  q: { indicator?: string; orgUnit?: string; period?: string; format: 'csv' | 'xlsx'; withStatus?: boolean },
): Promise<number> {
  const extras = q.withStatus ? (['status', 'updated_at'] as const) : [];
  const header = [...VALUE_FILE_COLUMNS, ...extras];
  const PAGE = 20_000;
  const pages = async function* () {
    for (let offset = 0; ; offset += PAGE) {
      const page = await listStoredValues(database, actor, { ...q, limit: PAGE, offset });
      yield page.items.map((v) => valueFileRow(v, extras).map(safeCell));
      if (page.items.length < PAGE) return;
    }
  };
  let count = 0;
  if (q.format === 'xlsx') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
    wb.creator = 'chiso';
    const ws = wb.addWorksheet(VALUE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
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
