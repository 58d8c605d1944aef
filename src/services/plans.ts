/**
 * Plans (kế hoạch), targets (mục tiêu) and tasks (nhiệm vụ): validate, authorise, store with an
 * audit trail, and compute each target's progress as of a date (src/domain/progress.ts) from the
 * exact aggregates of src/services/analytics.ts.
 */
import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { planPolicy } from '../access/plans.js';
import type { Database } from '../db/index.js';
import {
  formatPeriod,
  lastEndedPeriod,
  type Period,
  type PeriodType,
  parsePeriod,
  periodEnd,
  periodId,
  periodRange,
  periodStart,
  subPeriods,
} from '../domain/period.js';
import {
  type Comparator,
  computeProgress,
  DEFAULT_THRESHOLDS,
  dayNumber,
  type ProgressResult,
  type ProgressStatus,
  type Thresholds,
  thresholdProblems,
} from '../domain/progress.js';
import { CODE_RE, isIsoDate } from '../domain/validate.js';
import { AppError, forbidden } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import { pk, ptx } from '../i18n/plans.js';
import { appendAudit } from '../repositories/audit.js';
import * as indicators from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';
import * as repo from '../repositories/plans.js';
import { computeCells } from './analytics.js';
import { httpUrl, idValue, isoDate } from './inputs.js';

type Unit = units.OrgUnitRow;
type Ind = indicators.IndicatorRow;

export const PLAN_STATUSES = ['draft', 'active', 'completed', 'cancelled'] as const;
export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export const THRESHOLDS_KEY = 'progress_thresholds';

const today = () => new Date().toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Inputs (zod; aliases are plain optional fields so that OpenAPI shows them)
// ---------------------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().max(max);
const comparatorIn = z
  .enum(['>=', '<=', '=', '≥', '≤', 'gte', 'lte', 'eq', 'ge', 'le'])
  .transform((c): Comparator => {
    if (c === '≥' || c === 'gte' || c === 'ge') return '>=';
    if (c === '≤' || c === 'lte' || c === 'le') return '<=';
    if (c === 'eq') return '=';
    return c;
  });
/** A link to a document: http(s) only (a `javascript:` URL would run in the reader's browser). */
const link = z.object({ url: httpUrl(2000).nullish(), note: text(2000).nullish() });

export const planInput = z.object({
  code: z.string().trim().regex(CODE_RE, 'letters, digits, . _ - (max 64)'),
  name: text(500).min(1),
  nameEn: text(500).nullish(),
  issuingBody: text(300).nullish(),
  documentNumber: text(100).nullish(),
  documentDate: isoDate.nullish(),
  /** First period covered: `2023`, `2024Q1` … */
  periodFrom: text(16).optional(),
  /** Last period covered. */
  periodTo: text(16).optional(),
  /** Alias: one period, or `2023-2025`. */
  period: text(33).optional(),
  /** Scope unit code. */
  scopeUnit: text(64).optional(),
  /** Alias of scopeUnit. */
  orgUnit: text(64).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  links: z.array(link).max(100).optional(),
  description: text(10000).nullish(),
});
export type PlanInput = z.infer<typeof planInput>;
/** PUT: the fields given replace the stored ones (no defaults). */
export const planPatch = planInput.partial().omit({ code: true });

const baselineIn = z.object({
  /** Omit (or null) to read the value from the data at the baseline period (per unit). */
  value: z.number().finite().nullish(),
  period: text(16).optional(),
});
const targetValueIn = z.object({
  value: z.number().finite(),
  /** Deadline period. */
  period: text(16),
  comparator: comparatorIn.optional(),
});

export const targetInput = z.object({
  plan: text(64).min(1),
  indicator: text(64).min(1),
  /** The unit the target applies to; with `level`, every unit of that level inside it. Default: the plan's scope. */
  orgUnit: text(64).optional(),
  level: z.number().int().min(1).max(10).nullish(),
  kind: text(32).nullish(),
  categoryOption: text(64).nullish(),
  baseline: baselineIn.optional(),
  target: targetValueIn.optional(),
  /** Flat aliases of baseline/target. */
  baselineValue: z.number().finite().nullish(),
  baselinePeriod: text(16).optional(),
  targetValue: z.number().finite().optional(),
  deadline: text(16).optional(),
  comparator: comparatorIn.optional(),
  leadUnit: text(64).nullish(),
  cooperatingUnits: z.array(text(64)).max(200).optional(),
  responsiblePerson: text(300).nullish(),
  notes: text(10000).nullish(),
});
export type TargetInput = z.infer<typeof targetInput>;
export const targetPatch = targetInput.partial();

const taskFields = z.object({
  plan: text(64).min(1),
  title: text(1000).min(1),
  description: text(10000).nullish(),
  leadUnit: text(64).min(1),
  cooperatingUnits: z.array(text(64)).max(200),
  responsiblePerson: text(300).nullish(),
  startDate: isoDate.nullish(),
  dueDate: isoDate,
  status: z.enum(TASK_STATUSES),
  percentComplete: z.number().int().min(0).max(100),
  evidence: text(10000).nullish(),
  /** Linked target ids (of the same plan). */
  targets: z.array(idValue).max(500),
});
export const taskInput = taskFields.extend({
  cooperatingUnits: taskFields.shape.cooperatingUnits.default([]),
  status: taskFields.shape.status.default('not_started'),
  percentComplete: taskFields.shape.percentComplete.default(0),
  targets: taskFields.shape.targets.default([]),
});
export type TaskInput = z.infer<typeof taskInput>;
/** PUT: the fields given replace the stored ones (no defaults). */
export const taskPatch = taskFields.partial();

