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
import { okShape, storedTime } from '../../../openapi.js';
import { actorOf } from '../../../plugins/auth.js';
import { ipOf } from '../../helpers.js';

export default async function tokens(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/tokens',
    {
      schema: {
        operationId: 'listTokens',
        tags: ['auth'],
        summary: 'Your API tokens',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                name: z.string(),
                prefix: z
                  .string()
                  .meta({ description: 'The first characters of the token, to recognise it' }),
                scope: z.string(),
                createdAt: z.date(),
                expiresAt: storedTime.nullable(),
                lastUsedAt: z.date().nullable(),
                revokedAt: z.date().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { items: await users.listTokens(app.database, actor.id) };
    },
  );
  r.post(
    '/tokens',
    {
      schema: {
        operationId: 'createToken',
        tags: ['auth'],
        summary: 'Create an API token (the token is shown once)',
        body: z.object({
          name: z.string().min(1).max(100),
          scope: z.enum(['read', 'write']).default('write'),
          expiresAt: isoDateOrDateTime
            .refine(isFuture, 'must be in the future')
            // described before nullish(): zod's OpenAPI output loses the union otherwise
            .describe(
              'YYYY-MM-DD (the token ends at the start of that day, UTC) or an ISO date-time with offset',
            )
            .nullish(),
        }),
        response: {
          201: z.object({
            id: z.number(),
            token: z
              .string()
              .meta({ description: 'Send as `Authorization: Bearer …`; shown only this once' }),
            prefix: z.string(),
          }),
        },
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
        operationId: 'revokeToken',
        tags: ['auth'],
        summary: 'Revoke a token',
        params: idParams,
        response: { 200: okShape },
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
