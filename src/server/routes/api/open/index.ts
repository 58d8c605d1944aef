/**
 * Open data (no login): published indicators, one indicator's metadata, its figures as CSV for
 * people (BOM), JSON, Open SDG's CSV and SDMX-CSV, and the series the public page charts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  openCsv,
  openIndicator,
  openJson,
  openRows,
  openSdgCsv,
  publishedIndicators,
  sdmxCsv,
} from '../../../../services/openData.js';
import { CSV, download } from '../../../openapi.js';
import { sendFile } from '../../helpers.js';
import { codeParams, openDataJson, openIndicatorItem, openIndicatorShape, openRow } from './schema.js';

export default async function open(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['open data'];
  r.get(
    '/open/indicators',
    {
      schema: {
        operationId: 'listOpenIndicators',
        tags,
        summary: 'Published indicators',
        security: [],
        response: { 200: z.object({ items: z.array(openIndicatorItem) }) },
      },
    },
    async () => ({ items: await publishedIndicators(app.database) }),
  );
  r.get(
    '/open/indicators/:code',
    {
      schema: {
        operationId: 'getOpenIndicator',
        tags,
        summary: 'A published indicator: definition, unit, source, frequency, owner body, breakdown',
        security: [],
        params: codeParams,
        response: { 200: openIndicatorShape },
      },
    },
    async (request) => openIndicator(app.database, request.params.code),
  );
  const files = [
    {
      path: 'data.csv',
      operationId: 'downloadOpenIndicatorCsv',
      contentType: CSV,
      summary:
        'CSV for people (UTF-8 with BOM): indicator,org_unit,org_unit_name,period,value,period_name,category_option,category_option_name,unit; blank option = total',
      make: openCsv,
    },
    {
      path: 'open-sdg.csv',
      operationId: 'downloadOpenIndicatorOpenSdgCsv',
      contentType: CSV,
      summary:
        'Open SDG indicator CSV: Year, breakdown columns, Units, GeoCode, Value (blank breakdown = headline)',
      make: openSdgCsv,
    },
    {
      path: 'sdmx.csv',
      operationId: 'downloadOpenIndicatorSdmxCsv',
      contentType: 'application/vnd.sdmx.data+csv',
      summary:
        'SDMX-CSV 2.0: STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR[,category],TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,DECIMALS',
      make: sdmxCsv,
    },
  ];
  for (const f of files)
    r.get(
      `/open/indicators/:code/${f.path}`,
      {
        schema: {
          operationId: f.operationId,
          tags,
          summary: f.summary,
          security: [],
          params: codeParams,
          response: { 200: download(f.summary.split(':')[0], f.contentType) },
        },
      },
      async (request, reply) => sendFile(reply, await f.make(app.database, request.params.code)),
    );
  r.get(
    '/open/indicators/:code/data.json',
    {
      schema: {
        operationId: 'downloadOpenIndicatorJson',
        tags,
        summary: 'The indicator and its public figures as JSON (breakdown null = total)',
        security: [],
        params: codeParams,
        response: { 200: openDataJson },
      },
    },
    async (request, reply) => {
      reply.header(
        'content-disposition',
        `attachment; filename="${request.params.code.replace(/[^A-Za-z0-9._-]/g, '_')}.json"`,
      );
      return openJson(app.database, request.params.code);
    },
  );
  r.get(
    '/open/indicators/:code/series',
    {
      schema: {
        operationId: 'getOpenIndicatorSeries',
        tags,
        summary:
          'Public figures of a published indicator for one unit (default: every unit), with its breakdown',
        security: [],
        params: codeParams,
        querystring: z.object({ orgUnit: z.string().max(64).optional() }),
        response: { 200: z.object({ rows: z.array(openRow) }) },
      },
    },
    async (request) => ({ rows: await openRows(app.database, request.params.code, request.query.orgUnit) }),
  );
}
