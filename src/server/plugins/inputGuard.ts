/**
 * Refuses text PostgreSQL cannot store before any route sees it: a NUL character (U+0000) or a
 * lone UTF-16 surrogate (`"\ud800"` in JSON: half of a pair, not a character, no UTF-8 form) in a
 * JSON body (values and keys), a query string, a path parameter or a CSV upload → 400
 * `invalid_text`, naming where. (Without this, such text reaches a query and the database answers
 * with an error → 500.)
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { registerMessages } from '../../i18n/index.js';

registerMessages(
  {
    'security.nul_char': 'Nội dung có ký tự không hợp lệ (NUL, mã 0) tại {{where}}.',
    'security.lone_surrogate': 'Nội dung có ký tự không hợp lệ (nửa cặp UTF-16 đơn lẻ) tại {{where}}.',
  },
  {
    'security.nul_char': 'The request contains an invalid character (NUL, code 0) at {{where}}.',
    'security.lone_surrogate':
      'The request contains an invalid character (a lone UTF-16 surrogate) at {{where}}.',
  },
);

/** A lone surrogate: with the `u` flag a well-formed pair is one code point, so only halves match. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The path of the first string (value or key) with a lone UTF-16 surrogate, or null. */
export function findLoneSurrogate(x: unknown, path = '', depth = 0): string | null {
  if (typeof x === 'string') return LONE_SURROGATE.test(x) ? path || '.' : null;
  if (depth > 64 || x === null || typeof x !== 'object' || Buffer.isBuffer(x)) return null;
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
    if (LONE_SURROGATE.test(k)) return `${path ? `${path}.` : ''}${k.replace(/\p{Cs}/gu, '?')}`;
    const p = findLoneSurrogate(v, path ? `${path}.${k}` : k, depth + 1);
    if (p) return p;
  }
  return null;
}

/** The path of the first string containing U+0000, or null. */
export function findNul(x: unknown, path = '', depth = 0): string | null {
  if (typeof x === 'string') return x.includes('\u0000') ? path || '.' : null;
  if (depth > 64 || x === null || typeof x !== 'object') return null;
  if (Buffer.isBuffer(x)) return x.includes(0) ? path || 'body' : null;
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
    if (k.includes('\u0000')) return `${path}.${k.split('\u0000').join('\\0')}`;
    const p = findNul(v, path ? `${path}.${k}` : k, depth + 1);
    if (p) return p;
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    // raw uploads (CSV, .xlsx) are checked by their readers: CSV refuses NUL as a bad encoding,
    // and an .xlsx is binary by nature
    const body = Buffer.isBuffer(request.body) ? null : request.body;
    const where =
      findNul(request.params, 'params') ?? findNul(request.query, 'query') ?? findNul(body, 'body');
    if (where)
      throw new AppError(400, 'invalid_text', 'security.nul_char' as MessageKey, { where }, [
        { field: where, message: 'U+0000' },
      ]);
    const lone =
      findLoneSurrogate(request.params, 'params') ??
      findLoneSurrogate(request.query, 'query') ??
      findLoneSurrogate(body, 'body');
    if (lone)
      throw new AppError(400, 'invalid_text', 'security.lone_surrogate' as MessageKey, { where: lone }, [
        { field: lone, message: 'lone surrogate (U+D800–U+DFFF)' },
      ]);
  });
}
