/**
 * Refuses text PostgreSQL cannot store before any route sees it: a NUL character (U+0000) in a
 * JSON body, a query string, a path parameter or a CSV upload → 400 `invalid_text`, naming where.
 * (Without this, a NUL in a code reaches a query and the database answers with an error → 500.)
 */
import type { FastifyInstance } from 'fastify';
import type { MessageKey } from '../../i18n/index.js';
import { registerMessages } from '../../i18n/index.js';
import { AppError } from '../errors.js';

registerMessages(
  { 'security.nul_char': 'Nội dung có ký tự không hợp lệ (NUL, mã 0) tại {{where}}.' },
  { 'security.nul_char': 'The request contains an invalid character (NUL, code 0) at {{where}}.' },
);

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
  });
}
