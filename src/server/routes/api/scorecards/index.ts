/** Scorecards (bộ chỉ số đánh giá): definitions, rankings, advice, self-assessment and appraisal. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  advice,
  getAssessments,
  getScorecard,
  listScorecards,
  putAssessments,
  putScorecard,
  ranking,
} from '../../../../services/scorecards.js';
import { actorOf } from '../../../plugins/auth.js';
import { scorecardAbilities, withAssessmentAbilities } from '../../../presenters/abilities.js';
import { ipOf } from '../../helpers.js';
import {
  adviceQuery,
  adviceShape,
  assessmentBody,
  assessmentQuery,
  assessmentsShape,
  codeParams,
  getQuery,
  rankingItem,
  rankingQuery,
  scorecardBody,
  scorecardShape,
} from './schema.js';

export default async function scorecards(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/scorecards',
    {
      schema: {
        operationId: 'listScorecards',
        tags: ['scorecards'],
        summary: 'List scorecards and the years their versions take effect',
        response: { 200: z.looseObject({ items: z.array(scorecardShape), total: z.number() }) },
      },
    },
    async (request) => {
      const abilities = scorecardAbilities(actorOf(request));
      const list = await listScorecards(app.database);
      return { ...list, items: list.items.map((s) => ({ ...s, abilities })) };
    },
  );

  r.get(
    '/scorecards/:code',
    {
      schema: {
        operationId: 'getScorecard',
        tags: ['scorecards'],
        summary: 'A scorecard definition: the latest version, or the one in force for ?year=',
        params: codeParams,
        querystring: getQuery,
        response: { 200: scorecardShape },
      },
    },
    async (request) => {
      const abilities = scorecardAbilities(actorOf(request));
      return {
        ...(await getScorecard(app.database, request.params.code, { year: request.query.year })),
        abilities,
      };
    },
  );

  r.put(
    '/scorecards/:code',
    {
      schema: {
        operationId: 'putScorecard',
        tags: ['scorecards'],
        summary: 'Create or replace a scorecard (a version per validFrom year; old versions are kept)',
        description:
          'Body {"name","components":[{"code","name","weight","indicator","scoring":{"method":"value|ratio_to_target|minmax|tiers|boolean",...},"components":[...]}]}. ' +
          'A node scores Σ children weight × score (weights as given). Optional: validFrom (year; default the latest version, or always), ' +
          'missing (zero|exclude|min), weightsSumToOne (check), decimals (default 4).',
        params: codeParams,
        body: scorecardBody,
        response: { 200: scorecardShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const saved = await putScorecard(app.database, actor, request.params.code, request.body, ipOf(request));
      return { ...saved, abilities: scorecardAbilities(actor) };
    },
  );

  r.get(
    '/scorecards/:code/ranking',
    {
      schema: {
        operationId: 'getRanking',
        tags: ['scorecards'],
        summary: 'Rank the units of a level inside a unit on a scorecard for a period',
        description:
          'Standard competition ranking (1, 2, 2, 4). Units: level `level` (default 1) inside `orgUnit` (default everywhere), valid in the period, optionally of one `kind`. ' +
          'With `geography=YYYY-MM-DD`: the units valid on that date, their figures read through lineage (each item says `estimated` when a partial share went in). ' +
          'Extra fields: previousRank, rankChange (places gained), scoreChange against the previous period; flags (missing data); every node’s score and sub-rank.',
        params: codeParams,
        querystring: rankingQuery,
        response: {
          200: z.looseObject({ items: z.array(rankingItem) }),
        },
      },
    },
    async (request) => ranking(app.database, actorOf(request), request.params.code, request.query),
  );

  r.get(
    '/scorecards/:code/advice',
    {
      schema: {
        operationId: 'getRankingAdvice',
        tags: ['scorecards'],
        summary: 'What a unit needs to reach the Top N: the gap, points still available, the smallest plan',
        description:
          'Peers: units of the same level and kind in the same province (or `scope`/`level`). Points available = weight (multiplied down the tree) × (1 − score); ' +
          'the plan is the smallest set of criteria that, raised to full marks, closes the gap to the unit now at rank N (greedy by points is optimal).',
        params: codeParams,
        querystring: adviceQuery,
        response: { 200: adviceShape },
      },
    },
    async (request) => advice(app.database, actorOf(request), request.params.code, request.query),
  );

  r.get(
    '/scorecards/:code/assessments',
    {
      schema: {
        operationId: 'listAssessments',
        tags: ['scorecards'],
        summary: 'Self-assessment, appraisal and final score of each criterion, beside the computed score',
        params: codeParams,
        querystring: assessmentQuery,
        response: { 200: assessmentsShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const a = await getAssessments(app.database, actor, request.params.code, request.query);
      return withAssessmentAbilities(app.database, actor, a);
    },
  );

  r.put(
    '/scorecards/:code/assessments',
    {
      schema: {
        operationId: 'saveAssessments',
        tags: ['scorecards'],
        summary: 'Self-score criteria with evidence (the unit), or appraise / set final scores (the council)',
        description: 'A final score replaces the computed score of the criterion in rankings.',
        params: codeParams,
        querystring: assessmentQuery,
        body: assessmentBody,
        response: { 200: assessmentsShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const a = await putAssessments(
        app.database,
        actor,
        request.params.code,
        request.query,
        request.body,
        ipOf(request),
      );
      return withAssessmentAbilities(app.database, actor, a);
    },
  );
}
