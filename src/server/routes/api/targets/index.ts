/** Targets (mục tiêu) of plans and their progress as of a date. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTarget,
  deleteTarget,
  getTarget,
  listTargetProgress,
  targetInput,
  targetPatch,
  updateTarget,
} from '../../../../services/plans.js';
import { actorOf } from '../../../plugins/auth.js';
import { ipOf, langOf } from '../../helpers.js';
import {
  targetDefinitionShape,
  targetDetailShape,
  targetGetQuery,
  targetIdParams,
  targetItemShape,
  targetListQuery,
  thresholdsShape,
} from './schema.js';

export default async function targets(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/targets',
    {
      schema: {
        tags: ['plans'],
        summary:
          'Targets with their progress status as of a date; a level-wide target answers one item per unit',
        querystring: targetListQuery,
        response: {
          200: z.object({ asOf: z.string(), thresholds: thresholdsShape, items: z.array(targetItemShape) }),
        },
      },
    },
    async (request) => listTargetProgress(app.database, actorOf(request), langOf(request), request.query),
  );

  r.post(
    '/targets',
    {
      schema: {
        tags: ['plans'],
        summary:
          'Create a target: indicator, unit (or every unit of `level` inside it), baseline, target value, comparator, deadline, owners',
        body: targetInput,
        response: { 201: targetDefinitionShape },
      },
    },
    async (request, reply) => {
      const created = await createTarget(
        app.database,
        actorOf(request),
        langOf(request),
        request.body,
        ipOf(request),
      );
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/targets/:id',
    {
      schema: {
        tags: ['plans'],
        summary: 'One target: definition, items with progress, the chart series of one unit, linked tasks',
        params: targetIdParams,
        querystring: targetGetQuery,
        response: { 200: targetDetailShape },
      },
    },
    async (request) =>
      getTarget(app.database, actorOf(request), langOf(request), request.params.id, request.query),
  );

  r.put(
    '/targets/:id',
    {
      schema: {
        tags: ['plans'],
        summary: 'Change a target (fields given replace the stored ones)',
        params: targetIdParams,
        body: targetPatch,
        response: { 200: targetDefinitionShape },
      },
    },
    async (request) =>
      updateTarget(
        app.database,
        actorOf(request),
        langOf(request),
        request.params.id,
        request.body,
        ipOf(request),
      ),
  );

  r.delete(
    '/targets/:id',
    {
      schema: {
        tags: ['plans'],
        summary: 'Delete a target',
        params: targetIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteTarget(app.database, actorOf(request), request.params.id, ipOf(request));
      return reply.status(204).send(null);
    },
  );
}
