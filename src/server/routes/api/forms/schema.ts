import { z } from 'zod';
import { formAbilitiesShape, submissionAbilitiesShape } from '../../../presenters/abilities.js';
import { importResult } from '../data-values/schema.js';

const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);
const message = z
  .object({ vi: z.string().max(500).optional(), en: z.string().max(500).optional() })
  .optional();

export const ruleSchema = z.union([
  z.object({
    kind: z.literal('change'),
    code,
    indicator: z.string().max(64).optional(),
    threshold: z.number().positive().max(100),
    importance: z.enum(['error', 'warning']),
    message,
  }),
  z.object({
    kind: z.literal('compare').optional(),
    code,
    left: z.string().min(1).max(1000),
    operator: z.enum(['==', '!=', '<', '<=', '>', '>=']),
    right: z.string().min(1).max(1000),
    importance: z.enum(['error', 'warning']),
    message,
  }),
]);

export const formBody = z.object({
  code,
  name: z.string().trim().min(1).max(300),
  nameEn: z.string().max(300).optional(),
  periodType: z.enum(['month', 'quarter', 'half', 'nine_months', 'year']),
  indicators: z.array(z.string().min(1).max(64)).min(1).max(1000),
  units: z.array(z.string().min(1).max(64)).max(100000).optional(),
  unitsWithin: z
    .object({
      orgUnit: z.string().min(1).max(64),
      level: z.number().int().min(1).max(10).optional(),
      kind: z
        .enum(['province', 'district', 'commune', 'hamlet', 'department', 'agency', 'community_team'])
        .optional(),
    })
    .optional(),
  dueWorkingDays: z.number().int().min(0).max(120).optional(),
  reminderDays: z.number().int().min(0).max(120).optional(),
  lockDays: z.number().int().min(0).max(3650).optional(),
  approvalLevels: z.number().int().min(1).max(5).optional(),
  rules: z.array(ruleSchema).max(500).optional(),
});

export const formShape = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  periodType: z.string(),
  indicators: z.array(z.string()),
  units: z.array(z.string()).optional(),
  unitsWithin: z
    .object({ orgUnit: z.string(), level: z.number().optional(), kind: z.string().optional() })
    .optional(),
  dueWorkingDays: z.number(),
  reminderDays: z.number(),
  lockDays: z.number(),
  approvalLevels: z.number(),
  rules: z.array(z.unknown()),
  abilities: formAbilitiesShape,
});

/** The entry grid of GET /forms/:code/entry (its other fields are described by the route summary). */
export const entryShape = z.looseObject({
  form: z.string(),
  orgUnit: z.string(),
  period: z.string(),
  status: z.string(),
  editable: z.boolean(),
  canReview: z.boolean(),
  abilities: submissionAbilitiesShape,
});

export const codeParams = z.object({ code: z.string().min(1).max(64) });
export const entryQuery = z.object({ orgUnit: z.string().min(1).max(64), period: z.string().min(1).max(16) });
export const optionalEntryQuery = z.object({
  orgUnit: z.string().min(1).max(64).optional(),
  period: z.string().min(1).max(16).optional(),
});

export const entryBody = z.object({
  values: z
    .array(
      z.object({
        indicator: z.string().min(1).max(64),
        value: z.union([z.number(), z.string().max(100), z.boolean(), z.null()]).optional(),
        numerator: z.union([z.number(), z.string().max(100), z.null()]).optional(),
        denominator: z.union([z.number(), z.string().max(100), z.null()]).optional(),
        comment: z.string().max(2000).nullable().optional(),
      }),
    )
    .max(5000),
});

export const actionBody = z
  .object({
    orgUnit: z.string().min(1).max(64).optional(),
    period: z.string().min(1).max(16).optional(),
    reason: z.string().max(2000).optional(),
    confirmWarnings: z.boolean().optional(),
  })
  .optional();

export const stateShape = z.object({
  form: z.string(),
  orgUnit: z.string(),
  period: z.string(),
  status: z.string(),
  approvalsDone: z.number(),
  approvalLevels: z.number(),
  dueDate: z.string(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  unlockReason: z.string().nullable(),
  timeliness: z.string(),
});

export const holidaysBody = z.object({
  holidays: z.array(z.object({ date: z.string().max(10), name: z.string().max(200) })).max(2000),
});

export const uploadQuery = z.object({
  period: z.string().min(1).max(16),
  mode: z.enum(['atomic', 'partial']).default('atomic'),
});

export const scheduleShape = z.object({
  form: z.string(),
  items: z.array(
    z.object({
      period: z.string(),
      label: z.string(),
      window: z.object({ from: z.string(), to: z.string() }),
      opensOn: z.string(),
      dueDate: z.string(),
      remindOn: z.string(),
      lockOn: z.string(),
    }),
  ),
});

export const validationShape = z.object({
  /** indicators of the form without a value */
  missing: z.array(z.string()),
  violations: z.array(
    z.object({
      rule: z.string(),
      importance: z.enum(['error', 'warning']),
      cells: z.array(z.string()),
      message: z.string(),
    }),
  ),
});

export const holidaysShape = z.object({
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
});

/** PUT entry: the import counts and, when something was written, the report's state after. */
export const saveShape = importResult.extend({ state: stateShape.optional() });

/** An upload: counts, and errors by sheet, row and column. */
export const uploadShape = z.object({
  imported: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  errors: z.array(
    z.object({
      sheet: z.string(),
      row: z.number(),
      column: z.string(),
      field: z.string(),
      message: z.string(),
    }),
  ),
  errorsTotal: z.number().optional(),
  errorsTruncated: z.boolean().optional(),
  /** with 422/403: the summary of what was refused */
  message: z.string().optional(),
});
