/**
 * POST /api/plans/extract through HTTP on the demo province (its catalogue, its users), on PGlite
 * or on PostgreSQL when DATABASE_URL is set: plain text, .docx and text PDF, raw and multipart;
 * the exact answer shape; bad input answered 4xx in Vietnamese and English; rights; nothing written.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.js';

const PLAN = [
  'KẾ HOẠCH Chuyển đổi số năm 2025',
  'Mục tiêu cụ thể:',
  'Phấn đấu đến năm 2025, 100% dịch vụ công trực tuyến được cung cấp dưới dạng toàn trình và một phần.',
  'Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt 90% ở cấp tỉnh, 80% cấp huyện, 60% cấp xã.',
  'Đến nay, toàn tỉnh có hơn 580 tổ công nghệ số cộng đồng.',
].join('\n');

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
let t: TestApp;
let admin: Record<string, string>;
let secretariat: Record<string, string>;
let reporter: Record<string, string>;
let leader: Record<string, string>;

beforeAll(async () => {
  process.env.CHISO_UPLOAD_MAX_MB = '2';
  t = await startTestApp({ demo: true });
  admin = await t.login('admin');
  secretariat = await t.login('sotttt');
  reporter = await t.login('thuanan');
  leader = await t.login('lanhdao');
}, 120_000);

afterAll(async () => {
  delete process.env.CHISO_UPLOAD_MAX_MB;
  await t?.close();
});

const post = (
  payload: string | Buffer,
  contentType: string,
  headers = secretariat,
  url = '/api/plans/extract',
) => t.request({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload });

/** A minimal .docx: one paragraph per line. */
async function docxOf(lines: string[]): Promise<Buffer> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${lines
      .map((l) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r></w:p>`)
      .join('')}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A one-page PDF whose text layer holds `lines` (Unicode through a ToUnicode map); none: a "scan". */
function pdfOf(lines: string[]): Buffer {
  const hex = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
  const content = lines.map((l, i) => `BT /F1 8 Tf 20 ${760 - i * 12} Td <${hex(l)}> Tj ET`).join('\n');
  const ranges = Array.from({ length: 256 }, (_, i) => {
    const x = i.toString(16).padStart(2, '0');
    return `<${x}00> <${x}ff> <${x}00>`;
  });
  const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /U def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n256 beginbfrange\n${ranges.join('\n')}\nendbfrange endcmap CMapName currentdict /CMap defineresource pop end end`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /FontDescriptor 8 0 R >>',
    `<< /Length ${Buffer.byteLength(cmap)} >>\nstream\n${cmap}\nendstream`,
    '<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'utf8');
}

/** A multipart/form-data body with one file part. */
function multipart(field: string, filename: string, type: string, body: Buffer | string) {
  const boundary = `----chiso${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"${filename ? `; filename="${filename}"` : ''}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from(body), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** The plan's four targets and one result, as the demo catalogue matches them. */
function expectPlan(body: {
  targets: Array<Record<string, unknown>>;
  results: Array<Record<string, unknown>>;
}) {
  expect(body.targets.map((x) => [x.value, x.comparator, x.deadline, x.scope, x.indicator])).toEqual([
    [100, '>=', '2025', null, 'CQS_DVC_TT_TYLE'],
    [90, '>=', '2025', 'province', 'CQS_HSCV_MANG_TINH'],
    [80, '>=', '2025', 'district', 'CQS_HSCV_MANG_HUYEN'],
    [60, '>=', '2025', 'commune', 'CQS_HSCV_MANG_XA'],
  ]);
  expect(body.results.map((x) => [x.value, x.comparator, x.indicator])).toEqual([
    [580, '>', 'XHS_TCNSCD_SO'],
  ]);
}

describe('POST /api/plans/extract: reading', () => {
  it('reads pasted text and answers exactly the contract shape', async () => {
    const res = await post(PLAN, 'text/plain; charset=utf-8');
    expect(res.statusCode, res.body).toBe(200);
    const body = JSON.parse(res.body);
    expect(Object.keys(body).sort()).toEqual(['results', 'targets']);
    expect(Object.keys(body.targets[0]).sort()).toEqual(
      [
        'comparator',
        'confidence',
        'deadline',
        'indicator',
        'scope',
        'sentence',
        'subject',
        'unit',
        'value',
      ].sort(),
    );
    expect(Object.keys(body.results[0]).sort()).toEqual(
      ['comparator', 'confidence', 'indicator', 'period', 'sentence', 'subject', 'unit', 'value'].sort(),
    );
    expectPlan(body);
    expect(body.targets[1].sentence).toBe(
      'Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt 90% ở cấp tỉnh, 80% cấp huyện, 60% cấp xã.',
    );
    for (const x of [...body.targets, ...body.results]) {
      expect(x.confidence).toBeGreaterThan(0.3);
      expect(x.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('with detail, answers the text read and where each item stands in it', async () => {
    const res = await post(PLAN, 'text/plain', secretariat, '/api/plans/extract?detail=true');
    const body = JSON.parse(res.body);
    expect(body.text).toBe(PLAN);
    const [first] = body.targets;
    expect(body.text.slice(first.at.sentence[0], first.at.sentence[1])).toBe(first.sentence);
    expect(body.text.slice(first.at.quote[0], first.at.quote[1])).toBe('100%');
    expect(first.indicatorName).toBe(
      'Tỷ lệ dịch vụ công trực tuyến được cung cấp dưới dạng toàn trình và một phần',
    );
  });

  it('reads a .docx, raw and uploaded', async () => {
    const docx = await docxOf(PLAN.split('\n'));
    const raw = await post(docx, DOCX);
    expect(raw.statusCode, raw.body).toBe(200);
    expectPlan(JSON.parse(raw.body));
    const m = multipart('file', 'ke-hoach.docx', DOCX, docx);
    const up = await post(m.payload, m.contentType);
    expect(up.statusCode, up.body).toBe(200);
    expectPlan(JSON.parse(up.body));
  });

  it('reads a text PDF, raw and uploaded, joining the lines a layout broke', async () => {
    const lines = PLAN.split('\n');
    // break the second target's sentence over two lines, as a PDF does
    const cut = lines[3].indexOf(' đạt 90%');
    const pdf = pdfOf([...lines.slice(0, 3), lines[3].slice(0, cut), lines[3].slice(cut + 1), lines[4]]);
    const raw = await post(pdf, 'application/pdf');
    expect(raw.statusCode, raw.body).toBe(200);
    expectPlan(JSON.parse(raw.body));
    const m = multipart('file', 'ke-hoach.pdf', 'application/pdf', pdf);
    const up = await post(m.payload, m.contentType);
    expect(up.statusCode, up.body).toBe(200);
    expectPlan(JSON.parse(up.body));
  });

  it('reads a multipart field of pasted text', async () => {
    const m = multipart('text', '', '', PLAN);
    const res = await post(m.payload, m.contentType);
    expect(res.statusCode, res.body).toBe(200);
    expectPlan(JSON.parse(res.body));
  });
});

describe('POST /api/plans/extract: bad input', () => {
  const refused = async (
    payload: string | Buffer,
    contentType: string,
    status: number,
    code: string,
    vi: RegExp,
    en: RegExp,
  ) => {
    const a = await post(payload, contentType);
    expect(a.statusCode, a.body).toBe(status);
    expect(JSON.parse(a.body).error.code).toBe(code);
    expect(JSON.parse(a.body).error.message).toMatch(vi);
    const b = await post(payload, contentType, { ...secretariat, 'accept-language': 'en' });
    expect(b.statusCode).toBe(status);
    expect(JSON.parse(b.body).error.message).toMatch(en);
  };

  it('a scanned PDF (no text layer)', () =>
    refused(pdfOf([]), 'application/pdf', 422, 'unreadable_document', /không có lớp chữ/, /no text layer/));

  it('an empty or blank document', async () => {
    await refused('   \n\t ', 'text/plain', 400, 'unreadable_document', /Văn bản trống/, /empty/);
    await refused(await docxOf([]), DOCX, 400, 'unreadable_document', /Văn bản trống/, /empty/);
    const m = multipart('file', 'empty.pdf', 'application/pdf', Buffer.alloc(0));
    const r = await post(m.payload, m.contentType);
    expect(r.statusCode, r.body).toBe(400);
  });

  it('a huge document: too many characters, or more bytes than CHISO_UPLOAD_MAX_MB', async () => {
    const long = 'Phấn đấu 100% hồ sơ được xử lý trực tuyến. '.repeat(12_000);
    await refused(long, 'text/plain', 413, 'unreadable_document', /quá dài/, /too long/);
    const huge = Buffer.alloc(3 * 1048576, 'a');
    const raw = await post(huge, 'application/pdf');
    expect(raw.statusCode).toBe(413);
    expect(JSON.parse(raw.body).error.code).toBe('body_too_large');
    const m = multipart('file', 'big.pdf', 'application/pdf', huge);
    const up = await post(m.payload, m.contentType);
    expect(up.statusCode, up.body).toBe(413);
  });

  it('a text that is not Vietnamese', () =>
    refused(
      'The province aims to offer all public services fully online by 2025 and to rank among the top ten.',
      'text/plain',
      422,
      'unreadable_document',
      /không phải tiếng Việt/,
      /not Vietnamese/,
    ));

  it('a broken .docx, a broken PDF, an old .doc, text that is not UTF-8', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    await refused(
      broken,
      DOCX,
      422,
      'unreadable_document',
      /Không mở được tệp \.docx/,
      /\.docx could not be opened/,
    );
    await refused(Buffer.from('%PDF-1.4\nrác'), 'application/pdf', 422, 'unreadable_document', /PDF/, /PDF/);
    const doc = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(100),
    ]);
    await refused(doc, 'application/msword', 415, 'unreadable_document', /\.doc/, /\.doc/);
    await refused(
      Buffer.from([0x50, 0x68, 0xe1, 0xba]),
      'text/plain',
      422,
      'unreadable_document',
      /UTF-8/,
      /UTF-8/,
    );
  });
});

describe('POST /api/plans/extract: rights and writes', () => {
  it('whoever may create plans; not a reporter, a leader or an anonymous caller', async () => {
    expect((await post(PLAN, 'text/plain', admin)).statusCode).toBe(200);
    expect((await post(PLAN, 'text/plain', reporter)).statusCode).toBe(403);
    expect((await post(PLAN, 'text/plain', leader)).statusCode).toBe(403);
    expect((await post(PLAN, 'text/plain', {})).statusCode).toBe(401);
  });

  it('writes nothing', async () => {
    const count = async () => {
      const a = await t.request({ method: 'GET', url: '/api/audit?limit=1', headers: admin });
      const p = await t.request({ method: 'GET', url: '/api/targets', headers: admin });
      return [JSON.parse(a.body).total, JSON.parse(p.body).items.length];
    };
    const before = await count();
    expect((await post(PLAN, 'text/plain')).statusCode).toBe(200);
    expect(await count()).toEqual(before);
  });
});
