/** Periodic reporting: report forms, submissions and their events (migration 003_reporting.sql). SQL only. */
import { sql } from 'kysely';
import type { Database, Tx } from '../db/index.js';
import type { ValidRow } from '../domain/dataValueRow.js';

type Target = Database | Tx;

export interface UnitSpec {
  /** Listed unit codes. */
  units?: string[];
  /** Or every unit of `level` (and `kind`) inside the unit `within`. */
  within?: string;
  level?: number;
  kind?: string;
}

export interface FormRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  periodType: string;
  unitSpec: UnitSpec;
  dueWorkingDays: number;
  reminderDays: number;
  lockDays: number;
  approvalLevels: number;
  rules: unknown[];
  indicators: string[];
}

export interface FormIndicatorRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  valueType: string;
  ratioScale: number;
  frequency: string;
  category: string | null;
  formula: string | null;
  reportingKinds: string[];
}

const FORM_COLUMNS = sql`f.id, f.code, f.name, f.name_en AS "nameEn", f.period_type AS "periodType",
  f.unit_spec AS "unitSpec", f.due_working_days AS "dueWorkingDays", f.reminder_days AS "reminderDays",
  f.lock_days AS "lockDays", f.approval_levels AS "approvalLevels", f.rules,
  COALESCE((SELECT array_agg(i.code ORDER BY fi.sort, i.code) FROM report_form_indicator fi
    JOIN indicator i ON i.id = fi.indicator_id WHERE fi.form_id = f.id), '{}') AS indicators`;

export async function listForms(target: Target): Promise<FormRow[]> {
  const r = await sql<FormRow>`SELECT ${FORM_COLUMNS} FROM report_form f ORDER BY f.code`.execute(target.db);
  return r.rows;
}

export async function findForm(target: Target, code: string): Promise<FormRow | undefined> {
  const r = await sql<FormRow>`SELECT ${FORM_COLUMNS} FROM report_form f WHERE f.code = ${code}`.execute(
    target.db,
  );
  return r.rows[0];
}

export async function formIndicators(target: Target, formId: number): Promise<FormIndicatorRow[]> {
  const r = await sql<FormIndicatorRow>`
    SELECT i.id, i.code, i.name, i.name_en AS "nameEn", i.unit, i.value_type AS "valueType",
      i.ratio_scale AS "ratioScale", i.frequency, i.category_code AS category, i.formula,
      i.reporting_kinds AS "reportingKinds"
    FROM report_form_indicator fi JOIN indicator i ON i.id = fi.indicator_id
    WHERE fi.form_id = ${formId} ORDER BY fi.sort, i.code`.execute(target.db);
  return r.rows;
}

export async function insertForm(
  tx: Tx,
  f: Omit<FormRow, 'id' | 'indicators'> & { indicatorIds: number[]; createdBy: number | null },
): Promise<number> {
  const r = await sql<{ id: number }>`
    INSERT INTO report_form (code, name, name_en, period_type, unit_spec, due_working_days, reminder_days,
      lock_days, approval_levels, rules, created_by)
    VALUES (${f.code}, ${f.name}, ${f.nameEn}, ${f.periodType}, ${JSON.stringify(f.unitSpec)}::jsonb,
      ${f.dueWorkingDays}, ${f.reminderDays}, ${f.lockDays}, ${f.approvalLevels},
      ${JSON.stringify(f.rules)}::jsonb, ${f.createdBy}::int)
    RETURNING id`.execute(tx.db);
  const id = r.rows[0].id;
  if (f.indicatorIds.length > 0) {
    await sql`INSERT INTO report_form_indicator (form_id, indicator_id, sort)
      SELECT ${id}::int, x.id, (x.ord - 1)::smallint FROM unnest(${f.indicatorIds}::int[]) WITH ORDINALITY AS x(id, ord)`.execute(
      tx.db,
    );
  }
  return id;
}

