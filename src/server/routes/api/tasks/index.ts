/** Tasks (nhiệm vụ) of plans: owners, dates, status, progress, linked targets, comments. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tableFile } from '../../../../services/exports.js';
import {
  addComment,
  createTask,
  deleteTask,
  getTask,
  listTasks,
  taskInput,
  taskPatch,
  updateTask,
} from '../../../../services/plans.js';
import { CSV, download, XLSX } from '../../../openapi.js';
import { actorOf } from '../../../plugins/auth.js';
import { withTaskAbilities } from '../../../presenters/abilities.js';
import { ipOf, langOf, sendFile } from '../../helpers.js';
import {
  commentInput,
  commentShape,
  taskDetailShape,
  taskExportQuery,
  taskIdParams,
  taskListQuery,
  taskShape,
} from './schema.js';

const EXPORT_HEADER = {
  vi: [
    'Nhiệm vụ',
    'Kế hoạch',
    'Đơn vị chủ trì',
    'Người chịu trách nhiệm',
    'Ngày bắt đầu',
    'Hạn hoàn thành',
    'Trạng thái',
    'Tiến độ (%)',
  ],
  en: ['Task', 'Plan', 'Lead unit', 'Responsible', 'Start date', 'Due date', 'Status', 'Progress (%)'],
} as const;

const STATUS_LABEL: Record<'vi' | 'en', Record<string, string>> = {
  vi: {
    not_started: 'Chưa bắt đầu',
    in_progress: 'Đang thực hiện',
    done: 'Hoàn thành',
    cancelled: 'Đã hủy',
  },
  en: { not_started: 'Not started', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' },
};

export default async function tasks(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/tasks',
    {
      schema: {
        operationId: 'listTasks',
        tags: ['plans'],
        summary: 'Tasks the user can see, by due date',
        querystring: taskListQuery,
        response: { 200: z.object({ items: z.array(taskShape) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { items } = await listTasks(app.database, actor, langOf(request), request.query);
      return { items: await withTaskAbilities(app.database, actor, items) };
    },
  );

  r.post(
    '/tasks',
    {
      schema: {
        operationId: 'createTask',
        tags: ['plans'],
        summary: 'Create a task (managers of the plan)',
        body: taskInput,
        response: { 201: taskDetailShape },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createTask(app.database, actor, langOf(request), request.body, ipOf(request));
      const [shown] = await withTaskAbilities(app.database, actor, [created]);
      return reply.status(201).send(shown);
    },
  );

  r.get(
    '/tasks/export',
    {
      schema: {
        operationId: 'exportTasks',
        tags: ['plans'],
        summary: 'Download the tasks the user can see as Excel or CSV, by due date',
        querystring: taskExportQuery,
        response: { 200: download('The tasks as a workbook or CSV', XLSX, CSV) },
      },
    },
    async (request, reply) => {
      const { format, plan } = request.query;
      const lang = langOf(request);
      const { items } = await listTasks(app.database, actorOf(request), lang, { plan });
      const rows = items.map((k) => [
        k.title,
        k.plan,
        k.leadUnitName,
        k.responsiblePerson,
        k.startDate,
        k.dueDate,
        STATUS_LABEL[lang][k.status] ?? k.status,
        k.percentComplete,
      ]);
      const name = `chiso-tasks${plan ? `-${plan}` : ''}`;
      return sendFile(
        reply,
        await tableFile(name, format, [...EXPORT_HEADER[lang]], rows, lang === 'en' ? 'Tasks' : 'Nhiệm vụ'),
      );
    },
  );

  r.get(
    '/tasks/:id',
    {
      schema: {
        operationId: 'getTask',
        tags: ['plans'],
        summary: 'One task with its comments',
        params: taskIdParams,
        response: { 200: taskDetailShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const [shown] = await withTaskAbilities(app.database, actor, [
        await getTask(app.database, actor, request.params.id),
      ]);
      return shown;
    },
  );

  r.put(
    '/tasks/:id',
    {
      schema: {
        operationId: 'updateTask',
        tags: ['plans'],
        summary:
          "Change a task (managers: anything; the lead unit's reporters: status, percentComplete, evidence)",
        params: taskIdParams,
        body: taskPatch,
        response: { 200: taskDetailShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const updated = await updateTask(
        app.database,
        actor,
        langOf(request),
        request.params.id,
        request.body,
        ipOf(request),
      );
      const [shown] = await withTaskAbilities(app.database, actor, [updated]);
      return shown;
    },
  );

  r.delete(
    '/tasks/:id',
    {
      schema: {
        operationId: 'deleteTask',
        tags: ['plans'],
        summary: 'Delete a task',
        params: taskIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteTask(app.database, actorOf(request), request.params.id, ipOf(request));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/tasks/:id/comments',
    {
      schema: {
        operationId: 'addTaskComment',
        tags: ['plans'],
        summary: 'Comment on a task',
        params: taskIdParams,
        body: commentInput,
        response: { 201: commentShape },
      },
    },
    async (request, reply) => {
      const c = await addComment(
        app.database,
        actorOf(request),
        request.params.id,
        request.body.body,
        ipOf(request),
      );
      return reply.status(201).send(c);
    },
  );
}
