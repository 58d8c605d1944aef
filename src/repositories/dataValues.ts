/** Data values (số liệu) and their change history: SQL only. */

import { sql } from 'kysely';
import { numericCsv, toCopyCsv } from '../db/copy.js';
import type { Database, Tx } from '../db/index.js';
import { notPendingReview } from './analytics.js';

export interface StagedValue {
  provinceId: number;
  indicatorId: number;
  periodId: number;
  orgUnitId: number;
  optionId: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

export interface MergeCounts {
  imported: number;
  updated: number;
}

const STAGE_COLUMNS = [
  'province_id',
  'indicator_id',
  'period_id',
  'org_unit_id',
  'category_option_id',
  'value',
  'numerator',
  'denominator',
  'comment',
];

/** The primary key's order: every writer takes row locks in this order, so writers never deadlock. */
const KEY_ORDER = 'province_id, indicator_id, period_id, org_unit_id, category_option_id';

function byKey(a: StagedValue, b: StagedValue): number {
  return (
    a.provinceId - b.provinceId ||
    a.indicatorId - b.indicatorId ||
    a.periodId - b.periodId ||
    a.orgUnitId - b.orgUnitId ||
    a.optionId - b.optionId
  );
}

/**
 * Writes staged values: new keys are inserted, changed ones updated (with the value before kept in
 * data_value_history), identical ones left alone. Runs inside the caller's transaction.
 *
 * Linear at any size: the staging table is analysed, and no step joins two unindexed sets (CTE to
 * CTE), which the planner would run as a nested loop. Safe under concurrency (PostgreSQL, READ
 * COMMITTED): keys are inserted and locked in primary-key order, so two writers of the same keys
 * wait for each other instead of deadlocking, and the history's "before" is read from the locked,
 * latest row version, so each key's history is an unbroken chain.
 */
export async function mergeValues(
  tx: Tx,
  values: StagedValue[],
  meta: {
    userId: number | null;
    status: string;
    source: string;
    /** a value sent again unchanged keeps its status (approved stays approved): DHIS2 round trips */
    keepStatusWhenUnchanged?: boolean;
  },
): Promise<MergeCounts> {
  // Fast path: when nothing is stored yet for the batch's indicators and periods (a new period's
  // load, a first import), no key can conflict, so the rows go straight in by COPY (in key order,
  // see above). A savepoint covers the race with a concurrent writer: on a duplicate key the slow
  // path below runs instead.
  if (values.length >= 1000 && (await noStoredValues(tx, values))) {
    await sql`SAVEPOINT chiso_fast_copy`.execute(tx.db);
    try {
      const tail = `,${meta.status},${meta.source},${meta.userId ?? ''},${meta.userId ?? ''}\n`;
      let csv = '';
      for (const v of [...values].sort(byKey)) {
        csv += `${v.provinceId},${v.indicatorId},${v.periodId},${v.orgUnitId},${v.optionId},${v.value ?? ''},${v.numerator ?? ''},${v.denominator ?? ''},${csvText(v.comment)}${tail}`;
      }
      await tx.copyCsv('data_value', [...STAGE_COLUMNS, 'status', 'source', 'created_by', 'updated_by'], csv);
      await sql`RELEASE SAVEPOINT chiso_fast_copy`.execute(tx.db);
      await analyzeIfGrown(tx, values.length);
      return { imported: values.length, updated: 0 };
    } catch (e) {
      if ((e as { code?: string }).code !== '23505') throw e;
      await sql`ROLLBACK TO SAVEPOINT chiso_fast_copy`.execute(tx.db);
    }
  }
  await sql`CREATE TEMP TABLE data_value_stage (
      province_id int, indicator_id int, period_id int, org_unit_id int, category_option_id int,
      value float8, numerator float8, denominator float8, comment text) ON COMMIT DROP`.execute(tx.db);
  const withComments = values.some((v) => v.comment !== null);
  // the first eight stage columns, all numbers
  const numbers = (v: (typeof values)[number]): Array<number | null> => [
    v.provinceId,
    v.indicatorId,
    v.periodId,
    v.orgUnitId,
    v.optionId,
    v.value,
    v.numerator,
    v.denominator,
  ];
  const csv = withComments
    ? toCopyCsv(values.map((v) => [...numbers(v), v.comment]))
    : numericCsv(values.map(numbers));
  await tx.copyCsv('data_value_stage', withComments ? STAGE_COLUMNS : STAGE_COLUMNS.slice(0, 8), csv);
  // true row counts and key statistics for the joins below (temp tables are never auto-analysed)
  if (values.length >= STAGE_ANALYZE_ROWS) await sql`ANALYZE data_value_stage`.execute(tx.db);
  // 1. new keys: a plain insert, in key order; keys already stored are left to step 2. A key a
  // concurrent writer is inserting waits for it, then counts as stored.
  const inserted = await sql`
    INSERT INTO data_value (province_id, indicator_id, period_id, org_unit_id, category_option_id,
      value, numerator, denominator, comment, status, source, created_by, created_at, updated_by, updated_at)
    SELECT province_id, indicator_id, period_id, org_unit_id, category_option_id, value, numerator, denominator, comment,
      ${meta.status}, ${meta.source}, ${meta.userId}::int, now(), ${meta.userId}::int, now()
    FROM data_value_stage
    ORDER BY ${sql.raw(KEY_ORDER)}
    ON CONFLICT (province_id, indicator_id, period_id, org_unit_id, category_option_id) DO NOTHING`.execute(
    tx.db,
  );
  const imported = Number(inserted.numAffectedRows ?? 0);
  let updated = 0;
  if (imported < values.length) {
    // 2. stored keys whose value changed: lock them in key order (FOR UPDATE returns the latest
    // version of a row another writer changed meanwhile, and re-checks that it still differs),
    // update them, and keep the locked value as the "before" of the history row.
    // (Rows inserted by step 1 equal their staged row, so they are never picked here.)
    const r = await sql`
      WITH old AS MATERIALIZED (
        SELECT d.province_id, d.indicator_id, d.period_id, d.org_unit_id, d.category_option_id,
               d.value, d.numerator, d.denominator, d.status, d.updated_by, d.updated_at,
               s.value AS value_new, s.numerator AS numerator_new, s.denominator AS denominator_new,
               s.comment AS comment_new
        FROM data_value d JOIN data_value_stage s USING (province_id, indicator_id, period_id, org_unit_id, category_option_id)
        WHERE (d.value, d.numerator, d.denominator, ${meta.keepStatusWhenUnchanged ? sql`''` : sql`d.status`})
                IS DISTINCT FROM (s.value, s.numerator, s.denominator, ${meta.keepStatusWhenUnchanged ? '' : meta.status}::text)
           OR (s.comment IS NOT NULL AND s.comment IS DISTINCT FROM d.comment)
        ORDER BY d.province_id, d.indicator_id, d.period_id, d.org_unit_id, d.category_option_id
        FOR UPDATE OF d),
      up AS (
        UPDATE data_value d
        SET value = o.value_new, numerator = o.numerator_new, denominator = o.denominator_new,
            comment = COALESCE(o.comment_new, d.comment), status = ${meta.status}, source = ${meta.source},
            updated_by = ${meta.userId}::int, updated_at = now()
        FROM old o
        WHERE d.province_id = o.province_id AND d.indicator_id = o.indicator_id AND d.period_id = o.period_id
          AND d.org_unit_id = o.org_unit_id AND d.category_option_id = o.category_option_id
        RETURNING d.province_id, d.indicator_id, d.period_id, d.org_unit_id, d.category_option_id,
          d.value, d.numerator, d.denominator, d.status,
          o.value AS old_value, o.numerator AS old_numerator, o.denominator AS old_denominator,
          o.status AS old_status, o.updated_by AS old_by, o.updated_at AS old_at)
      INSERT INTO data_value_history (province_id, indicator_id, period_id, org_unit_id, category_option_id, change,
        old_value, old_numerator, old_denominator, old_status, old_by, old_at,
        new_value, new_numerator, new_denominator, new_status, changed_by, source)
      SELECT province_id, indicator_id, period_id, org_unit_id, category_option_id, 'update',
        old_value, old_numerator, old_denominator, old_status, old_by, old_at,
        value, numerator, denominator, status, ${meta.userId}::int, ${meta.source}
      FROM up`.execute(tx.db);
    updated = Number(r.numAffectedRows ?? 0);
  }
  // dropped now, not at commit: a write may merge twice in its transaction (a report's drafts apart
  // from the rest: services/valueImport.ts)
  await sql`DROP TABLE data_value_stage`.execute(tx.db);
  await analyzeIfGrown(tx, imported);
  return { imported, updated };
}

const keyArrays = (values: StagedValue[]) => [
  values.map((v) => v.provinceId),
  values.map((v) => v.indicatorId),
  values.map((v) => v.periodId),
  values.map((v) => v.orgUnitId),
  values.map((v) => v.optionId),
];

/** `province:indicator:period:unit:option` of a value, as storedKeys returns them. */
export const valueKey = (v: StagedValue) =>
  `${v.provinceId}:${v.indicatorId}:${v.periodId}:${v.orgUnitId}:${v.optionId}`;

/** Which of these keys hold a stored value (primary-key lookups), as valueKey strings. */
export async function storedKeys(tx: Tx, values: StagedValue[]): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const [p, i, t, u, o] = keyArrays(values);
  const r = await sql<{ k: string }>`
    SELECT d.province_id || ':' || d.indicator_id || ':' || d.period_id || ':' || d.org_unit_id || ':' || d.category_option_id AS k
    FROM unnest(${p}::int[], ${i}::int[], ${t}::int[], ${u}::int[], ${o}::int[]) AS k(p, i, t, u, o)
    JOIN data_value d ON d.province_id = k.p AND d.indicator_id = k.i AND d.period_id = k.t
      AND d.org_unit_id = k.u AND d.category_option_id = k.o`.execute(tx.db);
  return new Set(r.rows.map((x) => x.k));
}

