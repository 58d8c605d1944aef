/**
 * DHIS2 exchange: data value sets (services/dhis2.ts has the mapping and the semantics).
 * POST takes JSON or DHIS2 CSV (`application/csv`, `text/csv`) and answers DHIS2's WebMessage:
 * 200 for SUCCESS/WARNING, 409 for ERROR. GET answers DHIS2's `{"dataValues":[…]}`.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../../errors.js';
import { t } from '../../../../i18n/index.js';
import {
  exportDataValueSet,
  importDataValueSet,
  setFromCsv,
  setFromJson,
} from '../../../../services/dhis2.js';
import { actorOf } from '../../../plugins/auth.js';
import { ipOf, langOf } from '../../helpers.js';
import {
  dataValueSet,
  dataValueSetInput,
  dhis2Csv,
  exportQuery,
  importQuery,
  queryError,
  webMessage,
} from './schema.js';

export default async function dataValueSets(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/dataValueSets',
    {
      schema: {
        operationId: 'importDataValueSet',
        tags: ['dhis2'],
        summary: 'Import a DHIS2 data value set (JSON or DHIS2 CSV)',
        description:
          'dataElement = indicator code (ratio indicators: `CODE.NUM` and `CODE.DEN`), orgUnit = org unit code, period in DHIS2 form (`2024`, `2024S1`, `2024Q1`, `202403`, `2024W1`, `20240115`); categoryOptionCombo = a category option code or its DHIS2 code. CSV columns in DHIS2 order: dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted (header optional). Bad values become conflicts; good ones are written (nothing with dryRun=true).',
        querystring: importQuery,
        accepts: { 'application/json': dataValueSetInput, 'application/csv': dhis2Csv, 'text/csv': dhis2Csv },
        response: { 200: webMessage, 409: webMessage },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const set =
        body instanceof Uint8Array
          ? setFromCsv(body, { firstRowIsHeader: request.query.firstRowIsHeader })
          : setFromJson(body);
      const { statusCode, body: message } = await importDataValueSet(
        app.database,
        actorOf(request),
        set,
        request.query,
        langOf(request),
        ipOf(request),
      );
      return reply.code(statusCode).send(message);
    },
  );

  r.get(
    '/dataValueSets',
    {
      schema: {
        operationId: 'getDataValueSet',
        tags: ['dhis2'],
        summary: 'Stored values as a DHIS2 data value set',
        description:
          'Needs, as DHIS2 does, a dataSet (report form code) or dataElement, a period or startDate/endDate or lastUpdated, and an orgUnit (children=true: its subtree); else 409 (E2001, E2002, E2006). Comma-separated lists allowed; pages of at most 10,000 values. Nine-month values are left out (DHIS2 has no such period type) and counted in `notes`.',
        querystring: exportQuery,
        response: { 200: dataValueSet, 409: queryError },
      },
    },
    async (request, reply) => {
      try {
        return await exportDataValueSet(app.database, actorOf(request), request.query);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 409) throw e;
        const message = t(langOf(request), e.messageKey, e.params);
        return reply.code(409).send({
          httpStatus: 'Conflict',
          httpStatusCode: 409,
          status: 'ERROR',
          message,
          errorCode: e.code,
          error: { code: e.code, message, details: [] },
        } as const);
      }
    },
  );
}
