/**
 * Uploaded .xlsx files read safely (issue #10, hostile files). An .xlsx is a zip: a few MB can
 * inflate to gigabytes. Before anything is inflated, the zip's central directory is read (sizes
 * as declared, entry count, compression ratio) and the file refused when it is out of bounds. Then
 * the file is read in a worker thread (xlsxWorker.mjs) with a heap limit and a time limit: it
 * counts the bytes really inflated and the worksheet rows, stopping at the limits (declared sizes
 * can lie), and only then parses with exceljs. A bomb can exhaust only that worker; the event
 * loop keeps serving other requests. At most CHISO_XLSX_WORKERS files are read at once.
 *
 * Limits (environment, read on every call):
 * - CHISO_XLSX_MAX_MB (50): total uncompressed size of the zip's entries, in MB.
 * - CHISO_XLSX_MAX_ROWS (200000): rows in any worksheet.
 * - CHISO_XLSX_MAX_RATIO (200): uncompressed/compressed size of one entry above 1 MB.
 * - CHISO_XLSX_MAX_ENTRIES (2000): files inside the zip.
 * - CHISO_XLSX_HEAP_MB (256): the worker's old-generation heap.
 * - CHISO_XLSX_TIMEOUT_MS (60000), CHISO_XLSX_WORKERS (1).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import { registerMessages } from '../i18n/index.js';

registerMessages(
  {
    'xlsx.too_large':
      'Tệp Excel khi giải nén lớn hơn giới hạn {{limit}} MB (tệp khai báo {{found}} MB). Hãy chia nhỏ tệp hoặc dùng CSV.',
    'xlsx.too_large_real':
      'Tệp Excel khi giải nén vượt quá giới hạn {{limit}} MB; đã dừng đọc. Hãy chia nhỏ tệp hoặc dùng CSV.',
    'xlsx.too_many_rows': 'Trang tính có hơn {{limit}} dòng; đã dừng đọc. Hãy chia nhỏ tệp hoặc dùng CSV.',
    'xlsx.suspicious':
      'Tệp Excel có cấu trúc bất thường ({{what}}), có thể là tệp nén độc hại; không đọc tệp này.',
    'xlsx.out_of_memory':
      'Tệp Excel quá phức tạp để đọc trong giới hạn bộ nhớ {{limit}} MB. Hãy chia nhỏ tệp hoặc dùng CSV.',
    'xlsx.timeout': 'Đọc tệp Excel quá {{seconds}} giây; đã dừng. Hãy chia nhỏ tệp hoặc dùng CSV.',
  },
  {
    'xlsx.too_large':
      'The Excel file is larger than {{limit}} MB uncompressed (it declares {{found}} MB). Split it or use CSV.',
    'xlsx.too_large_real':
      'The Excel file inflates past the limit of {{limit}} MB uncompressed; reading stopped. Split it or use CSV.',
    'xlsx.too_many_rows':
      'A worksheet has more than {{limit}} rows; reading stopped. Split the file or use CSV.',
    'xlsx.suspicious':
      'The Excel file has an abnormal structure ({{what}}) and may be a zip bomb; it was not read.',
    'xlsx.out_of_memory':
      'The Excel file is too complex to read within the {{limit}} MB memory limit. Split it or use CSV.',
    'xlsx.timeout':
      'Reading the Excel file took more than {{seconds}} s and was stopped. Split it or use CSV.',
  },
);

export interface XlsxLimits {
  maxBytes: number;
  maxRows: number;
  maxRatio: number;
  maxEntries: number;
  heapMb: number;
  timeoutMs: number;
  workers: number;
}

const num = (v: string | undefined, d: number) => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) && n > 0 ? n : d;
};

export function xlsxLimits(env: NodeJS.ProcessEnv = process.env): XlsxLimits {
  return {
    maxBytes: num(env.CHISO_XLSX_MAX_MB, 50) * 1048576,
    maxRows: Math.floor(num(env.CHISO_XLSX_MAX_ROWS, 200_000)),
    maxRatio: num(env.CHISO_XLSX_MAX_RATIO, 200),
    maxEntries: Math.floor(num(env.CHISO_XLSX_MAX_ENTRIES, 2000)),
    heapMb: num(env.CHISO_XLSX_HEAP_MB, 256),
    timeoutMs: num(env.CHISO_XLSX_TIMEOUT_MS, 60_000),
    workers: Math.floor(num(env.CHISO_XLSX_WORKERS, 1)),
  };
}

interface ZipEntry {
  path: string;
  type: 'File' | 'Directory';
  compressedSize: number;
  uncompressedSize: number;
}
// unzipper comes with exceljs (its streaming reader): resolved from there, its central directory read only
const requireFromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
const unzipper = requireFromExceljs('unzipper') as {
  Open: { buffer(b: Buffer): Promise<{ files: ZipEntry[] }> };
};

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
const tooLarge = (key: string, params: Record<string, unknown>, code = 'xlsx_too_large') =>
  new AppError(413, code, key as MessageKey, params, [{ field: 'file', ...params }]);

/** The central directory only, nothing inflated: throws when sizes, count or ratio are out of bounds. */
export async function inspectXlsx(body: Buffer, limits: XlsxLimits = xlsxLimits()): Promise<void> {
  let files: ZipEntry[];
  try {
    files = (await unzipper.Open.buffer(body)).files;
  } catch (e) {
    throw new AppError(400, 'bad_file', 'reporting.upload_unreadable' as MessageKey, {
      reason: (e as Error).message || String(e),
    });
  }
  if (files.length > limits.maxEntries)
    throw tooLarge(
      'xlsx.suspicious',
      { what: `${files.length} entries > ${limits.maxEntries}` },
      'xlsx_suspicious',
    );
  let total = 0;
  for (const f of files) {
    total += f.uncompressedSize;
    if (f.uncompressedSize > 1048576 && f.uncompressedSize > limits.maxRatio * Math.max(1, f.compressedSize))
      throw tooLarge(
        'xlsx.suspicious',
        {
          what: `${f.path}: ${mb(f.uncompressedSize)} MB / ${mb(f.compressedSize)} MB`,
        },
        'xlsx_suspicious',
      );
  }
  if (total > limits.maxBytes)
    throw tooLarge('xlsx.too_large', { limit: mb(limits.maxBytes), found: mb(total) });
}