export interface ReportingUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  level: number;
  provinceId: number;
  path: number[];
}

/**
 * The units a form expects for a period: those of its spec valid at some time in [from, to],
 * optionally only inside `rootId`'s subtree. A form moves with a restructuring: a listed unit (or the
 * `within` unit) closed before the period is replaced by its successors (org_unit_lineage) valid in
 * it, and a `level` given in the old tree is read as the kinds that level held there.
 */
export async function reportingUnits(
  target: Target,
  spec: UnitSpec,
  range: { from: string; to: string },
  rootId?: number,
): Promise<ReportingUnit[]> {
  const inRoot = rootId === undefined ? sql`TRUE` : sql`${rootId}::int = ANY(u.path)`;
  const validIn = (
    a: string,
  ) => sql`(${sql.ref(`${a}.valid_from`)} IS NULL OR ${sql.ref(`${a}.valid_from`)} <= ${range.to}::date)
    AND (${sql.ref(`${a}.valid_to`)} IS NULL OR ${sql.ref(`${a}.valid_to`)} >= ${range.from}::date)`;
  // versions of these codes valid in the range, and successors of versions closed before it
  const named = (codes: string[]) => sql`
    SELECT o.id, false AS moved FROM org_unit o WHERE o.code = ANY(${codes}::text[]) AND ${validIn('o')}
    UNION
    SELECT n.id, true AS moved FROM org_unit o
      JOIN org_unit_lineage l ON l.old_unit_id = o.id JOIN org_unit n ON n.id = l.new_unit_id
    WHERE o.code = ANY(${codes}::text[]) AND o.valid_to < ${range.from}::date AND ${validIn('n')}
      AND NOT EXISTS (SELECT 1 FROM org_unit x WHERE x.code = o.code AND ${validIn('x')})`;
  let query: ReturnType<typeof sql>;
  if (spec.units) {
    query = sql`SELECT u.id FROM (${named(spec.units)}) s JOIN org_unit u ON u.id = s.id`;
  } else {
    const within = spec.within ?? '';
    let filter = sql`TRUE`;
    if (spec.kind) filter = sql`u.kind = ${spec.kind}`;
    // a level of the old tree, under a moved root: the kinds that level held under the old root
    if (spec.level !== undefined)
      filter = sql`${filter} AND CASE WHEN NOT s.moved THEN u.level = ${spec.level}
        ELSE u.kind IN (SELECT d.kind FROM org_unit w JOIN org_unit_closure c ON c.ancestor_id = w.id
          JOIN org_unit d ON d.id = c.descendant_id WHERE w.code = ${within} AND d.level = ${spec.level}) END`;
    query = sql`SELECT DISTINCT u.id FROM (${named([within])}) s
      JOIN org_unit_closure c ON c.ancestor_id = s.id JOIN org_unit u ON u.id = c.descendant_id
      WHERE ${filter}`;
  }
  const r = await sql<ReportingUnit>`
    SELECT u.id, u.code, u.name, u.kind, u.level, COALESCE(u.province_id, u.id) AS "provinceId", u.path
    FROM org_unit u WHERE u.id IN (${query}) AND ${validIn('u')} AND ${inRoot} ORDER BY u.code`.execute(
    target.db,
  );
  return r.rows;
}

export interface SubmissionRow {
  provinceId: number;
  formId: number;
  periodId: number;
  orgUnitId: number;
  status: string;
  approvalsDone: number;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  returnedAt: Date | null;
  returnReason: string | null;
  unlockedAt: Date | null;
  unlockReason: string | null;
  updatedAt: Date;
}

const SUB_COLUMNS = sql`province_id AS "provinceId", form_id AS "formId", period_id AS "periodId",
  org_unit_id AS "orgUnitId", status, approvals_done AS "approvalsDone", first_submitted_at AS "firstSubmittedAt",
  submitted_at AS "submittedAt", approved_at AS "approvedAt", returned_at AS "returnedAt",
  return_reason AS "returnReason", unlocked_at AS "unlockedAt", unlock_reason AS "unlockReason",
  updated_at AS "updatedAt"`;

