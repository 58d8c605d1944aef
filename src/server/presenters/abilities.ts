/**
 * Abilities: what the current user may do with each object an answer carries (as Outline's policy
 * presenter does). Every ability is one of the policy functions the routes authorise with
 * (`server/policies/*`), asked for the object at hand — never a rule of its own — so the web app
 * reads `item.abilities.update` instead of recomputing rights from /api/me grants, and a button
 * appears exactly when the server would accept its request.
 *
 * Route handlers call `with*Abilities` on what a service returned: the units (with their paths)
 * that the policies need are looked up here, in one query per answer.
 */
import { z } from 'zod';
import type { UnitRef } from '../../access/index.js';
import { planPolicy } from '../../access/plans.js';
import { reportingPolicy } from '../../access/reporting.js';
import { scorecardPolicy } from '../../access/scorecards.js';
import type { Database } from '../../db/index.js';
import {
  isLocked,
  type PeriodSchedule,
  type SubmissionAction,
  type SubmissionStatus,
  transition,
  vietnamDate,
} from '../../domain/reporting.js';
import * as orgUnits from '../../repositories/orgUnits.js';
import * as plansRepo from '../../repositories/plans.js';
import * as reportingRepo from '../../repositories/reporting.js';
import type { Actor } from '../../services/auth.js';

const flag = (what: string) => z.boolean().describe(what);

// ---------------------------------------------------------------------------------------------
// Shapes (OpenAPI documents them through the response schemas)
// ---------------------------------------------------------------------------------------------

export const planAbilitiesShape = z
  .object({
    update: flag('PUT /api/plans/{code}'),
    delete: flag('DELETE /api/plans/{code}'),
    createTarget: flag('POST /api/targets in this plan'),
    createTask: flag('POST /api/tasks in this plan'),
  })
  .describe('What the current user may do with this plan');

export const targetAbilitiesShape = z
  .object({
    update: flag('PUT /api/targets/{id}'),
    delete: flag('DELETE /api/targets/{id}'),
  })
  .describe('What the current user may do with this target');

export const taskAbilitiesShape = z
  .object({
    update: flag('PUT /api/tasks/{id} with any field'),
    delete: flag('DELETE /api/tasks/{id}'),
    comment: flag('POST /api/tasks/{id}/comments'),
    setProgress: flag('PUT /api/tasks/{id} with status, percentComplete, evidence'),
  })
  .describe('What the current user may do with this task');

export const formAbilitiesShape = z
  .object({
    manage: flag('create a form over the same units (POST /api/forms; copy this one)'),
    enter: flag('save values of the report of at least one of its units'),
    submit: flag('submit the report of at least one of its units'),
    approve: flag('approve the report of at least one of its units'),
    return: flag('return the report of at least one of its units'),
    unlock: flag('unlock the report of at least one of its units'),
  })
  .describe('What the current user may do with this report form (somewhere among its units)');

export const submissionAbilitiesShape = z
  .object({
    save: flag('PUT /api/forms/{code}/entry (save draft values)'),
    submit: flag('POST /api/forms/{code}/submit (the values must still pass the form rules)'),
    approve: flag('POST /api/forms/{code}/approve'),
    return: flag('POST /api/forms/{code}/return (with a reason)'),
    unlock: flag('POST /api/forms/{code}/unlock (with a reason)'),
  })
  .describe("What the current user may do now with this unit's report for this period");

export const scorecardAbilitiesShape = z
  .object({
    update: flag('PUT /api/scorecards/{code}'),
    assess: flag('self-assess (PUT …/assessments with `self`) for the units of their data-entry grants'),
    appraise: flag('appraise and set final scores (PUT …/assessments with `appraised`, `final`)'),
    freezeReview: flag('POST /api/reviews on this scorecard'),
  })
  .describe('What the current user may do with this scorecard');

export const assessmentAbilitiesShape = z
  .object({
    assess: flag('PUT …/assessments with `self` for this unit'),
    appraise: flag('PUT …/assessments with `appraised` or `final` for this unit'),
  })
  .describe("What the current user may do with this unit's assessment");

export const reviewAbilitiesShape = z
  .object({
    freeze: flag('POST /api/reviews: freeze a new review (a frozen review is never changed or deleted)'),
  })
  .describe('What the current user may do with this review');

export type PlanAbilities = z.infer<typeof planAbilitiesShape>;
export type TargetAbilities = z.infer<typeof targetAbilitiesShape>;
export type TaskAbilities = z.infer<typeof taskAbilitiesShape>;
export type FormAbilities = z.infer<typeof formAbilitiesShape>;
export type SubmissionAbilities = z.infer<typeof submissionAbilitiesShape>;
export type ScorecardAbilities = z.infer<typeof scorecardAbilitiesShape>;
export type AssessmentAbilities = z.infer<typeof assessmentAbilitiesShape>;
export type ReviewAbilities = z.infer<typeof reviewAbilitiesShape>;

