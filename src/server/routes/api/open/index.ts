/** Open data (no login): published indicators, tidy CSV and series for charts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tableFile } from '../../../../services/exports.js';
import { openSeries, publishedIndicators } from '../../../../services/openData.js';
import { CSV, download } from '../../../openapi.js';
import { sendFile } from '../../helpers.js';

export default async function open(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const code = z.object({ code: z.string().min(1).max(64) });
  r.get(
    '/open/indicators',
    {
      schema: {
        operationId: 'listOpenIndicators',
        tags: ['open data'],
        summary: 'Published indicators',
        security: [],
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                nameEn: z.string(),
                unit: z.string(),
                pillar: z.string(),
                field: z.string().nullable(),
                frequency: z.string(),
                valueType: z.string(),
                definition: z.string().nullable(),
                source: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      items: await publishedIndicators(app.database),
    }),
  );
  r.get(
    '/open/indicators/:code/data.csv',
    {
      schema: {
        operationId: 'downloadOpenIndicatorCsv',
        tags: ['open data'],
        summary: 'Tidy CSV: indicator,org_unit,org_unit_name,period,value',
        security: [],
        params: code,
        response: { 200: download('The series as CSV', CSV) },
      },
    },
    async (request, reply) => {
      const rows = await openSeries(app.database, request.params.code);
      return sendFile(
        reply,
        await tableFile(
          `${request.params.code}`,
          'csv',
          ['indicator', 'org_unit', 'org_unit_name', 'period', 'value'],
          rows.map((x) => [x.indicator, x.orgUnit, x.orgUnitName, x.period, x.value]),
          'data',
          { bom: false },
        ),
      );
    },
  );
  r.get(
    '/open/indicators/:code/series',
    {
      schema: {
        operationId: 'getOpenIndicatorSeries',
        tags: ['open data'],
        summary: 'Series of a published indicator for one unit (default: every unit)',
        security: [],
        params: code,
        querystring: z.object({ orgUnit: z.string().max(64).optional() }),
        response: {
          200: z.object({
            rows: z.array(
              z.object({
                indicator: z.string(),
                orgUnit: z.string(),
                orgUnitName: z.string(),
                period: z.string(),
                value: z.number().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ rows: await openSeries(app.database, request.params.code, request.query.orgUnit) }),
  );
}
