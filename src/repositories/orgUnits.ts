/** Org units (đơn vị) and their closure table: SQL only. */
import { sql } from 'kysely';
import type { Database, Tx } from '../db/index.js';
import { type DateWindow, today } from '../domain/unitVersions.js';

export interface OrgUnitRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  type: string | null;
  level: number;
  parentId: number | null;
  parentCode: string | null;
  provinceId: number | null;
  path: number[];
  validFrom: string | null;
  validTo: string | null;
  hasGeometry: boolean;
}

const baseSelect = (database: Database | Tx) =>
  database.db
    .selectFrom('org_unit as u')
    .leftJoin('org_unit as p', 'p.id', 'u.parent_id')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.kind',
      'u.type',
      'u.level',
      'u.parent_id as parentId',
      'p.code as parentCode',
      'u.province_id as provinceId',
      'u.path',
      sql<string | null>`to_char(u.valid_from, 'YYYY-MM-DD')`.as('validFrom'),
      sql<string | null>`to_char(u.valid_to, 'YYYY-MM-DD')`.as('validTo'),
      sql<boolean>`u.geometry IS NOT NULL`.as('hasGeometry'),
    ]);

/**
 * How a code is resolved to a version (domain/unitVersions.ts): within a period's dates, on one
 * date, or — when nothing was asked — today, falling back to the most recent version.
 */
export type UnitDate = DateWindow | string | undefined;

const windowOf = (at: DateWindow | string): DateWindow =>
  typeof at === 'string' ? { from: at, to: at } : at;

/** The version of each code that answers at `at` (one row per code found). */
export async function findByCodes(
  database: Database | Tx,
  codes: string[],
  at?: UnitDate,
): Promise<OrgUnitRow[]> {
  if (codes.length === 0) return [];
  const query = baseSelect(database).where('u.code', '=', sql<string>`ANY(${codes}::text[])`);
  if (at === undefined) {
    const day = today();
    return query
      .distinctOn('u.code')
      .orderBy('u.code')
      .orderBy(
        sql`(u.valid_from IS NULL OR u.valid_from <= ${day}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${day}::date)`,
        'desc',
      )
      .orderBy(sql`u.valid_from DESC NULLS LAST`)
      .execute();
  }
  const w = windowOf(at);
  return query
    .where(sql<boolean>`(u.valid_from IS NULL OR u.valid_from <= ${w.to}::date)`)
    .where(sql<boolean>`(u.valid_to IS NULL OR u.valid_to >= ${w.from}::date)`)
    .distinctOn('u.code')
    .orderBy('u.code')
    .orderBy(sql`u.valid_from DESC NULLS LAST`)
    .execute();
}

export async function findByCode(
  database: Database | Tx,
  code: string,
  at?: UnitDate,
): Promise<OrgUnitRow | undefined> {
  return (await findByCodes(database, [code], at))[0];
}

/** Every version of each code, oldest first. */
export function versionsByCodes(database: Database | Tx, codes: string[]): Promise<OrgUnitRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return baseSelect(database)
    .where('u.code', '=', sql<string>`ANY(${codes}::text[])`)
    .orderBy('u.code')
    .orderBy(sql`u.valid_from ASC NULLS FIRST`)
    .execute();
}

