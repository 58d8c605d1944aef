/** Analytics: aggregates computed from stored values at query time. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analytics, latest, trend } from '../../../../services/analytics.js';
import { exportAnalyticsTable } from '../../../../services/exports.js';
import { langParam } from '../../../../services/inputs.js';
import { CSV, download, XLSX } from '../../../openapi.js';
import { actorOf } from '../../../plugins/auth.js';
import { langOf, sendFile } from '../../helpers.js';
import {
  analyticsQuery,
  analyticsRow,
  latestQuery,
  latestResponse,
  trendQuery,
  trendResponse,
} from './schema.js';

export default async function analyticsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/analytics',
    {
      schema: {
        operationId: 'getAnalytics',
        tags: ['analytics'],
        summary:
          'Aggregates: indicator(s) × org unit subtree(s) × period(s); with level=N one row per unit of level N inside',
        description:
          'Ratios aggregate as Σnumerator/Σdenominator; each unit counts once; a unit without a value is missing (reported/expected); a longer period than the indicator frequency rolls up by its time rule. ' +
          'Without `geography`, each period is read in the units valid in it (a named code with no unit in a period answers a row with note `not_valid`). ' +
          'With `geography=YYYY-MM-DD`, every row is in the units valid on that date: other periods are read through lineage (full parts whole, partial parts by share), `estimated: true` when a partial share went in; min, max, average and none over a partial share answer null with note `not_additive`.',
        querystring: analyticsQuery,
        response: { 200: z.object({ rows: z.array(analyticsRow) }) },
      },
    },
    async (request) => ({ rows: await analytics(app.database, actorOf(request), request.query) }),
  );
  r.get(
    '/analytics/export',
    {
      schema: {
        operationId: 'exportAnalyticsTable',
        tags: ['analytics'],
        summary:
          'Download what an indicator page shows (its table of the units of `level` inside `orgUnit`) as CSV (UTF-8 with BOM) or Excel',
        description:
          'The rows of GET /analytics with the same query (one indicator; the unit itself left out), in the page’s order (best first by the indicator’s polarity, units without a value last), with rank, names, unit and reported/expected. Aggregates, not stored values: for stored values in the import layout use GET /data-values/export.',
        querystring: analyticsQuery.extend({
          indicator: z.string().min(1).max(64),
          format: z.enum(['csv', 'xlsx']).default('csv'),
          lang: langParam,
        }),
        response: { 200: download('The table as CSV or Excel', CSV, XLSX) },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await exportAnalyticsTable(app.database, actorOf(request), {
          ...request.query,
          lang: langOf(request),
        }),
      ),
  );
  r.get(
    '/analytics/latest',
    {
      schema: {
        operationId: 'getLatestValues',
        tags: ['analytics'],
        summary:
          "Each indicator's latest period with data in the unit's subtree, and the one before (`geography=YYYY-MM-DD`: in the units valid on that date)",
        querystring: latestQuery,
        response: { 200: latestResponse },
      },
    },
    async (request) => latest(app.database, actorOf(request), request.query),
  );
  r.get(
    '/analytics/trend',
    {
      schema: {
        operationId: 'getTrend',
        tags: ['analytics'],
        summary:
          'One indicator over a run of periods (`geography=YYYY-MM-DD`: in the units valid on that date)',
        querystring: trendQuery,
        response: { 200: trendResponse },
      },
    },
    async (request) => trend(app.database, actorOf(request), request.query),
  );
}
