import { z } from 'zod';
import { csvText } from '../../../openapi.js';

export const importResult = z.object({
  imported: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  errors: z.array(z.object({ row: z.number(), field: z.string(), rule: z.string(), message: z.string() })),
  /** only when errors were left out: all of them (the list holds the first CHISO_MAX_LISTED_ERRORS, default 200) */
  errorsTotal: z.number().optional(),
  errorsTruncated: z.boolean().optional(),
  /**
   * Rows stored as drafts of their report: a report form expects them of the unit for the period,
   * the report is not submitted yet, and the writer is not its reviewer. They count once the
   * report is submitted.
   */
  drafts: z.number().optional(),
});

const bool = z.preprocess((x) => (x === 'true' ? true : x === 'false' ? false : x), z.boolean());

export const modeQuery = z.object({
  mode: z.enum(['atomic', 'partial']).optional(),
  dryRun: bool
    .optional()
    .describe('true: validate, count and check the locks as the import would, then write nothing'),
});

export const jsonBody = z.object({
  values: z.array(z.unknown()).max(500000),
  mode: z.enum(['atomic', 'partial']).optional(),
});

export const valuesCsv = csvText.meta({
  description:
    'CSV: indicator,org_unit,period and any of value,numerator,denominator,comment,category_option; UTF-8, header first',
});

export const listQuery = z.object({
  indicator: z.string().max(2000).optional(),
  orgUnit: z.string().max(2000).optional(),
  period: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(10000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

export const valueShape = z.object({
  indicator: z.string(),
  orgUnit: z.string(),
  period: z.string(),
  categoryOption: z.string().optional(),
  indicatorName: z.string(),
  orgUnitName: z.string(),
  categoryOptionName: z.string().nullable(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  comment: z.string().nullable(),
  status: z.string(),
  source: z.string(),
  updatedAt: z.string(),
});
