/** The history of one number (who, when, before, after), for those who may read the unit. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { valueHistory } from '../../../../services/valueHistory.js';
import { actorOf } from '../../../plugins/auth.js';
import { historyQuery, historyResponse } from './schema.js';

export default async function valueHistoryRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/data-values/history',
    {
      schema: {
        operationId: 'listValueHistory',
        tags: ['data values'],
        summary: 'Every change of one value: who, when, before and after (newest first)',
        querystring: historyQuery,
        response: { 200: historyResponse },
      },
    },
    async (request) => valueHistory(app.database, actorOf(request), request.query),
  );
}
