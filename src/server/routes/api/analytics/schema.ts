import { z } from 'zod';
import { isoDate } from '../../../../services/inputs.js';

export const analyticsQuery = z.object({
  indicator: z.string().min(1).max(5000),
  orgUnit: z.string().min(1).max(5000),
  period: z.string().min(1).max(2000),
  level: z.coerce.number().int().min(1).max(10).optional(),
  /** Every row in the units valid on this date, whatever the period (through lineage). */
  geography: isoDate.optional(),
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
  /** geography=…: whether a partial share went into the row. */
  estimated: z.boolean().optional(),
  /** Why value is null: not_additive (a partial share cannot go into min, max, average, none), not_valid (no unit of that code in the period). */
  note: z.enum(['not_additive', 'not_valid']).optional(),
});

export const latestQuery = z.object({
  orgUnit: z.string().min(1).max(64),
  pillar: z.string().max(64).optional(),
  asOf: isoDate.optional(),
  geography: isoDate.optional(),
});

export const trendQuery = z.object({
  indicator: z.string().min(1).max(64),
  orgUnit: z.string().min(1).max(64),
  from: z.string().min(4).max(10),
  to: z.string().min(4).max(10),
  geography: isoDate.optional(),
});

/** A cell: the aggregate of one indicator, unit and period (analyticsRow without the keys). */
const cell = analyticsRow.pick({
  value: true,
  numerator: true,
  denominator: true,
  reported: true,
  expected: true,
  estimated: true,
  note: true,
});

export const latestResponse = z.object({
  orgUnit: z.string(),
  items: z.array(
    cell.extend({
      indicator: z.string(),
      name: z.string(),
      nameEn: z.string(),
      unit: z.string(),
      pillar: z.string(),
      field: z.string().nullable(),
      polarity: z.string(),
      valueType: z.string(),
      frequency: z.string(),
      period: z.string(),
      previousPeriod: z.string(),
      previousValue: z.number().nullable(),
    }),
  ),
});

export const trendResponse = z.object({ rows: z.array(cell.extend({ period: z.string() })) });
