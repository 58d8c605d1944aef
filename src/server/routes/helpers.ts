/** Small helpers shared by route files. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Lang, langOfRequest } from '../../i18n/index.js';
import type { FileDownload } from '../../services/exports.js';

/** The answer's language, errors included: a `lang=vi|en` query parameter first, else Accept-Language. */
export const langOf = (request: FastifyRequest): Lang =>
  langOfRequest(request.raw.url ?? request.url, request.headers['accept-language']);
export const ipOf = (request: FastifyRequest): string | null => request.ip ?? null;

/** Sends a file a service produced as a download (the name made safe for the header). */
export function sendFile(reply: FastifyReply, file: FileDownload) {
  const filename = file.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(file.body);
}

/** Largest file upload (a filled form, a plan's document): CHISO_UPLOAD_MAX_MB, default 20 MB. */
export function uploadBodyLimit(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CHISO_UPLOAD_MAX_MB);
  return Math.floor((Number.isFinite(n) && n > 0 ? n : 20) * 1048576);
}