/**
 * Serialises every change of one report (form, unit, period) — save, submit, approve, return,
 * unlock — until the end of the transaction `tx`: a transaction-scoped advisory lock, so it holds
 * whether or not the submission row exists yet. Take it first in the transaction, before any
 * data_value row lock (saves and status changes do so), so no two of them wait on each other.
 */
/**
 * A report's transition (save, submit, approve, return, unlock) holds its form-period shared (so
 * reports of one form and period move at once) and then the report itself; a value import holds the
 * form-periods its rows belong to exclusively (lockFormPeriods). So an import and a submit of a report
 * it touches never overlap: the submit's rules read the import's values, or the import sees the
 * submitted report and refuses. Keys: (−form id, period id) for the form-period, (form id, hash of
 * unit and period) for the report; one order everywhere (form-period first), so no deadlock.
 */
export async function lockReport(
  tx: Tx,
  key: { formId: number; periodId: number; orgUnitId: number },
): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(${-key.formId}::int, ${key.periodId}::int)`.execute(tx.db);
  await sql`SELECT pg_advisory_xact_lock(${key.formId}::int,
    hashtext(${key.orgUnitId}::int::text || ':' || ${key.periodId}::int::text))`.execute(tx.db);
}

export async function findSubmission(
  target: Target,
  key: { provinceId: number; formId: number; periodId: number; orgUnitId: number },
  forUpdate = false,
): Promise<SubmissionRow | undefined> {
  const r = await sql<SubmissionRow>`SELECT ${SUB_COLUMNS} FROM report_submission
    WHERE province_id = ${key.provinceId} AND form_id = ${key.formId} AND period_id = ${key.periodId}
      AND org_unit_id = ${key.orgUnitId} ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(target.db);
  return r.rows[0];
}

export async function submissionsOf(
  target: Target,
  formId: number,
  periodIds: number[],
  unitIds: number[],
): Promise<SubmissionRow[]> {
  if (unitIds.length === 0 || periodIds.length === 0) return [];
  const r = await sql<SubmissionRow>`SELECT ${SUB_COLUMNS} FROM report_submission
    WHERE form_id = ${formId} AND period_id = ANY(${periodIds}::int[]) AND org_unit_id = ANY(${unitIds}::int[])`.execute(
    target.db,
  );
  return r.rows;
}

export interface SubmissionWrite
  extends Pick<
    SubmissionRow,
    'provinceId' | 'formId' | 'periodId' | 'orgUnitId' | 'status' | 'approvalsDone'
  > {
  /** Columns to stamp with `at` and `userId` for this action. */
  action: 'save' | 'submit' | 'approve' | 'return' | 'unlock';
  reason?: string | null;
  userId: number | null;
  at?: Date | string;
}

/** Inserts or updates a submission for one action; returns nothing (the caller wrote the event). */
export async function writeSubmission(tx: Tx, w: SubmissionWrite): Promise<void> {
  const at = w.at ? sql`${typeof w.at === 'string' ? w.at : w.at.toISOString()}::timestamptz` : sql`now()`;
  const u = sql`${w.userId}::int`;
  const sets = {
    save: sql``,
    submit: sql`, first_submitted_at = COALESCE(s.first_submitted_at, ${at}), submitted_at = ${at}, submitted_by = ${u}`,
    approve: sql`, approved_at = ${at}, approved_by = ${u}`,
    return: sql`, returned_at = ${at}, returned_by = ${u}, return_reason = ${w.reason ?? null}`,
    unlock: sql`, unlocked_at = ${at}, unlocked_by = ${u}, unlock_reason = ${w.reason ?? null}`,
  }[w.action];
  const submitted = w.action === 'submit' ? at : sql`NULL::timestamptz`;
  await sql`
    INSERT INTO report_submission AS s (province_id, form_id, period_id, org_unit_id, status, approvals_done,
      first_submitted_at, submitted_at, submitted_by, created_at, updated_at)
    VALUES (${w.provinceId}, ${w.formId}, ${w.periodId}, ${w.orgUnitId}, ${w.status}, ${w.approvalsDone},
      ${submitted}, ${submitted}, ${w.action === 'submit' ? u : sql`NULL::int`}, ${at}, ${at})
    ON CONFLICT (province_id, form_id, period_id, org_unit_id) DO UPDATE
      SET status = ${w.status}, approvals_done = ${w.approvalsDone}, updated_at = ${at} ${sets}`.execute(
    tx.db,
  );
}

