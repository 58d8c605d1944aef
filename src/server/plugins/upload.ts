/**
 * File uploads, for the route plugin that calls `acceptUploads` (encapsulated: its routes only). A
 * file arrives as the raw body — CSV (read as bytes app-wide, plugins/csv.ts), .xlsx or
 * application/octet-stream — or as a multipart/form-data upload: the file part (any field name; one
 * file) plus plain fields, given back by name. `uploadOf` gives the bytes and whether they are an
 * .xlsx (a zip, by its first bytes) or text (CSV).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { XLSX_TYPE } from '../../services/exports.js';
import { isZip } from '../../services/valueFiles.js';

export { XLSX_TYPE };

/** The media types an upload route lists in `consumes` (besides any of its own, e.g. JSON). */
export const UPLOAD_TYPES = ['text/csv', XLSX_TYPE, 'application/octet-stream', 'multipart/form-data'];

/** Form fields an upload may carry beside its one file (mode, strategy, …). */
const UPLOAD_FIELDS = 10;

export async function acceptUploads(app: FastifyInstance, limit: number) {
  app.addContentTypeParser(
    [XLSX_TYPE, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: limit },
    (_request, body, done) => done(null, body),
  );
  await app.register(multipart, {
    limits: { fileSize: limit, files: 1, fields: UPLOAD_FIELDS, parts: UPLOAD_FIELDS + 1 },
  });
}

export interface Upload {
  bytes: Buffer;
  kind: 'csv' | 'xlsx';
  /** multipart fields other than the file, by name */
  fields: Record<string, string>;
}

/**
 * A zip is an .xlsx; else text named as such (by type, or by a file name: browsers on Windows send a
 * .csv as `application/vnd.ms-excel`) is CSV; anything else is taken for an .xlsx, whose reader
 * says why it cannot be read.
 */
function kindOf(bytes: Buffer, type: string, filename = ''): Upload['kind'] {
  if (isZip(bytes)) return 'xlsx';
  return /csv|text\/plain/i.test(type) || /\.(csv|txt)$/i.test(filename) ? 'csv' : 'xlsx';
}

/** The request's file, or null when its body is not one (JSON). */
export async function uploadOf(request: FastifyRequest, limit: number): Promise<Upload | null> {
  if (request.isMultipart()) {
    const fields: Record<string, string> = {};
    let file: { bytes: Buffer; type: string; name: string } | null = null;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          if (!file) file = { bytes, type: part.mimetype, name: part.filename };
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      // @fastify/multipart's limits: a file above the size, or more files, fields or parts than allowed
      if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT')
        throw new AppError(413, 'too_many_parts', 'error.upload_parts', { fields: UPLOAD_FIELDS });
      if ((e as { statusCode?: number }).statusCode === 413)
        throw new AppError(413, 'body_too_large', 'error.body_too_large', {
          limit: `${Math.round(limit / 1048576)} MB`,
        });
      // a body that is not a readable multipart form (no boundary, cut short): the sender's fault
      throw new AppError(400, 'bad_multipart', 'error.bad_multipart', { reason: (e as Error).message });
    }
    if (!file || file.bytes.length === 0) throw new AppError(400, 'empty', 'error.empty');
    return { bytes: file.bytes, kind: kindOf(file.bytes, file.type, file.name), fields };
  }
  if (!Buffer.isBuffer(request.body)) return null;
  return {
    bytes: request.body,
    kind: kindOf(request.body, String(request.headers['content-type'] ?? '')),
    fields: {},
  };
}

/** A CSV upload's bytes (raw or multipart); anything else → 415. */
export async function csvUploadOf(request: FastifyRequest, limit: number): Promise<Buffer> {
  const upload = await uploadOf(request, limit);
  if (!upload || isZip(upload.bytes))
    throw new AppError(415, 'unsupported_media_type', 'error.unsupported_media', {
      type: request.headers['content-type'] ?? '',
    });
  return upload.bytes;
}
