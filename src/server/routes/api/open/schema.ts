/** Shapes of the open-data answers (no login). */
import { z } from 'zod';

export const codeParams = z.object({ code: z.string().min(1).max(64) });

export const openIndicatorItem = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  pillar: z.string(),
  field: z.string().nullable(),
  frequency: z.string(),
  valueType: z.string(),
  decimals: z.number().int(),
  definition: z.string().nullable(),
  source: z.string().nullable(),
});

const option = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

export const openIndicatorShape = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  definition: z.string().nullable(),
  definitionEn: z.string().nullable(),
  unit: z.string(),
  pillar: z.string(),
  field: z.string().nullable(),
  frequency: z.string(),
  valueType: z.string(),
  decimals: z.number().int().describe('fraction digits of every published value'),
  source: z.string().nullable(),
  owner: z.object({ code: z.string(), name: z.string() }).nullable().describe('the body responsible'),
  derived: z.boolean(),
  category: z
    .object({ code: z.string(), name: z.string(), nameEn: z.string(), options: z.array(option) })
    .nullable()
    .describe('the breakdown (phân tổ); rows without an option are the total'),
});

export const openRow = z.object({
  indicator: z.string(),
  orgUnit: z.string(),
  orgUnitName: z.string(),
  period: z.string().describe('period id, e.g. 2025Q1'),
  periodName: z.string().describe('the period as people read it, e.g. "Quý I/2025"'),
  categoryOption: z.string().nullable().describe('null: the total'),
  categoryOptionName: z.string().nullable(),
  value: z.number().describe('rounded to the indicator’s decimals'),
});

export const openDataJson = z.object({ indicator: openIndicatorShape, rows: z.array(openRow) });
