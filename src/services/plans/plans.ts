/**
 * Plans (kế hoạch): validate, authorise, store with an audit trail.
 */
import type { z } from 'zod';
import { planPolicy } from '../../access/plans.js';
import type { Database } from '../../db/index.js';
import { formatPeriod, parsePeriod, periodEnd } from '../../domain/period.js';
import { isIsoDate } from '../../domain/validate.js';
import { AppError, forbidden } from '../../errors.js';
import type { Lang } from '../../i18n/index.js';
import { appendAudit } from '../../repositories/audit.js';
import * as units from '../../repositories/orgUnits.js';
import * as repo from '../../repositories/plans.js';
import type { Actor } from '../auth.js';
import {
  actorGrantUnits,
  auditOf,
  fail,
  notFoundOf,
  type PlanInput,
  type Problem,
  type planPatch,
} from './common.js';

// ---------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------

export function presentPlan(p: repo.PlanRow) {
  return {
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    issuingBody: p.issuingBody,
    documentNumber: p.documentNumber,
    documentDate: p.documentDate,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    scopeUnit: p.scopeUnit,
    scopeUnitName: p.scopeUnitName,
    takenOverFrom: p.takenOverFrom,
    status: p.status,
    links: (p.links ?? []).map((l) => ({ url: l.url ?? null, note: l.note ?? null })),
    description: p.description,
    targetCount: p.targetCount,
    taskCount: p.taskCount,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

type PlanFields = Omit<PlanInput, 'code'> & { code?: string };

export async function planWrite(database: Database, lang: Lang, input: PlanFields, code: string) {
  const problems: Problem[] = [];
  let from = input.periodFrom;
  let to = input.periodTo;
  if (input.period && !from && !to) {
    const [a, b] = input.period.split(/\s*[-–]\s*/);
    from = a;
    to = b ?? a;
  }
  const pf = from ? parsePeriod(from) : null;
  const pt = to ? parsePeriod(to) : null;
  if (!from) problems.push({ field: 'periodFrom', rule: 'plans.period', params: { value: '' } });
  else if (!pf) problems.push({ field: 'periodFrom', rule: 'plans.period', params: { value: from } });
  if (!to) problems.push({ field: 'periodTo', rule: 'plans.period', params: { value: '' } });
  else if (!pt) problems.push({ field: 'periodTo', rule: 'plans.period', params: { value: to } });
  if (pf && pt && periodEnd(pt) < periodEnd(pf))
    problems.push({ field: 'periodTo', rule: 'plans.period_order', params: { from, to } });
  if (input.documentDate && !isIsoDate(input.documentDate))
    problems.push({ field: 'documentDate', rule: 'plans.date', params: { value: input.documentDate } });
  const scopeCode = input.scopeUnit ?? input.orgUnit ?? '';
  const scope = scopeCode ? await units.findByCode(database, scopeCode) : undefined;
  if (!scope) problems.push({ field: 'scopeUnit', rule: 'plans.unknown_unit', params: { value: scopeCode } });
  if (problems.length || !scope || !pf || !pt) fail(lang, problems);
  const write: repo.PlanWrite = {
    province_id: scope.provinceId ?? scope.id,
    code,
    name: input.name,
    name_en: input.nameEn ?? null,
    issuing_body: input.issuingBody ?? null,
    document_number: input.documentNumber ?? null,
    document_date: input.documentDate ?? null,
    period_from: formatPeriod(pf),
    period_to: formatPeriod(pt),
    scope_unit_id: scope.id,
    status: input.status ?? 'active',
    links: JSON.stringify(input.links ?? []),
    description: input.description ?? null,
  };
  return { write, scope };
}

export async function createPlan(
  database: Database,
  actor: Actor,
  lang: Lang,
  input: PlanInput,
  ip: string | null,
) {
  if (await repo.findPlan(database, input.code))
    throw new AppError(409, 'conflict', 'error.conflict', { whatKey: 'plans.word.plan', key: input.code });
  const { write, scope } = await planWrite(database, lang, input, input.code);
  if (!planPolicy.canManage(actor, scope)) throw forbidden(scope.code);
  await database.transaction(async (tx) => {
    await repo.insertPlan(tx, { ...write, created_by: actor.id });
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'create',
      entity: 'plan',
      key: input.code,
      after: write,
    });
  });
  return presentPlan((await repo.findPlan(database, input.code))!);
}

