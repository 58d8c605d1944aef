/**
 * The A4 page of an official Vietnamese report (Nghị định 30/2020/NĐ-CP layout): issuing body on the
 * left, quốc hiệu and tiêu ngữ (underlined) on the right, place and date, title, body, signatures.
 * Numbers and dates go through Intl in the document's language (vi-VN: "1.234,5", "01/12/2026").
 * The page carries no inline script (the CSP forbids it): the print button is wired by /print.js.
 */
import type { Database } from '../../db/index.js';
import { vietnamDate } from '../../domain/reporting.js';
import { type Lang, registerMessages, tx } from '../../i18n/index.js';
import * as orgUnits from '../../repositories/orgUnits.js';
import { findUserByUsername } from '../../repositories/users.js';

registerMessages(
  {
    'print.nation': 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'print.motto': 'Độc lập - Tự do - Hạnh phúc',
    'print.place_date': '{{place}}, ngày {{d}} tháng {{m}} năm {{y}}',
    'print.print': 'In',
    'print.pdf': 'Tải PDF',
    'print.prepared_by': 'NGƯỜI LẬP BIỂU',
    'print.head': 'THỦ TRƯỞNG ĐƠN VỊ',
    'print.sign_hint': '(Ký, ghi rõ họ tên)',
    'print.sign_seal_hint': '(Ký, ghi rõ họ tên, đóng dấu)',
    'print.generated': 'Lập từ hệ thống chiso lúc {{at}}',
    'print.yes': 'Có',
    'print.no': 'Không',
    'print.col.no': 'STT',
    'print.col.count': 'Số lượng',
    'print.col.share': 'Tỷ lệ',
    'print.total': 'Tổng cộng',
  },
  {
    'print.nation': 'SOCIALIST REPUBLIC OF VIET NAM',
    'print.motto': 'Independence - Freedom - Happiness',
    'print.place_date': '{{place}}, {{date}}',
    'print.print': 'Print',
    'print.pdf': 'Download PDF',
    'print.prepared_by': 'PREPARED BY',
    'print.head': 'HEAD OF UNIT',
    'print.sign_hint': '(Signature, full name)',
    'print.sign_seal_hint': '(Signature, full name, seal)',
    'print.generated': 'Produced by chiso at {{at}}',
    'print.yes': 'Yes',
    'print.no': 'No',
    'print.col.no': 'No.',
    'print.col.count': 'Count',
    'print.col.share': 'Share',
    'print.total': 'Total',
  },
);

export const m = (lang: Lang, key: string, params: Record<string, unknown> = {}) => tx(lang, key, params);

export const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'vi-VN');

/** 1234.5 → "1.234,5" (vi) / "1,234.5" (en); null → "—". */
export function fmtNumber(x: number | null | undefined, lang: Lang, decimals = 2): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: decimals }).format(x);
}

/** A score: two decimals, three below 1 (scores on a 0–1 scale keep their meaning). */
export const fmtScore = (x: number | null | undefined, lang: Lang) =>
  fmtNumber(x, lang, x !== null && x !== undefined && Math.abs(x) < 1 ? 3 : 2);

/** A share 0.802 → "80,2 %". */
export function fmtShare(x: number | null | undefined, lang: Lang): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(x);
}

/** "2026-12-01" → "01/12/2026" (both languages: day first). */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, mo, d] = iso.slice(0, 10).split('-');
  return `${d}/${mo}/${y}`;
}

/** An instant → "14:05 01/12/2026", Vietnam time. */
export function fmtDateTime(at: string | Date | null | undefined): string {
  if (!at) return '—';
  const d = new Date(at);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
  return `${time} ${fmtDate(vietnamDate(d))}`;
}

/** "Bình Dương, ngày 01 tháng 12 năm 2026" / "Bình Dương, 1 December 2026". */
export function placeAndDate(place: string, iso: string, lang: Lang): string {
  const [y, mo, d] = iso.slice(0, 10).split('-');
  if (lang === 'vi') return m(lang, 'print.place_date', { place, d, m: mo, y });
  const date = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
  return m(lang, 'print.place_date', { place, date });
}

export interface Letterhead {
  /** The issuing body: the unit the document speaks for. */
  issuer: string;
  /** Its parent, printed above it (e.g. the province above a district). */
  parent: string | null;
  /** The place in the date line: the province. */
  place: string;
}

/** The letterhead of a document issued by `unitCode` (its name, its parent's, its province's). */
export async function letterheadOf(database: Database, unitCode: string | null): Promise<Letterhead> {
  const unit = unitCode
    ? await orgUnits.findByCode(database, unitCode)
    : await orgUnits.findByCode(database, (await orgUnits.firstProvinceCode(database)) ?? '');
  if (!unit) return { issuer: unitCode ?? '', parent: null, place: '' };
  // the province (province_id; the national root heads the path and has none: it is its own place)
  const ids = [
    ...new Set([unit.provinceId, unit.parentId].filter((x): x is number => typeof x === 'number')),
  ];
  const related = new Map((await orgUnits.findByIds(database, ids)).map((u) => [u.id, u]));
  const province = (unit.provinceId !== null ? related.get(unit.provinceId) : undefined) ?? unit;
  const parent = unit.parentId ? related.get(unit.parentId) : undefined;
  return {
    issuer: fullName(unit),
    parent: parent ? fullName(parent) : null,
    place: province.type === 'Thành phố' ? fullName(province) : province.name,
  };
}

