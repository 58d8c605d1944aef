/** Small helpers shared by route files. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Lang, langFrom } from '../../i18n/index.js';
import type { FileDownload } from '../../services/exports.js';

export const langOf = (request: FastifyRequest): Lang => langFrom(request.headers['accept-language']);
export const ipOf = (request: FastifyRequest): string | null => request.ip ?? null;

/** Sends a file a service produced as a download (the name made safe for the header). */
export function sendFile(reply: FastifyReply, file: FileDownload) {
  const filename = file.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(file.body);
}