/** Whether any org unit is stored (an empty database gets the demo). */
export async function countUnits(database: Database | Tx): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM org_unit`.execute(database.db);
  return r.rows[0]?.n ?? 0;
}

/** The code of the first province (level 1) by code, if any — one valid today before closed ones. */
export async function firstProvinceCode(database: Database | Tx): Promise<string | undefined> {
  const day = today();
  const r = await database.db
    .selectFrom('org_unit')
    .select('code')
    .where('level', '=', 1)
    .orderBy(
      sql`(valid_from IS NULL OR valid_from <= ${day}::date) AND (valid_to IS NULL OR valid_to >= ${day}::date)`,
      'desc',
    )
    .orderBy('code')
    .executeTakeFirst();
  return r?.code;
}

/** Every province version's id (level 1, whatever its dates). */
export async function provinceIds(database: Database | Tx): Promise<number[]> {
  const r = await sql<{ id: number }>`SELECT id FROM org_unit WHERE level = 1`.execute(database.db);
  return r.rows.map((x) => x.id);
}

export function findByIds(database: Database | Tx, ids: number[]): Promise<OrgUnitRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return baseSelect(database)
    .where('u.id', '=', sql<number>`ANY(${ids}::int[])`)
    .orderBy('u.level')
    .execute();
}

/** Versions valid on `day` (ISO date). */
const validOnDay = (day: string) =>
  sql<boolean>`(u.valid_from IS NULL OR u.valid_from <= ${day}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${day}::date)`;

export interface OrgUnitQuery {
  /** Only versions valid on this date (the tree on that day). */
  on: string;
  level?: number;
  parentId?: number;
  kind?: string;
  q?: string; // folded
  /** Only units inside these subtrees (null: everywhere). */
  roots: number[] | null;
  limit: number;
  offset: number;
}

/** `u` is a child of the version `parentId`: its parent, or — under the national root — a parentless province. */
const childOf = (parentId: number) =>
  sql<boolean>`(u.parent_id = ${parentId} OR (u.parent_id IS NULL AND u.level = 1
    AND EXISTS (SELECT 1 FROM org_unit r WHERE r.id = ${parentId} AND r.level = 0)))`;

export async function list(database: Database, q: OrgUnitQuery) {
  let query = database.db.selectFrom('org_unit as u').where(validOnDay(q.on));
  // the national root is listed only when its level is asked (or by its code: unitDetail)
  query = query.where('u.level', q.level === undefined ? '>=' : '=', q.level ?? 1);
  if (q.parentId !== undefined) query = query.where(childOf(q.parentId));
  if (q.kind)
    query = query.where(
      'u.kind',
      'in',
      q.kind.split(',').map((k) => k.trim()),
    );
  if (q.q)
    query = query.where((eb) =>
      eb.or([eb('u.name_search', 'like', q.q as string), eb('u.code', 'like', q.q as string)]),
    );
  if (q.roots) {
    const roots = q.roots;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('org_unit_closure as c')
          .select(sql`1`.as('one'))
          .whereRef('c.descendant_id', '=', 'u.id')
          .where('c.ancestor_id', '=', sql<number>`ANY(${roots}::int[])`),
      ),
    );
  }
  const [total, ids] = await Promise.all([
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    query.select('u.id').orderBy('u.level').orderBy('u.code').limit(q.limit).offset(q.offset).execute(),
  ]);
  const rows = await findByIds(
    database,
    ids.map((r) => r.id),
  );
  const order = new Map(ids.map((r, i) => [r.id, i]));
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { total: total.n, items: rows };
}

/** The children of a version valid on `on` (a version carrying on across a restructuring has both sides'). */
export function children(database: Database, parentId: number, on: string): Promise<OrgUnitRow[]> {
  return baseSelect(database)
    .where(childOf(parentId))
    .where(validOnDay(on))
    .orderBy('u.kind')
    .orderBy('u.code')
    .execute();
}

export async function childGeometries(database: Database, parentId: number, on: string) {
  return database.db
    .selectFrom('org_unit as u')
    .select(['u.code', 'u.name', 'u.geometry'])
    .where(childOf(parentId))
    .where('u.geometry', 'is not', null)
    .where(validOnDay(on))
    .execute();
}

/** Boundaries of the units of `level` valid on `date` (YYYY-MM-DD) that have one, e.g. the provinces. */
export async function geometriesAtLevel(database: Database, level: number, date: string) {
  return database.db
    .selectFrom('org_unit as u')
    .select(['u.code', 'u.name', 'u.geometry'])
    .where('u.level', '=', level)
    .where('u.geometry', 'is not', null)
    .where(sql<boolean>`(u.valid_from IS NULL OR u.valid_from <= ${date}::date)`)
    .where(sql<boolean>`(u.valid_to IS NULL OR u.valid_to >= ${date}::date)`)
    .orderBy('u.code')
    .execute();
}

/** Units of `level` inside `rootId`'s subtree (the root itself when it is of that level). */
export function unitsAtLevel(database: Database, rootId: number, level: number): Promise<OrgUnitRow[]> {
  return baseSelect(database)
    .innerJoin('org_unit_closure as c', 'c.descendant_id', 'u.id')
    .where('c.ancestor_id', '=', rootId)
    .where('u.level', '=', level)
    .orderBy('u.code')
    .execute();
}

/** Descendants of an ancestor (itself included) with the same level, kind and validity, counted. */
export interface DescendantGroup {
  ancestorId: number;
  level: number;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
  n: number;
}

/**
 * The descendants of each ancestor grouped by level, kind and validity (a few hundred rows), for
 * expected counts: the units valid in a window are counted from them in memory, for the cells
 * asked only (services/analytics.ts). Joining every window to every descendant in SQL cost
 * windows × descendants rows (tens of thousands for a plan's targets over four years).
 */
export async function descendantGroups(database: Database, ancestorIds: number[]) {
  if (ancestorIds.length === 0) return [];
  const r = await sql<DescendantGroup>`
    SELECT c.ancestor_id AS "ancestorId", u.level, u.kind,
           to_char(u.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(u.valid_to, 'YYYY-MM-DD') AS "validTo",
           count(*)::int AS n
    FROM org_unit_closure c
    JOIN org_unit u ON u.id = c.descendant_id
    WHERE c.ancestor_id = ANY(${[...new Set(ancestorIds)]}::int[])
    GROUP BY 1, 2, 3, 4, 5`.execute(database.db);
  return r.rows;
}

export interface StagedUnit {
  code: string;
  name: string;
  nameSearch: string;
  kind: string;
  type: string | null;
  level: number;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * Loads units into a temporary staging table (dropped at commit) and matches each row to the version
 * of its code it speaks of: the one valid on the row's valid_from (today when not given), else the
 * most recent one. `target_id` is null for a code not stored yet, `parent_id` the parent's version.
 */
export async function stageUnits(tx: Tx, units: StagedUnit[], toCsv: (rows: unknown[][]) => string) {
  await sql`CREATE TEMP TABLE org_unit_stage (
      code text, name text, name_search text, kind text, type text, level smallint,
      parent_code text, valid_from date, valid_to date, target_id integer, parent_id integer) ON COMMIT DROP`.execute(
    tx.db,
  );
  await tx.copyCsv(
    'org_unit_stage',
    ['code', 'name', 'name_search', 'kind', 'type', 'level', 'parent_code', 'valid_from', 'valid_to'],
    toCsv(
      units.map((u) => [
        u.code,
        u.name,
        u.nameSearch,
        u.kind,
        u.type,
        u.level,
        u.parentCode,
        u.validFrom,
        u.validTo,
      ]),
    ),
  );
  await sql`UPDATE org_unit_stage s SET target_id = (
      SELECT o.id FROM org_unit o WHERE o.code = s.code
      ORDER BY (o.valid_from IS NULL OR o.valid_from <= COALESCE(s.valid_from, CURRENT_DATE))
           AND (o.valid_to IS NULL OR o.valid_to >= COALESCE(s.valid_from, CURRENT_DATE)) DESC,
        o.valid_from DESC NULLS LAST
      LIMIT 1)`.execute(tx.db);
}

/** Stored versions whose parent or level a staged row would change and that hold data (in their subtree). */
export async function stagedMovesWithData(tx: Tx) {
  const r = await sql<{ code: string; name: string; validFrom: string | null; values: number }>`
    SELECT o.code, o.name, to_char(o.valid_from, 'YYYY-MM-DD') AS "validFrom",
      (SELECT count(*)::int FROM org_unit_closure c JOIN data_value d ON d.org_unit_id = c.descendant_id
        WHERE c.ancestor_id = o.id) AS values
    FROM org_unit_stage s
    JOIN org_unit o ON o.id = s.target_id
    LEFT JOIN org_unit p ON p.id = o.parent_id
    WHERE (o.level <> s.level OR o.kind <> s.kind OR p.code IS DISTINCT FROM s.parent_code)
      AND EXISTS (SELECT 1 FROM org_unit_closure c JOIN data_value d ON d.org_unit_id = c.descendant_id
        WHERE c.ancestor_id = o.id)
    ORDER BY o.code`.execute(tx.db);
  return r.rows;
}

/** Applies the staged rows: updates the matched versions, inserts new codes, links parents. */
export async function applyStagedUnits(tx: Tx) {
  const updated = await sql`
    UPDATE org_unit o SET name = s.name, name_search = s.name_search, kind = s.kind, type = s.type,
      level = s.level, valid_from = COALESCE(s.valid_from, o.valid_from), valid_to = COALESCE(s.valid_to, o.valid_to),
      updated_at = now()
    FROM org_unit_stage s WHERE o.id = s.target_id`.execute(tx.db);
  const inserted = await sql<{ id: number; code: string }>`
    INSERT INTO org_unit (code, name, name_search, kind, type, level, valid_from, valid_to)
    SELECT code, name, name_search, kind, type, level, valid_from, valid_to FROM org_unit_stage
    WHERE target_id IS NULL
    RETURNING id, code`.execute(tx.db);
  await sql`UPDATE org_unit_stage s SET target_id = i.id
    FROM unnest(${inserted.rows.map((r) => r.id)}::int[], ${inserted.rows.map((r) => r.code)}::text[]) AS i(id, code)
    WHERE s.code = i.code AND s.target_id IS NULL`.execute(tx.db);
  // the parent is the version of parent_code valid when the child starts (today when open), else the latest
  await sql`UPDATE org_unit o SET parent_id = (
      SELECT p.id FROM org_unit p WHERE p.code = s.parent_code
      ORDER BY (p.valid_from IS NULL OR p.valid_from <= COALESCE(o.valid_from, CURRENT_DATE))
           AND (p.valid_to IS NULL OR p.valid_to >= COALESCE(o.valid_from, CURRENT_DATE)) DESC,
        p.valid_from DESC NULLS LAST
      LIMIT 1)
    FROM org_unit_stage s WHERE o.id = s.target_id`.execute(tx.db);
  await rebuildTree(tx);
  return { created: inserted.rows.length, updated: Number(updated.numAffectedRows ?? 0n) };
}

/** Upserts units (no restructuring date): stage, then apply. Returns created/updated counts. */
export async function upsertUnits(tx: Tx, units: StagedUnit[], toCsv: (rows: unknown[][]) => string) {
  await stageUnits(tx, units, toCsv);
  return applyStagedUnits(tx);
}

/**
 * Inserts each row as a version of its own (no matching with stored versions of its code), with
 * its validity; its parent is the version of parent_code valid on the row's first day (its last
 * when it has no start; today when open). For a tree known across a restructuring (the demo's
 * old and new units, several new units reusing an old code). Returns the number inserted.
 */
export async function insertUnitVersions(tx: Tx, units: StagedUnit[]) {
  if (units.length === 0) return 0;
  const col = <K extends keyof StagedUnit>(k: K) => units.map((x) => x[k]);
  const r = await sql<{ id: number; code: string; validFrom: string | null }>`
    INSERT INTO org_unit (code, name, name_search, kind, type, level, valid_from, valid_to)
    SELECT * FROM unnest(${col('code')}::text[], ${col('name')}::text[], ${col('nameSearch')}::text[],
      ${col('kind')}::text[], ${col('type')}::text[], ${col('level')}::int[], ${col('validFrom')}::date[],
      ${col('validTo')}::date[])
    RETURNING id, code, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom"`.execute(tx.db);
  // a code and a first day name one version (unique index org_unit_code_from_uq)
  const parentOf = new Map(units.map((x) => [`${x.code}|${x.validFrom}`, x.parentCode]));
  const ids = r.rows.map((x) => x.id);
  const parents = r.rows.map((x) => parentOf.get(`${x.code}|${x.validFrom}`) ?? null);
  await sql`UPDATE org_unit o SET parent_id = (
      SELECT p.id FROM org_unit p
      WHERE p.code = x.parent_code
        AND (p.valid_from IS NULL OR p.valid_from <= COALESCE(o.valid_from, o.valid_to, CURRENT_DATE))
        AND (p.valid_to IS NULL OR p.valid_to >= COALESCE(o.valid_from, o.valid_to, CURRENT_DATE))
      ORDER BY p.valid_from DESC NULLS LAST LIMIT 1)
    FROM unnest(${ids}::int[], ${parents}::text[]) AS x(id, parent_code)
    WHERE o.id = x.id AND x.parent_code IS NOT NULL`.execute(tx.db);
  await rebuildTree(tx);
  return ids.length;
}

