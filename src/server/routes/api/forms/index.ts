/**
 * Periodic reporting: report forms, the entry grid, draft saving, submit / approve / return / unlock,
 * schedules, the holiday calendar, Excel templates and uploads. Thin: parse → service → present.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../../../errors.js';
import { translateRowErrors } from '../../../../i18n/errors.js';
import { listErrors } from '../../../../services/errorList.js';
import {
  createForm,
  formSchedule,
  getEntry,
  holidayList,
  listForms,
  reviewEntry,
  saveEntry,
  setHolidays,
  submitEntry,
  validateEntry,
} from '../../../../services/reporting.js';
import { buildTemplate, uploadForm } from '../../../../services/reportingExcel.js';
import { binary, csvText, download, multipartFile, XLSX } from '../../../openapi.js';
import { actorOf } from '../../../plugins/auth.js';
import { acceptUploads, UPLOAD_TYPES, uploadOf } from '../../../plugins/upload.js';
import { withFormAbilities, withSubmissionAbilities } from '../../../presenters/abilities.js';
import { ipOf, langOf, sendFile, uploadBodyLimit } from '../../helpers.js';
import {
  actionBody,
  codeParams,
  entryBody,
  entryQuery,
  entryShape,
  formBody,
  formShape,
  holidaysBody,
  holidaysShape,
  optionalEntryQuery,
  saveShape,
  scheduleShape,
  stateShape,
  uploadQuery,
  uploadShape,
  validationShape,
} from './schema.js';

export default async function forms(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // uploads: .xlsx or CSV as the raw body (bytes; the app-wide text guard leaves raw bodies to their
  // readers), or a multipart upload (plugins/upload.ts)
  await acceptUploads(app, uploadBodyLimit());

  r.get(
    '/forms',
    {
      schema: {
        operationId: 'listForms',
        tags: ['reporting'],
        summary: 'Report forms (biểu mẫu báo cáo)',
        response: { 200: z.object({ items: z.array(formShape) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { items } = await listForms(app.database);
      return { items: await withFormAbilities(app.database, actor, items) };
    },
  );

  r.post(
    '/forms',
    {
      schema: {
        operationId: 'createForm',
        tags: ['reporting'],
        summary: 'Create a report form',
        description:
          'Reporting units: `units` (codes) or `unitsWithin` {orgUnit, level, kind}. Due date = `dueWorkingDays` working days after the Decree 09 window closes (weekends and holidays skipped); reminders `reminderDays` before; entry closes for reporters `lockDays` after the due date. Rules: {code, left, operator (== != < <= > >=), right, importance error|warning} over `{CODE}` (ratios: `{CODE.NUM}`, `{CODE.DEN}`), or {kind:"change", code, indicator?, threshold (0.5 = 50%), importance}: a change beyond the threshold from the previous period needs a comment.',
        body: formBody,
        response: { 201: formShape },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createForm(app.database, actor, request.body, ipOf(request));
      const [shown] = await withFormAbilities(app.database, actor, [created]);
      return reply.status(201).send(shown);
    },
  );

  r.get(
    '/forms/:code/schedule',
    {
      schema: {
        operationId: 'getFormSchedule',
        tags: ['reporting'],
        summary: 'The periods of a year with window, due, reminder and lock dates',
        params: codeParams,
        querystring: z.object({ year: z.coerce.number().int().min(1990).max(2100) }),
        response: { 200: scheduleShape },
      },
    },
    async (request) => formSchedule(app.database, request.params.code, request.query.year),
  );

  r.get(
    '/forms/:code/entry',
    {
      schema: {
        operationId: 'getFormEntry',
        tags: ['reporting'],
        summary:
          'The entry grid of a unit and period: each indicator with its value, the previous period and the same period last year',
        params: codeParams,
        querystring: entryQuery,
        response: { 200: entryShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const entry = await getEntry(
        app.database,
        actor,
        request.params.code,
        request.query.orgUnit,
        request.query.period,
      );
      return withSubmissionAbilities(app.database, actor, entry);
    },
  );

  r.put(
    '/forms/:code/entry',
    {
      schema: {
        operationId: 'saveFormEntry',
        tags: ['reporting'],
        summary: 'Save draft values (all or nothing)',
        params: codeParams,
        querystring: entryQuery,
        body: entryBody,
        response: { 200: saveShape, 403: saveShape, 422: saveShape },
      },
    },
    async (request, reply) => {
      const lang = langOf(request);
      const { result, state } = await saveEntry(
        app.database,
        actorOf(request),
        request.params.code,
        request.query.orgUnit,
        request.query.period,
        request.body.values,
        ipOf(request),
      );
      const body = {
        imported: result.imported,
        updated: result.updated,
        unchanged: result.unchanged,
        rejected: result.rejected,
        ...listErrors(
          result.errors,
          (list) => translateRowErrors(lang, list),
          undefined,
          result.problemCount,
        ),
        ...(state ? { state } : {}),
      };
      return reply.status(result.refused ? (result.outOfScope ? 403 : 422) : 200).send(body);
    },
  );

  /** The schema of an action on one unit's report of a period: its state after. */
  const entryAction = (operationId: string, summary: string) => ({
    operationId,
    tags: ['reporting'],
    summary,
    params: codeParams,
    querystring: optionalEntryQuery,
    body: actionBody,
    response: { 200: stateShape },
  });
  const where = (q: { orgUnit?: string; period?: string }, b?: { orgUnit?: string; period?: string }) => {
    const orgUnit = b?.orgUnit ?? q.orgUnit;
    const period = b?.period ?? q.period;
    if (!orgUnit || !period)
      throw badRequest('error.validation', { count: 1 }, [{ field: 'orgUnit/period', message: 'required' }]);
    return { orgUnit, period };
  };

  r.post(
    '/forms/:code/validate',
    {
      schema: {
        operationId: 'validateFormEntry',
        tags: ['reporting'],
        summary: 'Run the form rules on the saved values without submitting',
        params: codeParams,
        querystring: optionalEntryQuery,
        body: actionBody,
        response: { 200: validationShape },
      },
    },
    async (request) => {
      const w = where(request.query, request.body);
      return validateEntry(
        app.database,
        actorOf(request),
        request.params.code,
        w.orgUnit,
        w.period,
        langOf(request),
      );
    },
  );

  r.post(
    '/forms/:code/submit',
    {
      schema: entryAction(
        'submitReport',
        'Submit a unit report: rules with importance error block; warnings need confirmWarnings: true',
      ),
    },
    async (request) => {
      const w = where(request.query, request.body);
      return submitEntry(
        app.database,
        actorOf(request),
        request.params.code,
        w.orgUnit,
        w.period,
        { confirmWarnings: request.body?.confirmWarnings },
        langOf(request),
        ipOf(request),
      );
    },
  );

  for (const action of ['approve', 'return', 'unlock'] as const) {
    r.post(
      `/forms/:code/${action}`,
      {
        schema: entryAction(
          `${action}Report`,
          action === 'approve'
            ? 'Approve a submitted report (values become locked)'
            : action === 'return'
              ? 'Return a submitted report for correction {reason}'
              : 'Unlock an approved report back to draft {reason}',
        ),
      },
      async (request) => {
        const w = where(request.query, request.body);
        return reviewEntry(
          app.database,
          actorOf(request),
          action,
          request.params.code,
          w.orgUnit,
          w.period,
          request.body?.reason ?? null,
          ipOf(request),
        );
      },
    );
  }

  r.get(
    '/forms/:code/template.xlsx',
    {
      schema: {
        operationId: 'downloadFormTemplate',
        tags: ['reporting'],
        summary: 'Pre-filled Excel template (units × indicators) of a period',
        params: codeParams,
        querystring: z.object({ orgUnit: z.string().max(64).optional(), period: z.string().min(1).max(16) }),
        response: { 200: download('The template workbook', XLSX) },
      },
    },
    async (request, reply) => {
      return sendFile(
        reply,
        await buildTemplate(app.database, actorOf(request), request.params.code, request.query),
      );
    },
  );

  r.post(
    '/forms/:code/upload',
    {
      // a filled template is small; a body this large is held in memory before anything reads it
      bodyLimit: uploadBodyLimit(),
      schema: {
        operationId: 'uploadFormWorkbook',
        tags: ['reporting'],
        summary:
          'Upload the filled template (.xlsx) or a CSV of the same layout; errors by sheet, row and column',
        params: codeParams,
        querystring: uploadQuery,
        consumes: UPLOAD_TYPES,
        accepts: {
          [XLSX]: binary,
          'text/csv': csvText,
          'application/octet-stream': binary,
          'multipart/form-data': multipartFile,
        },
        response: { 200: uploadShape, 403: uploadShape, 422: uploadShape },
      },
    },
    async (request, reply) => {
      const upload = await uploadOf(request, uploadBodyLimit());
      if (!upload || upload.bytes.length === 0) throw badRequest('error.empty');
      const out = await uploadForm(
        app.database,
        actorOf(request),
        request.params.code,
        request.query,
        upload.bytes,
        upload.kind,
        langOf(request),
        ipOf(request),
      );
      return reply.status(out.status as 200 | 403 | 422).send(out.body);
    },
  );

  r.get(
    '/reporting/holidays',
    {
      schema: {
        operationId: 'listHolidays',
        tags: ['reporting'],
        summary: 'Public holidays skipped when counting working days',
        response: { 200: holidaysShape },
      },
    },
    async () => ({ holidays: await holidayList(app.database) }),
  );

  r.put(
    '/reporting/holidays',
    {
      schema: {
        operationId: 'replaceHolidays',
        tags: ['reporting'],
        summary: 'Replace the holiday calendar',
        body: holidaysBody,
        response: { 200: holidaysShape },
      },
    },
    async (request) => setHolidays(app.database, actorOf(request), request.body.holidays, ipOf(request)),
  );
}
