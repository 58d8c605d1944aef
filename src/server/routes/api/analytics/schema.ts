import { z } from 'zod';
import { isoDate } from '../../../../services/inputs.js';

export const analyticsQuery = z.object({
  indicator: z.string().min(1).max(5000),
  orgUnit: z.string().min(1).max(5000),
  period: z.string().min(1).max(2000),
  level: z.coerce.number().int().min(1).max(10).optional(),
});

export const analyticsRow = z.object({
  indicator: z.string(),
  orgUnit: z.string(),
  orgUnitName: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  reported: z.number(),
  expected: z.number(),
});

export const latestQuery = z.object({
  orgUnit: z.string().min(1).max(64),
  pillar: z.string().max(64).optional(),
  asOf: isoDate.optional(),
});

export const trendQuery = z.object({
  indicator: z.string().min(1).max(64),
  orgUnit: z.string().min(1).max(64),
  from: z.string().min(4).max(10),
  to: z.string().min(4).max(10),
});