export const thresholdsInput = z.object({
  onTrack: z.number().finite(),
  atRisk: z.number().finite(),
});

// ---------------------------------------------------------------------------------------------
// Validation helpers
// ---------------------------------------------------------------------------------------------

interface Problem {
  field: string;
  rule: string;
  params?: Record<string, unknown>;
}

/** The cooperating units of a target or task; unknown codes become problems naming their position. */
function cooperatingUnits(byCode: Map<string, Unit>, codes: string[], problems: Problem[]): Unit[] {
  const found: Unit[] = [];
  codes.forEach((c, i) => {
    const u = byCode.get(c);
    if (!u)
      problems.push({ field: `cooperatingUnits.${i}`, rule: 'plans.unknown_unit', params: { value: c } });
    else found.push(u);
  });
  return found;
}

function fail(lang: Lang, problems: Problem[]): never {
  const details = problems.map((p) => ({
    field: p.field,
    rule: p.rule.replace(/^plans\./, ''),
    message: `${p.field}: ${ptx(lang, p.rule, p.params ?? {})}`,
  }));
  throw new AppError(400, 'validation', pk('plans.invalid'), { first: details[0]?.message ?? '' }, details);
}

const notFoundOf = (what: 'plan' | 'target' | 'task', key: string | number) =>
  new AppError(404, 'not_found', 'error.not_found', { whatKey: `plans.word.${what}`, key: String(key) });

/** The stored period (of the indicator's frequency) a given period stands for: itself, or its last sub-period. */
export function storedPeriod(p: Period, frequency: PeriodType): Period | null {
  if (p.type === frequency) return p;
  const subs = subPeriods(p, frequency);
  return subs.length ? subs[subs.length - 1] : null;
}

const within = (unit: Unit, scope: Unit) => unit.path.includes(scope.id);

async function unitsByCode(database: Database, codes: string[]): Promise<Map<string, Unit>> {
  const found = await units.findByCodes(database, [...new Set(codes.filter(Boolean))]);
  return new Map(found.map((u) => [u.code, u]));
}

async function unitsById(database: Database, ids: number[]): Promise<Map<number, Unit>> {
  const found = await units.findByIds(database, [...new Set(ids)]);
  return new Map(found.map((u) => [u.id, u]));
}

async function actorGrantUnits(database: Database, actor: Actor): Promise<Unit[]> {
  return units.findByIds(
    database,
    actor.grants.map((g) => g.orgUnitId),
  );
}

/** A plan's scope unit as the policy needs it. */
const scopeOf = (p: repo.PlanRow) => ({ id: p.scopeUnitId, code: p.scopeUnit, path: p.scopePath });

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

const auditOf = (actor: Actor, ip: string | null) => ({ userId: actor.id, username: actor.username, ip });

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

// ---------------------------------------------------------------------------------------------
// Targets: definitions
// ---------------------------------------------------------------------------------------------

export interface TargetFields {
  plan: string;
  indicator: string;
  orgUnit?: string;
  level?: number | null;
  kind?: string | null;
  categoryOption?: string | null;
  baselineValue: number | null;
  baselinePeriod?: string;
  targetValue?: number;
  deadline?: string;
  comparator?: Comparator;
  leadUnit?: string | null;
  cooperatingUnits: string[];
  responsiblePerson?: string | null;
  notes?: string | null;
}

function flattenTarget(input: TargetInput): TargetFields {
  return {
    plan: input.plan,
    indicator: input.indicator,
    orgUnit: input.orgUnit,
    level: input.level,
    kind: input.kind,
    categoryOption: input.categoryOption,
    baselineValue: input.baseline?.value ?? input.baselineValue ?? null,
    baselinePeriod: input.baseline?.period ?? input.baselinePeriod,
    targetValue: input.target?.value ?? input.targetValue,
    deadline: input.target?.period ?? input.deadline,
    comparator: input.target?.comparator ?? input.comparator,
    leadUnit: input.leadUnit,
    cooperatingUnits: input.cooperatingUnits ?? [],
    responsiblePerson: input.responsiblePerson,
    notes: input.notes,
  };
}

