/**
 * Targets (mục tiêu): definitions — validate, authorise, store with an audit trail.
 */
import type { z } from 'zod';
import { planPolicy } from '../../access/plans.js';
import type { Database, Tx } from '../../db/index.js';
import {
  formatPeriod,
  lastEndedPeriod,
  type Period,
  type PeriodType,
  parsePeriod,
  periodEnd,
  periodStart,
} from '../../domain/period.js';
import type { Comparator } from '../../domain/progress.js';
import { forbidden } from '../../errors.js';
import type { Lang } from '../../i18n/index.js';
import { ptx } from '../../i18n/plans.js';
import { appendAudit } from '../../repositories/audit.js';
import * as indicators from '../../repositories/indicators.js';
import * as units from '../../repositories/orgUnits.js';
import * as repo from '../../repositories/plans.js';
import type { Actor } from '../auth.js';
import { notifyAssignment } from '../notifications.js';
import {
  actorGrantUnits,
  auditOf,
  cooperatingUnits,
  fail,
  notFoundOf,
  type Problem,
  storedPeriod,
  type TargetInput,
  type targetPatch,
  unitsByCode,
  unitsById,
} from './common.js';

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
  const named = [
    ...(lead ? [{ id: lead.id, code: lead.code, name: lead.name, role: 'lead' as const }] : []),
    ...coop.map((u) => ({ id: u.id, code: u.code, name: u.name, role: 'cooperating' as const })),
  ];
  return { write, plan, named, title: ind.name, deadline: formatPeriod(deadline) };
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
    baseline: {
      value: t.baselineValue,
      period: t.baselinePeriod,
      ...(t.baselineEstimated ? { estimated: true } : {}),
    },
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
  const { write, plan, named, title } = await targetWrite(database, lang, flattenTarget(input));
  if (!planPolicy.canManage(actor, { id: plan.scopeUnitId, code: plan.scopeUnit, path: plan.scopePath }))
    throw forbidden(plan.scopeUnit);
  const id = await database.transaction(async (tx) => {
    const newId = await repo.insertTarget(tx, write);
    await notifyTargetAssigned(tx, actor, { id: newId, title, plan: plan.code }, named);
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
  const { write, plan, named, title } = await targetWrite(database, lang, merged);
  if (!planPolicy.canManage(actor, { id: plan.scopeUnitId, code: plan.scopeUnit, path: plan.scopePath }))
    throw forbidden(plan.scopeUnit);
  await database.transaction(async (tx) => {
    await repo.updateTarget(tx, id, write);
    // units newly named on the target hear of it; those already on it were told before
    await notifyTargetAssigned(
      tx,
      actor,
      { id, title, plan: plan.code },
      named.filter((u) =>
        u.role === 'lead' ? u.code !== before.leadUnit : !before.cooperatingUnits.includes(u.code),
      ),
    );
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

/** Tells the people acting for newly named units that the target is theirs (in the write's transaction). */
function notifyTargetAssigned(
  tx: Tx,
  actor: Actor,
  t: { id: number; title: string; plan: string },
  named: Array<{ id: number; code: string; name: string; role: 'lead' | 'cooperating' }>,
) {
  return notifyAssignment(tx, {
    what: 'target',
    id: t.id,
    title: t.title,
    plan: t.plan,
    link: `/targets/${t.id}`,
    units: named,
    by: actor.id,
  });
}
