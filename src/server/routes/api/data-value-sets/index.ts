/** DHIS2 exchange: data value sets with idScheme=CODE (see services/dhis2.ts for the mapping). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../../../errors.js';
import { exportDataValueSet, importDataValueSet } from '../../../../services/dhis2.js';
import { actorOf } from '../../../plugins/auth.js';
import { ipOf, langOf } from '../../helpers.js';

const summary = z.object({
  status: z.enum(['SUCCESS', 'WARNING', 'ERROR']),
  description: z.string().optional(),
  importCount: z.object({
    imported: z.number(),
    updated: z.number(),
    ignored: z.number(),
    deleted: z.number(),
  }),
  conflicts: z.array(z.object({ object: z.string(), value: z.string() })),
  conflictsTotal: z.number().optional(),
  conflictsTruncated: z.boolean().optional(),
});

export default async function dataValueSets(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/dataValueSets',
    {
      schema: {
        tags: ['dhis2'],
        summary: 'Import a DHIS2 data value set (JSON, idScheme=CODE)',
        description:
          'dataElement = indicator code (ratio indicators: `CODE.NUM` and `CODE.DEN`), orgUnit = org unit code, period `2024`, `2024S1`, `2024Q1`, `202403`; categoryOptionCombo = category option code. Bad entries become conflicts; good ones are written.',
        querystring: z
          .object({
            idScheme: z.string().optional(),
            dataElementIdScheme: z.string().optional(),
            orgUnitIdScheme: z.string().optional(),
          })
          .passthrough(),
        response: { 200: summary },
      },
    },
    async (request) => {
      const body = request.body as Record<string, unknown> | null;
      if (
        !body ||
        typeof body !== 'object' ||
        Array.isArray(body) ||
        (body.dataValues !== undefined && !Array.isArray(body.dataValues))
      )
        throw badRequest('error.validation', { count: 1 }, [
          { field: 'dataValues', message: 'expected {"dataValues": [...]}' },
        ]);
      return importDataValueSet(app.database, actorOf(request), body, langOf(request), ipOf(request));
    },
  );

  r.get(
    '/dataValueSets',
    {
      schema: {
        tags: ['dhis2'],
        summary: 'Stored values as a DHIS2 data value set (comma-separated lists allowed)',
        querystring: z.object({
          dataElement: z.string().max(2000).optional(),
          orgUnit: z.string().max(2000).optional(),
          period: z.string().max(2000).optional(),
        }),
      },
    },
    async (request) => exportDataValueSet(app.database, actorOf(request), request.query),
  );
}