/** Validates a target and gives the row to store (with the plan, to authorise). */
export async function targetWrite(database: Database, lang: Lang, f: TargetFields) {
  const problems: Problem[] = [];
  const plan = await repo.findPlan(database, f.plan);
  if (!plan) problems.push({ field: 'plan', rule: 'plans.unknown_plan', params: { value: f.plan } });
  const ind = await indicators.findByCode(database, f.indicator);
  if (!ind)
    problems.push({ field: 'indicator', rule: 'plans.unknown_indicator', params: { value: f.indicator } });
  const codes = [f.orgUnit ?? '', f.leadUnit ?? '', ...f.cooperatingUnits];
  const byCode = await unitsByCode(database, codes);
  const scopeUnit = f.orgUnit
    ? byCode.get(f.orgUnit)
    : plan
      ? await units.findByCode(database, plan.scopeUnit)
      : undefined;
  if (f.orgUnit && !scopeUnit)
    problems.push({ field: 'orgUnit', rule: 'plans.unknown_unit', params: { value: f.orgUnit } });
  const planScope = plan ? { id: plan.scopeUnitId, code: plan.scopeUnit } : null;
  if (scopeUnit && planScope && !scopeUnit.path.includes(planScope.id))
    problems.push({
      field: 'orgUnit',
      rule: 'plans.outside_scope',
      params: { unit: scopeUnit.code, scope: planScope.code },
    });
  const lead = f.leadUnit ? byCode.get(f.leadUnit) : undefined;
  if (f.leadUnit && !lead)
    problems.push({ field: 'leadUnit', rule: 'plans.unknown_unit', params: { value: f.leadUnit } });
  if (lead && planScope && !lead.path.includes(planScope.id))
    problems.push({
      field: 'leadUnit',
      rule: 'plans.outside_scope',
      params: { unit: lead.code, scope: planScope.code },
    });
  const coop = cooperatingUnits(byCode, f.cooperatingUnits, problems);
  // level-wide scope
  if (f.level !== undefined && f.level !== null && scopeUnit) {
    if (f.level < scopeUnit.level)
      problems.push({
        field: 'level',
        rule: 'plans.level',
        params: { level: f.level, unit: scopeUnit.code, unitLevel: scopeUnit.level },
      });
    else {
      const at = (await units.unitsAtLevel(database, scopeUnit.id, f.level)).filter(
        (u) => !f.kind || u.kind === f.kind,
      );
      if (at.length === 0)
        problems.push({
          field: 'level',
          rule: 'plans.no_units',
          params: { level: f.level, kind: f.kind ? ` (${f.kind})` : '', unit: scopeUnit.code },
        });
    }
  }
  // category option
  let optionId: number | null = null;
  if (f.categoryOption && ind) {
    if (!ind.category)
      problems.push({ field: 'categoryOption', rule: 'plans.no_category', params: { indicator: ind.code } });
    else {
      const o = await repo.findCategoryOption(database, ind.category, f.categoryOption);
      if (!o)
        problems.push({
          field: 'categoryOption',
          rule: 'plans.unknown_option',
          params: { indicator: ind.code, value: f.categoryOption },
        });
      else optionId = o.id;
    }
  }
  // periods
  if (f.targetValue === undefined || f.targetValue === null)
    problems.push({ field: 'target.value', rule: 'plans.number' });
  const freq = ind?.frequency as PeriodType | undefined;
  const check = (field: string, code: string | undefined): Period | null => {
    if (!code) {
      problems.push({ field, rule: 'plans.period', params: { value: '' } });
      return null;
    }
    const p = parsePeriod(code);
    if (!p) {
      problems.push({ field, rule: 'plans.period', params: { value: code } });
      return null;
    }
    if (freq && !storedPeriod(p, freq)) {
      problems.push({
        field,
        rule: 'plans.period_frequency',
        params: { value: code, indicator: ind?.code, frequency: ptx(lang, `frequency.${freq}`) },
      });
      return null;
    }
    return p;
  };
  const deadline = check('target.period', f.deadline);
  let baselineCode = f.baselinePeriod;
  if (!baselineCode && plan && freq) {
    // default: the last period of the indicator's frequency that ended before the plan starts
    const start = parsePeriod(plan.periodFrom);
    if (start) baselineCode = formatPeriod(lastEndedPeriod(prevDay(periodStart(start)), freq));
  }
  const baseline = check('baseline.period', baselineCode);
  if (deadline && baseline && periodEnd(deadline) <= periodEnd(baseline))
    problems.push({
      field: 'target.period',
      rule: 'plans.deadline_after_baseline',
      params: { deadline: formatPeriod(deadline), baseline: formatPeriod(baseline) },
    });
  if (problems.length || !plan || !ind || !scopeUnit || !deadline || !baseline) fail(lang, problems);
  const comparator: Comparator = f.comparator ?? (ind.polarity === 'lower' ? '<=' : '>=');
  const write: repo.TargetWrite = {
    province_id: plan.provinceId,
    plan_id: plan.id,
    indicator_id: ind.id,
    category_option_id: optionId,
    scope_unit_id: scopeUnit.id,
    scope_level: f.level ?? null,
    scope_kind: f.level ? (f.kind ?? null) : null,
    baseline_value: f.baselineValue ?? null,
    baseline_period: formatPeriod(baseline),
    target_value: f.targetValue as number,
    comparator,
    deadline_period: formatPeriod(deadline),
    lead_unit_id: lead?.id ?? null,
    cooperating_unit_ids: coop.map((u) => u.id),
    responsible_person: f.responsiblePerson ?? null,
    notes: f.notes ?? null,
  };
  return { write, plan };
}

function prevDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export async function presentTargetDefinition(database: Database, t: repo.TargetRow) {
  const coop = await unitsById(database, t.cooperatingUnitIds);
  return {
    id: t.id,
    plan: t.plan,
    indicator: t.indicator,
    orgUnit: t.scopeUnit,
    level: t.scopeLevel,
    kind: t.scopeKind,
    categoryOption: t.categoryOption,
    baseline: { value: t.baselineValue, period: t.baselinePeriod },
    target: { value: t.targetValue, period: t.deadlinePeriod, comparator: t.comparator },
    leadUnit: t.leadUnit,
    leadUnitName: t.leadUnitName,
    cooperatingUnits: t.cooperatingUnitIds.map((id) => coop.get(id)?.code ?? String(id)),
    responsiblePerson: t.responsiblePerson,
    notes: t.notes,
  };
}

export async function createTarget(
  database: Database,
  actor: Actor,
  lang: Lang,
  input: TargetInput,
  ip: string | null,
) {
  const { write, plan } = await targetWrite(database, lang, flattenTarget(input));
  if (!planPolicy.canManage(actor, { id: plan.scopeUnitId, code: plan.scopeUnit, path: plan.scopePath }))
    throw forbidden(plan.scopeUnit);
  const id = await database.transaction(async (tx) => {
    const newId = await repo.insertTarget(tx, write);
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'create',
      entity: 'target',
      key: String(newId),
      after: write,
    });
    return newId;
  });
  return presentTargetDefinition(database, (await repo.findTarget(database, id))!);
}

async function managedTarget(database: Database, actor: Actor, id: number) {
  const t = await repo.findTarget(database, id);
  if (!t) throw notFoundOf('target', id);
  const [plan] = await repo.findPlansByIds(database, [t.planId]);
  if (!planPolicy.canManage(actor, { id: plan.scopeUnitId, code: plan.scopeUnit, path: plan.scopePath })) {
    const grantUnits = await actorGrantUnits(database, actor);
    if (
      !planPolicy.canRead(
        actor,
        { id: plan.scopeUnitId, code: plan.scopeUnit, path: plan.scopePath },
        grantUnits,
      )
    )
      throw notFoundOf('target', id);
    throw forbidden(plan.scopeUnit);
  }
  return t;
}

export async function updateTarget(
  database: Database,
  actor: Actor,
  lang: Lang,
  id: number,
  patch: z.infer<typeof targetPatch>,
  ip: string | null,
) {
  const current = await managedTarget(database, actor, id);
  const before = await presentTargetDefinition(database, current);
  const p = flattenTarget({
    ...patch,
    plan: patch.plan ?? current.plan,
    indicator: patch.indicator ?? current.indicator,
    cooperatingUnits: patch.cooperatingUnits ?? [],
  });
  const has = (k: keyof TargetInput) => Object.hasOwn(patch, k);
  const merged: TargetFields = {
    plan: p.plan,
    indicator: p.indicator,
    orgUnit: p.orgUnit ?? before.orgUnit,
    level: has('level') ? p.level : before.level,
    kind: has('kind') ? p.kind : before.kind,
    categoryOption: has('categoryOption') ? p.categoryOption : before.categoryOption,
    baselineValue:
      patch.baseline && Object.hasOwn(patch.baseline, 'value')
        ? (patch.baseline.value ?? null)
        : has('baselineValue')
          ? (patch.baselineValue ?? null)
          : before.baseline.value,
    baselinePeriod: p.baselinePeriod ?? before.baseline.period,
    targetValue: p.targetValue ?? before.target.value,
    deadline: p.deadline ?? before.target.period,
    comparator: p.comparator ?? (before.target.comparator as Comparator),
    leadUnit: has('leadUnit') ? p.leadUnit : before.leadUnit,
    cooperatingUnits: patch.cooperatingUnits ?? before.cooperatingUnits,
    responsiblePerson: has('responsiblePerson') ? p.responsiblePerson : before.responsiblePerson,
    notes: has('notes') ? p.notes : before.notes,
  };
  const { write, plan } = await targetWrite(database, lang, merged);
  if (!planPolicy.canManage(actor, { id: plan.scopeUnitId, code: plan.scopeUnit, path: plan.scopePath }))
    throw forbidden(plan.scopeUnit);
  await database.transaction(async (tx) => {
    await repo.updateTarget(tx, id, write);
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'update',
      entity: 'target',
      key: String(id),
      before,
      after: write,
    });
  });
  return presentTargetDefinition(database, (await repo.findTarget(database, id))!);
}