async function readablePlan(database: Database, actor: Actor, code: string) {
  const plan = await repo.findPlan(database, code);
  if (!plan) throw notFoundOf('plan', code);
  const scope = { id: plan.scopeUnitId, code: plan.scopeUnit, path: plan.scopePath };
  if (!planPolicy.canRead(actor, scope, await actorGrantUnits(database, actor))) throw forbidden();
  return plan;
}

async function managedPlan(database: Database, actor: Actor, code: string) {
  const plan = await readablePlan(database, actor, code);
  if (!planPolicy.canManage(actor, { id: plan.scopeUnitId, code: plan.scopeUnit, path: plan.scopePath }))
    throw forbidden(plan.scopeUnit);
  return plan;
}

export async function listPlans(database: Database, actor: Actor) {
  const grantUnits = await actorGrantUnits(database, actor);
  const rows = await repo.listPlans(database);
  return rows
    .filter((p) =>
      planPolicy.canRead(actor, { id: p.scopeUnitId, code: p.scopeUnit, path: p.scopePath }, grantUnits),
    )
    .map((p) => ({
      ...presentPlan(p),
      canManage: planPolicy.canManage(actor, { id: p.scopeUnitId, code: p.scopeUnit, path: p.scopePath }),
    }));
}

export async function getPlan(database: Database, actor: Actor, code: string) {
  const plan = await readablePlan(database, actor, code);
  return {
    ...presentPlan(plan),
    canManage: planPolicy.canManage(actor, {
      id: plan.scopeUnitId,
      code: plan.scopeUnit,
      path: plan.scopePath,
    }),
  };
}

export async function updatePlan(
  database: Database,
  actor: Actor,
  lang: Lang,
  code: string,
  patch: z.infer<typeof planPatch>,
  ip: string | null,
) {
  const plan = await managedPlan(database, actor, code);
  const before = presentPlan(plan);
  const usesAlias =
    patch.period !== undefined && patch.periodFrom === undefined && patch.periodTo === undefined;
  const merged: PlanFields = {
    name: patch.name ?? plan.name,
    nameEn: patch.nameEn !== undefined ? patch.nameEn : plan.nameEn,
    issuingBody: patch.issuingBody !== undefined ? patch.issuingBody : plan.issuingBody,
    documentNumber: patch.documentNumber !== undefined ? patch.documentNumber : plan.documentNumber,
    documentDate: patch.documentDate !== undefined ? patch.documentDate : plan.documentDate,
    periodFrom: usesAlias ? undefined : (patch.periodFrom ?? plan.periodFrom),
    periodTo: usesAlias ? undefined : (patch.periodTo ?? plan.periodTo),
    period: patch.period,
    scopeUnit: patch.scopeUnit ?? patch.orgUnit ?? plan.scopeUnit,
    status: patch.status ?? (plan.status as PlanInput['status']),
    links: patch.links ?? plan.links.map((l) => ({ url: l.url ?? null, note: l.note ?? null })),
    description: patch.description !== undefined ? patch.description : plan.description,
  };
  const { write, scope } = await planWrite(database, lang, merged, code);
  if (!planPolicy.canManage(actor, scope)) throw forbidden(scope.code);
  await database.transaction(async (tx) => {
    await repo.updatePlan(tx, plan.id, write);
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'update',
      entity: 'plan',
      key: code,
      before,
      after: write,
    });
  });
  return getPlan(database, actor, code);
}

export async function deletePlan(database: Database, actor: Actor, code: string, ip: string | null) {
  const plan = await managedPlan(database, actor, code);
  const targets = await repo.listTargets(database, { planId: plan.id });
  const tasks = await repo.listTasks(database, { planId: plan.id });
  await database.transaction(async (tx) => {
    await repo.deletePlan(tx, plan.id);
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'delete',
      entity: 'plan',
      key: code,
      before: { ...presentPlan(plan), targets: targets.map((t) => t.id), tasks: tasks.map((t) => t.id) },
    });
  });
}
