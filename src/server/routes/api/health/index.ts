import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthResponse } from './schema.js';

export default async function health(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['reference'],
        summary: 'Liveness and the storage in use',
        security: [],
        response: { 200: healthResponse },
      },
    },
    async () => ({ status: 'ok' as const, database: app.database.kind }),
  );
}