export async function deleteTarget(database: Database, actor: Actor, id: number, ip: string | null) {
  const t = await managedTarget(database, actor, id);
  const before = await presentTargetDefinition(database, t);
  await database.transaction(async (tx) => {
    await repo.deleteTarget(tx, id);
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'delete',
      entity: 'target',
      key: String(id),
      before,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Targets: progress
// ---------------------------------------------------------------------------------------------

export async function getThresholds(database: Database): Promise<Thresholds> {
  const v = (await repo.getSetting(database, THRESHOLDS_KEY)) as Partial<Thresholds> | undefined;
  if (v && typeof v.onTrack === 'number' && typeof v.atRisk === 'number') {
    const t = { onTrack: v.onTrack, atRisk: v.atRisk };
    if (thresholdProblems(t).length === 0) return t;
  }
  return DEFAULT_THRESHOLDS;
}

export async function setThresholds(
  database: Database,
  actor: Actor,
  lang: Lang,
  t: Thresholds,
  ip: string | null,
): Promise<Thresholds> {
  if (!planPolicy.canSetThresholds(actor)) throw forbidden();
  const problems = thresholdProblems(t);
  if (problems.length)
    fail(
      lang,
      problems.map((reason) => ({ field: 'thresholds', rule: 'plans.thresholds', params: { reason } })),
    );
  const before = await getThresholds(database);
  await database.transaction(async (tx) => {
    await repo.putSetting(tx, THRESHOLDS_KEY, t);
    await appendAudit(tx, {
      ...auditOf(actor, ip),
      action: 'update',
      entity: 'setting',
      key: THRESHOLDS_KEY,
      before,
      after: t,
    });
  });
  return t;
}

/** One (target, unit) pair: a level-wide target has one per unit. */
interface Item {
  target: repo.TargetRow;
  ind: Ind;
  unit: Unit;
  lead: Unit | null;
  /** Baseline and deadline as stored periods of the indicator's frequency. */
  p0: Period;
  p1: Period;
}

export interface EvaluatedItem {
  item: Item;
  progress: ProgressResult;
  baselineValue: number | null;
  /** Values from the baseline to the last period counted (for charts). */
  series: Array<{ period: string; value: number | null }>;
  /** Reporters at the latest ended period (not after the deadline): for "units without data". */
  latestPeriod: string | null;
  latestReported: number | null;
  latestExpected: number | null;
}

function validAt(u: Unit, from: string, to: string) {
  return (!u.validFrom || u.validFrom <= to) && (!u.validTo || u.validTo >= from);
}

async function expandItems(database: Database, targets: repo.TargetRow[], asOf: string): Promise<Item[]> {
  const inds = new Map(
    (await indicators.findByCodes(database, [...new Set(targets.map((t) => t.indicator))])).map((i) => [
      i.id,
      i,
    ]),
  );
  const unitIds = targets.flatMap((t) => [t.scopeUnitId, ...(t.leadUnitId ? [t.leadUnitId] : [])]);
  const byId = await unitsById(database, unitIds);
  const levelCache = new Map<string, Unit[]>();
  const items: Item[] = [];
  for (const t of targets) {
    const ind = inds.get(t.indicatorId);
    const scope = byId.get(t.scopeUnitId);
    const b = parsePeriod(t.baselinePeriod);
    const d = parsePeriod(t.deadlinePeriod);
    if (!ind || !scope || !b || !d) continue;
    const freq = ind.frequency as PeriodType;
    const p0 = storedPeriod(b, freq);
    const p1 = storedPeriod(d, freq);
    if (!p0 || !p1) continue;
    let list: Unit[] = [scope];
    if (t.scopeLevel !== null) {
      const key = `${scope.id}:${t.scopeLevel}`;
      if (!levelCache.has(key))
        levelCache.set(key, await units.unitsAtLevel(database, scope.id, t.scopeLevel));
      list = (levelCache.get(key) ?? []).filter(
        (u) =>
          (!t.scopeKind || u.kind === t.scopeKind) &&
          validAt(u, periodStart(p0), asOf < periodEnd(p1) ? asOf : periodEnd(p1)),
      );
    }
    const lead = t.leadUnitId ? (byId.get(t.leadUnitId) ?? null) : null;
    for (const unit of list) items.push({ target: t, ind, unit, lead, p0, p1 });
  }
  return items;
}

const minP = (a: Period, b: Period) => (periodId(a) <= periodId(b) ? a : b);
const maxP = (a: Period, b: Period) => (periodId(a) >= periodId(b) ? a : b);

async function evaluateItems(
  database: Database,
  items: Item[],
  asOf: string,
  thresholds: Thresholds,
): Promise<EvaluatedItem[]> {
  // values per item: key `${itemIndex}` → Map(periodCode → {value, reported, expected})
  const values = new Map<number, Map<string, { value: number | null; reported: number; expected: number }>>();
  // the last period each item reads
  const lastOf = (it: Item) => {
    const freq = it.ind.frequency as PeriodType;
    const le = lastEndedPeriod(asOf, freq);
    return periodId(le) < periodId(it.p0) ? it.p0 : minP(le, it.p1);
  };
  // 1. whole-indicator items, grouped by frequency: one computeCells per group
  const groups = new Map<string, number[]>();
  items.forEach((it, i) => {
    if (it.target.categoryOptionId !== null) return;
    groups.set(it.ind.frequency, [...(groups.get(it.ind.frequency) ?? []), i]);
  });
  for (const [, idx] of groups) {
    let from = items[idx[0]].p0;
    let to = lastOf(items[idx[0]]);
    for (const i of idx) {
      from = minP(from, items[i].p0);
      to = maxP(to, lastOf(items[i]));
    }
    const periods = periodRange(from, to);
    const inds = [...new Map(idx.map((i) => [items[i].ind.id, items[i].ind])).values()];
    const us = [...new Map(idx.map((i) => [items[i].unit.id, items[i].unit])).values()];
    const cells = await computeCells(database, inds, periods, us);
    for (const i of idx) {
      const it = items[i];
      const m = new Map<string, { value: number | null; reported: number; expected: number }>();
      const lo = periodId(it.p0);
      const hi = periodId(lastOf(it));
      periods.forEach((p, req) => {
        const pid = periodId(p);
        if (pid < lo || pid > hi) return;
        const c = cells.get(`${it.ind.code}|${req}|${it.unit.id}`);
        m.set(formatPeriod(p), {
          value: c?.value ?? null,
          reported: c?.reported ?? 0,
          expected: c?.expected ?? 0,
        });
      });
      values.set(i, m);
    }
  }
  // 2. one category option of a disaggregated indicator
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.target.categoryOptionId === null) continue;
    const periods = periodRange(it.p0, lastOf(it));
    const rows = await repo.optionAggregates(database, {
      indicatorId: it.ind.id,
      optionId: it.target.categoryOptionId,
      periodIds: periods.map(periodId),
      unitIds: [it.unit.id],
      provinceIds: [it.unit.provinceId ?? it.unit.id],
    });
    const byPid = new Map(rows.map((r) => [r.periodId, r]));
    const m = new Map<string, { value: number | null; reported: number; expected: number }>();
    for (const p of periods) {
      const r = byPid.get(periodId(p));
      m.set(formatPeriod(p), {
        value: r?.value === null || r?.value === undefined ? null : Math.round(r.value * 1e6) / 1e6,
        reported: r?.reported ?? 0,
        expected: r ? r.reported : 1,
      });
    }
    values.set(i, m);
  }
  // 3. progress
  return items.map((it, i) => {
    const m = values.get(i) ?? new Map();
    const p0c = formatPeriod(it.p0);
    const b = it.target.baselineValue ?? m.get(p0c)?.value ?? null;
    const series = [...m.entries()].map(([period, v]) => ({ period, value: v.value }));
    const progress = computeProgress({
      baseline: { value: b, period: it.p0 },
      target: { value: it.target.targetValue, period: it.p1, comparator: it.target.comparator as Comparator },
      history: series.filter((s) => s.period !== p0c),
      asOf,
      thresholds,
    });
    const le = lastEndedPeriod(asOf, it.ind.frequency as PeriodType);
    const latest =
      periodId(le) > periodId(it.p0) && periodId(le) <= periodId(it.p1) ? formatPeriod(le) : null;
    const lv = latest ? m.get(latest) : undefined;
    return {
      item: it,
      progress,
      baselineValue: b,
      series,
      latestPeriod: latest,
      latestReported: lv ? lv.reported : null,
      latestExpected: lv ? lv.expected : null,
    };
  });
}

export function presentItem(e: EvaluatedItem, lang: Lang = 'vi') {
  const { item: it, progress: pr } = e;
  const t = it.target;
  return {
    id: t.id,
    plan: t.plan,
    indicator: t.indicator,
    indicatorName: lang === 'en' ? it.ind.nameEn : it.ind.name,
    measure: it.ind.unit,
    pillar: it.ind.pillar,
    field: it.ind.field,
    frequency: it.ind.frequency,
    valueType: it.ind.valueType,
    categoryOption: t.categoryOption,
    orgUnit: it.unit.code,
    orgUnitName: it.unit.name,
    orgUnitLevel: it.unit.level,
    scope: { orgUnit: t.scopeUnit, level: t.scopeLevel, kind: t.scopeKind },
    baseline: { value: e.baselineValue, period: t.baselinePeriod },
    target: { value: t.targetValue, period: t.deadlinePeriod, comparator: t.comparator },
    deadline: periodEnd(it.p1),
    current: { value: pr.current?.value ?? null, period: pr.current?.period ?? null },
    done: pr.done,
    elapsed: pr.elapsed,
    pace: pr.pace,
    status: pr.status,
    statusLabel: ptx(lang, `plans.status.${pr.status}`),
    anticipated: { value: pr.anticipated?.value ?? null, meets: pr.anticipated?.meets ?? null },
    leadUnit: t.leadUnit,
    leadUnitName: t.leadUnitName,
    responsiblePerson: t.responsiblePerson,
    latestPeriod: e.latestPeriod,
    reported: e.latestReported,
    expected: e.latestExpected,
  };
}

export interface TargetQuery {
  plan?: string;
  orgUnit?: string;
  status?: string;
  asOf?: string;
  leadUnit?: string;
  indicator?: string;
}

function checkAsOf(lang: Lang, asOf: string | undefined): string {
  const d = asOf ?? today();
  if (!isIsoDate(d)) fail(lang, [{ field: 'asOf', rule: 'plans.date', params: { value: d } }]);
  return d;
}

/** The visible, filtered, evaluated items of the targets. */
async function visibleItems(database: Database, actor: Actor, lang: Lang, q: TargetQuery, targetId?: number) {
  const asOf = checkAsOf(lang, q.asOf);
  let planId: number | undefined;
  if (q.plan) {
    const plan = await repo.findPlan(database, q.plan);
    if (!plan) throw notFoundOf('plan', q.plan);
    planId = plan.id;
  }
  let targets =
    targetId !== undefined
      ? await repo.findTargetsByIds(database, [targetId])
      : await repo.listTargets(database, { planId });
  if (q.indicator) targets = targets.filter((t) => t.indicator === q.indicator);
  if (q.leadUnit) targets = targets.filter((t) => t.leadUnit === q.leadUnit);
  let filterUnit: Unit | undefined;
  if (q.orgUnit) {
    filterUnit = await units.findByCode(database, q.orgUnit);
    if (!filterUnit)
      throw new AppError(404, 'not_found', 'error.not_found', { whatKey: 'word.org_unit', key: q.orgUnit });
  }
  let items = await expandItems(database, targets, asOf);
  items = items.filter((it) => planPolicy.canReadItem(actor, it.unit, it.lead));
  if (filterUnit) {
    const f = filterUnit;
    items = items.filter((it) => within(it.unit, f) || (it.lead !== null && within(it.lead, f)));
  }
  const thresholds = await getThresholds(database);
  let evaluated = await evaluateItems(database, items, asOf, thresholds);
  if (q.status) {
    const wanted = new Set(q.status.split(',').map((s) => s.trim()));
    evaluated = evaluated.filter((e) => wanted.has(e.progress.status));
  }
  return { asOf, thresholds, evaluated };
}

/** GET /api/targets */
export async function listTargetProgress(database: Database, actor: Actor, lang: Lang, q: TargetQuery) {
  const { asOf, thresholds, evaluated } = await visibleItems(database, actor, lang, q);
  return { asOf, thresholds, items: evaluated.map((e) => presentItem(e, lang)) };
}

/** GET /api/targets/:id — the definition, its items, and one unit's series for the chart. */
export async function getTarget(
  database: Database,
  actor: Actor,
  lang: Lang,
  id: number,
  q: { asOf?: string; orgUnit?: string },
) {
  const t = await repo.findTarget(database, id);
  if (!t) throw notFoundOf('target', id);
  const { asOf, thresholds, evaluated } = await visibleItems(database, actor, lang, { asOf: q.asOf }, id);
  const [plan] = await repo.findPlansByIds(database, [t.planId]);
  const byId = await unitsById(database, [t.scopeUnitId, ...(t.leadUnitId ? [t.leadUnitId] : [])]);
  const unit = byId.get(t.scopeUnitId);
  const lead = t.leadUnitId ? (byId.get(t.leadUnitId) ?? null) : null;
  if (!unit || !planPolicy.canReadTarget(actor, scopeOf(plan), unit, lead, evaluated.length)) {
    // a plan the caller may not see hides its targets; within a visible plan the refusal is plain
    if (!planPolicy.canRead(actor, scopeOf(plan), await actorGrantUnits(database, actor)))
      throw notFoundOf('target', id);
    throw forbidden(t.scopeUnit);
  }
  const chosen = evaluated.find((e) => e.item.unit.code === q.orgUnit) ?? evaluated[0];
  let chart = null;
  if (chosen) {
    const it = chosen.item;
    const b = chosen.baselineValue;
    const d0 = dayNumber(periodEnd(it.p0));
    const d1 = dayNumber(periodEnd(it.p1));
    // the expected path: straight from the baseline to the target; and the trend to the deadline
    const freq = it.ind.frequency as PeriodType;
    const all = periodRange(it.p0, maxP(it.p1, it.p0));
    const expected = all.map((p) => ({
      period: formatPeriod(p),
      value:
        b === null
          ? null
          : Math.round((b + ((t.targetValue - b) * (dayNumber(periodEnd(p)) - d0)) / (d1 - d0)) * 1e6) / 1e6,
    }));
    chart = {
      orgUnit: it.unit.code,
      orgUnitName: it.unit.name,
      frequency: freq,
      periods: all.map(formatPeriod),
      series: chosen.series,
      expected,
      target: { value: t.targetValue, period: formatPeriod(it.p1) },
      anticipated: chosen.progress.anticipated
        ? { value: chosen.progress.anticipated.value, period: formatPeriod(it.p1) }
        : null,
    };
  }
  const { rows: tasks } = await readableTasks(
    database,
    actor,
    (await repo.listTasks(database, { planId: t.planId })).filter((k) => k.targetIds.includes(id)),
  );
  return {
    definition: await presentTargetDefinition(database, t),
    asOf,
    thresholds,
    items: evaluated.map((e) => presentItem(e, lang)),
    chart,
    tasks: tasks.map(presentTaskBasic),
  };
}

// ---------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------

function presentTaskBasic(k: repo.TaskRow) {
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
  return { write, plan, lead };
}

export async function createTask(
  database: Database,
  actor: Actor,
  lang: Lang,
  input: TaskInput,
  ip: string | null,
) {
  const { write, plan } = await taskWrite(database, lang, input);
  if (!planPolicy.canManage(actor, scopeOf(plan))) throw forbidden(plan.scopeUnit);
  const id = await database.transaction(async (tx) => {
    const newId = await repo.insertTask(tx, write, input.targets);
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
async function readableTasks(database: Database, actor: Actor, all: repo.TaskRow[]) {
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
  let planId: number | undefined;
  if (q.plan) {
    const plan = await repo.findPlan(database, q.plan);
    if (!plan) throw notFoundOf('plan', q.plan);
    planId = plan.id;
  }
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
  const { write, plan: newPlan } = await taskWrite(database, lang, merged);
  if (manager && !planPolicy.canManage(actor, scopeOf(newPlan))) throw forbidden(newPlan.scopeUnit);
  await database.transaction(async (tx) => {
    await repo.updateTask(tx, id, write, merged.targets);
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

// ---------------------------------------------------------------------------------------------
// Warnings
// ---------------------------------------------------------------------------------------------

export type WarningType =
  | 'target_at_risk'
  | 'target_off_track'
  | 'target_overdue'
  | 'task_overdue'
  | 'task_due_soon'
  | 'missing_data';

export interface Warning {
  type: WarningType;
  severity: 'high' | 'medium' | 'low';
  message: string;
  plan: string;
  target: number | null;
  task: number | null;
  indicator: string | null;
  orgUnit: string;
  orgUnitName: string;
  leadUnit: string | null;
  status: ProgressStatus | null;
  pace: number | null;
  period: string | null;
  dueDate: string | null;
  daysLeft: number | null;
  /** Task reminders: 7, 3 or 1 days before the due date. */
  remindAt: 7 | 3 | 1 | null;
  reported: number | null;
  expected: number | null;
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 };

/** GET /api/warnings: targets at risk/off track/overdue, tasks overdue or due in 7/3/1 days, units without data. */
export async function warnings(
  database: Database,
  actor: Actor,
  lang: Lang,
  q: { asOf?: string; plan?: string },
) {
  const { asOf, evaluated } = await visibleItems(database, actor, lang, { asOf: q.asOf, plan: q.plan });
  const out: Warning[] = [];
  const base = {
    task: null,
    dueDate: null,
    daysLeft: null,
    remindAt: null,
    reported: null,
    expected: null,
    period: null,
  } as const;
  const num = (x: number | null) =>
    x === null ? '—' : x.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 2 });
  for (const e of evaluated) {
    const it = e.item;
    const s = e.progress.status;
    if (s === 'at_risk' || s === 'off_track' || s === 'overdue') {
      out.push({
        ...base,
        type: s === 'at_risk' ? 'target_at_risk' : s === 'off_track' ? 'target_off_track' : 'target_overdue',
        severity: s === 'at_risk' ? 'medium' : 'high',
        message: ptx(lang, 'plans.warning.target', {
          indicator: lang === 'en' ? it.ind.nameEn : it.ind.name,
          unit: it.unit.name,
          status: ptx(lang, `plans.status.${s}`),
          pace: num(e.progress.pace),
        }),
        plan: it.target.plan,
        target: it.target.id,
        indicator: it.ind.code,
        orgUnit: it.unit.code,
        orgUnitName: it.unit.name,
        leadUnit: it.target.leadUnit,
        status: s,
        pace: e.progress.pace,
        period: e.progress.current?.period ?? null,
      });
    }
    if (
      e.latestPeriod &&
      s !== 'achieved' &&
      e.latestReported !== null &&
      (e.latestReported === 0 || (e.latestExpected ?? 0) > e.latestReported)
    ) {
      out.push({
        ...base,
        type: 'missing_data',
        severity: 'low',
        message: ptx(lang, 'plans.warning.missing_data', {
          indicator: lang === 'en' ? it.ind.nameEn : it.ind.name,
          unit: it.unit.name,
          period: e.latestPeriod,
          reported: e.latestReported,
          expected: e.latestExpected,
        }),
        plan: it.target.plan,
        target: it.target.id,
        indicator: it.ind.code,
        orgUnit: it.unit.code,
        orgUnitName: it.unit.name,
        leadUnit: it.target.leadUnit,
        status: s,
        pace: e.progress.pace,
        period: e.latestPeriod,
        reported: e.latestReported,
        expected: e.latestExpected,
      });
    }
  }
  const tasks = await listTasks(database, actor, lang, { plan: q.plan, asOf });
  for (const k of tasks.items) {
    if (k.status === 'done' || k.status === 'cancelled') continue;
    const d = k.daysLeft;
    if (d > 7) continue;
    const overdue = d < 0;
    out.push({
      ...base,
      type: overdue ? 'task_overdue' : 'task_due_soon',
      severity: overdue ? 'high' : d <= 1 ? 'high' : d <= 3 ? 'medium' : 'low',
      message: overdue
        ? ptx(lang, 'plans.warning.task_overdue', { title: k.title, unit: k.leadUnitName, days: -d })
        : ptx(lang, 'plans.warning.task_due', {
            title: k.title,
            unit: k.leadUnitName,
            days: d,
            due: k.dueDate,
          }),
      plan: k.plan,
      target: null,
      task: k.id,
      indicator: null,
      orgUnit: k.leadUnit,
      orgUnitName: k.leadUnitName,
      leadUnit: k.leadUnit,
      status: null,
      pace: null,
      dueDate: k.dueDate,
      daysLeft: d,
      remindAt: overdue ? null : d <= 1 ? 1 : d <= 3 ? 3 : 7,
    });
  }
  out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.type.localeCompare(b.type));
  const counts: Record<string, number> = {};
  for (const w of out) counts[w.type] = (counts[w.type] ?? 0) + 1;
  return { asOf, counts, items: out };
}
