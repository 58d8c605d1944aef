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
