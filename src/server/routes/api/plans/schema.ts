import { z } from 'zod';
import { planAbilitiesShape } from '../../../presenters/abilities.js';

export const linkShape = z.object({ url: z.string().nullable(), note: z.string().nullable() });

export const planShape = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  issuingBody: z.string().nullable(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  periodFrom: z.string(),
  periodTo: z.string(),
  scopeUnit: z.string(),
  scopeUnitName: z.string(),
  takenOverFrom: z.string().nullable().describe('The scope it was made for, when a successor took it over'),
  status: z.string(),
  links: z.array(linkShape),
  description: z.string().nullable(),
  targetCount: z.number(),
  taskCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canManage: z.boolean().optional(),
  abilities: planAbilitiesShape,
});

export const planCodeParams = z.object({ code: z.string().min(1).max(64) });

const comparatorShape = z.enum(['>=', '>', '<=', '<', '=']);
/** With `detail`: where the item was read, as [start, end) offsets into `text`. */
const atShape = z.object({ sentence: z.array(z.number()), quote: z.array(z.number()) });
const extractedFields = {
  subject: z.string(),
  value: z.number(),
  unit: z.string(),
  comparator: comparatorShape,
  sentence: z.string(),
  indicator: z.string().nullable().describe('Best catalogue match (indicator code), or null'),
  confidence: z.number().describe('Confidence of the indicator match, 0–1 (0 when indicator is null)'),
  indicatorName: z.string().nullable().optional().describe('With detail: the matched indicator’s name'),
  at: atShape.optional(),
};

export const extractionShape = z.object({
  targets: z.array(
    z.object({
      ...extractedFields,
      deadline: z.string().nullable().describe('A year or period code: 2025, 2024Q4, 2023S1, 2023M06'),
      scope: z.enum(['province', 'district', 'commune']).nullable().describe('cấp tỉnh / huyện / xã'),
    }),
  ),
  results: z.array(z.object({ ...extractedFields, period: z.string().nullable() })),
  text: z.string().optional().describe('With detail: the text read, which `at` points into'),
});

export const extractQuery = z.object({
  detail: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .describe(
      'Also answer the text read, each item’s offsets and its indicator’s name (for the review screen)',
    ),
});
