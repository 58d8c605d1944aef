/** Emulation reviews (sơ kết / tổng kết): frozen rankings, compared and exported (printed: routes/api/print). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  compareReviews,
  createReview,
  getReview,
  listReviews,
  reviewWorkbook,
} from '../../../../services/reviews.js';
import { download, XLSX } from '../../../openapi.js';
import { actorOf } from '../../../plugins/auth.js';
import { reviewAbilities, reviewAbilitiesShape } from '../../../presenters/abilities.js';
import { ipOf, langOf, sendFile } from '../../helpers.js';
import { compareQuery, exportQuery, idParams, listQuery, reviewBody } from './schema.js';

/** Target statuses as of the review date, when the plans feature (GET /api/targets) is installed. */
async function targetStatuses(
  app: FastifyInstance,
  request: FastifyRequest,
  q: { orgUnit?: string; date: string },
) {
  if (!app.hasRoute({ method: 'GET', url: '/api/targets' })) return undefined;
  const headers: Record<string, string> = {};
  for (const h of ['cookie', 'authorization', 'accept-language'])
    if (typeof request.headers[h] === 'string') headers[h] = request.headers[h] as string;
  const qs = new URLSearchParams({ asOf: q.date, ...(q.orgUnit ? { orgUnit: q.orgUnit } : {}) });
  try {
    const res = await app.inject({ method: 'GET', url: `/api/targets?${qs}`, headers });
    if (res.statusCode !== 200) return undefined;
    // the snapshot keeps the statuses, not what the user who froze it could do with each target
    const body = JSON.parse(res.body) as { items?: Array<Record<string, unknown>> };
    for (const item of body.items ?? []) delete item.abilities;
    return body as unknown;
  } catch {
    return undefined;
  }
}

const reviewHead = z.object({
  id: z.number(),
  title: z.string(),
  kind: z.string(),
  date: z.string(),
  period: z.string(),
  scorecard: z.string(),
});
const standing = z.object({ score: z.number(), rank: z.number() }).nullable();
const comparison = z.object({
  a: reviewHead,
  b: reviewHead,
  items: z.array(
    z.object({
      orgUnit: z.string(),
      name: z.string(),
      a: standing,
      b: standing,
      rankChange: z.number().nullable().meta({ description: 'rank in a − rank in b (positive: moved up)' }),
      scoreChange: z.number().nullable(),
    }),
  ),
});
const reviewShape = z.looseObject({ id: z.number(), abilities: reviewAbilitiesShape });

export default async function reviews(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/reviews',
    {
      schema: {
        operationId: 'createReview',
        tags: ['scorecards'],
        summary: 'Freeze an emulation review (sơ kết / tổng kết): the ranking as it stands, stored for good',
        description:
          'kind: interim (sơ kết) | final (tổng kết); date defaults to today; period defaults to the first half (interim) or the year (final) of the date. ' +
          'Target statuses as of the date are stored too when GET /api/targets exists.',
        body: reviewBody,
        response: { 201: reviewShape },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      const date = body.date ?? new Date().toISOString().slice(0, 10);
      const input = { ...body, date, kind: body.kind as 'interim' | 'final' };
      // checks rights and the scorecard before asking for targets
      const targets = await targetStatuses(app, request, { orgUnit: body.orgUnit, date });
      const created = await createReview(app.database, actor, input, ipOf(request), targets);
      return reply.status(201).send({ ...created, abilities: reviewAbilities(actor) });
    },
  );

  r.get(
    '/reviews',
    {
      schema: {
        operationId: 'listReviews',
        tags: ['scorecards'],
        summary: 'Frozen reviews, newest first',
        querystring: listQuery,
        response: { 200: z.looseObject({ items: z.array(reviewShape), total: z.number() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const page = await listReviews(app.database, actor, request.query);
      return { ...page, items: page.items.map((r) => ({ ...r, abilities: reviewAbilities(actor) })) };
    },
  );

  r.get(
    '/reviews/compare',
    {
      schema: {
        operationId: 'compareReviews',
        tags: ['scorecards'],
        summary: 'Two frozen reviews side by side: each unit’s rank and score, and the change from a to b',
        querystring: compareQuery,
        response: { 200: comparison },
      },
    },
    async (request) => compareReviews(app.database, actorOf(request), request.query.a, request.query.b),
  );

  r.get(
    '/reviews/:id',
    {
      schema: {
        operationId: 'getReview',
        tags: ['scorecards'],
        summary: 'A frozen review',
        params: idParams,
        response: { 200: reviewShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        ...(await getReview(app.database, actor, request.params.id)),
        abilities: reviewAbilities(actor),
      };
    },
  );

  r.get(
    '/reviews/:id/export.xlsx',
    {
      schema: {
        operationId: 'exportReviewXlsx',
        tags: ['scorecards'],
        summary: 'A frozen review as a formatted Excel workbook',
        params: idParams,
        querystring: exportQuery,
        response: { 200: download('The workbook', XLSX) },
      },
    },
    async (request, reply) => {
      const review = await getReview(app.database, actorOf(request), request.params.id);
      return sendFile(reply, await reviewWorkbook(review, request.query.lang ?? langOf(request)));
    },
  );
}
