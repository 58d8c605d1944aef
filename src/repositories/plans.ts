/** Plans, targets, tasks, task comments and the progress-threshold setting: SQL only. */
import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { Database, Tx } from '../db/index.js';
import type { DB } from '../db/schema.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string | null, string | null | undefined, string | null>;
type Json = ColumnType<unknown, string | undefined, string>;

type PlanTable = {
  id: Generated<number>;
  province_id: number;
  code: string;
  name: string;
  name_en: string | null;
  issuing_body: string | null;
  document_number: string | null;
  document_date: DateCol;
  period_from: string;
  period_to: string;
  scope_unit_id: number;
  taken_over_from: ColumnType<number | null, number | null | undefined, number | null>;
  taken_over_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  status: Generated<string>;
  links: Json;
  description: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

type TargetTable = {
  id: Generated<number>;
  province_id: number;
  plan_id: number;
  indicator_id: number;
  category_option_id: number | null;
  scope_unit_id: number;
  scope_level: number | null;
  scope_kind: string | null;
  baseline_value: number | null;
  baseline_estimated: ColumnType<boolean, boolean | undefined, boolean>;
  taken_over_from: ColumnType<number | null, number | null | undefined, number | null>;
  baseline_period: string;
  target_value: number;
  comparator: string;
  deadline_period: string;
  lead_unit_id: number | null;
  cooperating_unit_ids: ColumnType<number[], number[] | undefined, number[]>;
  responsible_person: string | null;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

type TaskTable = {
  id: Generated<number>;
  province_id: number;
  plan_id: number;
  title: string;
  description: string | null;
  lead_unit_id: number;
  cooperating_unit_ids: ColumnType<number[], number[] | undefined, number[]>;
  responsible_person: string | null;
  start_date: DateCol;
  due_date: ColumnType<string, string, string>;
  status: Generated<string>;
  percent_complete: Generated<number>;
  evidence: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

type TaskTargetTable = {
  task_id: number;
  target_id: number;
};

type TaskCommentTable = {
  id: Generated<number>;
  task_id: number;
  user_id: number | null;
  username: string | null;
  body: string;
  created_at: Timestamp;
};

type PlanTables = {
  plan: PlanTable;
  target: TargetTable;
  task: TaskTable;
  task_target: TaskTargetTable;
  task_comment: TaskCommentTable;
};

type Target = Database | Tx;
const q = (t: Target): Kysely<DB & PlanTables> => t.db.withTables<PlanTables>();

// ---------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------

export interface PlanRow {
  id: number;
  provinceId: number;
  code: string;
  name: string;
  nameEn: string | null;
  issuingBody: string | null;
  documentNumber: string | null;
  documentDate: string | null;
  periodFrom: string;
  periodTo: string;
  scopeUnitId: number;
  scopeUnit: string;
  scopeUnitName: string;
  scopePath: number[];
  /** The scope it was made for, when its successor took it over (units over time). */
  takenOverFrom: string | null;
  status: string;
  links: Array<{ url?: string | null; note?: string | null }>;
  description: string | null;
  targetCount: number;
  taskCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const planSelect = (t: Target) =>
  q(t)
    .selectFrom('plan as p')
    .innerJoin('org_unit as u', 'u.id', 'p.scope_unit_id')
    .select([
      'p.id',
      'p.province_id as provinceId',
      'p.code',
      'p.name',
      'p.name_en as nameEn',
      'p.issuing_body as issuingBody',
      'p.document_number as documentNumber',
      sql<string | null>`to_char(p.document_date, 'YYYY-MM-DD')`.as('documentDate'),
      'p.period_from as periodFrom',
      'p.period_to as periodTo',
      'p.scope_unit_id as scopeUnitId',
      'u.code as scopeUnit',
      'u.name as scopeUnitName',
      'u.path as scopePath',
      sql<string | null>`(SELECT f.code FROM org_unit f WHERE f.id = p.taken_over_from)`.as('takenOverFrom'),
      'p.status',
      sql<PlanRow['links']>`p.links`.as('links'),
      'p.description',
      sql<number>`(SELECT count(*)::int FROM target x WHERE x.plan_id = p.id)`.as('targetCount'),
      sql<number>`(SELECT count(*)::int FROM task x WHERE x.plan_id = p.id)`.as('taskCount'),
      'p.created_at as createdAt',
      'p.updated_at as updatedAt',
    ]);

export function listPlans(t: Target): Promise<PlanRow[]> {
  return planSelect(t).orderBy('p.period_from', 'desc').orderBy('p.code').execute();
}

export function findPlan(t: Target, code: string): Promise<PlanRow | undefined> {
  return planSelect(t).where('p.code', '=', code).executeTakeFirst();
}

export function findPlansByIds(t: Target, ids: number[]): Promise<PlanRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return planSelect(t).where('p.id', '=', sql<number>`ANY(${ids}::int[])`).execute();
}

export interface PlanWrite {
  province_id: number;
  code: string;
  name: string;
  name_en: string | null;
  issuing_body: string | null;
  document_number: string | null;
  document_date: string | null;
  period_from: string;
  period_to: string;
  scope_unit_id: number;
  status: string;
  links: string;
  description: string | null;
  created_by?: number | null;
}

export async function insertPlan(t: Target, w: PlanWrite): Promise<number> {
  const r = await q(t).insertInto('plan').values(w).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePlan(t: Target, id: number, w: Partial<PlanWrite>) {
  await q(t)
    .updateTable('plan')
    .set({ ...w, updated_at: sql<Date>`now()` as unknown as Date })
    .where('id', '=', id)
    .execute();
}

export async function deletePlan(t: Target, id: number) {
  await q(t).deleteFrom('plan').where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------

export interface TargetRow {
  id: number;
  provinceId: number;
  planId: number;
  plan: string;
  indicatorId: number;
  indicator: string;
  categoryOptionId: number | null;
  categoryOption: string | null;
  scopeUnitId: number;
  scopeUnit: string;
  scopeLevel: number | null;
  scopeKind: string | null;
  baselineValue: number | null;
  /** The stored baseline was recomputed through partial lineage (an estimate). */
  baselineEstimated: boolean;
  baselinePeriod: string;
  targetValue: number;
  comparator: string;
  deadlinePeriod: string;
  leadUnitId: number | null;
  leadUnit: string | null;
  leadUnitName: string | null;
  cooperatingUnitIds: number[];
  responsiblePerson: string | null;
  notes: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const targetSelect = (t: Target) =>
  q(t)
    .selectFrom('target as t')
    .innerJoin('plan as p', 'p.id', 't.plan_id')
    .innerJoin('indicator as i', 'i.id', 't.indicator_id')
    .innerJoin('org_unit as s', 's.id', 't.scope_unit_id')
    .leftJoin('org_unit as l', 'l.id', 't.lead_unit_id')
    .leftJoin('category_option as o', 'o.id', 't.category_option_id')
    .select([
      't.id',
      't.province_id as provinceId',
      't.plan_id as planId',
      'p.code as plan',
      't.indicator_id as indicatorId',
      'i.code as indicator',
      't.category_option_id as categoryOptionId',
      'o.code as categoryOption',
      't.scope_unit_id as scopeUnitId',
      's.code as scopeUnit',
      't.scope_level as scopeLevel',
      't.scope_kind as scopeKind',
      't.baseline_value as baselineValue',
      't.baseline_estimated as baselineEstimated',
      't.baseline_period as baselinePeriod',
      't.target_value as targetValue',
      't.comparator',
      't.deadline_period as deadlinePeriod',
      't.lead_unit_id as leadUnitId',
      'l.code as leadUnit',
      'l.name as leadUnitName',
      't.cooperating_unit_ids as cooperatingUnitIds',
      't.responsible_person as responsiblePerson',
      't.notes',
      't.created_at as createdAt',
      't.updated_at as updatedAt',
    ]);

export function listTargets(t: Target, f: { planId?: number } = {}): Promise<TargetRow[]> {
  let query = targetSelect(t);
  if (f.planId !== undefined) query = query.where('t.plan_id', '=', f.planId);
  return query.orderBy('p.code').orderBy('t.id').execute();
}

export function findTarget(t: Target, id: number): Promise<TargetRow | undefined> {
  return targetSelect(t).where('t.id', '=', id).executeTakeFirst();
}

export function findTargetsByIds(t: Target, ids: number[]): Promise<TargetRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return targetSelect(t).where('t.id', '=', sql<number>`ANY(${ids}::int[])`).execute();
}

export interface TargetWrite {
  province_id: number;
  plan_id: number;
  indicator_id: number;
  category_option_id: number | null;
  scope_unit_id: number;
  scope_level: number | null;
  scope_kind: string | null;
  baseline_value: number | null;
  baseline_period: string;
  target_value: number;
  comparator: string;
  deadline_period: string;
  lead_unit_id: number | null;
  cooperating_unit_ids: number[];
  responsible_person: string | null;
  notes: string | null;
}

export async function insertTarget(t: Target, w: TargetWrite): Promise<number> {
  const r = await q(t).insertInto('target').values(w).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateTarget(t: Target, id: number, w: TargetWrite) {
  await q(t)
    .updateTable('target')
    .set({ ...w, updated_at: sql<Date>`now()` as unknown as Date })
    .where('id', '=', id)
    .execute();
}

/** A successor takes a plan over: its scope moves to the new unit; the old scope is kept. */
export async function takeOverPlan(
  t: Target,
  id: number,
  w: { provinceId: number; scopeUnitId: number; fromUnitId: number },
) {
  await q(t)
    .updateTable('plan')
    .set({
      province_id: w.provinceId,
      scope_unit_id: w.scopeUnitId,
      taken_over_from: w.fromUnitId,
      taken_over_at: sql<Date>`now()` as unknown as Date,
      updated_at: sql<Date>`now()` as unknown as Date,
    })
    .where('id', '=', id)
    .execute();
}

export async function takeOverTarget(
  t: Target,
  id: number,
  w: {
    provinceId: number;
    scopeUnitId: number;
    scopeLevel: number | null;
    leadUnitId: number | null;
    baselineValue: number | null;
    baselineEstimated: boolean;
    fromUnitId: number;
  },
) {
  await q(t)
    .updateTable('target')
    .set({
      province_id: w.provinceId,
      scope_unit_id: w.scopeUnitId,
      scope_level: w.scopeLevel,
      lead_unit_id: w.leadUnitId,
      baseline_value: w.baselineValue,
      baseline_estimated: w.baselineEstimated,
      taken_over_from: w.fromUnitId,
      updated_at: sql<Date>`now()` as unknown as Date,
    })
    .where('id', '=', id)
    .execute();
}

/** Tasks of a plan follow its province. */
export async function moveTasksProvince(t: Target, planId: number, provinceId: number) {
  await q(t).updateTable('task').set({ province_id: provinceId }).where('plan_id', '=', planId).execute();
}

export async function deleteTarget(t: Target, id: number) {
  await q(t).deleteFrom('target').where('id', '=', id).execute();
}

/**
 * One category option's aggregate for units' subtrees at stored periods (the per-sector share of
 * a disaggregated indicator): Σnumerator/Σdenominator × scale for ratios, else by the unit rule.
 */
export async function optionAggregates(
  t: Target,
  a: { indicatorId: number; optionId: number; periodIds: number[]; unitIds: number[]; provinceIds: number[] },
) {
  if (a.periodIds.length === 0 || a.unitIds.length === 0) return [];
  const r = await sql<{ unitId: number; periodId: number; value: number | null; reported: number }>`
    SELECT c.ancestor_id AS "unitId", d.period_id AS "periodId", count(*)::int AS reported,
      CASE WHEN i.value_type = 'ratio' THEN sum(d.numerator) / NULLIF(sum(d.denominator), 0) * i.ratio_scale
           WHEN i.aggregation = 'average' THEN avg(d.value)
           WHEN i.aggregation = 'min' THEN min(d.value)
           WHEN i.aggregation = 'max' THEN max(d.value)
           WHEN i.aggregation = 'none' THEN CASE WHEN count(*) = 1 THEN max(d.value) END
           ELSE sum(d.value) END AS value
    FROM data_value d
    JOIN org_unit_closure c ON c.descendant_id = d.org_unit_id
    JOIN indicator i ON i.id = d.indicator_id
    WHERE d.province_id = ANY(${a.provinceIds}::int[]) AND d.indicator_id = ${a.indicatorId}
      AND d.category_option_id = ${a.optionId} AND d.period_id = ANY(${a.periodIds}::int[])
      AND c.ancestor_id = ANY(${a.unitIds}::int[]) AND d.status <> 'draft'
      AND CASE WHEN i.value_type = 'ratio' THEN d.numerator IS NOT NULL AND d.denominator IS NOT NULL
               ELSE d.value IS NOT NULL END
    GROUP BY c.ancestor_id, d.period_id, i.value_type, i.aggregation, i.ratio_scale`.execute(t.db);
  return r.rows.map((x) => ({ ...x, value: x.value === null ? null : Number(x.value) }));
}

export async function findCategoryOption(t: Target, category: string, code: string) {
  return t.db
    .selectFrom('category_option')
    .select(['id', 'code'])
    .where('category_code', '=', category)
    .where('code', '=', code)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Tasks and comments
// ---------------------------------------------------------------------------------------------

export interface TaskRow {
  id: number;
  provinceId: number;
  planId: number;
  plan: string;
  planScopePath: number[];
  title: string;
  description: string | null;
  leadUnitId: number;
  leadUnit: string;
  leadUnitName: string;
  leadUnitPath: number[];
  cooperatingUnitIds: number[];
  responsiblePerson: string | null;
  startDate: string | null;
  dueDate: string;
  status: string;
  percentComplete: number;
  evidence: string | null;
  targetIds: number[];
  commentCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const taskSelect = (t: Target) =>
  q(t)
    .selectFrom('task as k')
    .innerJoin('plan as p', 'p.id', 'k.plan_id')
    .innerJoin('org_unit as ps', 'ps.id', 'p.scope_unit_id')
    .innerJoin('org_unit as l', 'l.id', 'k.lead_unit_id')
    .select([
      'k.id',
      'k.province_id as provinceId',
      'k.plan_id as planId',
      'p.code as plan',
      'ps.path as planScopePath',
      'k.title',
      'k.description',
      'k.lead_unit_id as leadUnitId',
      'l.code as leadUnit',
      'l.name as leadUnitName',
      'l.path as leadUnitPath',
      'k.cooperating_unit_ids as cooperatingUnitIds',
      'k.responsible_person as responsiblePerson',
      sql<string | null>`to_char(k.start_date, 'YYYY-MM-DD')`.as('startDate'),
      sql<string>`to_char(k.due_date, 'YYYY-MM-DD')`.as('dueDate'),
      'k.status',
      'k.percent_complete as percentComplete',
      'k.evidence',
      sql<
        number[]
      >`coalesce((SELECT array_agg(x.target_id ORDER BY x.target_id) FROM task_target x WHERE x.task_id = k.id), '{}')`.as(
        'targetIds',
      ),
      sql<number>`(SELECT count(*)::int FROM task_comment x WHERE x.task_id = k.id)`.as('commentCount'),
      'k.created_at as createdAt',
      'k.updated_at as updatedAt',
    ]);

export function listTasks(t: Target, f: { planId?: number } = {}): Promise<TaskRow[]> {
  let query = taskSelect(t);
  if (f.planId !== undefined) query = query.where('k.plan_id', '=', f.planId);
  return query.orderBy('k.due_date').orderBy('k.id').execute();
}

export function findTask(t: Target, id: number): Promise<TaskRow | undefined> {
  return taskSelect(t).where('k.id', '=', id).executeTakeFirst();
}

export interface TaskWrite {
  province_id: number;
  plan_id: number;
  title: string;
  description: string | null;
  lead_unit_id: number;
  cooperating_unit_ids: number[];
  responsible_person: string | null;
  start_date: string | null;
  due_date: string;
  status: string;
  percent_complete: number;
  evidence: string | null;
}

export async function insertTask(t: Target, w: TaskWrite, targetIds: number[]): Promise<number> {
  const r = await q(t).insertInto('task').values(w).returning('id').executeTakeFirstOrThrow();
  await setTaskTargets(t, r.id, targetIds);
  return r.id;
}

export async function updateTask(t: Target, id: number, w: TaskWrite, targetIds: number[]) {
  await q(t)
    .updateTable('task')
    .set({ ...w, updated_at: sql<Date>`now()` as unknown as Date })
    .where('id', '=', id)
    .execute();
  await setTaskTargets(t, id, targetIds);
}

async function setTaskTargets(t: Target, taskId: number, targetIds: number[]) {
  await q(t).deleteFrom('task_target').where('task_id', '=', taskId).execute();
  if (targetIds.length)
    await q(t)
      .insertInto('task_target')
      .values([...new Set(targetIds)].map((target_id) => ({ task_id: taskId, target_id })))
      .execute();
}

export async function deleteTask(t: Target, id: number) {
  await q(t).deleteFrom('task').where('id', '=', id).execute();
}

export function taskComments(t: Target, taskId: number) {
  return q(t)
    .selectFrom('task_comment')
    .select(['id', 'username', 'body', 'created_at as at'])
    .where('task_id', '=', taskId)
    .orderBy('id')
    .execute();
}

export async function insertComment(
  t: Target,
  c: { taskId: number; userId: number | null; username: string | null; body: string },
) {
  return q(t)
    .insertInto('task_comment')
    .values({ task_id: c.taskId, user_id: c.userId, username: c.username, body: c.body })
    .returning(['id', 'username', 'body', 'created_at as at'])
    .executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

export { getSetting, putSetting } from './settings.js';
