/**
 * GET /print.js: the print pages' only script (the CSP allows scripts from 'self' only, never inline
 * handlers): the "In" button calls window.print().
 */
import type { FastifyInstance } from 'fastify';

const SCRIPT = `document.getElementById('chiso-print')?.addEventListener('click', () => window.print());\n`;

export function registerPrintScript(app: FastifyInstance) {
  app.get('/print.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SCRIPT),
  );
}