/** The national root's code: the one unit of level 0 (migration 012, decision 0012). */
export const NATIONAL_ROOT = 'VN';

/**
 * Recomputes path, province and the closure table from parent links; moves data of re-parented
 * units. The national root (level 0) is created when there are provinces and none yet; it is no
 * unit's parent, but heads the path of every unit below a parentless province (so its subtree is
 * the nation), and has no province: province_id stays the level-1 ancestor.
 */
export async function rebuildTree(tx: Tx) {
  await sql`INSERT INTO org_unit (code, name, name_search, kind, type, level)
    SELECT ${NATIONAL_ROOT}, 'Việt Nam', 'viet nam', 'nation', 'Quốc gia', 0
    WHERE EXISTS (SELECT 1 FROM org_unit WHERE level = 1)
      AND NOT EXISTS (SELECT 1 FROM org_unit WHERE level = 0 OR code = ${NATIONAL_ROOT})`.execute(tx.db);
  const moved = await sql<{ id: number }>`
    WITH RECURSIVE root AS (SELECT coalesce(array_agg(id), '{}') AS ids FROM org_unit WHERE level = 0),
    t AS (
      SELECT u.id, CASE WHEN u.level = 1 THEN root.ids || u.id ELSE ARRAY[u.id] END AS path,
        CASE WHEN u.level = 0 THEN NULL ELSE u.id END AS province_id
      FROM org_unit u, root WHERE u.parent_id IS NULL
      UNION ALL
      SELECT c.id, t.path || c.id, t.province_id FROM org_unit c JOIN t ON c.parent_id = t.id)
    UPDATE org_unit o SET path = t.path, province_id = t.province_id
    FROM t WHERE o.id = t.id AND (o.path IS DISTINCT FROM t.path OR o.province_id IS DISTINCT FROM t.province_id)
    RETURNING o.id`.execute(tx.db);
  await sql`DELETE FROM org_unit_closure`.execute(tx.db);
  await sql`INSERT INTO org_unit_closure (ancestor_id, descendant_id, depth)
    SELECT p.anc, o.id, (cardinality(o.path) - p.ord)::smallint
    FROM org_unit o, unnest(o.path) WITH ORDINALITY AS p(anc, ord)`.execute(tx.db);
  await sql`ANALYZE org_unit`.execute(tx.db);
  await sql`ANALYZE org_unit_closure`.execute(tx.db);
  if (moved.rows.length > 0) {
    const ids = moved.rows.map((r) => r.id);
    await sql`UPDATE data_value d SET province_id = o.province_id FROM org_unit o
      WHERE o.id = d.org_unit_id AND o.id = ANY(${ids}::int[]) AND d.province_id <> o.province_id`.execute(
      tx.db,
    );
  }
}

