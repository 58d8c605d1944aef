import { z } from 'zod';
import { isoDate } from '../../../../services/inputs.js';

export const unitShape = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  type: z.string().nullable(),
  level: z.number(),
  parentCode: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  hasGeometry: z.boolean(),
});

export const listQuery = z.object({
  level: z.coerce.number().int().min(1).max(10).optional(),
  parent: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  kind: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(20000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const listResponse = z.object({ items: z.array(unitShape), total: z.number() });

export const importQuery = z.object({
  /** The date from which the file is the complete administrative tree (a restructuring). */
  effective: isoDate.optional(),
});

export const importResponse = z.object({
  created: z.number(),
  updated: z.number(),
  closed: z.number().optional(),
  unchanged: z.number().optional(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
  errorsTotal: z.number().optional(),
  errorsTruncated: z.boolean().optional(),
});

export const levelGeojsonQuery = z.object({
  level: z.coerce.number().int().min(1).max(10).default(1),
  asOf: isoDate.optional(),
});

export const codeParams = z.object({ code: z.string().min(1).max(64) });

export const geojsonBody = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        properties: z.record(z.string(), z.unknown()).nullable(),
        geometry: z
          .object({
            type: z.enum(['Polygon', 'MultiPolygon', 'Point', 'MultiPoint', 'LineString', 'MultiLineString']),
            coordinates: z.array(z.unknown()),
          })
          .nullable(),
      }),
    )
    .max(20000),
});