export interface XlsxGrid {
  /** rows[i] is the sheet row i+1; each an array of cells by column (0-based). */
  rows: Array<Array<string | number | boolean | null>>;
  period: string | null;
}

type WorkerAnswer =
  | { ok: true; rows: XlsxGrid['rows']; period: string | null }
  | { ok: false; kind: 'bytes' | 'rows'; found: number }
  | { ok: false; kind: 'unreadable'; reason: string }
  | { ok: false; kind: 'sheet_missing' };

// at most `workers` files read at once; the others wait their turn
let running = 0;
const waiting: Array<() => void> = [];
async function slot(max: number): Promise<() => void> {
  if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

const WORKER = new URL('./xlsxWorker.mjs', import.meta.url);

/**
 * Reads sheet `dataSheet` of an uploaded workbook (and the period on `helpSheet`) off the event
 * loop; with `anySheet`, the first sheet when none is named `dataSheet`. Throws the contract's
 * error (4xx) for a hostile or unreadable file.
 */
export async function readXlsxSafely(
  body: Buffer,
  sheets: { dataSheet: string; helpSheet: string; anySheet?: boolean },
  limits: XlsxLimits = xlsxLimits(),
): Promise<XlsxGrid> {
  await inspectXlsx(body, limits);
  const release = await slot(limits.workers);
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      // the worker gets its own copy, moved rather than cloned
      const copy = new Uint8Array(body);
      const worker = new Worker(WORKER, {
        transferList: [copy.buffer],
        workerData: {
          buffer: copy,
          ...sheets,
          maxBytes: limits.maxBytes,
          maxRows: limits.maxRows,
        },
        resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32 },
      });
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        f();
        void worker.terminate();
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new AppError(422, 'xlsx_timeout', 'xlsx.timeout' as MessageKey, {
                seconds: Math.round(limits.timeoutMs / 1000),
              }),
            ),
          ),
        limits.timeoutMs,
      );
      worker.once('message', (m: WorkerAnswer) => finish(() => resolve(m)));
      worker.once('error', (e: Error & { code?: string }) =>
        finish(() =>
          reject(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? tooLarge('xlsx.out_of_memory', { limit: limits.heapMb })
              : new AppError(400, 'bad_file', 'reporting.upload_unreadable' as MessageKey, {
                  reason: e.message,
                }),
          ),
        ),
      );
      worker.once('exit', (code) =>
        finish(() =>
          reject(
            new AppError(400, 'bad_file', 'reporting.upload_unreadable' as MessageKey, {
              reason: `exit ${code}`,
            }),
          ),
        ),
      );
    });
    if (answer.ok) return { rows: answer.rows, period: answer.period };
    switch (answer.kind) {
      case 'bytes':
        throw tooLarge('xlsx.too_large_real', { limit: mb(limits.maxBytes) });
      case 'rows':
        throw tooLarge('xlsx.too_many_rows', { limit: limits.maxRows }, 'xlsx_too_many_rows');
      case 'sheet_missing':
        throw new AppError(400, 'bad_file', 'reporting.upload_sheet_missing' as MessageKey, {
          sheet: sheets.dataSheet,
        });
      default:
        throw new AppError(400, 'bad_file', 'reporting.upload_unreadable' as MessageKey, {
          reason: answer.reason,
        });
    }
  } finally {
    release();
  }
}
