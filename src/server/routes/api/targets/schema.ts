import { z } from 'zod';
import { PROGRESS_STATUSES } from '../../../../domain/progress.js';
import { idParams, isoDate, langParam } from '../../../../services/inputs.js';
import { targetAbilitiesShape } from '../../../presenters/abilities.js';

const num = z.number().nullable();

export const targetDefinitionShape = z.object({
  id: z.number(),
  plan: z.string(),
  indicator: z.string(),
  orgUnit: z.string(),
  level: z.number().nullable(),
  kind: z.string().nullable(),
  categoryOption: z.string().nullable(),
  baseline: z.object({
    value: num,
    period: z.string(),
    estimated: z
      .boolean()
      .optional()
      .describe('Recomputed through partial lineage when the plan was taken over'),
  }),
  target: z.object({ value: z.number(), period: z.string(), comparator: z.string() }),
  leadUnit: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  cooperatingUnits: z.array(z.string()),
  responsiblePerson: z.string().nullable(),
  notes: z.string().nullable(),
  abilities: targetAbilitiesShape,
});

/** One item of GET /api/targets (the contract's fields first). */
export const targetItemShape = z.object({
  id: z.number(),
  plan: z.string(),
  indicator: z.string(),
  orgUnit: z.string(),
  baseline: z.object({
    value: num,
    period: z.string(),
    estimated: z
      .boolean()
      .optional()
      .describe('Recomputed through partial lineage when the plan was taken over'),
  }),
  target: z.object({ value: z.number(), period: z.string(), comparator: z.string() }),
  current: z.object({ value: num, period: z.string().nullable() }),
  pace: num,
  status: z.enum(PROGRESS_STATUSES),
  anticipated: z.object({ value: num, meets: z.boolean().nullable() }),
  leadUnit: z.string().nullable(),
  indicatorName: z.string(),
  measure: z.string(),
  pillar: z.string(),
  field: z.string().nullable(),
  frequency: z.string(),
  valueType: z.string(),
  categoryOption: z.string().nullable(),
  orgUnitName: z.string(),
  orgUnitLevel: z.number(),
  scope: z.object({ orgUnit: z.string(), level: z.number().nullable(), kind: z.string().nullable() }),
  deadline: z.string(),
  done: num,
  elapsed: num,
  statusLabel: z.string(),
  leadUnitName: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  latestPeriod: z.string().nullable(),
  reported: num,
  expected: num,
  abilities: targetAbilitiesShape,
});

export const thresholdsShape = z.object({ onTrack: z.number(), atRisk: z.number() });

const asOf = isoDate
  .optional()
  .describe('YYYY-MM-DD (default today): only periods ended on or before it count');

export const targetListQuery = z.object({
  plan: z.string().max(64).optional(),
  orgUnit: z.string().max(64).optional(),
  status: z
    .string()
    .max(200)
    .optional()
    .describe('one or more of achieved,on_track,at_risk,off_track,overdue,no_data'),
  asOf,
  leadUnit: z.string().max(64).optional(),
  indicator: z.string().max(64).optional(),
});

export const targetExportQuery = targetListQuery.extend({
  format: z.enum(['csv', 'xlsx']).default('xlsx').describe('xlsx (default) or csv'),
  lang: langParam,
});

export const targetGetQuery = z.object({
  asOf,
  orgUnit: z
    .string()
    .max(64)
    .optional()
    .describe('the unit whose series the chart shows (level-wide targets)'),
});

export const targetIdParams = idParams;

const point = z.object({ period: z.string(), value: num });

export const targetDetailShape = z.object({
  definition: targetDefinitionShape,
  asOf: z.string(),
  thresholds: thresholdsShape,
  items: z.array(targetItemShape),
  chart: z
    .object({
      orgUnit: z.string(),
      orgUnitName: z.string(),
      frequency: z.string(),
      periods: z.array(z.string()),
      series: z.array(point),
      expected: z.array(point),
      target: z.object({ value: z.number(), period: z.string() }),
      anticipated: z.object({ value: z.number(), period: z.string() }).nullable(),
    })
    .nullable(),
  tasks: z.array(
    z.object({
      id: z.number(),
      plan: z.string(),
      title: z.string(),
      leadUnit: z.string(),
      leadUnitName: z.string(),
      responsiblePerson: z.string().nullable(),
      dueDate: z.string(),
      status: z.string(),
      percentComplete: z.number(),
    }),
  ),
});
