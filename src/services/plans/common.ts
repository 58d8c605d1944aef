/**
 * Plans, targets and tasks: the inputs (zod), validation helpers and lookups shared by
 * plans.ts, targets.ts, tasks.ts, progress.ts and warnings.ts of this folder.
 */
import { z } from 'zod';
import type { Database } from '../../db/index.js';
import { type Period, type PeriodType, periodId, subPeriods } from '../../domain/period.js';
import type { Comparator } from '../../domain/progress.js';
import { CODE_RE, isIsoDate } from '../../domain/validate.js';
import { AppError } from '../../errors.js';
import type { Lang } from '../../i18n/index.js';
import { pk, ptx } from '../../i18n/plans.js';
import type * as indicators from '../../repositories/indicators.js';
import * as units from '../../repositories/orgUnits.js';
import type * as repo from '../../repositories/plans.js';
import * as plans from '../../repositories/plans.js';
import type { Actor } from '../auth.js';
import { httpUrl, idValue, isoDate } from '../inputs.js';

export type Unit = units.OrgUnitRow;
export type Ind = indicators.IndicatorRow;

export const PLAN_STATUSES = ['draft', 'active', 'completed', 'cancelled'] as const;
export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export const THRESHOLDS_KEY = 'progress_thresholds';

export const today = () => new Date().toISOString().slice(0, 10);

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

export interface Problem {
  field: string;
  rule: string;
  params?: Record<string, unknown>;
}

/** The cooperating units of a target or task; unknown codes become problems naming their position. */
export function cooperatingUnits(byCode: Map<string, Unit>, codes: string[], problems: Problem[]): Unit[] {
  const found: Unit[] = [];
  codes.forEach((c, i) => {
    const u = byCode.get(c);
    if (!u)
      problems.push({ field: `cooperatingUnits.${i}`, rule: 'plans.unknown_unit', params: { value: c } });
    else found.push(u);
  });
  return found;
}

export function fail(lang: Lang, problems: Problem[]): never {
  const details = problems.map((p) => ({
    field: p.field,
    rule: p.rule.replace(/^plans\./, ''),
    message: `${p.field}: ${ptx(lang, p.rule, p.params ?? {})}`,
  }));
  throw new AppError(400, 'validation', pk('plans.invalid'), { first: details[0]?.message ?? '' }, details);
}

export const notFoundOf = (what: 'plan' | 'target' | 'task', key: string | number) =>
  new AppError(404, 'not_found', 'error.not_found', { whatKey: `plans.word.${what}`, key: String(key) });

/** The id of the plan a list is filtered by (none: undefined); an unknown plan code is a 404. */
export async function planIdOf(database: Database, code: string | undefined): Promise<number | undefined> {
  if (!code) return undefined;
  const plan = await plans.findPlan(database, code);
  if (!plan) throw notFoundOf('plan', code);
  return plan.id;
}

/** The stored period (of the indicator's frequency) a given period stands for: itself, or its last sub-period. */
export function storedPeriod(p: Period, frequency: PeriodType): Period | null {
  if (p.type === frequency) return p;
  const subs = subPeriods(p, frequency);
  return subs.length ? subs[subs.length - 1] : null;
}

export const within = (unit: Unit, scope: Unit) => unit.path.includes(scope.id);

export async function unitsByCode(database: Database, codes: string[]): Promise<Map<string, Unit>> {
  const found = await units.findByCodes(database, [...new Set(codes.filter(Boolean))]);
  return new Map(found.map((u) => [u.code, u]));
}

export async function unitsById(database: Database, ids: number[]): Promise<Map<number, Unit>> {
  const found = await units.findByIds(database, [...new Set(ids)]);
  return new Map(found.map((u) => [u.id, u]));
}

export async function actorGrantUnits(database: Database, actor: Actor): Promise<Unit[]> {
  return units.findByIds(
    database,
    actor.grants.map((g) => g.orgUnitId),
  );
}

/** A plan's scope unit as the policy needs it. */
export const scopeOf = (p: repo.PlanRow) => ({ id: p.scopeUnitId, code: p.scopeUnit, path: p.scopePath });

export const auditOf = (actor: Actor, ip: string | null) => ({
  userId: actor.id,
  username: actor.username,
  ip,
});

export function checkAsOf(lang: Lang, asOf: string | undefined): string {
  const d = asOf ?? today();
  if (!isIsoDate(d)) fail(lang, [{ field: 'asOf', rule: 'plans.date', params: { value: d } }]);
  return d;
}

export const minP = (a: Period, b: Period) => (periodId(a) <= periodId(b) ? a : b);
export const maxP = (a: Period, b: Period) => (periodId(a) >= periodId(b) ? a : b);
