import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../../../../domain/catalog.js';
import { MISSING_RULES } from '../../../../domain/scoring.js';
import { isoDate } from '../../../../services/inputs.js';
import { assessmentAbilitiesShape, scorecardAbilitiesShape } from '../../../presenters/abilities.js';

export const codeParams = z.object({ code: z.string().min(1).max(64) });

/**
 * The contract's body; the component tree is checked by src/domain/scoring.ts parseDefinition so
 * each problem comes back with its path (components[2].components[0].weight) and rule.
 */
export const scorecardBody = z.object({
  name: z.string().max(300),
  components: z.array(z.unknown()).max(500),
  validFrom: z.number().int().min(1990).max(2100).optional(),
  missing: z.enum(MISSING_RULES).optional(),
  weightsSumToOne: z.boolean().optional(),
  decimals: z.number().int().min(0).max(10).optional(),
});

/** A scorecard in GET /scorecards, GET and PUT /scorecards/:code (its definition fields pass through). */
export const scorecardShape = z.looseObject({
  code: z.string(),
  name: z.string(),
  abilities: scorecardAbilitiesShape,
});

/** GET and PUT /scorecards/:code/assessments (the items pass through). */
export const assessmentsShape = z.looseObject({
  scorecard: z.string(),
  orgUnit: z.string(),
  period: z.string(),
  abilities: assessmentAbilitiesShape,
});

export const getQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() });

export const rankingQuery = z.object({
  period: z.string().min(4).max(16),
  orgUnit: z.string().min(1).max(64).optional(),
  level: z.coerce.number().int().min(1).max(10).optional(),
  kind: z.enum(ORG_UNIT_KINDS).optional(),
  /** Rank the units valid on this date, their figures read through lineage (e.g. 2024 in 2025-07 provinces). */
  geography: isoDate.optional(),
});

export const rankingItem = z.looseObject({
  orgUnit: z.string(),
  name: z.string(),
  score: z.number(),
  rank: z.number(),
  components: z.array(z.looseObject({ code: z.string(), score: z.number().nullable() })),
  previousRank: z.number().nullable(),
  rankChange: z.number().nullable(),
  scoreChange: z.number().nullable(),
  flags: z.array(z.object({ component: z.string(), indicator: z.string(), rule: z.string() })),
});

export const adviceQuery = z.object({
  orgUnit: z.string().min(1).max(64),
  period: z.string().min(4).max(16),
  top: z.coerce.number().int().min(1).max(1000).default(10),
  scope: z.string().min(1).max(64).optional(),
  level: z.coerce.number().int().min(1).max(10).optional(),
});

export const assessmentQuery = z.object({
  orgUnit: z.string().min(1).max(64),
  period: z.string().min(4).max(16),
});

const score = z.number().min(0).max(1).nullable();

export const assessmentBody = z.object({
  items: z
    .array(
      z.object({
        component: z.string().min(1).max(64),
        self: z
          .object({
            score,
            evidence: z.string().max(5000).nullish(),
            url: z.string().url().max(2000).nullish(),
          })
          .optional(),
        appraised: z.object({ score, note: z.string().max(5000).nullish() }).optional(),
        final: z.object({ score, note: z.string().max(5000).nullish() }).optional(),
      }),
    )
    .min(1)
    .max(500),
});

export const adviceShape = z.object({
  scorecard: z.string(),
  period: z.string(),
  /** indicator code → name, for the components */
  indicators: z.record(z.string(), z.string()),
  unit: z.string(),
  name: z.string(),
  rank: z.number(),
  score: z.number(),
  top: z.number(),
  inTop: z.boolean(),
  benchmark: z.object({ unit: z.string(), name: z.string(), score: z.number(), rank: z.number() }).nullable(),
  gap: z.number(),
  components: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      path: z.array(z.string()),
      indicator: z.string(),
      score: z.number(),
      effectiveWeight: z.number(),
      available: z.number(),
    }),
  ),
  plan: z.array(z.string()),
  planGain: z.number(),
  reachable: z.boolean(),
  excluded: z.array(z.string()),
});
