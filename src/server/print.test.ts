/**
 * Printable documents and their PDFs, through HTTP on the configured database: the official layout
 * (quốc hiệu, tiêu ngữ, issuing body, place and date, signatures), the app's language, Vietnamese
 * numbers, names instead of codes, no inline script (CSP), the caller's rights, and the PDF queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/chromium.mjs';
import { inPdfQueue, PDF_QUEUE } from '../services/print/pdf.js';
import { appsTarget, COMMUNE_FORM, COMMUNE_SCORECARD, type Fixture, startFixture } from '../test/fixture.js';

let f: Fixture;
let reviewId = 0;
let plan = '';
const H: Record<string, Record<string, string>> = {};
const get = (url: string, headers = f.admin) => f.t.request({ method: 'GET', url, headers });

async function ok(method: 'POST' | 'PUT', url: string, payload: object) {
  const r = await f.t.request({ method, url, headers: f.admin, payload });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return JSON.parse(r.body);
}

beforeAll(async () => {
  f = await startFixture();
  H.dian = await f.t.login('dian');
  H.thuanan = await f.t.login('thuanan');
  await ok('POST', '/api/data-values', {
    values: [{ indicator: 'APPS', orgUnit: '25978', period: '2024M04', value: 12345 }],
  });
  await ok('POST', '/api/forms', COMMUNE_FORM);
  await ok('PUT', '/api/scorecards/SC', COMMUNE_SCORECARD);
  reviewId = (
    await ok('POST', '/api/reviews', {
      scorecard: 'SC',
      title: 'Sơ kết 6 tháng',
      kind: 'interim',
      date: '2024-07-15',
      period: '2024M01',
      orgUnit: '725',
      level: 3,
    })
  ).id;
  plan = 'PL_725';
  await ok('POST', '/api/plans', {
    code: plan,
    name: 'Kế hoạch CĐS Thuận An',
    scopeUnit: '725',
    period: '2024-2026',
  });
  for (const unit of ['25978', '25987']) await ok('POST', '/api/targets', appsTarget(plan, unit));
}, 180_000);
afterAll(async () => f?.t.close());

/** The page without its toolbar (whose PDF link repeats the query). */
const bodyOf = (html: string) => html.replace(/<div class="noprint">[\s\S]*?<\/div>/, '');

