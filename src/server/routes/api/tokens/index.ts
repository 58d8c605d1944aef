/** API tokens of the logged-in user: create (shown once), list, revoke. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../../../access/index.js';
import { forbidden, notFound } from '../../../../errors.js';
import { appendAudit } from '../../../../repositories/audit.js';
import * as users from '../../../../repositories/users.js';
import { createApiToken } from '../../../../services/auth.js';
import { idParams, isFuture, isoDateOrDateTime } from '../../../../services/inputs.js';
import { actorOf } from '../../../plugins/auth.js';
import { ipOf } from '../../helpers.js';

export default async function tokens(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/tokens', { schema: { tags: ['auth'], summary: 'Your API tokens' } }, async (request) => {
    const actor = actorOf(request);
    return { items: await users.listTokens(app.database, actor.id) };
  });
  r.post(
    '/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token (the token is shown once)',
        body: z.object({
          name: z.string().min(1).max(100),
          scope: z.enum(['read', 'write']).default('write'),
          expiresAt: isoDateOrDateTime
            .refine(isFuture, 'must be in the future')
            .nullish()
            .describe(
              'YYYY-MM-DD (the token ends at the start of that day, UTC) or an ISO date-time with offset',
            ),
        }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.via === 'token') throw forbidden();
      const created = await createApiToken(app.database, actor.id, {
        name: request.body.name,
        scope: request.body.scope,
        expiresAt: request.body.expiresAt ?? null,
      });
      await appendAudit(app.database, {
        userId: actor.id,
        username: actor.username,
        ip: ipOf(request),
        action: 'create',
        entity: 'api_token',
        key: created.prefix,
        after: { name: request.body.name, scope: request.body.scope },
      });
      return reply.status(201).send(created);
    },
  );
  r.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke a token',
        params: idParams,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!policy.canRevokeOwnTokens(actor)) throw forbidden();
      if (!(await users.revokeToken(app.database, actor.id, request.params.id)))
        throw notFound('word.token', String(request.params.id));
      await appendAudit(app.database, {
        userId: actor.id,
        username: actor.username,
        ip: ipOf(request),
        action: 'revoke',
        entity: 'api_token',
        key: String(request.params.id),
      });
      return { ok: true };
    },
  );
}
