/** Data values in bulk: POST as JSON or CSV (all or nothing unless mode=partial); GET as stored. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../../../errors.js';
import { translateRowErrors } from '../../../../i18n/errors.js';
import { t } from '../../../../i18n/index.js';
import {
  type ImportResult,
  importValues,
  type JsonValue,
  listStoredValues,
  rowsFromCsv,
  rowsFromJson,
} from '../../../../services/dataValues.js';
import { listErrors } from '../../../../services/errorList.js';
import { exportValues } from '../../../../services/exports.js';
import { rowsFromXlsx } from '../../../../services/valueFiles.js';
import { binary, CSV, download, multipartFile, XLSX } from '../../../openapi.js';
import { actorOf } from '../../../plugins/auth.js';
import { acceptUploads, UPLOAD_TYPES, uploadOf } from '../../../plugins/upload.js';
import { ipOf, langOf, sendFile } from '../../helpers.js';
import { importResult, jsonBody, listQuery, modeQuery, valueShape, valuesCsv } from './schema.js';

export default async function dataValues(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // files: CSV or .xlsx as the raw body, or a multipart upload (plugins/upload.ts)
  await acceptUploads(app, app.config.bodyLimit);

  r.post(
    '/data-values',
    {
      schema: {
        operationId: 'importDataValues',
        tags: ['data values'],
        summary:
          'Import values as JSON {values, mode}, or a file: text/csv or .xlsx (indicator,org_unit,period[,category_option],value,numerator,denominator[,comment]), raw or multipart',
        description:
          'mode=atomic (default): any bad row → 422 and nothing written. mode=partial: good rows written, bad rows listed. Rows for units outside your rights → 403 in atomic mode. ' +
          'dryRun=true: everything is checked and counted as the import would, and nothing is written. ' +
          'A file may be sent as the body (`text/csv`, the .xlsx type or `application/octet-stream`) or as `multipart/form-data` (its file part; a field `mode` is read like the query). ' +
          'An .xlsx is read from its sheet `data`, else its first sheet; row numbers are sheet rows. ' +
          'The columns an export adds (status, updated_at, indicator_name, org_unit_name, category_option_name) are accepted and ignored, so a file from GET /data-values/export imports back unchanged; a value sent again unchanged keeps its status.',
        querystring: modeQuery,
        consumes: ['application/json', ...UPLOAD_TYPES],
        accepts: {
          'application/json': jsonBody,
          'text/csv': valuesCsv,
          [XLSX]: binary,
          'application/octet-stream': binary,
          'multipart/form-data': multipartFile,
        },
        response: { 200: importResult, 403: importResult, 422: importResult },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const lang = langOf(request);
      let result: ImportResult;
      const upload = await uploadOf(request, app.config.bodyLimit);
      if (upload) {
        const mode = upload.fields.mode ?? request.query.mode ?? 'atomic';
        if (mode !== 'atomic' && mode !== 'partial')
          throw badRequest('error.validation', { count: 1 }, [
            { field: 'mode', message: 'atomic | partial' },
          ]);
        const rows = upload.kind === 'xlsx' ? await rowsFromXlsx(upload.bytes) : rowsFromCsv(upload.bytes);
        result = await importValues(
          app.database,
          actor,
          {
            rows,
            fields: 'csv',
            mode,
            source: 'import',
            keepStatusWhenUnchanged: true,
            dryRun: upload.fields.dryRun === 'true' || request.query.dryRun === true,
          },
          ipOf(request),
        );
      } else {
        const parsed = jsonBody.safeParse(request.body);
        if (!parsed.success) {
          throw badRequest(
            'error.validation',
            { count: parsed.error.issues.length },
            parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
          );
        }
        const { rows, problems } = rowsFromJson(parsed.data.values as JsonValue[]);
        result = await importValues(
          app.database,
          actor,
          {
            rows,
            preProblems: problems,
            fields: 'json',
            mode: parsed.data.mode ?? request.query.mode ?? 'atomic',
            source: 'api',
            keepStatusWhenUnchanged: true,
            dryRun: request.query.dryRun === true,
          },
          ipOf(request),
        );
      }
      return present(reply, lang, result);
    },
  );

  r.get(
    '/data-values',
    {
      schema: {
        operationId: 'listDataValues',
        tags: ['data values'],
        summary: 'Stored values as entered (comma-separated lists allowed)',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(valueShape), total: z.number() }) },
      },
    },
    async (request) => listStoredValues(app.database, actorOf(request), request.query),
  );

  r.get(
    '/data-values/export',
    {
      schema: {
        operationId: 'exportDataValues',
        tags: ['data values'],
        summary: 'Download stored values as CSV (UTF-8 with BOM) or Excel, in the import layout',
        description:
          'Columns indicator,org_unit,period,category_option,value,numerator,denominator,comment (what POST /data-values reads), then status,updated_at,indicator_name,org_unit_name,category_option_name (ignored on import): the file imports back unchanged.',
        querystring: z.object({
          indicator: z.string().max(2000).optional(),
          orgUnit: z.string().max(2000).optional(),
          period: z.string().max(2000).optional(),
          format: z.enum(['csv', 'xlsx']).default('csv'),
        }),
        response: { 200: download('The values as CSV or a workbook (format=)', CSV, XLSX) },
      },
    },
    async (request, reply) =>
      sendFile(reply, await exportValues(app.database, actorOf(request), request.query)),
  );
}

function present(reply: FastifyReply, lang: 'vi' | 'en', result: ImportResult) {
  const body = {
    imported: result.imported,
    updated: result.updated,
    unchanged: result.unchanged,
    rejected: result.rejected,
    ...listErrors(result.errors, (list) => translateRowErrors(lang, list), undefined, result.problemCount),
    ...(result.drafts ? { drafts: result.drafts } : {}),
  };
  if (result.refused) {
    reply.header(
      'x-chiso-message',
      encodeURIComponent(t(lang, 'error.rejected_rows', { count: result.rejected })),
    );
    return reply.status(result.outOfScope ? 403 : 422).send(body);
  }
  return reply.status(200).send(body);
}