export async function addEvent(
  tx: Tx,
  e: {
    provinceId: number;
    formId: number;
    periodId: number;
    orgUnitId: number;
    action: string;
    from: string | null;
    to: string;
    reason?: string | null;
    userId: number | null;
    at?: Date | string;
  },
) {
  const at = e.at ? sql`${typeof e.at === 'string' ? e.at : e.at.toISOString()}::timestamptz` : sql`now()`;
  const r = await sql<{ id: string }>`INSERT INTO report_submission_event (province_id, form_id, period_id,
      org_unit_id, action, from_status, to_status, reason, user_id, at)
    VALUES (${e.provinceId}, ${e.formId}, ${e.periodId}, ${e.orgUnitId}, ${e.action}, ${e.from}, ${e.to},
      ${e.reason ?? null}, ${e.userId}::int, ${at})
    RETURNING id::text AS id`.execute(tx.db);
  return r.rows[0].id;
}

export async function events(
  target: Target,
  key: { provinceId: number; formId: number; periodId: number; orgUnitId: number },
) {
  const r = await sql<{
    action: string;
    from: string | null;
    to: string;
    reason: string | null;
    user: string | null;
    userName: string | null;
    at: Date;
  }>`SELECT e.action, e.from_status AS "from", e.to_status AS "to", e.reason, a.username AS "user",
      COALESCE(NULLIF(a.display_name, ''), a.username) AS "userName", e.at
    FROM report_submission_event e LEFT JOIN app_user a ON a.id = e.user_id
    WHERE e.province_id = ${key.provinceId} AND e.form_id = ${key.formId} AND e.period_id = ${key.periodId}
      AND e.org_unit_id = ${key.orgUnitId} ORDER BY e.id`.execute(target.db);
  return r.rows;
}

/**
 * Sets the status of stored values (the form's indicators × unit × period), keeping each change in
 * data_value_history. Returns how many values changed.
 */
export async function setValueStatus(
  tx: Tx,
  k: { provinceId: number; indicatorIds: number[]; orgUnitId: number; periodId: number; status: string },
  userId: number | null,
): Promise<number> {
  const r = await sql<{ n: number }>`
    WITH old AS (
      SELECT province_id, indicator_id, period_id, org_unit_id, category_option_id, status, updated_by, updated_at
      FROM data_value
      WHERE province_id = ${k.provinceId} AND indicator_id = ANY(${k.indicatorIds}::int[])
        AND org_unit_id = ${k.orgUnitId} AND period_id = ${k.periodId} AND status <> ${k.status}
      -- locked in key order as data value imports do (no deadlock); the locked version is the "before"
      ORDER BY province_id, indicator_id, period_id, org_unit_id, category_option_id
      FOR UPDATE),
    up AS (
      UPDATE data_value d SET status = ${k.status}, updated_by = ${userId}::int, updated_at = now()
      FROM old WHERE d.province_id = old.province_id AND d.indicator_id = old.indicator_id
        AND d.period_id = old.period_id AND d.org_unit_id = old.org_unit_id
        AND d.category_option_id = old.category_option_id
      RETURNING d.province_id, d.indicator_id, d.period_id, d.org_unit_id, d.category_option_id,
        d.value, d.numerator, d.denominator, old.status AS old_status, old.updated_by AS old_by,
        old.updated_at AS old_at),
    hist AS (
      INSERT INTO data_value_history (province_id, indicator_id, period_id, org_unit_id, category_option_id, change,
        old_value, old_numerator, old_denominator, old_status, old_by, old_at,
        new_value, new_numerator, new_denominator, new_status, changed_by, source)
      SELECT province_id, indicator_id, period_id, org_unit_id, category_option_id, 'update',
        value, numerator, denominator, old_status, old_by, old_at,
        value, numerator, denominator, ${k.status}, ${userId}::int, 'form'
      FROM up
      RETURNING 1)
    SELECT count(*)::int AS n FROM up`.execute(tx.db);
  return r.rows[0]?.n ?? 0;
}