/**
 * Deletes stored values (keys not stored are left alone), each with a `delete` row in
 * data_value_history keeping the value it had. Rows are locked in key order first, as mergeValues
 * does, so concurrent writers never deadlock. Returns how many were deleted.
 */
export async function deleteValues(
  tx: Tx,
  values: StagedValue[],
  meta: { userId: number | null; source: string },
): Promise<number> {
  if (values.length === 0) return 0;
  const [p, i, t, u, o] = keyArrays(values);
  const r = await sql`
    WITH k AS (SELECT * FROM unnest(${p}::int[], ${i}::int[], ${t}::int[], ${u}::int[], ${o}::int[]) AS k(p, i, t, u, o)),
    locked AS MATERIALIZED (
      SELECT d.province_id, d.indicator_id, d.period_id, d.org_unit_id, d.category_option_id
      FROM data_value d JOIN k ON d.province_id = k.p AND d.indicator_id = k.i AND d.period_id = k.t
        AND d.org_unit_id = k.u AND d.category_option_id = k.o
      ORDER BY ${sql.raw(KEY_ORDER.replace(/(\w+)/g, 'd.$1'))}
      FOR UPDATE OF d),
    gone AS (
      DELETE FROM data_value d USING locked l
      WHERE d.province_id = l.province_id AND d.indicator_id = l.indicator_id AND d.period_id = l.period_id
        AND d.org_unit_id = l.org_unit_id AND d.category_option_id = l.category_option_id
      RETURNING d.*)
    INSERT INTO data_value_history (province_id, indicator_id, period_id, org_unit_id, category_option_id, change,
      old_value, old_numerator, old_denominator, old_status, old_by, old_at, changed_by, source)
    SELECT province_id, indicator_id, period_id, org_unit_id, category_option_id, 'delete',
      value, numerator, denominator, status, updated_by, updated_at, ${meta.userId}::int, ${meta.source}
    FROM gone`.execute(tx.db);
  return Number(r.numAffectedRows ?? 0);
}

