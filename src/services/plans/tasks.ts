/**
 * Tasks (nhiệm vụ) and their comments: validate, authorise, store with an audit trail.
 */
import type { z } from 'zod';
import { planPolicy } from '../../access/plans.js';
import type { Database, Tx } from '../../db/index.js';
import { dayNumber } from '../../domain/progress.js';
import { isIsoDate } from '../../domain/validate.js';
import { forbidden } from '../../errors.js';
import type { Lang } from '../../i18n/index.js';
import { appendAudit } from '../../repositories/audit.js';
import * as repo from '../../repositories/plans.js';
import type { Actor } from '../auth.js';
import { notifyAssignment } from '../notifications.js';
import {
  auditOf,
  checkAsOf,
  cooperatingUnits,
  fail,
  notFoundOf,
  type Problem,
  planIdOf,
  scopeOf,
  type TaskInput,
  type taskPatch,
  today,
  type Unit,
  unitsByCode,
  unitsById,
} from './common.js';

// ---------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------

export function presentTaskBasic(k: repo.TaskRow) {
  return {
    id: k.id,
    plan: k.plan,
    title: k.title,
    leadUnit: k.leadUnit,
    leadUnitName: k.leadUnitName,
    responsiblePerson: k.responsiblePerson,
    dueDate: k.dueDate,
    status: k.status,
    percentComplete: k.percentComplete,
  };
}

export function presentTask(k: repo.TaskRow, coop: Map<number, Unit>, asOf = today()) {
  const daysLeft = dayNumber(k.dueDate) - dayNumber(asOf);
  const open = k.status !== 'done' && k.status !== 'cancelled';
  return {
    ...presentTaskBasic(k),
    description: k.description,
    cooperatingUnits: k.cooperatingUnitIds.map((id) => coop.get(id)?.code ?? String(id)),
    startDate: k.startDate,
    evidence: k.evidence,
    targets: k.targetIds,
    commentCount: k.commentCount,
    daysLeft,
    overdue: open && daysLeft < 0,
    updatedAt: new Date(k.updatedAt).toISOString(),
  };
}

export async function taskWrite(database: Database, lang: Lang, f: TaskInput) {
  const problems: Problem[] = [];
  const plan = await repo.findPlan(database, f.plan);
  if (!plan) problems.push({ field: 'plan', rule: 'plans.unknown_plan', params: { value: f.plan } });
  const byCode = await unitsByCode(database, [f.leadUnit, ...f.cooperatingUnits]);
  const lead = byCode.get(f.leadUnit);
  if (!lead) problems.push({ field: 'leadUnit', rule: 'plans.unknown_unit', params: { value: f.leadUnit } });
  if (lead && plan && !lead.path.includes(plan.scopeUnitId))
    problems.push({
      field: 'leadUnit',
      rule: 'plans.outside_scope',
      params: { unit: lead.code, scope: plan.scopeUnit },
    });
  const coop = cooperatingUnits(byCode, f.cooperatingUnits, problems);
  if (f.startDate && !isIsoDate(f.startDate))
    problems.push({ field: 'startDate', rule: 'plans.date', params: { value: f.startDate } });
  if (!isIsoDate(f.dueDate))
    problems.push({ field: 'dueDate', rule: 'plans.date', params: { value: f.dueDate } });
  else if (f.startDate && isIsoDate(f.startDate) && f.startDate > f.dueDate)
    problems.push({
      field: 'startDate',
      rule: 'plans.date_order',
      params: { start: f.startDate, due: f.dueDate },
    });
  if (plan && f.targets.length) {
    const found = await repo.findTargetsByIds(database, f.targets);
    f.targets.forEach((id, i) => {
      if (!found.some((t) => t.id === id && t.planId === plan.id))
        problems.push({
          field: `targets.${i}`,
          rule: 'plans.unknown_target',
          params: { value: id, plan: plan.code },
        });
    });
  }
  if (problems.length || !plan || !lead) fail(lang, problems);
  const write: repo.TaskWrite = {
    province_id: plan.provinceId,
    plan_id: plan.id,
    title: f.title,
    description: f.description ?? null,
    lead_unit_id: lead.id,
    cooperating_unit_ids: coop.map((u) => u.id),
    responsible_person: f.responsiblePerson ?? null,
    start_date: f.startDate ?? null,
    due_date: f.dueDate,
    status: f.status,
    percent_complete: f.status === 'done' && f.percentComplete === 0 ? 100 : f.percentComplete,
    evidence: f.evidence ?? null,
  };
  return { write, plan, lead, coop };
}