// ---------------------------------------------------------------------------------------------
// The abilities of one object, from the policy functions
// ---------------------------------------------------------------------------------------------

/** A plan (and its targets and tasks) is managed by who manages its scope unit. */
export function planAbilities(actor: Actor, scope: UnitRef): PlanAbilities {
  const manage = planPolicy.canManage(actor, scope);
  return { update: manage, delete: manage, createTarget: manage, createTask: manage };
}

export function targetAbilities(actor: Actor, planScope: UnitRef): TargetAbilities {
  const manage = planPolicy.canManage(actor, planScope);
  return { update: manage, delete: manage };
}

export function taskAbilities(actor: Actor, planScope: UnitRef, lead: UnitRef): TaskAbilities {
  const manage = planPolicy.canManage(actor, planScope);
  return {
    update: manage,
    delete: manage,
    comment: planPolicy.canComment(actor),
    setProgress: planPolicy.canUpdateTaskProgress(actor, planScope, lead),
  };
}

/**
 * A form: `manage` when every unit of its scope (its listed units, or its `unitsWithin` unit) lies
 * in the actor's managed subtrees; the report actions when the actor may take them for at least
 * one of its reporting units.
 */
export function formAbilities(actor: Actor, scopeUnits: UnitRef[], reportingUnits: UnitRef[]): FormAbilities {
  const enter = reportingUnits.some((u) => reportingPolicy.canEnter(actor, u));
  const review = reportingUnits.some((u) => reportingPolicy.canReview(actor, u));
  return {
    manage:
      reportingPolicy.canManageSomeForms(actor) &&
      scopeUnits.length > 0 &&
      reportingPolicy.outsideFormScope(actor, scopeUnits) === undefined,
    enter,
    submit: enter,
    approve: review,
    return: review,
    unlock: review,
  };
}

const SUBMISSION_ACTIONS = ['save', 'submit', 'approve', 'return', 'unlock'] as const;

/**
 * A unit's report for a period: each action is allowed when the state machine the routes run
 * (domain/reporting.ts `transition`, with the reporting policy's rights) accepts it now. A reason
 * (needed to return or unlock) is taken as given: it is the user's to write.
 */
export function submissionAbilities(
  actor: Actor,
  unit: UnitRef,
  s: { status: string | null; approvalsDone: number; approvalLevels: number; schedule: PeriodSchedule },
  now = vietnamDate(new Date()),
): SubmissionAbilities {
  const ctx = {
    canEnter: reportingPolicy.canEnter(actor, unit),
    canReview: reportingPolicy.canReview(actor, unit),
    bypassLock: reportingPolicy.bypassLock(actor, unit),
    locked: isLocked(s.schedule, now),
    reason: 'reason',
    approvalLevels: s.approvalLevels,
    approvalsDone: s.approvalsDone,
  };
  const from = (s.status ?? null) as SubmissionStatus | null;
  const can = (a: SubmissionAction) => transition(from, a, ctx).ok;
  return Object.fromEntries(SUBMISSION_ACTIONS.map((a) => [a, can(a)])) as SubmissionAbilities;
}

/** A unit nowhere in the tree (an object whose unit is gone): only an admin covers it. */
const NOWHERE: UnitRef = { id: -1, code: '', path: [] };

/** The units of the actor's grants (an admin: any unit); a self-assessment is made for one of them. */
function grantUnits(actor: Actor): UnitRef[] {
  if (actor.isAdmin) return [NOWHERE];
  return actor.grants.map((g) => ({ id: g.orgUnitId, code: g.orgUnitCode, path: [g.orgUnitId] }));
}

export function scorecardAbilities(actor: Actor): ScorecardAbilities {
  return {
    update: scorecardPolicy.canDefine(actor),
    assess: grantUnits(actor).some((u) => scorecardPolicy.canSelfAssess(actor, u)),
    appraise: scorecardPolicy.canAppraise(actor),
    freezeReview: scorecardPolicy.canFreezeReview(actor),
  };
}

export function assessmentAbilities(actor: Actor, unit: UnitRef): AssessmentAbilities {
  return { assess: scorecardPolicy.canSelfAssess(actor, unit), appraise: scorecardPolicy.canAppraise(actor) };
}

export function reviewAbilities(actor: Actor): ReviewAbilities {
  return { freeze: scorecardPolicy.canFreezeReview(actor) };
}