/** Sets DHIS2's follow-up mark on stored values (only where it differs). */
export async function setFollowup(tx: Tx, values: Array<StagedValue & { followup: boolean }>) {
  if (values.length === 0) return;
  const [p, i, t, u, o] = keyArrays(values);
  await sql`
    UPDATE data_value d SET followup = k.f
    FROM unnest(${p}::int[], ${i}::int[], ${t}::int[], ${u}::int[], ${o}::int[], ${values.map((v) => v.followup)}::bool[])
      AS k(p, i, t, u, o, f)
    WHERE d.province_id = k.p AND d.indicator_id = k.i AND d.period_id = k.t AND d.org_unit_id = k.u
      AND d.category_option_id = k.o AND d.followup IS DISTINCT FROM k.f`.execute(tx.db);
}

/** Staging tables at least this large are analysed before the merge. */
const STAGE_ANALYZE_ROWS = 200;

/** A text field for COPY CSV: NULL as an empty field, anything else quoted. */
function csvText(s: string | null): string {
  return s === null ? '' : `"${s.replace(/"/g, '""')}"`;
}

/** Is nothing stored for any (province, indicator, period) of these values? Index range lookups only. */
async function noStoredValues(tx: Tx, values: StagedValue[]): Promise<boolean> {
  const keys = new Map<string, [number, number, number]>();
  for (const v of values)
    keys.set(`${v.provinceId}:${v.indicatorId}:${v.periodId}`, [v.provinceId, v.indicatorId, v.periodId]);
  const list = [...keys.values()];
  const r = await sql<{ found: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM unnest(${list.map((k) => k[0])}::int[], ${list.map((k) => k[1])}::int[], ${list.map((k) => k[2])}::int[]) AS k(p, i, t)
      WHERE EXISTS (SELECT 1 FROM data_value d WHERE d.province_id = k.p AND d.indicator_id = k.i AND d.period_id = k.t)
    ) AS found`.execute(tx.db);
  return !r.rows[0]?.found;
}

/** Keep the planner's statistics true after a load that grew the table a lot (PGlite has no autovacuum). */
async function analyzeIfGrown(tx: Tx, added: number) {
  if (added < 5000) return;
  const est = await sql<{
    n: number;
  }>`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'data_value'::regclass`.execute(tx.db);
  if (added > 0.2 * Math.max(0, est.rows[0]?.n ?? 0)) await sql`ANALYZE data_value`.execute(tx.db);
}

export interface ValueQuery {
  indicatorIds?: number[];
  orgUnitIds?: number[];
  periodIds?: number[];
  /** Only units inside these subtrees (null: everywhere). */
  roots: number[] | null;
  /** Subtrees whose drafts the reader may see; drafts elsewhere are hidden. */
  draftRoots: number[] | null;
  /** Only units inside these subtrees as well (DHIS2 `children=true`). */
  within?: number[];
  /** Only values changed at or after this instant (ISO date or timestamp). */
  updatedSince?: string;
  limit: number;
  offset: number;
}

export async function listValues(database: Database, q: ValueQuery) {
  let query = database.db
    .selectFrom('data_value as d')
    .innerJoin('indicator as i', 'i.id', 'd.indicator_id')
    .innerJoin('org_unit as u', 'u.id', 'd.org_unit_id')
    .leftJoin('category_option as co', 'co.id', 'd.category_option_id')
    .leftJoin('app_user as w', 'w.id', 'd.updated_by');
  if (q.indicatorIds) query = query.where('d.indicator_id', '=', sql<number>`ANY(${q.indicatorIds}::int[])`);
  if (q.orgUnitIds) query = query.where('d.org_unit_id', '=', sql<number>`ANY(${q.orgUnitIds}::int[])`);
  if (q.periodIds) query = query.where('d.period_id', '=', sql<number>`ANY(${q.periodIds}::int[])`);
  if (q.roots) {
    const roots = q.roots;
    query = query.where(sql<boolean>`u.path && ${roots}::int[]`);
  }
  if (q.draftRoots) {
    const dr = q.draftRoots;
    query = query.where(sql<boolean>`(d.status <> 'draft' OR u.path && ${dr}::int[])`);
  }
  if (q.within) {
    const w = q.within;
    query = query.where(sql<boolean>`u.path && ${w}::int[]`);
  }
  if (q.updatedSince) query = query.where(sql<boolean>`d.updated_at >= ${q.updatedSince}::timestamptz`);
  const [total, items] = await Promise.all([
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    query
      .select([
        'i.code as indicator',
        'i.name as indicatorName',
        'u.code as orgUnit',
        'u.name as orgUnitName',
        'd.period_id as periodId',
        'co.code as categoryOption',
        'co.name as categoryOptionName',
        'co.dhis2_code as categoryOptionDhis2',
        'd.value',
        'd.numerator',
        'd.denominator',
        'd.comment',
        'd.status',
        'd.source',
        'd.followup',
        'w.username as updatedBy',
        sql<string>`to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as(
          'createdAt',
        ),
        sql<string>`to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as(
          'updatedAt',
        ),
      ])
      .orderBy('i.code')
      .orderBy('u.code')
      .orderBy('d.period_id')
      .orderBy('d.category_option_id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
  ]);
  return { total: total.n, items };
}

/** One indicator × unit × period of a province. */
export interface CellKey {
  provinceId: number;
  indicatorId: number;
  orgUnitId: number;
  periodId: number;
}

/** The equalities that pick a cell's rows in a table aliased `a` (data_value or its history). */
const cellOf = <A extends string>(a: A, key: CellKey) =>
  ({
    [`${a}.province_id`]: key.provinceId,
    [`${a}.indicator_id`]: key.indicatorId,
    [`${a}.org_unit_id`]: key.orgUnitId,
    [`${a}.period_id`]: key.periodId,
  }) as Record<`${A}.${'province_id' | 'indicator_id' | 'org_unit_id' | 'period_id'}`, number>;

export function history(database: Database, key: CellKey) {
  return database.db
    .selectFrom('data_value_history as h')
    .leftJoin('app_user as a', 'a.id', 'h.changed_by')
    .leftJoin('app_user as b', 'b.id', 'h.old_by')
    .select([
      'h.change',
      'h.category_option_id as optionId',
      'h.old_value as oldValue',
      'h.old_numerator as oldNumerator',
      'h.old_denominator as oldDenominator',
      'h.old_status as oldStatus',
      'b.username as oldBy',
      'h.old_at as oldAt',
      'h.new_value as newValue',
      'h.new_numerator as newNumerator',
      'h.new_denominator as newDenominator',
      'h.new_status as newStatus',
      'a.username as changedBy',
      'h.changed_at as changedAt',
      'h.source',
    ])
    .where((eb) => eb.and(cellOf('h', key)))
    .orderBy('h.id', 'desc')
    .execute();
}

/** The stored value(s) of one indicator × unit × period (one per category option), with who wrote them. */
export function currentValue(database: Database, key: CellKey) {
  return database.db
    .selectFrom('data_value as d')
    .leftJoin('category_option as co', 'co.id', 'd.category_option_id')
    .leftJoin('app_user as c', 'c.id', 'd.created_by')
    .leftJoin('app_user as u', 'u.id', 'd.updated_by')
    .select([
      'd.category_option_id as optionId',
      'co.code as categoryOption',
      'd.value',
      'd.numerator',
      'd.denominator',
      'd.status',
      'd.source',
      'd.comment',
      'c.username as createdBy',
      'd.created_at as createdAt',
      'u.username as updatedBy',
      'd.updated_at as updatedAt',
    ])
    .where((eb) => eb.and(cellOf('d', key)))
    .orderBy('d.category_option_id')
    .execute();
}

/**
 * The (period, unit) pairs where some of the indicators have data of the given statuses in the
 * unit's subtree (open data: the public statuses, never drafts).
 */
export async function periodsAndUnitsWithData(
  database: Database | Tx,
  indicatorIds: number[],
  statuses: readonly string[],
) {
  const r = await sql<{ periodId: number; unitId: number }>`
    SELECT DISTINCT d.period_id AS "periodId", c.ancestor_id AS "unitId"
    FROM data_value d JOIN org_unit_closure c ON c.descendant_id = d.org_unit_id
    WHERE d.indicator_id = ANY(${indicatorIds}::int[]) AND d.status = ANY(${[...statuses]}::text[])
      AND ${notPendingReview(sql`d`)}`.execute(database.db);
  return r.rows;
}
