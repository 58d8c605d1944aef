/**
 * Reads an uploaded .xlsx in a worker thread (started by xlsxSafe.ts with a heap limit), so a
 * hostile file can only exhaust this worker, never the server. Plain JavaScript on purpose: it
 * loads as it is under tsx (`npm start`), under Vitest and under plain node.
 *
 * 1. Inflates every entry once (node:zlib, streaming), counting the bytes that really come out (a zip's
 *    declared sizes can lie) and the <row> elements of each worksheet; stops at the first limit.
 * 2. Only then parses the workbook with exceljs and sends back the data sheet as a grid of plain
 *    values (string | number | boolean | null) plus the period written on the help sheet.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import zlib from 'node:zlib';

// unzipper comes with exceljs (its streaming reader); resolved from there
const requireFromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
const unzipper = requireFromExceljs('unzipper');

class Limit extends Error {
  constructor(kind, found) {
    super(kind);
    this.kind = kind;
    this.found = found;
  }
}

const ROW = Buffer.from('<row');
const isRowEnd = (b) => b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;
/** "<row" followed by a space, '>' or '/', starting at an index below `below` (where i + 4 < buf.length). */
function countRows(buf, below = buf.length) {
  let n = 0;
  for (let i = buf.indexOf(ROW); i >= 0 && i < below && i + 4 < buf.length; i = buf.indexOf(ROW, i + 4))
    if (isRowEnd(buf[i + 4])) n++;
  return n;
}

/**
 * An entry's compressed bytes: its place and sizes come from unzipper's reading of the central
 * directory; the local header is only read for the length of its name and extra field.
 */
function rawData(buffer, entry) {
  const at = entry.offsetToLocalFileHeader;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== 0x04034b50)
    throw new Error(`bad entry ${entry.path}`);
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  return buffer.subarray(start, Math.min(buffer.length, start + entry.compressedSize));
}

/** Inflates every entry (zlib, streaming), counting real bytes and worksheet rows; throws Limit past a limit. */
async function measure(buffer, { maxBytes, maxRows }) {
  const dir = await unzipper.Open.buffer(buffer);
  let total = 0;
  for (const entry of dir.files) {
    if (entry.type !== 'File') continue;
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
      throw new Error(`unsupported compression ${entry.compressionMethod}`);
    const data = rawData(buffer, entry);
    const sheet = /^\/?xl\/worksheets\/[^/]+\.xml$/i.test(entry.path);
    let rows = 0;
    let tail = Buffer.alloc(0);
    const count = (chunk) => {
      total += chunk.length;
      if (total > maxBytes) throw new Limit('bytes', total);
      if (!sheet) return;
      // matches inside the chunk, then those starting in the previous chunk's last 4 bytes
      rows += countRows(chunk) + countRows(Buffer.concat([tail, chunk.subarray(0, 5)]), tail.length);
      tail = chunk.subarray(Math.max(0, chunk.length - 4));
      if (rows > maxRows) throw new Limit('rows', rows);
    };
    if (entry.compressionMethod === 0) {
      count(data);
      continue;
    }
    await new Promise((resolve, reject) => {
      const z = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
      z.on('data', (chunk) => {
        try {
          count(chunk);
        } catch (e) {
          z.removeAllListeners('data');
          z.destroy();
          reject(e);
        }
      });
      z.on('error', reject);
      z.on('end', resolve);
      z.end(data);
    });
  }
  return total;
}

/** A cell's content as text or number (formulas give their cached result). */
function cellText(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.trim() || null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result);
    if ('richText' in v)
      return (
        v.richText
          .map((r) => r.text)
          .join('')
          .trim() || null
      );
    if ('text' in v) return String(v.text).trim() || null;
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

async function read({ buffer, dataSheet, helpSheet, anySheet, maxBytes, maxRows }) {
  const buf = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  try {
    await measure(buf, { maxBytes, maxRows });
  } catch (e) {
    if (e instanceof Limit) return { ok: false, kind: e.kind, found: e.found };
    return { ok: false, kind: 'unreadable', reason: e?.message ?? String(e) };
  }
  // exceljs is loaded only for a file that passed the limits
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf);
  } catch (e) {
    return { ok: false, kind: 'unreadable', reason: e?.message ?? String(e) };
  }
  const ws = wb.getWorksheet(dataSheet) ?? (anySheet ? wb.worksheets[0] : undefined);
  if (!ws) return { ok: false, kind: 'sheet_missing' };
  const rows = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = cellText(cell.value);
    });
    rows[n - 1] = Array.from(cells, (x) => x ?? null);
  });
  let period = null;
  wb.getWorksheet(helpSheet)?.eachRow((row) => {
    if (cellText(row.getCell(1).value) === 'Kỳ báo cáo')
      period = String(cellText(row.getCell(2).value) ?? '');
  });
  return { ok: true, rows: Array.from(rows, (r) => r ?? []), period };
}

read(workerData).then(
  (out) => parentPort.postMessage(out),
  (e) => parentPort.postMessage({ ok: false, kind: 'unreadable', reason: e?.message ?? String(e) }),
);