// ---------------------------------------------------------------------------------------------
// Attaching them to what the services return (the units looked up in one query)
// ---------------------------------------------------------------------------------------------

async function unitsByCode(database: Database, codes: Array<string | null | undefined>) {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  const rows = wanted.length ? await orgUnits.findByCodes(database, wanted) : [];
  return new Map<string, UnitRef>(rows.map((u) => [u.code, { id: u.id, code: u.code, path: u.path }]));
}

/** The scope unit of each plan, by plan code. */
async function planScopes(database: Database, planCodes: string[]) {
  const wanted = new Set(planCodes);
  const out = new Map<string, UnitRef>();
  if (wanted.size === 0) return out;
  const rows =
    wanted.size === 1
      ? [await plansRepo.findPlan(database, [...wanted][0])].filter((p) => p !== undefined)
      : await plansRepo.listPlans(database);
  for (const p of rows)
    if (wanted.has(p.code)) out.set(p.code, { id: p.scopeUnitId, code: p.scopeUnit, path: p.scopePath });
  return out;
}

export async function withPlanAbilities<T extends { scopeUnit: string }>(
  database: Database,
  actor: Actor,
  plans: T[],
): Promise<Array<T & { abilities: PlanAbilities }>> {
  const units = await unitsByCode(
    database,
    plans.map((p) => p.scopeUnit),
  );
  return plans.map((p) => ({ ...p, abilities: planAbilities(actor, units.get(p.scopeUnit) ?? NOWHERE) }));
}

export async function withTargetAbilities<T extends { plan: string }>(
  database: Database,
  actor: Actor,
  targets: T[],
): Promise<Array<T & { abilities: TargetAbilities }>> {
  const scopes = await planScopes(
    database,
    targets.map((t) => t.plan),
  );
  return targets.map((t) => ({ ...t, abilities: targetAbilities(actor, scopes.get(t.plan) ?? NOWHERE) }));
}

export async function withTaskAbilities<T extends { plan: string; leadUnit: string }>(
  database: Database,
  actor: Actor,
  tasks: T[],
): Promise<Array<T & { abilities: TaskAbilities }>> {
  const [scopes, leads] = await Promise.all([
    planScopes(
      database,
      tasks.map((k) => k.plan),
    ),
    unitsByCode(
      database,
      tasks.map((k) => k.leadUnit),
    ),
  ]);
  return tasks.map((k) => ({
    ...k,
    abilities: taskAbilities(actor, scopes.get(k.plan) ?? NOWHERE, leads.get(k.leadUnit) ?? NOWHERE),
  }));
}

export async function withFormAbilities<
  T extends { code: string; units?: string[]; unitsWithin?: { orgUnit: string } },
>(database: Database, actor: Actor, forms: T[]): Promise<Array<T & { abilities: FormAbilities }>> {
  const scopeCodes = forms.flatMap((f) => f.units ?? (f.unitsWithin ? [f.unitsWithin.orgUnit] : []));
  const units = await unitsByCode(database, scopeCodes);
  const stored = new Map((await reportingRepo.listForms(database)).map((f) => [f.code, f]));
  const day = vietnamDate(new Date());
  const out = [];
  for (const f of forms) {
    const scope = (f.units ?? (f.unitsWithin ? [f.unitsWithin.orgUnit] : [])).map(
      (c) => units.get(c) ?? { ...NOWHERE, code: c },
    );
    const row = stored.get(f.code);
    // the units it expects now (those valid today)
    const reporting = row
      ? await reportingRepo.reportingUnits(database, row.unitSpec, { from: day, to: day })
      : [];
    out.push({ ...f, abilities: formAbilities(actor, scope, reporting) });
  }
  return out;
}

export async function withSubmissionAbilities<
  T extends {
    orgUnit: string;
    status: string;
    approvalsDone: number;
    approvalLevels: number;
    schedule: PeriodSchedule;
  },
>(database: Database, actor: Actor, entry: T): Promise<T & { abilities: SubmissionAbilities }> {
  const unit = (await unitsByCode(database, [entry.orgUnit])).get(entry.orgUnit) ?? NOWHERE;
  return { ...entry, abilities: submissionAbilities(actor, unit, entry) };
}

export async function withAssessmentAbilities<T extends { orgUnit: string }>(
  database: Database,
  actor: Actor,
  a: T,
): Promise<T & { abilities: AssessmentAbilities }> {
  const unit = (await unitsByCode(database, [a.orgUnit])).get(a.orgUnit) ?? NOWHERE;
  return { ...a, abilities: assessmentAbilities(actor, unit) };
}
