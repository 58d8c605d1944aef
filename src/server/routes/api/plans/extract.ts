/**
 * POST /api/plans/extract: a plan's text (text/plain), or its .docx or text PDF (raw body or a
 * multipart upload, field `file`; a multipart field `text` is read as pasted text) → the targets and
 * results it states. Creates nothing. Registered by ./index.ts as a child plugin, so its body
 * parsers (binary documents, multipart) serve this route only.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../../errors.js';
import { extractPlan, MAX_CHARS, type PlanDocument } from '../../../../services/plans/extract.js';
import { binary } from '../../../openapi.js';
import { actorOf } from '../../../plugins/auth.js';
import { uploadBodyLimit } from '../../helpers.js';
import { extractionShape, extractQuery } from './schema.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const BINARY = [DOCX, 'application/pdf', 'application/msword', 'application/octet-stream'];

async function documentOf(request: FastifyRequest): Promise<PlanDocument> {
  const contentType = String(request.headers['content-type'] ?? '');
  if (!request.isMultipart()) {
    const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return { bytes, contentType };
  }
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      try {
        return { bytes: await part.toBuffer(), contentType: part.mimetype, filename: part.filename };
      } catch (e) {
        if ((e as { statusCode?: number }).statusCode === 413)
          throw new AppError(413, 'body_too_large', 'error.body_too_large', {
            limit: `${Math.round(uploadBodyLimit() / 1048576)} MB`,
          });
        throw e;
      }
    }
    if (part.fieldname === 'text' && typeof part.value === 'string')
      return { bytes: Buffer.from(part.value, 'utf8'), contentType: 'text/plain' };
  }
  return { bytes: Buffer.alloc(0), contentType };
}

export default async function extractRoutes(app: FastifyInstance) {
  const limit = uploadBodyLimit();
  app.addContentTypeParser(BINARY, { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) =>
    done(null, body),
  );
  await app.register(multipart, {
    limits: { fileSize: limit, files: 1, fields: 4, fieldSize: MAX_CHARS * 4, parts: 5 },
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/plans/extract',
    {
      bodyLimit: limit,
      schema: {
        operationId: 'extractPlanTargets',
        tags: ['plans'],
        summary: 'Read a plan’s text (text/plain, .docx or a text PDF) into proposed targets and results',
        description:
          'Body: UTF-8 text (`text/plain`), a .docx or a PDF with a text layer — raw, or as a multipart upload (field `file`; or a field `text`). A **target** is a stated goal (phấn đấu, mục tiêu, đến năm …), a **result** a figure already reached (đến nay, hiện có, đã …). `value` is in the unit’s scale (80,2% → 80.2; 86 triệu → 86000000); a rank ("nhóm 30 tỉnh dẫn đầu") is `<=`. A sentence naming several levels (cấp tỉnh / huyện / xã) gives one target per level. Nothing is created. 400 empty, 413 too large, 415 unsupported file, 422 not Vietnamese / scanned PDF / broken file. Size: CHISO_UPLOAD_MAX_MB.',
        consumes: ['text/plain', 'multipart/form-data', DOCX, 'application/pdf', 'application/octet-stream'],
        querystring: extractQuery,
        accepts: {
          'text/plain': z.string(),
          'multipart/form-data': z.object({ file: binary.optional(), text: z.string().optional() }),
          [DOCX]: binary,
          'application/pdf': binary,
          'application/octet-stream': binary,
        },
        response: { 200: extractionShape },
      },
    },
    async (request) => {
      const out = await extractPlan(app.database, actorOf(request), await documentOf(request));
      const detail = request.query.detail === 'true' || request.query.detail === '1';
      if (detail) return out;
      const plain = <T extends { at: unknown; indicatorName: unknown }>({
        at: _a,
        indicatorName: _n,
        ...rest
      }: T) => rest;
      return { targets: out.targets.map(plain), results: out.results.map(plain) };
    },
  );
}
