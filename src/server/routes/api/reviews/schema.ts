import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../../../../domain/catalog.js';
import { idParam, idParams, isoDate } from '../../../../services/inputs.js';

const KIND_ALIASES: Record<string, string> = {
  so_ket: 'interim',
  soket: 'interim',
  'sơ kết': 'interim',
  mid_term: 'interim',
  midterm: 'interim',
  tong_ket: 'final',
  tongket: 'final',
  'tổng kết': 'final',
};

export const reviewBody = z.object({
  scorecard: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(300),
  kind: z.preprocess(
    (v) => (typeof v === 'string' ? (KIND_ALIASES[v.trim().toLowerCase()] ?? v.trim().toLowerCase()) : v),
    z.enum(['interim', 'final']),
  ),
  date: isoDate.optional(),
  period: z.string().min(4).max(16).optional(),
  orgUnit: z.string().min(1).max(64).optional(),
  level: z.number().int().min(1).max(10).optional(),
  unitKind: z.enum(ORG_UNIT_KINDS).optional(),
});

export { idParams };

export const listQuery = z.object({
  scorecard: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const compareQuery = z.object({
  a: idParam,
  b: idParam,
});

export const exportQuery = z.object({ lang: z.enum(['vi', 'en']).optional() });
