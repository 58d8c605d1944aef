import { z } from 'zod';
import { effectiveDate, isoDate } from '../../../../services/inputs.js';

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

/** The date a code is resolved on (`asOf`); without it, today. */
const asOf = isoDate
  .optional()
  .describe('YYYY-MM-DD: the units valid on this date (default today; a code names one unit at one date)');

export const listQuery = z.object({
  asOf,
  level: z.coerce.number().int().min(0).max(10).optional(),
  parent: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  kind: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(20000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const listResponse = z.object({ items: z.array(unitShape), total: z.number() });

export const importQuery = z.object({
  /** The date from which the file is the complete administrative tree (a restructuring). */
  effective: effectiveDate.optional(),
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

export const unitQuery = z.object({ asOf });

/** A version on the other side of a restructuring (lineage). */
const neighbour = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['full', 'partial']).describe('full: the whole old unit went in; partial: a part of it'),
  share: z.number().describe('the part of the old unit that went to the new one, in (0, 1]'),
  shareMethod: z
    .enum(['given', 'equal', 'population', 'area'])
    .describe('given in the lineage file, or assumed by the weighting method'),
  estimated: z.boolean().describe('the share was assumed (not given)'),
  effective: z.string().describe('the date the restructuring took effect'),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

export const unitDetailResponse = unitShape.extend({
  ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: z.number() })),
  children: z.array(unitShape).describe('children valid on the asked date'),
  predecessors: z.array(neighbour).describe('the versions this one was formed from'),
  successors: z.array(neighbour).describe('the versions this one went into'),
});

export const lineageQuery = z.object({
  effective: effectiveDate.describe(
    'YYYY-MM-DD: new codes are resolved on this date, old codes the day before',
  ),
});

export const lineageResponse = z.object({
  created: z.number().describe('lineage rows stored (new or replaced)'),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
  errorsTotal: z.number().optional(),
  errorsTruncated: z.boolean().optional(),
});

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

/** Boundaries as a GeoJSON FeatureCollection, one feature per unit that has a geometry. */
export const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ code: z.string(), name: z.string() }),
      geometry: z.unknown().meta({ description: 'A GeoJSON geometry (Polygon, MultiPolygon…)' }),
    }),
  ),
});

export const boundariesResult = z.object({
  matched: z.array(z.object({ code: z.string(), name: z.string() })),
  unmatched: z.array(z.string()),
  updated: z.number(),
});
