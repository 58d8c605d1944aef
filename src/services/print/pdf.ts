/**
 * HTML → PDF in Debian's Chromium through playwright-core's page.pdf. One PDF at a time, a short queue
 * (a full queue answers 503 at once), a time limit per PDF (the browser is closed when it runs out).
 * The HTML is rendered by the caller's own request (same service call, same rights); Chromium gets
 * it as content, with no session of anyone and no network (every request from the page is refused).
 * No Chromium or no playwright-core on the machine: 503 with a message saying so.
 */
import { existsSync } from 'node:fs';
import { findChromium } from '../../../scripts/chromium.mjs';
import { AppError } from '../../errors.js';
import { type MessageKey, registerMessages } from '../../i18n/index.js';

registerMessages(
  {
    'pdf.unavailable':
      'Máy chủ chưa cài trình duyệt Chromium nên chưa tạo được PDF. Hãy dùng nút "In" và chọn "Lưu thành PDF", hoặc nhờ quản trị viên cài gói chromium.',
    'pdf.busy': 'Máy chủ đang tạo nhiều bản PDF khác. Vui lòng thử lại sau ít phút.',
    'pdf.timeout': 'Tạo PDF quá {{seconds}} giây nên đã dừng. Vui lòng thử lại.',
  },
  {
    'pdf.unavailable':
      'Chromium is not installed on the server, so no PDF can be made. Use "Print" and choose "Save as PDF", or ask an administrator to install the chromium package.',
    'pdf.busy': 'The server is busy making other PDFs. Please try again in a few minutes.',
    'pdf.timeout': 'Making the PDF took longer than {{seconds}} seconds and was stopped. Please try again.',
  },
);

const key = (k: string) => k as MessageKey;

/** How many PDFs may wait behind the one being made. */
export const PDF_QUEUE = 3;
const timeoutMs = () => Number(process.env.CHISO_PDF_TIMEOUT_MS) || 30_000;

let running = false;
const waiting: Array<() => void> = [];

/** Runs `job` when no other PDF is being made; 503 pdf_busy when PDF_QUEUE jobs already wait. */
export async function inPdfQueue<T>(job: () => Promise<T>): Promise<T> {
  await acquire();
  try {
    return await job();
  } finally {
    release();
  }
}

async function acquire(): Promise<void> {
  if (!running) {
    running = true;
    return;
  }
  if (waiting.length >= PDF_QUEUE) throw new AppError(503, 'pdf_busy', key('pdf.busy'));
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release() {
  const next = waiting.shift();
  if (next) next();
  else running = false;
}

type Playwright = typeof import('playwright-core');

async function loadPlaywright(): Promise<Playwright | null> {
  try {
    return await import('playwright-core');
  } catch {
    return null;
  }
}

/** CHISO_PDF_CHROMIUM names the browser for PDFs (a path that does not exist turns PDFs off); else the usual places. */
function chromiumPath(): string | null {
  const set = process.env.CHISO_PDF_CHROMIUM;
  if (set) return existsSync(set) ? set : null;
  return findChromium();
}

async function render(pw: Playwright, executablePath: string, html: string, ms: number): Promise<Buffer> {
  const browser = await pw.chromium.launch({
    executablePath,
    timeout: ms,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-extensions',
    ],
  });
  const timer = setTimeout(() => void browser.close().catch(() => {}), ms);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(ms);
    // the document is self-contained: nothing is fetched (no cookie, no token, no other site)
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, format: 'A4' });
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => {});
  }
}

/** A PDF of `html`, queued behind the one being made; 503 when impossible, busy or too slow. */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const executablePath = chromiumPath();
  const pw = executablePath ? await loadPlaywright() : null;
  if (!executablePath || !pw) throw new AppError(503, 'pdf_unavailable', key('pdf.unavailable'));
  return inPdfQueue(async () => {
    const ms = timeoutMs();
    const started = Date.now();
    try {
      return await render(pw, executablePath, html, ms);
    } catch (err) {
      if (Date.now() - started >= ms - 50)
        throw new AppError(503, 'pdf_timeout', key('pdf.timeout'), {
          seconds: Math.max(1, Math.round(ms / 1000)),
        });
      throw err;
    }
  });
}