/** "Thuận An" of type "Thành phố" → "Thành phố Thuận An"; "Sở Y tế" stays as it is. */
function fullName(u: { name: string; type: string | null; kind: string }): string {
  const territorial = ['province', 'district', 'commune', 'hamlet'].includes(u.kind);
  return territorial && u.type && !u.name.toLowerCase().startsWith(u.type.toLowerCase())
    ? `${u.type} ${u.name}`
    : u.name;
}

/** A user's display name from a username (stored with frozen reviews), the username if none. */
export async function displayNameOf(database: Database, username: string | null): Promise<string> {
  if (!username) return '';
  const u = await findUserByUsername(database, username);
  return u?.display_name || username;
}

export interface OfficialDocument {
  lang: Lang;
  letterhead: Letterhead;
  /** YYYY-MM-DD: the document's date. */
  date: string;
  title: string;
  /** Lines under the title (period, scope…), plain text. */
  subtitle: string[];
  /** HTML of the body (built with esc()). */
  body: string;
  /** The person who prepared it (printed under the left signature). */
  preparedBy: string;
  /** Landscape for wide tables. */
  landscape?: boolean;
  /** Links of the toolbar (absent when rendering for the PDF). */
  toolbar?: { pdfHref: string };
}

const CSS = (landscape: boolean) => `
@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 20mm 15mm 20mm 30mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.35; color: #000; margin: 0 auto; max-width: ${landscape ? '267mm' : '180mm'}; padding: 8mm 0; }
@media print { body { max-width: none; padding: 0; } .noprint { display: none !important; } }
.head { display: grid; grid-template-columns: 42% 58%; text-align: center; margin-bottom: 10pt; }
.head p { margin: 0; }
.issuer-parent { font-size: 12pt; text-transform: uppercase; }
.issuer { font-weight: bold; font-size: 12pt; text-transform: uppercase; }
.nation { font-weight: bold; font-size: 12pt; white-space: nowrap; }
.motto { font-weight: bold; font-size: 13pt; text-decoration: underline; text-underline-offset: 3pt; }
.rule { width: 30%; margin: 2pt auto 0; border-top: 1px solid #000; }
.place { font-style: italic; text-align: right; margin: 6pt 0 14pt; }
h1 { font-size: 14pt; text-align: center; text-transform: uppercase; margin: 6pt 0 2pt; }
.sub { text-align: center; margin: 0; font-style: italic; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; }
table { border-collapse: collapse; width: 100%; margin-top: 6pt; font-size: 11.5pt; page-break-inside: auto; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
th, td { border: 1px solid #000; padding: 3pt 5pt; vertical-align: top; }
th { font-weight: bold; text-align: center; }
.n { text-align: right; white-space: nowrap; }
.c { text-align: center; }
.b { font-weight: bold; }
.note { font-size: 11pt; font-style: italic; }
.sign { display: grid; grid-template-columns: 1fr 1fr; text-align: center; margin-top: 18pt; page-break-inside: avoid; }
.sign p { margin: 0; }
.sign .role { font-weight: bold; }
.sign .hint { font-style: italic; font-size: 11pt; }
.sign .name { margin-top: 60pt; font-weight: bold; }
.noprint { display: flex; gap: 8pt; justify-content: flex-end; margin-bottom: 10pt; font-family: sans-serif; font-size: 11pt; }
.noprint button, .noprint a { padding: 4pt 10pt; border: 1px solid #1f5f7a; border-radius: 4px; background: #1f5f7a; color: #fff; text-decoration: none; cursor: pointer; font: inherit; }
.noprint a { background: #fff; color: #1f5f7a; }
`;

/** The whole HTML page. */
export function officialHtml(doc: OfficialDocument): string {
  const { lang, letterhead: lh } = doc;
  const toolbar = doc.toolbar
    ? `<div class="noprint"><button type="button" id="chiso-print">${esc(m(lang, 'print.print'))}</button><a href="${esc(doc.toolbar.pdfHref)}" download>${esc(m(lang, 'print.pdf'))}</a></div>
<script src="/print.js" defer></script>`
    : '';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<title>${esc(doc.title)}</title>
<style>${CSS(!!doc.landscape)}</style></head>
<body>
${toolbar}
<header class="head">
<div>${lh.parent ? `<p class="issuer-parent">${esc(lh.parent)}</p>` : ''}<p class="issuer">${esc(lh.issuer)}</p><div class="rule"></div></div>
<div><p class="nation">${esc(m(lang, 'print.nation'))}</p><p class="motto">${esc(m(lang, 'print.motto'))}</p></div>
</header>
<p class="place">${esc(placeAndDate(lh.place, doc.date, lang))}</p>
<h1>${esc(doc.title)}</h1>
${doc.subtitle.map((s) => `<p class="sub">${esc(s)}</p>`).join('\n')}
<main>${doc.body}</main>
<section class="sign">
<div><p class="role">${esc(m(lang, 'print.prepared_by'))}</p><p class="hint">${esc(m(lang, 'print.sign_hint'))}</p><p class="name">${esc(doc.preparedBy)}</p></div>
<div><p class="role">${esc(m(lang, 'print.head'))}</p><p class="hint">${esc(m(lang, 'print.sign_seal_hint'))}</p></div>
</section>
<p class="note">${esc(m(lang, 'print.generated', { at: fmtDateTime(new Date()) }))}</p>
</body></html>`;
}

/** A table: header cells and rows of ready HTML cells (`<td>` included). */
export function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.join('')}</tr>`)
    .join('\n')}</tbody></table>`;
}

export const td = (text: unknown, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${esc(text)}</td>`;

/** Today in Vietnam, YYYY-MM-DD. */
export const todayVn = () => vietnamDate(new Date());