/** A stored cell: the fields of a valid row but its row number and province, with its status. */
export interface StoredCell extends Omit<ValidRow, 'row' | 'provinceId'> {
  status: string;
}

export async function cells(
  target: Target,
  indicatorIds: number[],
  unitIds: number[],
  periodIds: number[],
): Promise<StoredCell[]> {
  if (!indicatorIds.length || !unitIds.length || !periodIds.length) return [];
  const r = await sql<StoredCell>`
    SELECT indicator_id AS "indicatorId", org_unit_id AS "orgUnitId", period_id AS "periodId",
      category_option_id AS "optionId", value, numerator, denominator, comment, status
    FROM data_value
    WHERE indicator_id = ANY(${indicatorIds}::int[]) AND org_unit_id = ANY(${unitIds}::int[])
      AND period_id = ANY(${periodIds}::int[])`.execute(target.db);
  return r.rows;
}

/**
 * The import hook (services/reportingLock.ts): of the given cells, those that belong to a report
 * submission that is submitted (waiting for review) or approved (a form containing the indicator, for
 * that unit and period), with that status by `row`; the service decides who is held by which. One
 * cheap EXISTS first so imports without such reports pay nothing.
 */
export async function lockedRows(
  target: Target,
  rows: Array<{
    row: number;
    indicatorId: number;
    orgUnitId: number;
    periodId: number;
    provinceId?: number;
    optionId?: number;
    value?: number | null;
    numerator?: number | null;
    denominator?: number | null;
    comment?: string | null;
    followup?: boolean;
  }>,
  /** Rows equal to the stored value (a round trip) change nothing and are not locked. */
  exemptUnchanged = false,
): Promise<Map<number, HeldRow>> {
  const out = new Map<number, HeldRow>();
  if (rows.length === 0) return out;
  const any = await sql<{
    x: boolean;
  }>`SELECT EXISTS (SELECT 1 FROM report_submission WHERE status IN ('submitted', 'approved')) AS x`.execute(
    target.db,
  );
  if (!any.rows[0]?.x) return out;
  const input = sql`unnest(${rows.map((x) => x.row)}::int[], ${rows.map((x) => x.indicatorId)}::int[],
      ${rows.map((x) => x.orgUnitId)}::int[], ${rows.map((x) => x.periodId)}::int[],
      ${rows.map((x) => x.provinceId ?? 0)}::int[], ${rows.map((x) => x.optionId ?? 0)}::int[],
      ${rows.map((x) => x.value ?? null)}::float8[], ${rows.map((x) => x.numerator ?? null)}::float8[],
      ${rows.map((x) => x.denominator ?? null)}::float8[], ${rows.map((x) => x.comment ?? null)}::text[],
      ${rows.map((x) => x.followup ?? null)}::bool[])
      AS x(row, ind, unit, period, prov, opt, val, num, den, comment, followup)`;
  // the same "unchanged" as the write (repositories/dataValues.ts): value, numerator and denominator
  // equal, and no comment or the same comment; and no follow-up mark or the same mark (a held value
  // changes in no field)
  const stored = exemptUnchanged
    ? sql`LEFT JOIN LATERAL (SELECT
          (v.value, v.numerator, v.denominator) IS NOT DISTINCT FROM (x.val, x.num, x.den)
            AND (x.comment IS NULL OR x.comment IS NOT DISTINCT FROM v.comment) AS same,
          v.followup FROM data_value v
        WHERE v.province_id = x.prov AND v.indicator_id = x.ind AND v.period_id = x.period
          AND v.org_unit_id = x.unit AND v.category_option_id = x.opt) v ON true
      WHERE NOT (coalesce(v.same, false) AND (x.followup IS NULL OR x.followup = v.followup))`
    : sql``;
  const followupOnly = exemptUnchanged ? sql`bool_and(coalesce(v.same, false))` : sql`false`;
  // a row met by several forms' submissions is as locked as the most locked of them
  const r = await sql<{ row: number; approved: boolean; followup_only: boolean }>`
    SELECT x.row, bool_or(s.status = 'approved') AS approved, ${followupOnly} AS followup_only FROM ${input}
    JOIN report_submission s ON s.org_unit_id = x.unit AND s.period_id = x.period
      AND s.status IN ('submitted', 'approved')
    JOIN report_form_indicator fi ON fi.form_id = s.form_id AND fi.indicator_id = x.ind
    ${stored}
    GROUP BY x.row`.execute(target.db);
  for (const x of r.rows)
    out.set(x.row, { status: x.approved ? 'approved' : 'submitted', followupOnly: x.followup_only === true });
  return out;
}