export async function setGeometry(tx: Tx, code: string, geometry: unknown) {
  const r = await tx.db
    .updateTable('org_unit')
    .set({ geometry: JSON.stringify(geometry), updated_at: sql`now()` })
    .where('code', '=', code)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A version as a restructuring sees it. */
export interface VersionRow {
  id: number;
  code: string;
  name: string;
  type: string | null;
  kind: string;
  level: number;
  parentId: number | null;
  validFrom: string | null;
  validTo?: string | null;
}

/** Every version valid on a date (the tree on that date). */
export async function versionsValidOn(tx: Tx, date: string): Promise<VersionRow[]> {
  const r = await sql<VersionRow>`
    SELECT id, code, name, type, kind, level, parent_id AS "parentId", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
      to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
    FROM org_unit
    WHERE level > 0 -- the national root is above every restructuring
      AND (valid_from IS NULL OR valid_from <= ${date}::date) AND (valid_to IS NULL OR valid_to >= ${date}::date)`.execute(
    tx.db,
  );
  return r.rows;
}

/** The versions of these codes that start on a date. */
export async function versionsStartingOn(tx: Tx, codes: string[], date: string): Promise<VersionRow[]> {
  if (codes.length === 0) return [];
  const r = await sql<VersionRow>`
    SELECT id, code, name, type, kind, level, parent_id AS "parentId", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom"
    FROM org_unit WHERE code = ANY(${codes}::text[]) AND valid_from = ${date}::date`.execute(tx.db);
  return r.rows;
}

/** Codes that already have a version starting after a date (a later restructuring is stored). */
export async function codesWithVersionsAfter(tx: Tx, codes: string[], date: string): Promise<string[]> {
  if (codes.length === 0) return [];
  const r = await sql<{ code: string }>`
    SELECT DISTINCT code FROM org_unit WHERE code = ANY(${codes}::text[]) AND valid_from > ${date}::date
    ORDER BY code`.execute(tx.db);
  return r.rows.map((x) => x.code);
}

export async function closeVersions(tx: Tx, ids: number[], validTo: string) {
  if (ids.length === 0) return;
  await sql`UPDATE org_unit SET valid_to = ${validTo}::date, updated_at = now() WHERE id = ANY(${ids}::int[])`.execute(
    tx.db,
  );
}

export async function renameVersions(
  tx: Tx,
  rows: Array<{ id: number; name: string; nameSearch: string; type: string | null }>,
) {
  if (rows.length === 0) return;
  await sql`UPDATE org_unit o SET name = x.name, name_search = x.name_search, type = x.type, updated_at = now()
    FROM unnest(${rows.map((r) => r.id)}::int[], ${rows.map((r) => r.name)}::text[],
      ${rows.map((r) => r.nameSearch)}::text[], ${rows.map((r) => r.type)}::text[]) AS x(id, name, name_search, type)
    WHERE o.id = x.id`.execute(tx.db);
}

/** Inserts new versions (valid from a date), returning their ids in input order. */
export async function insertVersions(
  tx: Tx,
  rows: Array<{
    code: string;
    name: string;
    nameSearch: string;
    kind: string;
    type: string | null;
    level: number;
  }>,
  validFrom: string,
): Promise<number[]> {
  if (rows.length === 0) return [];
  const r = await sql<{ id: number; ord: number }>`
    WITH x AS (
      SELECT * FROM unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.name)}::text[],
        ${rows.map((r) => r.nameSearch)}::text[], ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.type)}::text[],
        ${rows.map((r) => r.level)}::int[]) WITH ORDINALITY AS x(code, name, name_search, kind, type, level, ord)),
    ins AS (
      INSERT INTO org_unit (code, name, name_search, kind, type, level, valid_from)
      SELECT code, name, name_search, kind, type, level, ${validFrom}::date FROM x ORDER BY ord
      RETURNING id, code)
    SELECT ins.id, x.ord::int AS ord FROM ins JOIN x ON x.code = ins.code ORDER BY x.ord`.execute(tx.db);
  return r.rows.map((x) => x.id);
}

export async function setParents(tx: Tx, links: Array<{ id: number; parentId: number | null }>) {
  if (links.length === 0) return;
  await sql`UPDATE org_unit o SET parent_id = x.parent_id
    FROM unnest(${links.map((l) => l.id)}::int[], ${links.map((l) => l.parentId)}::int[]) AS x(id, parent_id)
    WHERE o.id = x.id`.execute(tx.db);
}

/** The distinct periods that hold values of these versions. */
export async function periodsWithValues(tx: Tx, unitIds: number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const r = await sql<{ periodId: number }>`
    SELECT DISTINCT d.period_id AS "periodId" FROM data_value d
    WHERE d.org_unit_id = ANY(${unitIds}::int[]) ORDER BY 1`.execute(tx.db);
  return r.rows.map((x) => x.periodId);
}

/** Distinct (unit code, period) pairs with values on these versions in these periods (the first 1,000). */
export async function valuesIn(tx: Tx, unitIds: number[], periodIds: number[]) {
  if (unitIds.length === 0 || periodIds.length === 0) return [];
  const r = await sql<{ code: string; periodId: number }>`
    SELECT DISTINCT u.code, d.period_id AS "periodId"
    FROM data_value d JOIN org_unit u ON u.id = d.org_unit_id
    WHERE d.org_unit_id = ANY(${unitIds}::int[]) AND d.period_id = ANY(${periodIds}::int[])
    ORDER BY 1, 2 LIMIT 1000`.execute(tx.db);
  return r.rows;
}

/** Serialises changes of the unit tree (imports, restructurings) against each other. */
export async function lockUnitTree(tx: Tx) {
  await sql`SELECT pg_advisory_xact_lock(7419001)`.execute(tx.db);
}

/** The kinds of the units at a level inside a unit's subtree. */
export async function kindsAtLevel(
  database: Database | Tx,
  rootId: number,
  level: number,
): Promise<string[]> {
  const r = await sql<{ kind: string }>`
    SELECT DISTINCT u.kind FROM org_unit_closure c JOIN org_unit u ON u.id = c.descendant_id
    WHERE c.ancestor_id = ${rootId} AND u.level = ${level} ORDER BY 1`.execute(database.db);
  return r.rows.map((x) => x.kind);
}

/** The levels at which units of these kinds sit inside a unit's subtree. */
export async function levelsOfKinds(
  database: Database | Tx,
  rootId: number,
  kinds: string[],
): Promise<number[]> {
  if (kinds.length === 0) return [];
  const r = await sql<{ level: number }>`
    SELECT DISTINCT u.level FROM org_unit_closure c JOIN org_unit u ON u.id = c.descendant_id
    WHERE c.ancestor_id = ${rootId} AND u.kind = ANY(${kinds}::text[]) AND c.depth > 0 ORDER BY 1`.execute(
    database.db,
  );
  return r.rows.map((x) => x.level);
}
