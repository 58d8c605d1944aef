import { z } from 'zod';
import { idParams, isoDate, langParam } from '../../../../services/inputs.js';
import { taskAbilitiesShape } from '../../../presenters/abilities.js';

export const taskShape = z.object({
  id: z.number(),
  plan: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  leadUnit: z.string(),
  leadUnitName: z.string(),
  cooperatingUnits: z.array(z.string()),
  responsiblePerson: z.string().nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string(),
  status: z.string(),
  percentComplete: z.number(),
  evidence: z.string().nullable(),
  targets: z.array(z.number()),
  commentCount: z.number(),
  daysLeft: z.number(),
  overdue: z.boolean(),
  updatedAt: z.string(),
  abilities: taskAbilitiesShape,
});

export const commentShape = z.object({
  id: z.number(),
  user: z.string().nullable(),
  body: z.string(),
  at: z.string(),
});

export const taskDetailShape = taskShape.extend({
  comments: z.array(commentShape),
  canManage: z.boolean(),
  canUpdateProgress: z.boolean(),
});

export const taskListQuery = z.object({
  plan: z.string().max(64).optional(),
  leadUnit: z.string().max(64).optional(),
  status: z.string().max(200).optional().describe('one or more of not_started,in_progress,done,cancelled'),
  mine: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe("only tasks led by (or shared with) the user's units"),
  dueBefore: isoDate.optional(),
  asOf: isoDate.optional().describe('date that daysLeft counts from (default today)'),
});

export const taskExportQuery = z.object({
  plan: z.string().max(64).optional(),
  format: z.enum(['csv', 'xlsx']).default('xlsx').describe('xlsx (default) or csv'),
  lang: langParam,
});

export const taskIdParams = idParams;
export const commentInput = z.object({ body: z.string().trim().min(1).max(10000) });