/** The report forms holding these indicators: period type and reporting units (reportingLock's coverage). */
export async function formsOfIndicators(target: Target, indicatorIds: number[]) {
  if (indicatorIds.length === 0) return [];
  const r = await sql<{
    id: number;
    code: string;
    periodType: string;
    unitSpec: UnitSpec;
    indicatorId: number;
  }>`
    SELECT f.id, f.code, f.period_type AS "periodType", f.unit_spec AS "unitSpec", fi.indicator_id AS "indicatorId"
    FROM report_form f JOIN report_form_indicator fi ON fi.form_id = f.id
    WHERE fi.indicator_id = ANY(${indicatorIds}::int[])
    ORDER BY f.code`.execute(target.db);
  return r.rows;
}

/** The rows whose report (form, unit, period) has left the draft: submitted, approved or returned. */
export async function submittedReports(
  target: Target,
  rows: Array<{ row: number; formId: number; orgUnitId: number; periodId: number }>,
): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const r = await sql<{ row: number }>`
    SELECT DISTINCT x.row FROM unnest(${rows.map((x) => x.row)}::int[], ${rows.map((x) => x.formId)}::int[],
      ${rows.map((x) => x.orgUnitId)}::int[], ${rows.map((x) => x.periodId)}::int[]) AS x(row, form, unit, period)
    JOIN report_submission s ON s.form_id = x.form AND s.org_unit_id = x.unit AND s.period_id = x.period
    WHERE s.status <> 'draft'`.execute(target.db);
  return new Set(r.rows.map((x) => x.row));
}

/** A row a report holds: by the report's status; `followupOnly`: only its follow-up mark would change. */
export interface HeldRow {
  status: 'submitted' | 'approved';
  followupOnly: boolean;
}

/** An import's write: the form-periods its rows belong to, exclusively, in order (see lockReport). */
export async function lockFormPeriods(tx: Tx, rows: Array<{ indicatorId: number; periodId: number }>) {
  if (rows.length === 0) return;
  const pairs = new Set(rows.map((r) => `${r.indicatorId}:${r.periodId}`));
  const ind: number[] = [];
  const per: number[] = [];
  for (const k of pairs) {
    const [i, p] = k.split(':');
    ind.push(Number(i));
    per.push(Number(p));
  }
  await sql`SELECT pg_advisory_xact_lock(-k.form_id, k.period_id) FROM (
      SELECT DISTINCT fi.form_id, x.period_id
      FROM unnest(${ind}::int[], ${per}::int[]) AS x(indicator_id, period_id)
      JOIN report_form_indicator fi ON fi.indicator_id = x.indicator_id
      ORDER BY 1, 2) k`.execute(tx.db);
}

