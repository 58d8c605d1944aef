/** The indicator catalogue. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../../../access/index.js';
import { forbidden, notFound } from '../../../../errors.js';
import * as repo from '../../../../repositories/indicators.js';
import {
  createIndicator,
  indicatorInput,
  indicatorPatch,
  indicatorPut,
  listIndicators,
  presentIndicator,
  publishIndicator,
  updateIndicator,
} from '../../../../services/indicators.js';
import { actorOf } from '../../../plugins/auth.js';
import { ipOf } from '../../helpers.js';
import { codeParams, indicatorShape, listQuery } from './schema.js';

export default async function indicators(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/indicators',
    {
      schema: {
        operationId: 'listIndicators',
        tags: ['indicators'],
        summary: 'List and search indicators (q ignores case and Vietnamese diacritics)',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(indicatorShape), total: z.number() }) },
      },
    },
    async (request) => listIndicators(app.database, request.query),
  );

  r.get(
    '/indicators/:code',
    {
      schema: {
        operationId: 'getIndicator',
        tags: ['indicators'],
        summary: 'One indicator of the catalogue',
        params: codeParams,
        response: { 200: indicatorShape },
      },
    },
    async (request) => {
      const row = await repo.findByCode(app.database, request.params.code);
      if (!row) throw notFound('word.indicator', request.params.code);
      return presentIndicator(row);
    },
  );

  r.post(
    '/indicators',
    {
      schema: {
        operationId: 'createIndicator',
        tags: ['indicators'],
        summary: 'Create an indicator',
        body: indicatorInput,
        response: { 201: indicatorShape },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!policy.canManageCatalogue(actor)) throw forbidden();
      const created = await createIndicator(app.database, actor, request.body, ipOf(request));
      return reply.status(201).send(created);
    },
  );

  r.put(
    '/indicators/:code',
    {
      schema: {
        operationId: 'replaceIndicator',
        tags: ['indicators'],
        summary:
          'Replace an indicator (the whole object, as GET returns it; use PATCH to change some fields)',
        description:
          'Every writable field is required (null clears an optional one); a body that leaves fields out is a 400 naming them. ' +
          'A change that would orphan stored values (frequency, value type to/from ratio or boolean, disaggregation, a formula, reporting kinds excluding units that hold data) is a 409.',
        params: codeParams,
        body: indicatorPut,
        response: { 200: indicatorShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!policy.canManageSomewhere(actor)) throw forbidden();
      return updateIndicator(app.database, actor, request.params.code, request.body, ipOf(request));
    },
  );

  r.patch(
    '/indicators/:code',
    {
      schema: {
        operationId: 'updateIndicator',
        tags: ['indicators'],
        summary: 'Change some fields of an indicator (the fields not given stay as they are)',
        description:
          'Catalogue managers (a secretariat on the root unit), or the secretariat covering the owner unit. ' +
          'A change that would orphan stored values is a 409 naming each conflict and its value count.',
        params: codeParams,
        body: indicatorPatch,
        response: { 200: indicatorShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!policy.canManageSomewhere(actor)) throw forbidden();
      return updateIndicator(app.database, actor, request.params.code, request.body, ipOf(request));
    },
  );

  r.post(
    '/indicators/:code/publish',
    {
      schema: {
        operationId: 'publishIndicator',
        tags: ['indicators', 'open data'],
        summary: 'Publish (or withdraw) an indicator as open data',
        params: codeParams,
        body: z.object({ published: z.boolean() }),
        response: { 200: z.object({ code: z.string(), published: z.boolean() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!policy.canAdminister(actor)) throw forbidden();
      await publishIndicator(app.database, actor, request.params.code, request.body.published, ipOf(request));
      return { code: request.params.code, published: request.body.published };
    },
  );
}
