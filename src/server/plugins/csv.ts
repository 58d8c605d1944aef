/** CSV bodies arrive as raw bytes: the import services check the encoding and parse them. */
import type { FastifyInstance } from 'fastify';

export function registerCsvParser(app: FastifyInstance) {
  app.addContentTypeParser(
    ['text/csv', 'application/csv', 'text/plain'],
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );
}