describe('a printed review', () => {
  it('in Vietnamese: the official layout, names not codes, Vietnamese numbers and dates', async () => {
    const r = await get(`/api/reviews/${reviewId}/print?lang=vi`, { ...f.admin, 'accept-language': 'en' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    const html = bodyOf(r.body);
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('<p class="motto">Độc lập - Tự do - Hạnh phúc</p>');
    expect(html).toMatch(/text-decoration: underline/);
    expect(html).toContain('<p class="issuer">Thành phố Thuận An</p>');
    expect(html).toContain('<p class="issuer-parent">Tỉnh Bình Dương</p>');
    expect(html).toContain('Bình Dương, ngày 15 tháng 07 năm 2024');
    expect(html).toContain('Báo cáo sơ kết thi đua: Sơ kết 6 tháng');
    expect(html).toContain('Tháng 1/2024');
    expect(html).toContain('Lái Thiêu');
    // Bình Chuẩn 88 of 100 → 0,88 first; Lái Thiêu 79 → 0,79
    expect(html).toMatch(/Bình Chuẩn<\/td><td class="n b">0,88</);
    expect(html).toMatch(/Lái Thiêu<\/td><td class="n b">0,79</);
    expect(html).toContain('@page { size: A4 landscape');
    expect(html).toContain('NGƯỜI LẬP BIỂU');
    expect(html).not.toMatch(/\b25978\b|\b25987\b|\b725\b/);
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
    expect(html).not.toMatch(/\d[.,]\d{4,}/);
  });

  it('in English when the app asks for it, whatever the browser says', async () => {
    const r = await get(`/api/reviews/${reviewId}/print?lang=en`, { ...f.admin, 'accept-language': 'vi' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<html lang="en">');
    expect(r.body).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect(r.body).toContain('Mid-term review: Sơ kết 6 tháng');
    expect(r.body).toContain('Bình Dương, 15 July 2024');
    expect(r.body).toMatch(/Bình Chuẩn<\/td><td class="n b">0.88</);
  });

  it('has no inline script: the print button is wired by /print.js, allowed by the CSP', async () => {
    const r = await get(`/api/reviews/${reviewId}/print`);
    expect(r.body).not.toMatch(/\son[a-z]+=/i);
    expect(r.body).toContain('<script src="/print.js" defer></script>');
    expect(r.body).toContain(`href="/api/reviews/${reviewId}/print.pdf"`);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const js = await f.t.request({ method: 'GET', url: '/print.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body).toContain("getElementById('chiso-print')");
    expect(js.body).toContain('window.print()');
  });
});

describe('the other documents', () => {
  it("a unit's report: indicator names, Vietnamese thousands, the unit as issuing body", async () => {
    const r = await get('/api/forms/FM/entry/print?orgUnit=25978&period=2024M04&lang=vi');
    expect(r.statusCode, r.body).toBe(200);
    const html = bodyOf(r.body);
    expect(html).toContain('Báo cáo Báo cáo tháng cấp xã');
    expect(html).toContain('<p class="issuer">Phường Lái Thiêu</p>');
    expect(html).toContain('<p class="issuer-parent">Thành phố Thuận An</p>');
    expect(html).toContain('Số hồ sơ trực tuyến tiếp nhận');
    expect(html).toContain('12.345');
    expect(html).not.toContain('APPS');
    const en = await get('/api/forms/FM/entry/print?orgUnit=25978&period=2024M04&lang=en');
    expect(en.body).toContain('Online applications received');
    expect(en.body).toContain('12,345');
  });

  it('a live ranking', async () => {
    const r = await get('/api/scorecards/SC/ranking/print?period=2024M01&orgUnit=725&level=3&lang=vi');
    expect(r.statusCode, r.body).toBe(200);
    expect(bodyOf(r.body)).toContain('Bảng xếp hạng Đánh giá xã');
    expect(bodyOf(r.body)).toMatch(/Bình Chuẩn<\/td><td class="n b">0,88</);
  });

  it("a plan's progress: a summary by status and by indicator, not a row per unit", async () => {
    const r = await get(`/api/plans/${plan}/print?asOf=2025-01-10&lang=vi`);
    expect(r.statusCode, r.body).toBe(200);
    const html = bodyOf(r.body);
    expect(html).toContain('Báo cáo tiến độ thực hiện Kế hoạch CĐS Thuận An');
    expect(html).toContain('Bình Dương, ngày 10 tháng 01 năm 2025');
    expect(html).toContain('Tổng cộng');
    expect(html).toContain('≥ 1.000 hồ sơ');
    // one row for the indicator, two targets in it
    expect(html.match(/Số hồ sơ trực tuyến tiếp nhận/g)?.length).toBe(1);
    expect(html).not.toMatch(/\b25978\b/);
  });
});

describe('rights', () => {
  it('a reporter of another district is refused the page and the PDF', async () => {
    for (const url of [
      `/api/reviews/${reviewId}/print`,
      `/api/reviews/${reviewId}/print.pdf`,
      '/api/forms/FM/entry/print?orgUnit=25978&period=2024M04',
      '/api/forms/FM/entry/print.pdf?orgUnit=25978&period=2024M04',
      `/api/plans/${plan}/print`,
      `/api/plans/${plan}/print.pdf`,
    ]) {
      const r = await get(url, H.dian);
      expect([403, 404], `${url}: ${r.statusCode} ${r.body}`).toContain(r.statusCode);
      expect(r.headers['content-type'], url).toMatch(/json/);
    }
    expect((await get(`/api/reviews/${reviewId}/print.pdf`, {})).statusCode).toBe(401);
  });

  it("the unit's own reporter may print its report", async () => {
    const r = await get('/api/forms/FM/entry/print?orgUnit=25978&period=2024M04', H.thuanan);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.body).toContain('<p class="name">thuanan</p>');
  });
});

describe('PDF', () => {
  it.runIf(findChromium())(
    'renders the page as an A4 PDF with the caller’s rights',
    async () => {
      const r = await get('/api/forms/FM/entry/print.pdf?orgUnit=25978&period=2024M04&lang=vi', H.thuanan);
      expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.headers['content-disposition']).toContain('report-FM-25978-2024M04.pdf');
      expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      // A4 portrait: 595 × 842 points
      const box = /MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(r.rawPayload.toString('latin1'));
      expect(box, 'a MediaBox').not.toBeNull();
      expect(Math.round(Number(box?.[1]))).toBe(595);
      expect(Math.round(Number(box?.[2]))).toBe(842);
    },
    60_000,
  );

  it('answers 503 with a message in the language when the server has no Chromium', async () => {
    const saved = process.env.CHISO_PDF_CHROMIUM;
    process.env.CHISO_PDF_CHROMIUM = '/nonexistent/chromium';
    try {
      const vi = await get(`/api/reviews/${reviewId}/print.pdf`);
      expect(vi.statusCode).toBe(503);
      expect(JSON.parse(vi.body).error).toMatchObject({ code: 'pdf_unavailable' });
      expect(JSON.parse(vi.body).error.message).toContain('Chromium');
      expect(JSON.parse(vi.body).error.message).toContain('Máy chủ');
      const en = await get(`/api/reviews/${reviewId}/print.pdf`, { ...f.admin, 'accept-language': 'en' });
      expect(JSON.parse(en.body).error.message).toContain('Chromium is not installed');
    } finally {
      if (saved === undefined) delete process.env.CHISO_PDF_CHROMIUM;
      else process.env.CHISO_PDF_CHROMIUM = saved;
    }
  });

  it('makes one PDF at a time and refuses at once when the queue is full', async () => {
    let active = 0;
    let most = 0;
    const gates: Array<() => void> = [];
    const job = () =>
      inPdfQueue(async () => {
        active++;
        most = Math.max(most, active);
        await new Promise<void>((resolve) => gates.push(resolve));
        active--;
        return 'done';
      });
    const running = Array.from({ length: PDF_QUEUE + 1 }, job);
    await expect(job()).rejects.toMatchObject({ status: 503, code: 'pdf_busy' });
    while (gates.length || active) {
      await new Promise((r) => setTimeout(r, 5));
      gates.shift()?.();
    }
    expect(await Promise.all(running)).toEqual(Array(PDF_QUEUE + 1).fill('done'));
    expect(most).toBe(1);
  });
});
