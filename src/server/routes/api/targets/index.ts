/** Targets (mục tiêu) of plans and their progress as of a date. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tableFile } from '../../../../services/exports.js';
import {
  createTarget,
  deleteTarget,
  getTarget,
  listTargetProgress,
  targetInput,
  targetPatch,
  updateTarget,
} from '../../../../services/plans.js';
import { CSV, download, XLSX } from '../../../openapi.js';
import { actorOf } from '../../../plugins/auth.js';
import { withTargetAbilities } from '../../../presenters/abilities.js';
import { ipOf, langOf, sendFile } from '../../helpers.js';
import {
  targetDefinitionShape,
  targetDetailShape,
  targetExportQuery,
  targetGetQuery,
  targetIdParams,
  targetItemShape,
  targetListQuery,
  thresholdsShape,
} from './schema.js';

const EXPORT_HEADER = {
  vi: [
    'Kế hoạch',
    'Mã chỉ tiêu',
    'Tên chỉ tiêu',
    'Mã đơn vị',
    'Đơn vị',
    'Giá trị kỳ gốc',
    'Kỳ gốc',
    'Giá trị mục tiêu',
    'So sánh',
    'Kỳ hạn',
    'Giá trị hiện tại',
    'Kỳ hiện tại',
    'Tiến độ',
    'Trạng thái',
    'Dự báo đến hạn',
    'Dự báo đạt',
    'Đơn vị chủ trì',
    'Người chịu trách nhiệm',
  ],
  en: [
    'Plan',
    'Indicator code',
    'Indicator',
    'Unit code',
    'Unit',
    'Baseline value',
    'Baseline period',
    'Target value',
    'Comparator',
    'Deadline',
    'Current value',
    'Current period',
    'Pace',
    'Status',
    'Anticipated value',
    'Anticipated to meet',
    'Lead unit',
    'Responsible',
  ],
} as const;

const COMPARATOR_SIGN: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };
const MEETS = { vi: ['Đạt', 'Không đạt'], en: ['Yes', 'No'] } as const;

export default async function targets(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/targets',
    {
      schema: {
        operationId: 'listTargets',
        tags: ['plans'],
        summary:
          'Targets with their progress status as of a date; a level-wide target answers one item per unit',
        querystring: targetListQuery,
        response: {
          200: z.object({ asOf: z.string(), thresholds: thresholdsShape, items: z.array(targetItemShape) }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const list = await listTargetProgress(app.database, actor, langOf(request), request.query);
      return { ...list, items: await withTargetAbilities(app.database, actor, list.items) };
    },
  );

  r.post(
    '/targets',
    {
      schema: {
        operationId: 'createTarget',
        tags: ['plans'],
        summary:
          'Create a target: indicator, unit (or every unit of `level` inside it), baseline, target value, comparator, deadline, owners',
        body: targetInput,
        response: { 201: targetDefinitionShape },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createTarget(app.database, actor, langOf(request), request.body, ipOf(request));
      const [shown] = await withTargetAbilities(app.database, actor, [created]);
      return reply.status(201).send(shown);
    },
  );

  r.get(
    '/targets/export',
    {
      schema: {
        operationId: 'exportTargets',
        tags: ['plans'],
        summary:
          'Download the targets with their progress as Excel or CSV: one row per item (a level-wide target gives one row per unit)',
        querystring: targetExportQuery,
        response: { 200: download('The targets as a workbook or CSV', XLSX, CSV) },
      },
    },
    async (request, reply) => {
      const { format, ...q } = request.query;
      const lang = langOf(request);
      const { asOf, items } = await listTargetProgress(app.database, actorOf(request), lang, q);
      const rows = items.map((i) => [
        i.plan,
        i.indicator,
        i.indicatorName,
        i.orgUnit,
        i.orgUnitName,
        i.baseline.value,
        i.baseline.period,
        i.target.value,
        COMPARATOR_SIGN[i.target.comparator] ?? i.target.comparator,
        i.target.period,
        i.current.value,
        i.current.period,
        i.pace,
        i.statusLabel,
        i.anticipated.value,
        i.anticipated.meets === null ? null : MEETS[lang][i.anticipated.meets ? 0 : 1],
        i.leadUnitName ?? i.leadUnit,
        i.responsiblePerson,
      ]);
      const name = `chiso-targets${q.plan ? `-${q.plan}` : ''}-${asOf}`;
      return sendFile(
        reply,
        await tableFile(name, format, [...EXPORT_HEADER[lang]], rows, lang === 'en' ? 'Targets' : 'Mục tiêu'),
      );
    },
  );

  r.get(
    '/targets/:id',
    {
      schema: {
        operationId: 'getTarget',
        tags: ['plans'],
        summary: 'One target: definition, items with progress, the chart series of one unit, linked tasks',
        params: targetIdParams,
        querystring: targetGetQuery,
        response: { 200: targetDetailShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const d = await getTarget(app.database, actor, langOf(request), request.params.id, request.query);
      const [definition] = await withTargetAbilities(app.database, actor, [d.definition]);
      return { ...d, definition, items: await withTargetAbilities(app.database, actor, d.items) };
    },
  );

  r.put(
    '/targets/:id',
    {
      schema: {
        operationId: 'updateTarget',
        tags: ['plans'],
        summary: 'Change a target (fields given replace the stored ones)',
        params: targetIdParams,
        body: targetPatch,
        response: { 200: targetDefinitionShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const updated = await updateTarget(
        app.database,
        actor,
        langOf(request),
        request.params.id,
        request.body,
        ipOf(request),
      );
      const [shown] = await withTargetAbilities(app.database, actor, [updated]);
      return shown;
    },
  );

  r.delete(
    '/targets/:id',
    {
      schema: {
        operationId: 'deleteTarget',
        tags: ['plans'],
        summary: 'Delete a target',
        params: targetIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteTarget(app.database, actorOf(request), request.params.id, ipOf(request));
      return reply.status(204).send(null);
    },
  );
}
