import { z } from 'zod';

export const indicatorShape = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  valueType: z.string(),
  aggregation: z.string(),
  pillar: z.string(),
  field: z.string().nullable(),
  frequency: z.string(),
  timeAggregation: z.string(),
  polarity: z.string(),
  definition: z.string().nullable(),
  definitionEn: z.string().nullable(),
  ratioScale: z.number(),
  decimals: z.number().nullable(),
  owner: z.string().nullable(),
  ownerName: z.string().nullable(),
  source: z.string().nullable(),
  reportingKinds: z.array(z.string()),
  category: z.string().nullable(),
  formula: z.string().nullable(),
  published: z.boolean(),
});

export const listQuery = z.object({
  q: z.string().max(200).optional(),
  pillar: z.string().max(64).optional(),
  field: z.string().max(64).optional(),
  owner: z.string().max(64).optional(),
  frequency: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const codeParams = z.object({ code: z.string().min(1).max(64) });