export async function createTask(
  database: Database,
  actor: Actor,
  lang: Lang,
  input: TaskInput,
  ip: string | null,
) {
  const { write, plan, lead, coop } = await taskWrite(database, lang, input);
  if (!planPolicy.canManage(actor, scopeOf(plan))) throw forbidden(plan.scopeUnit);
  const id = await database.transaction(async (tx) => {
    const newId = await repo.insertTask(tx, write, input.targets);
    await notifyTaskAssigned(tx, actor, { id: newId, write, plan: plan.code }, [
      { ...lead, role: 'lead' },
      ...coop.map((u) => ({ ...u, role: 'cooperating' as const })),
    ]);
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'create',
      entity: 'task',
      key: String(newId),
      after: { ...write, targets: input.targets },
    });
    return newId;
  });
  return getTask(database, actor, id);
}

async function visibleTask(database: Database, actor: Actor, id: number) {
  const k = await repo.findTask(database, id);
  if (!k) throw notFoundOf('task', id);
  const coop = await unitsById(database, k.cooperatingUnitIds);
  const lead = { id: k.leadUnitId, code: k.leadUnit, path: k.leadUnitPath };
  const scope = { id: 0, code: k.plan, path: k.planScopePath };
  if (!planPolicy.canReadTask(actor, scope, lead, [...coop.values()])) throw notFoundOf('task', id);
  return { k, coop };
}

export async function getTask(database: Database, actor: Actor, id: number) {
  const { k, coop } = await visibleTask(database, actor, id);
  const comments = await repo.taskComments(database, id);
  const [plan] = await repo.findPlansByIds(database, [k.planId]);
  return {
    ...presentTask(k, coop),
    comments: comments.map((c) => ({
      id: c.id,
      user: c.username,
      body: c.body,
      at: new Date(c.at).toISOString(),
    })),
    canManage: planPolicy.canManage(actor, scopeOf(plan)),
    canUpdateProgress: planPolicy.canUpdateTaskProgress(actor, scopeOf(plan), {
      id: k.leadUnitId,
      code: k.leadUnit,
      path: k.leadUnitPath,
    }),
  };
}

export interface TaskQuery {
  plan?: string;
  leadUnit?: string;
  status?: string;
  mine?: boolean;
  dueBefore?: string;
  asOf?: string;
}

/** The tasks the actor may see (planPolicy.canReadTask), with their cooperating units. */
export async function readableTasks(database: Database, actor: Actor, all: repo.TaskRow[]) {
  const coop = await unitsById(
    database,
    all.flatMap((k) => k.cooperatingUnitIds),
  );
  const rows = all.filter((k) =>
    planPolicy.canReadTask(
      actor,
      { id: 0, code: k.plan, path: k.planScopePath },
      { id: k.leadUnitId, code: k.leadUnit, path: k.leadUnitPath },
      k.cooperatingUnitIds.map((id) => coop.get(id)).filter((u): u is Unit => !!u),
    ),
  );
  return { rows, coop };
}

export async function listTasks(database: Database, actor: Actor, lang: Lang, q: TaskQuery) {
  const asOf = checkAsOf(lang, q.asOf);
  const planId = await planIdOf(database, q.plan);
  let { rows, coop } = await readableTasks(database, actor, await repo.listTasks(database, { planId }));
  if (q.leadUnit) rows = rows.filter((k) => k.leadUnit === q.leadUnit);
  if (q.status) {
    const wanted = new Set(q.status.split(',').map((s) => s.trim()));
    rows = rows.filter((k) => wanted.has(k.status));
  }
  if (q.dueBefore) rows = rows.filter((k) => k.dueDate <= (q.dueBefore as string));
  if (q.mine && !actor.isAdmin) {
    const mineIds = new Set(actor.grants.map((g) => g.orgUnitId));
    rows = rows.filter(
      (k) =>
        k.leadUnitPath.some((id) => mineIds.has(id)) ||
        k.cooperatingUnitIds.some(
          (id) => mineIds.has(id) || (coop.get(id)?.path ?? []).some((p) => mineIds.has(p)),
        ),
    );
  }
  return { items: rows.map((k) => presentTask(k, coop, asOf)) };
}

