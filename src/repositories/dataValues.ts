/** Data values (số liệu) and their change history: SQL only. */
import { sql } from 'kysely';
import { numericCsv, toCopyCsv } from '../db/copy.js';
import type { Database, Tx } from '../db/index.js';

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

/**
 * Writes staged values in one statement: new keys are inserted, changed ones updated (with the
 * old value kept in data_value_history), identical ones left alone. Runs inside the caller's transaction.
 */
export async function mergeValues(
  tx: Tx,
  values: StagedValue[],
  meta: { userId: number | null; status: string; source: string },
): Promise<MergeCounts> {
  await sql`CREATE TEMP TABLE data_value_stage (
      province_id int, indicator_id int, period_id int, org_unit_id int, category_option_id int,
      value float8, numerator float8, denominator float8, comment text) ON COMMIT DROP`.execute(tx.db);
  const withComments = values.some((v) => v.comment !== null);
  const csv = withComments
    ? toCopyCsv(
        values.map((v) => [
          v.provinceId,
          v.indicatorId,
          v.periodId,
          v.orgUnitId,
          v.optionId,
          v.value,
          v.numerator,
          v.denominator,
          v.comment,
        ]),
      )
    : numericCsv(
        values.map((v) => [
          v.provinceId,
          v.indicatorId,
          v.periodId,
          v.orgUnitId,
          v.optionId,
          v.value,
          v.numerator,
          v.denominator,
        ]),
      );
  await tx.copyCsv('data_value_stage', withComments ? STAGE_COLUMNS : STAGE_COLUMNS.slice(0, 8), csv);
  const r = await sql<{ imported: number; updated: number }>`
    WITH old AS (
      SELECT d.province_id, d.indicator_id, d.period_id, d.org_unit_id, d.category_option_id,
             d.value, d.numerator, d.denominator, d.status, d.updated_by, d.updated_at
      FROM data_value d JOIN data_value_stage s USING (province_id, indicator_id, period_id, org_unit_id, category_option_id)),
    up AS (
      INSERT INTO data_value AS d (province_id, indicator_id, period_id, org_unit_id, category_option_id,
        value, numerator, denominator, comment, status, source, created_by, created_at, updated_by, updated_at)
      SELECT province_id, indicator_id, period_id, org_unit_id, category_option_id, value, numerator, denominator, comment,
        ${meta.status}, ${meta.source}, ${meta.userId}::int, now(), ${meta.userId}::int, now()
      FROM data_value_stage
      ON CONFLICT (province_id, indicator_id, period_id, org_unit_id, category_option_id) DO UPDATE
        SET value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
            comment = COALESCE(EXCLUDED.comment, d.comment), status = EXCLUDED.status, source = EXCLUDED.source,
            updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
        WHERE (d.value, d.numerator, d.denominator, d.status) IS DISTINCT FROM
              (EXCLUDED.value, EXCLUDED.numerator, EXCLUDED.denominator, EXCLUDED.status)
           OR (EXCLUDED.comment IS NOT NULL AND EXCLUDED.comment IS DISTINCT FROM d.comment)
      RETURNING d.province_id, d.indicator_id, d.period_id, d.org_unit_id, d.category_option_id,
        d.value, d.numerator, d.denominator, d.status, (xmax = 0) AS inserted),
    hist AS (
      INSERT INTO data_value_history (province_id, indicator_id, period_id, org_unit_id, category_option_id, change,
        old_value, old_numerator, old_denominator, old_status, old_by, old_at,
        new_value, new_numerator, new_denominator, new_status, changed_by, source)
      SELECT up.province_id, up.indicator_id, up.period_id, up.org_unit_id, up.category_option_id, 'update',
        old.value, old.numerator, old.denominator, old.status, old.updated_by, old.updated_at,
        up.value, up.numerator, up.denominator, up.status, ${meta.userId}::int, ${meta.source}
      FROM up JOIN old USING (province_id, indicator_id, period_id, org_unit_id, category_option_id)
      WHERE NOT up.inserted
      RETURNING 1)
    SELECT (SELECT count(*)::int FROM up WHERE inserted) AS imported,
           (SELECT count(*)::int FROM up WHERE NOT inserted) AS updated`.execute(tx.db);
  const counts = r.rows[0] ?? { imported: 0, updated: 0 };
  // keep the planner's statistics true after a large load (PGlite has no autovacuum)
  if (counts.imported >= 5000) await sql`ANALYZE data_value`.execute(tx.db);
  return counts;
}

export interface ValueQuery {
  indicatorIds?: number[];
  orgUnitIds?: number[];
  periodIds?: number[];
  /** Only units inside these subtrees (null: everywhere). */
  roots: number[] | null;
  /** Subtrees whose drafts the reader may see; drafts elsewhere are hidden. */
  draftRoots: number[] | null;
  limit: number;
  offset: number;
}

export async function listValues(database: Database, q: ValueQuery) {
  let query = database.db
    .selectFrom('data_value as d')
    .innerJoin('indicator as i', 'i.id', 'd.indicator_id')
    .innerJoin('org_unit as u', 'u.id', 'd.org_unit_id')
    .leftJoin('category_option as co', 'co.id', 'd.category_option_id');
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
  const [total, items] = await Promise.all([
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    query
      .select([
        'i.code as indicator',
        'u.code as orgUnit',
        'd.period_id as periodId',
        'co.code as categoryOption',
        'd.value',
        'd.numerator',
        'd.denominator',
        'd.comment',
        'd.status',
        'd.source',
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

export function history(
  database: Database,
  key: { provinceId: number; indicatorId: number; orgUnitId: number; periodId: number },
) {
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
    .where('h.province_id', '=', key.provinceId)
    .where('h.indicator_id', '=', key.indicatorId)
    .where('h.org_unit_id', '=', key.orgUnitId)
    .where('h.period_id', '=', key.periodId)
    .orderBy('h.id', 'desc')
    .execute();
}

/** The stored value(s) of one indicator × unit × period (one per category option), with who wrote them. */
export function currentValue(
  database: Database,
  key: { provinceId: number; indicatorId: number; orgUnitId: number; periodId: number },
) {
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
    .where('d.province_id', '=', key.provinceId)
    .where('d.indicator_id', '=', key.indicatorId)
    .where('d.org_unit_id', '=', key.orgUnitId)
    .where('d.period_id', '=', key.periodId)
    .orderBy('d.category_option_id')
    .execute();
}
