import { z } from 'zod';

export const historyQuery = z.object({
  indicator: z.string().min(1).max(64),
  orgUnit: z.string().min(1).max(64),
  period: z.string().min(1).max(16),
  categoryOption: z.string().min(1).max(64).optional(),
});

const snapshot = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  status: z.string().nullable(),
});

export const historyResponse = z.object({
  indicator: z.string(),
  orgUnit: z.string(),
  period: z.string(),
  current: z.array(
    snapshot.extend({
      categoryOption: z.string().nullable(),
      source: z.string(),
      comment: z.string().nullable(),
      createdBy: z.string().nullable(),
      createdAt: z.string().nullable(),
      updatedBy: z.string().nullable(),
      updatedAt: z.string().nullable(),
    }),
  ),
  items: z.array(
    z.object({
      change: z.string(),
      at: z.string().nullable(),
      user: z.string().nullable(),
      source: z.string().nullable(),
      before: snapshot.extend({ by: z.string().nullable(), at: z.string().nullable() }).nullable(),
      after: snapshot.nullable(),
    }),
  ),
});