export async function updateTask(
  database: Database,
  actor: Actor,
  lang: Lang,
  id: number,
  patch: z.infer<typeof taskPatch>,
  ip: string | null,
) {
  const { k, coop } = await visibleTask(database, actor, id);
  const [plan] = await repo.findPlansByIds(database, [k.planId]);
  const before = presentTask(k, coop);
  const lead = { id: k.leadUnitId, code: k.leadUnit, path: k.leadUnitPath };
  const manager = planPolicy.canManage(actor, scopeOf(plan));
  if (!manager) {
    const progressOnly = Object.keys(patch).every((f) =>
      ['status', 'percentComplete', 'evidence'].includes(f),
    );
    if (!progressOnly || !planPolicy.canUpdateTaskProgress(actor, scopeOf(plan), lead))
      throw forbidden(k.leadUnit);
  }
  const merged: TaskInput = {
    plan: patch.plan ?? k.plan,
    title: patch.title ?? k.title,
    description: patch.description !== undefined ? patch.description : k.description,
    leadUnit: patch.leadUnit ?? k.leadUnit,
    cooperatingUnits: patch.cooperatingUnits ?? before.cooperatingUnits,
    responsiblePerson: patch.responsiblePerson !== undefined ? patch.responsiblePerson : k.responsiblePerson,
    startDate: patch.startDate !== undefined ? patch.startDate : k.startDate,
    dueDate: patch.dueDate ?? k.dueDate,
    status: patch.status ?? (k.status as TaskInput['status']),
    percentComplete: patch.percentComplete ?? k.percentComplete,
    evidence: patch.evidence !== undefined ? patch.evidence : k.evidence,
    targets: patch.targets ?? k.targetIds,
  };
  const { write, plan: newPlan, lead: newLead, coop: newCoop } = await taskWrite(database, lang, merged);
  if (manager && !planPolicy.canManage(actor, scopeOf(newPlan))) throw forbidden(newPlan.scopeUnit);
  await database.transaction(async (tx) => {
    await repo.updateTask(tx, id, write, merged.targets);
    // units newly named on the task hear of it; those already on it were told before
    await notifyTaskAssigned(tx, actor, { id, write, plan: newPlan.code }, [
      ...(newLead.id !== k.leadUnitId ? [{ ...newLead, role: 'lead' as const }] : []),
      ...newCoop
        .filter((u) => !k.cooperatingUnitIds.includes(u.id))
        .map((u) => ({ ...u, role: 'cooperating' as const })),
    ]);
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'update',
      entity: 'task',
      key: String(id),
      before,
      after: { ...write, targets: merged.targets },
    });
  });
  return getTask(database, actor, id);
}

export async function deleteTask(database: Database, actor: Actor, id: number, ip: string | null) {
  const { k, coop } = await visibleTask(database, actor, id);
  const [plan] = await repo.findPlansByIds(database, [k.planId]);
  if (!planPolicy.canManage(actor, scopeOf(plan))) throw forbidden(plan.scopeUnit);
  const before = presentTask(k, coop);
  await database.transaction(async (tx) => {
    await repo.deleteTask(tx, id);
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'delete',
      entity: 'task',
      key: String(id),
      before,
    });
  });
}

export async function addComment(
  database: Database,
  actor: Actor,
  id: number,
  body: string,
  ip: string | null,
) {
  await visibleTask(database, actor, id);
  if (!planPolicy.canComment(actor)) throw forbidden();
  return database.transaction(async (tx) => {
    const c = await repo.insertComment(tx, { taskId: id, userId: actor.id, username: actor.username, body });
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'comment',
      entity: 'task',
      key: String(id),
      after: { comment: c.id, body },
    });
    return { id: c.id, user: c.username, body: c.body, at: new Date(c.at).toISOString() };
  });
}

/** Tells the people acting for newly named units that the task is theirs (in the write's transaction). */
function notifyTaskAssigned(
  tx: Tx,
  actor: Actor,
  t: { id: number; write: repo.TaskWrite; plan: string },
  named: Array<{ id: number; code: string; name: string; role: 'lead' | 'cooperating' }>,
) {
  return notifyAssignment(tx, {
    what: 'task',
    id: t.id,
    title: t.write.title,
    plan: t.plan,
    dueDate: t.write.due_date,
    link: `/my-work?task=${t.id}`,
    units: named.map((u) => ({ id: u.id, code: u.code, name: u.name, role: u.role })),
    by: actor.id,
  });
}
