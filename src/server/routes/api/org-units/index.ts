/** Org units: list and one unit on a date, CSV import, lineage import, GeoJSON boundaries. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../../../access/index.js';
import { today } from '../../../../domain/unitVersions.js';
import { forbidden, notFound, type RowError } from '../../../../errors.js';
import { type Lang, t } from '../../../../i18n/index.js';
import { appendAudit } from '../../../../repositories/audit.js';
import * as repo from '../../../../repositories/orgUnits.js';
import { listErrors } from '../../../../services/errorList.js';
import { importLineageCsv } from '../../../../services/orgUnitLineage.js';
import { importUnitsCsv, listUnits, unitDetail } from '../../../../services/orgUnits.js';
import { csvText, multipartFile } from '../../../openapi.js';
import { actorOf } from '../../../plugins/auth.js';
import { acceptUploads, csvUploadOf } from '../../../plugins/upload.js';
import { ipOf, langOf } from '../../helpers.js';
import {
  boundariesResult,
  codeParams,
  featureCollection,
  geojsonBody,
  importQuery,
  importResponse,
  levelGeojsonQuery,
  lineageQuery,
  lineageResponse,
  listQuery,
  listResponse,
  unitDetailResponse,
  unitQuery,
} from './schema.js';

export default async function orgUnits(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // CSV files: the raw body, or a multipart upload (plugins/upload.ts)
  await acceptUploads(app, app.config.bodyLimit);

  r.get(
    '/org-units',
    {
      schema: {
        operationId: 'listOrgUnits',
        tags: ['org units'],
        summary: 'Org units in your scope',
        querystring: listQuery,
        response: { 200: listResponse },
      },
    },
    async (request) => listUnits(app.database, policy.readRoots(actorOf(request)), request.query),
  );

  r.get(
    '/org-units/:code',
    {
      schema: {
        operationId: 'getOrgUnit',
        tags: ['org units'],
        summary:
          'One org unit on a date (asOf, default today): its version, ancestors, children, predecessors and successors',
        params: codeParams,
        querystring: unitQuery,
        response: { 200: unitDetailResponse },
      },
    },
    async (request) => unitDetail(app.database, actorOf(request), request.params.code, request.query.asOf),
  );

  r.get(
    '/org-units/:code/geojson',
    {
      schema: {
        operationId: 'getOrgUnitGeojson',
        tags: ['org units'],
        summary: "GeoJSON of the unit's children on a date (asOf, default today; for the map)",
        params: codeParams,
        querystring: unitQuery,
        response: { 200: featureCollection },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { asOf } = request.query;
      const unit = await repo.findByCode(app.database, request.params.code, asOf);
      if (!unit) throw notFound('word.org_unit', request.params.code);
      if (!policy.canRead(actor, unit)) throw forbidden(unit.code);
      const rows = await repo.childGeometries(app.database, unit.id, asOf ?? today());
      return {
        type: 'FeatureCollection' as const,
        features: rows.map((g) => ({
          type: 'Feature' as const,
          properties: { code: g.code, name: g.name },
          geometry: g.geometry,
        })),
      };
    },
  );

  r.get(
    '/org-units/geojson',
    {
      schema: {
        operationId: 'getLevelGeojson',
        tags: ['org units'],
        summary:
          'GeoJSON of the units of one level valid on a date (default: the provinces, today), for the national map',
        querystring: levelGeojsonQuery,
        response: { 200: featureCollection },
      },
    },
    async (request) => {
      // Boundaries are public geography: any signed-in user may draw the provinces around their own.
      const rows = await repo.geometriesAtLevel(
        app.database,
        request.query.level,
        request.query.asOf ?? today(),
      );
      return {
        type: 'FeatureCollection' as const,
        features: rows.map((g) => ({
          type: 'Feature' as const,
          properties: { code: g.code, name: g.name },
          geometry: g.geometry,
        })),
      };
    },
  );

  r.post(
    '/org-units/import',
    {
      schema: {
        operationId: 'importOrgUnits',
        tags: ['org units'],
        summary:
          'Import org units from CSV (code,name,type,level,parent_code[,valid_from,valid_to]); all or nothing. With ?effective=D the file is the complete administrative tree from D on (a restructuring)',
        consumes: ['text/csv', 'multipart/form-data'],
        accepts: { 'text/csv': unitsCsv, 'multipart/form-data': multipartFile },
        querystring: importQuery,
        response: { 200: importResponse, 422: importResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!policy.canAdminister(actor)) throw forbidden();
      const result = await importUnitsCsv(
        app.database,
        actor,
        await csvUploadOf(request, app.config.bodyLimit),
        ipOf(request),
        {
          effective: request.query.effective,
        },
      );
      const errors = rowErrors(langOf(request), result.errors);
      return reply.status(result.rejected ? 422 : 200).send({
        created: result.created,
        updated: result.updated,
        ...(result.closed !== undefined ? { closed: result.closed, unchanged: result.unchanged } : {}),
        ...errors,
      });
    },
  );

  r.post(
    '/org-units/lineage',
    {
      schema: {
        operationId: 'importLineage',
        tags: ['org units'],
        summary:
          'Import lineage across a restructuring from CSV (new_code,level,old_code,kind[,share]); all or nothing',
        description:
          'New codes are resolved on `effective`, old codes the day before. kind full (share 1) or partial (share in (0, 1]); partial parts without a share split what is left of the old unit by the weighting method (setting lineage.weighting, default equal). Re-importing a file replaces its rows.',
        consumes: ['text/csv', 'multipart/form-data'],
        accepts: { 'text/csv': lineageCsv, 'multipart/form-data': multipartFile },
        querystring: lineageQuery,
        response: { 200: lineageResponse, 422: lineageResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!policy.canAdminister(actor)) throw forbidden();
      const result = await importLineageCsv(
        app.database,
        actor,
        await csvUploadOf(request, app.config.bodyLimit),
        request.query.effective,
        ipOf(request),
      );
      return reply
        .status(result.rejected ? 422 : 200)
        .send({ created: result.created, ...rowErrors(langOf(request), result.errors) });
    },
  );

  r.post(
    '/org-units/geojson',
    {
      schema: {
        operationId: 'importBoundaries',
        tags: ['org units'],
        summary:
          'Attach boundaries from a GeoJSON FeatureCollection matched by properties.code (dryRun=true previews)',
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
        body: geojsonBody,
        response: { 200: boundariesResult },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!policy.canAdminister(actor)) throw forbidden();
      const features = request.body.features;
      const codes = features.map((f) => String(f.properties?.code ?? f.properties?.ma ?? '')).filter(Boolean);
      const found = new Map((await repo.findByCodes(app.database, codes)).map((u) => [u.code, u]));
      const matched = features.filter((f) => found.has(String(f.properties?.code ?? '')) && f.geometry);
      const unmatched = features.map((f) => String(f.properties?.code ?? '')).filter((c) => !found.has(c));
      let updated = 0;
      if (request.query.dryRun === 'false' && matched.length > 0) {
        updated = await app.database.transaction(async (tx) => {
          let n = 0;
          for (const f of matched) n += await repo.setGeometry(tx, String(f.properties?.code), f.geometry);
          await appendAudit(tx, {
            userId: actor.id,
            username: actor.username,
            ip: ipOf(request),
            action: 'import_geometry',
            entity: 'org_unit',
            key: null,
            after: { matched: matched.length, unmatched },
          });
          return n;
        });
      }
      return {
        matched: matched.map((f) => ({
          code: String(f.properties?.code),
          name: found.get(String(f.properties?.code))!.name,
        })),
        unmatched,
        updated,
      };
    },
  );
}

const unitsCsv = csvText.meta({
  description: 'CSV: code,name,type,level,parent_code[,valid_from,valid_to], UTF-8, header first',
});
const lineageCsv = csvText.meta({
  description: 'CSV: new_code,level,old_code,kind[,share], UTF-8, header first',
});

/** Row errors as an import answers them: row, column, message (capped, see listErrors). */
function rowErrors(lang: Lang, errors: RowError[]) {
  return listErrors(errors, (list) =>
    list.map((e) => ({ row: e.row, column: e.field, message: `${e.field}: ${t(lang, e.rule, e.params)}` })),
  );
}