const HOLIDAY_KEY = 'reporting.holidays';

export { getSetting, putSetting } from './settings.js';

export const holidaysKey = HOLIDAY_KEY;

/** Late or missing submissions of a form for a period: the due date decides, computed by the service. */
export async function countSubmissionsByStatus(target: Target, formId: number, periodId: number) {
  const r = await sql<{ status: string; n: number }>`SELECT status, count(*)::int AS n FROM report_submission
    WHERE form_id = ${formId} AND period_id = ${periodId} GROUP BY status`.execute(target.db);
  return r.rows;
}

export interface SubmissionSeed {
  province_id: number;
  form_id: number;
  period_id: number;
  org_unit_id: number;
  status: string;
  approvals_done: number;
  first_submitted_at: string | null;
  submitted_at: string | null;
  approved_at: string | null;
  returned_at: string | null;
  return_reason: string | null;
  created_at: string;
}

export interface EventSeed {
  province_id: number;
  form_id: number;
  period_id: number;
  org_unit_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  at: string;
}

/** Bulk insert of generated history (the demo): submissions and their events, existing keys kept. */
export async function seedSubmissions(tx: Tx, subs: SubmissionSeed[], evs: EventSeed[]) {
  if (subs.length)
    await sql`INSERT INTO report_submission (province_id, form_id, period_id, org_unit_id, status, approvals_done,
        first_submitted_at, submitted_at, approved_at, returned_at, return_reason, created_at, updated_at)
      SELECT province_id, form_id, period_id, org_unit_id, status, approvals_done, first_submitted_at,
        submitted_at, approved_at, returned_at, return_reason, created_at,
        COALESCE(approved_at, submitted_at, created_at)
      FROM jsonb_to_recordset(${JSON.stringify(subs)}::jsonb) AS x(province_id int, form_id int, period_id int,
        org_unit_id int, status text, approvals_done smallint, first_submitted_at timestamptz,
        submitted_at timestamptz, approved_at timestamptz, returned_at timestamptz, return_reason text,
        created_at timestamptz)
      ON CONFLICT DO NOTHING`.execute(tx.db);
  if (evs.length)
    await sql`INSERT INTO report_submission_event (province_id, form_id, period_id, org_unit_id, action,
        from_status, to_status, reason, at)
      SELECT province_id, form_id, period_id, org_unit_id, action, from_status, to_status, reason, at
      FROM jsonb_to_recordset(${JSON.stringify(evs)}::jsonb) AS x(province_id int, form_id int, period_id int,
        org_unit_id int, action text, from_status text, to_status text, reason text, at timestamptz)`.execute(
      tx.db,
    );
}

/** Demo: the history of a corrected value (the returned figure, then the corrected one). */
export async function seedCorrections(
  tx: Tx,
  rows: Array<{
    province_id: number;
    indicator_id: number;
    period_id: number;
    org_unit_id: number;
    old_value: number;
    new_value: number;
    at: string;
  }>,
) {
  if (!rows.length) return;
  await sql`INSERT INTO data_value_history (province_id, indicator_id, period_id, org_unit_id, category_option_id,
      change, old_value, old_status, old_at, new_value, new_status, changed_at, source)
    SELECT province_id, indicator_id, period_id, org_unit_id, 0, 'update', old_value, 'returned', at - interval '1 day',
      new_value, 'submitted', at, 'form'
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(province_id int, indicator_id int, period_id int,
      org_unit_id int, old_value float8, new_value float8, at timestamptz)`.execute(tx.db);
}
