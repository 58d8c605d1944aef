/** zod schemas of the DHIS2 data value set routes (services/dhis2.ts has the mapping). */
import { z } from 'zod';
import { IMPORT_STRATEGIES, MAX_PAGE_SIZE } from '../../../../services/dhis2.js';

const bool = z.preprocess((x) => (x === 'true' ? true : x === 'false' ? false : x), z.boolean());

export const importQuery = z
  .object({
    dryRun: bool.optional(),
    importStrategy: z.enum(IMPORT_STRATEGIES).optional(),
    idScheme: z.string().max(100).optional(),
    dataElementIdScheme: z.string().max(100).optional(),
    orgUnitIdScheme: z.string().max(100).optional(),
    preheatCache: bool.optional(),
    firstRowIsHeader: bool.optional(),
  })
  .passthrough();

const conflict = z.object({
  object: z.string(),
  value: z.string(),
  errorCode: z.string(),
  property: z.string().optional(),
  indexes: z.array(z.number()),
});

export const importSummary = z.object({
  responseType: z.literal('ImportSummary'),
  status: z.enum(['SUCCESS', 'WARNING', 'ERROR']),
  importOptions: z.object({
    idSchemes: z.object({
      idScheme: z.string(),
      dataElementIdScheme: z.string(),
      orgUnitIdScheme: z.string(),
    }),
    dryRun: z.boolean(),
    importStrategy: z.string(),
    preheatCache: z.boolean(),
    async: z.boolean(),
  }),
  description: z.string(),
  importCount: z.object({
    imported: z.number(),
    updated: z.number(),
    ignored: z.number(),
    deleted: z.number(),
  }),
  conflicts: z.array(conflict),
  rejectedIndexes: z.array(z.number()),
  dataSetComplete: z.string(),
  conflictsTotal: z.number().optional(),
  conflictsTruncated: z.boolean().optional(),
});

export const webMessage = z.object({
  httpStatus: z.enum(['OK', 'Conflict']),
  httpStatusCode: z.number(),
  status: z.enum(['OK', 'WARNING', 'ERROR']),
  message: z.string(),
  response: importSummary,
});

/** A refused query, DHIS2's WebMessage and chiso's error shape in one body. */
export const queryError = z.object({
  httpStatus: z.literal('Conflict'),
  httpStatusCode: z.literal(409),
  status: z.literal('ERROR'),
  message: z.string(),
  errorCode: z.string(),
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.unknown()) }),
});

export const exportQuery = z.object({
  dataSet: z.string().max(2000).optional(),
  dataElement: z.string().max(2000).optional(),
  orgUnit: z.string().max(2000).optional(),
  period: z.string().max(2000).optional(),
  startDate: z.iso.date().optional(),
  endDate: z.iso.date().optional(),
  lastUpdated: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  children: bool.optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  idScheme: z.string().max(100).optional(),
  includeDeleted: bool.optional(),
});

export const dataValueSet = z.object({
  dataValues: z.array(
    z.object({
      dataElement: z.string(),
      period: z.string(),
      orgUnit: z.string(),
      categoryOptionCombo: z.string().optional(),
      value: z.string(),
      storedBy: z.string().optional(),
      created: z.string(),
      lastUpdated: z.string(),
      comment: z.string().optional(),
      followup: z.boolean(),
    }),
  ),
  pager: z.object({ page: z.number(), pageSize: z.number(), total: z.number(), pageCount: z.number() }),
  notes: z.array(z.string()).optional(),
});

/** What POST reads (documentation: services/dhis2/readers.ts reads and checks it; other DHIS2 fields are ignored). */
export const dataValueSetInput = z.looseObject({
  dataSet: z.string().optional(),
  period: z.string().optional().meta({ description: 'Set-level period, for values without one' }),
  orgUnit: z.string().optional().meta({ description: 'Set-level org unit, for values without one' }),
  attributeOptionCombo: z.string().optional(),
  dataValues: z.array(
    z.looseObject({
      dataElement: z.string(),
      period: z.string().optional(),
      orgUnit: z.string().optional(),
      categoryOptionCombo: z.string().optional(),
      attributeOptionCombo: z.string().optional(),
      value: z.union([z.string(), z.number(), z.boolean()]).nullable().optional(),
      comment: z.string().nullable().optional(),
      followup: z.union([z.boolean(), z.string()]).optional(),
      deleted: z.union([z.boolean(), z.string()]).optional(),
    }),
  ),
});

export const dhis2Csv = z.string().meta({
  description:
    'DHIS2 CSV: dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted (header optional)',
});
