/**
 * Plans from text: read a plan's document (plain text, .docx through mammoth, a text PDF through
 * pdfjs-dist) and propose its targets and reported results (src/domain/planText), matched against
 * the indicator catalogue. Writes nothing; the screen creates targets through POST /api/targets
 * once the user accepts them.
 */
import { planPolicy } from '../../access/plans.js';
import type { Database } from '../../db/index.js';
import { type Extraction, extractPlanText } from '../../domain/planText/extract.js';
import { looksVietnamese } from '../../domain/planText/language.js';
import { reflowLines } from '../../domain/planText/sentences.js';
import { AppError, forbidden } from '../../errors.js';
import { pk } from '../../i18n/plans.js';
import * as indicators from '../../repositories/indicators.js';
import type { Actor } from '../auth.js';

/** Longest text read at once (characters, after reading the file): a long plan is ~250 000. */
export const MAX_CHARS = 500_000;
/** Most PDF pages read at once. */
export const MAX_PAGES = 400;

export interface PlanDocument {
  bytes: Buffer;
  /** The Content-Type of the body or of the uploaded part. */
  contentType: string;
  filename?: string;
}

export type DocumentKind = 'text' | 'docx' | 'pdf';

const unreadable = (key: string, params: Record<string, unknown> = {}, status = 422) =>
  new AppError(status, 'unreadable_document', pk(key), params);

/** What a document is, by its first bytes (then its declared type). */
export function documentKind(doc: PlanDocument): DocumentKind {
  const b = doc.bytes;
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'docx';
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0)
    throw unreadable('plans.extract.legacy_doc', {}, 415);
  const type = doc.contentType.toLowerCase();
  if (/pdf/.test(type) || /\.pdf$/i.test(doc.filename ?? '')) return 'pdf';
  if (/wordprocessingml|\.docx$/i.test(`${type} ${doc.filename ?? ''}`)) return 'docx';
  return 'text';
}

/** The document's text, lines kept (a PDF's broken lines joined). */
export async function documentText(doc: PlanDocument): Promise<string> {
  if (doc.bytes.length === 0) throw unreadable('plans.extract.empty', {}, 400);
  const kind = documentKind(doc);
  const text =
    kind === 'pdf'
      ? await pdfText(doc.bytes)
      : kind === 'docx'
        ? await docxText(doc.bytes)
        : plainText(doc.bytes);
  return reflowLines(text.normalize('NFC')).replace(/[ \t\u00a0]+/g, ' ');
}

function plainText(bytes: Buffer): string {
  if (bytes.includes(0)) throw unreadable('plans.extract.unsupported', {}, 415);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw unreadable('plans.extract.encoding');
  }
}

async function docxText(bytes: Buffer): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  try {
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    return value;
  } catch (e) {
    throw unreadable('plans.extract.broken_docx', { reason: shortReason(e) });
  }
}

async function pdfText(bytes: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: Awaited<ReturnType<typeof getDocument>['promise']>;
  try {
    doc = await getDocument({
      data: new Uint8Array(bytes),
      useSystemFonts: false,
      disableFontFace: true,
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    throw unreadable('plans.extract.broken_pdf', { reason: shortReason(e) });
  }
  try {
    if (doc.numPages > MAX_PAGES)
      throw unreadable('plans.extract.too_many_pages', { pages: doc.numPages, max: MAX_PAGES }, 413);
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      let page = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        page += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(page);
    }
    const text = pages.join('\n');
    if (!/\p{L}/u.test(text)) throw unreadable('plans.extract.no_text_layer');
    return text;
  } finally {
    await doc.destroy();
  }
}

function shortReason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
}

/** Checks that a text can be read: not empty, not too long, Vietnamese. */
export function checkText(text: string): void {
  if (!text.trim()) throw unreadable('plans.extract.empty', {}, 400);
  if (text.length > MAX_CHARS)
    throw unreadable('plans.extract.too_long', { length: text.length, max: MAX_CHARS }, 413);
  if (!looksVietnamese(text)) throw unreadable('plans.extract.not_vietnamese');
}

export interface PlanExtraction extends Extraction {
  /** The text read (lines kept), which the items' offsets point into. */
  text: string;
}

/**
 * Reads a plan's document and proposes its targets and results, matched against the catalogue.
 * Whoever may create a plan somewhere may ask; nothing is written.
 */
export async function extractPlan(
  database: Database,
  actor: Actor,
  doc: PlanDocument,
): Promise<PlanExtraction> {
  if (!planPolicy.canExtract(actor)) throw forbidden();
  const text = await documentText(doc);
  checkText(text);
  const catalogue = (await indicators.all(database)).map((i) => ({
    code: i.code,
    name: i.name,
    nameEn: i.nameEn,
    unit: i.unit,
  }));
  return { ...extractPlanText(text, catalogue), text };
}
