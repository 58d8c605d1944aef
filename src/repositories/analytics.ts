/**
 * The aggregation engine in SQL. It implements the rules of src/domain/aggregate.ts (the spec)
 * in one statement: options add up per unit and period; a unit's periods combine by the
 * indicator's time rule; units combine by its unit rule. Each unit counts once, through the
 * closure table, so nothing is counted twice up the tree. Drafts never count.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/index.js';
import type { UnitStatistics } from '../domain/aggregate.js';
import type { LineageEdge, VersionNode } from '../domain/geography.js';

/** The statistics the unit rule chooses from (domain/aggregate.ts `UnitStatistics`), per target. */
export interface AggregateRow extends UnitStatistics {
  indicatorId: number;
  req: number;
  targetId: number;
  depths: number[];
  /** With `links`: whether a partial weight (< 1) went into the row. */
  estimated?: boolean;
}

/** Explicit weighted links target ← source (domain/geography.ts GeoLink), as parallel arrays. */
export interface WeightedLinks {
  targetIds: number[];
  sourceIds: number[];
  weights: number[];
  /** source level − target level */
  depths: number[];
}

export interface AggregateQuery {
  /** One row per (indicator, asked period index, stored period id) to include. */
  map: Array<{ indicatorId: number; req: number; periodId: number }>;
  /** The units whose subtrees are aggregated. */
  targetIds: number[];
  provinceIds: number[];
  /** True when every asked period maps to exactly one stored period (no time roll-up needed). */
  single: boolean;
  /**
   * Each asked period's last day (by request index). In a roll-up across a restructuring, an
   * indicator whose time rule is not `sum` reads only units still valid on that day: a closed unit's
   * last value is not the state at the period's end, and adding it to its successors' would count
   * the territory twice.
   */
  ends?: string[];
  /** True when some indicator is disaggregated (options must add up first). */
  hasOptions: boolean;
  /**
   * Instead of each target's subtree (the closure table): these sources count for these targets,
   * each value, numerator and denominator multiplied by the link's weight (geography=…).
   */
  links?: WeightedLinks;
  /** Only the values of this category option (a breakdown); default: the options add up. */
  optionId?: number;
  /** The statuses that count (open data: the public ones); default: every status but draft. */
  statuses?: readonly string[];
  /**
   * Without `links`: only these (indicator, target) pairs, as parallel arrays (default: every
   * indicator of `map` for every target).
   */
  pairs?: { indicatorIds: number[]; targetIds: number[] };
}

/**
 * Open data's rule for submitted values: a value of a report submission still waiting for review
 * (submitted, returned or draft, not yet approved) on a form holding the indicator is not public;
 * values submitted outside any report are.
 */
export function notPendingReview(v: ReturnType<typeof sql>) {
  return sql`(${v}.status <> 'submitted' OR NOT EXISTS (
    SELECT 1 FROM report_submission s JOIN report_form_indicator fi ON fi.form_id = s.form_id
    WHERE s.province_id = ${v}.province_id AND s.org_unit_id = ${v}.org_unit_id
      AND s.period_id = ${v}.period_id AND fi.indicator_id = ${v}.indicator_id AND s.status <> 'approved'))`;
}

export async function aggregateValues(database: Database, q: AggregateQuery): Promise<AggregateRow[]> {
  if (q.map.length === 0 || q.targetIds.length === 0 || q.provinceIds.length === 0) return [];
  if (q.links && q.links.targetIds.length === 0) return [];
  // one index lookup per (province, indicator, stored period): each is planned with the key's own
  // equality estimate (about the units of one province), where `province_id = ANY(list)` was
  // estimated at the whole list's rows, and the over-estimate pushed the statement into JIT
  // compilation (issue #14; docs/decisions/0010-jit-off.md)
  const prov: number[] = [];
  const ind: number[] = [];
  const req: number[] = [];
  const per: number[] = [];
  for (const p of q.provinceIds)
    for (const m of q.map) {
      prov.push(p);
      ind.push(m.indicatorId);
      req.push(m.req);
      per.push(m.periodId);
    }
  const lookups = sql`unnest(${prov}::int[], ${ind}::int[], ${req}::int[], ${per}::int[]) AS m(province_id, indicator_id, req, period_id)`;
  const l = q.links;
  // which stored values count: never drafts; open data narrows to its statuses and to one option
  const counted = sql`${q.statuses ? sql`v.status = ANY(${[...q.statuses]}::text[]) AND ${notPendingReview(sql`v`)}` : sql`v.status <> 'draft'`}${
    q.optionId === undefined ? sql`` : sql` AND v.category_option_id = ${q.optionId}`
  }`;
  // which units count for which target: each target's subtree, or the weighted links; with `pairs`,
  // only the asked indicators of each target
  const scope = l
    ? sql`SELECT l.ancestor_id, l.descendant_id, l.weight, l.depth
      FROM unnest(${l.targetIds}::int[], ${l.sourceIds}::int[], ${l.weights}::float8[], ${l.depths}::int[])
        AS l(ancestor_id, descendant_id, weight, depth)`
    : q.pairs
      ? sql`SELECT pr.indicator_id, c.ancestor_id, c.descendant_id, c.depth
      FROM unnest(${q.pairs.indicatorIds}::int[], ${q.pairs.targetIds}::int[]) AS pr(indicator_id, target_id)
      JOIN org_unit_closure c ON c.ancestor_id = pr.target_id`
      : sql`SELECT c.ancestor_id, c.descendant_id, c.depth FROM org_unit_closure c
      WHERE c.ancestor_id = ANY(${q.targetIds}::int[])`;
  const scopeJoin = q.pairs && !l ? sql` AND c.indicator_id = d.indicator_id` : sql``;
  // The values read (d) and the (target, unit) pairs (c) are each built once and then joined by
  // hash. Planned as one join, the planner (estimating a couple of values per key) rescanned the
  // closure and the pairs once per asked key: hundreds of scans of hundreds of rows (issue 16).
  const inputs = sql`WITH d AS MATERIALIZED (
      SELECT m.indicator_id, m.req, v.org_unit_id, v.period_id, v.value, v.numerator, v.denominator
      FROM ${lookups}
      CROSS JOIN LATERAL (
        -- driven from the asked (province, indicator, period) keys: primary-key lookups whatever the statistics say
        SELECT v.org_unit_id, v.period_id, v.value, v.numerator, v.denominator FROM data_value v
        WHERE v.province_id = m.province_id AND v.indicator_id = m.indicator_id
          AND v.period_id = m.period_id AND ${counted} OFFSET 0) v),
    c AS MATERIALIZED (${scope})`;
  // the weight travels with each (target, unit) and multiplies its figures
  const times = l ? sql` * c.weight` : sql``;
  const weight = l ? sql`, c.weight` : sql``;
  const carry = l ? sql`, x.weight` : sql``;
  // one cell per unit and period: disaggregation options add up
  const cells = q.hasOptions
    ? sql`
    SELECT d.indicator_id, d.req, c.ancestor_id AS target_id, c.depth, d.org_unit_id, d.period_id${weight},
           sum(d.value)${times} AS value, sum(d.numerator)${times} AS num, sum(d.denominator)${times} AS den
    FROM d JOIN c ON c.descendant_id = d.org_unit_id${scopeJoin}
    GROUP BY d.indicator_id, d.req, c.ancestor_id, c.depth, d.org_unit_id, d.period_id${weight}`
    : sql`
    SELECT d.indicator_id, d.req, c.ancestor_id AS target_id, c.depth, d.org_unit_id, d.period_id${weight},
           d.value${times} AS value, d.numerator${times} AS num, d.denominator${times} AS den
    FROM d JOIN c ON c.descendant_id = d.org_unit_id${scopeJoin}`;
  // one value per unit: only cells that have a value; periods combine by the time rule. Every
  // aggregate under a CASE is computed, whichever branch is taken: the "last value" arrays (a sort
  // per unit) are built only for the indicators that take them, or they cost more than the rest of
  // the statement for a year of monthly values (issue 14)
  const last = sql`i.time_aggregation NOT IN ('sum', 'average')`;
  const units = q.single
    ? sql`
      SELECT x.indicator_id, x.req, x.target_id, x.depth, x.org_unit_id, x.num, x.den${carry},
             CASE WHEN i.value_type = 'ratio' THEN x.num / NULLIF(x.den, 0) * i.ratio_scale ELSE x.value END AS value
      FROM (${cells}) x JOIN indicator i ON i.id = x.indicator_id
      WHERE CASE WHEN i.value_type = 'ratio' THEN x.num IS NOT NULL AND x.den IS NOT NULL ELSE x.value IS NOT NULL END`
    : sql`
      SELECT y.indicator_id, y.req, y.target_id, y.depth, y.org_unit_id, y.num, y.den${l ? sql`, y.weight` : sql``},
             CASE WHEN y.value_type = 'ratio' THEN y.num / NULLIF(y.den, 0) * y.ratio_scale ELSE y.value END AS value
      FROM (
        SELECT x.indicator_id, x.req, x.target_id, x.depth, x.org_unit_id, i.value_type, i.ratio_scale${carry},
          CASE i.time_aggregation WHEN 'sum' THEN sum(x.value) WHEN 'average' THEN avg(x.value)
               ELSE (array_agg(x.value ORDER BY x.period_id DESC) FILTER (WHERE ${last}))[1] END AS value,
          CASE i.time_aggregation WHEN 'sum' THEN sum(x.num) WHEN 'average' THEN avg(x.num)
               ELSE (array_agg(x.num ORDER BY x.period_id DESC) FILTER (WHERE ${last}))[1] END AS num,
          CASE i.time_aggregation WHEN 'sum' THEN sum(x.den) WHEN 'average' THEN avg(x.den)
               ELSE (array_agg(x.den ORDER BY x.period_id DESC) FILTER (WHERE ${last}))[1] END AS den
        FROM (${cells}) x JOIN indicator i ON i.id = x.indicator_id
        WHERE CASE WHEN i.value_type = 'ratio' THEN x.num IS NOT NULL AND x.den IS NOT NULL ELSE x.value IS NOT NULL END
          ${
            q.ends
              ? sql`AND (i.time_aggregation = 'sum' OR NOT EXISTS (SELECT 1 FROM org_unit ou
                  WHERE ou.id = x.org_unit_id AND ou.valid_to < (${q.ends}::date[])[x.req + 1]))`
              : sql``
          }
        GROUP BY x.indicator_id, x.req, x.target_id, x.depth, x.org_unit_id, i.value_type, i.ratio_scale, i.time_aggregation${carry}
      ) y`;
  // every statistic of domain/aggregate.ts unitStatistics, over the units that reported
  const statement = sql<AggregateRow>`${inputs}
    SELECT u.indicator_id AS "indicatorId", u.req, u.target_id AS "targetId", count(*)::int AS reported,
           sum(u.value) AS sum, avg(u.value) AS avg, min(u.value) AS min, max(u.value) AS max,
           CASE WHEN count(*) = 1 THEN max(u.value) END AS one,
           sum(u.num) AS num, sum(u.den) AS den, array_agg(DISTINCT u.depth) AS depths${
             l
               ? sql`,
           bool_or(u.weight < 1) AS estimated`
               : sql``
           }
    FROM (${units}) u
    GROUP BY u.indicator_id, u.req, u.target_id`;
  const rows = await rowsOf(database, statement);
  const n = (x: number | string | null) => (x === null || x === undefined ? null : Number(x));
  return rows.map((x) => ({
    ...x,
    sum: n(x.sum),
    avg: n(x.avg),
    min: n(x.min),
    max: n(x.max),
    one: n(x.one),
    num: n(x.num),
    den: n(x.den),
  }));
}

/**
 * The rows of a statement. On PGlite, many rows come back as one JSON text: its driver decodes
 * every field of every row on its own (a TextDecoder call each), which cost more than the
 * statement for the thousands of rows of a plan's targets (issue 16); the values are the same
 * (a float8 prints the same digits in JSON as in a row). PostgreSQL's driver reads rows fast.
 */
async function rowsOf<R>(database: Database, statement: RawBuilder<R>): Promise<R[]> {
  if (database.kind !== 'pglite') return (await statement.execute(database.db)).rows;
  const r = await sql<{
    rows: string;
  }>`SELECT coalesce(json_agg(z), '[]')::text AS rows FROM (${statement}) z`.execute(database.db);
  return JSON.parse(r.rows[0].rows) as R[];
}

/** A row of sums (rollupValues, wholeProvinceValues), as the statement gives it. */
interface SumsRow {
  indicator_id: number;
  req: number;
  target_id: number;
  reported: number;
  sum: number | string | null;
  num: number | string | null;
  den: number | string | null;
  depths: number[] | null;
}

/** The statistics of a row of sums: the sum and ratio rules read nothing else. */
function sumsRow(x: SumsRow): AggregateRow {
  const n = (v: number | string | null) => (v === null || v === undefined ? null : Number(v));
  return {
    indicatorId: x.indicator_id,
    req: x.req,
    targetId: x.target_id,
    reported: x.reported,
    sum: n(x.sum),
    avg: null,
    min: null,
    max: null,
    one: null,
    num: n(x.num),
    den: n(x.den),
    depths: x.depths ?? [],
  };
}

export interface RollupQuery {
  /**
   * One row per (indicator, asked period index, stored period id). An asked period spanning several
   * stored ones is summed over them: right for sums under the time rule sum, but `reported` then
   * counts unit-periods, not units (services/analyticsCells `valuesOnly`).
   */
  map: Array<{ indicatorId: number; req: number; periodId: number }>;
  /** Whole provinces (the rows of their province_id) … */
  provinceTargets: Array<{ id: number; level: number }>;
  /** … and the national root (every row). */
  nationTargets: Array<{ id: number; level: number }>;
}

/**
 * The statistics of `aggregateValues` for whole provinces and the nation, read from the rollup
 * (migration 012) instead of per unit: exact for indicators without disaggregation whose unit rule
 * is sum or ratio and whose asked periods are stored periods (each unit one row per period). Only
 * `reported`, `sum`, `num`, `den` and `depths` are filled: those rules read nothing else.
 */
export async function rollupValues(database: Database, q: RollupQuery): Promise<AggregateRow[]> {
  if (q.map.length === 0) return [];
  const all = [...q.provinceTargets, ...q.nationTargets];
  if (all.length === 0) return [];
  const m = sql`unnest(${q.map.map((x) => x.indicatorId)}::int[], ${q.map.map((x) => x.req)}::int[],
    ${q.map.map((x) => x.periodId)}::int[]) AS m(indicator_id, req, period_id)`;
  const t = (list: Array<{ id: number; level: number }>) =>
    sql`unnest(${list.map((x) => x.id)}::int[], ${list.map((x) => x.level)}::int[]) AS t(id, level)`;
  // a ratio indicator counts a unit with both parts, any other one with a value
  const stats = sql`
      sum(CASE WHEN i.value_type = 'ratio' THEN r.n_ratio ELSE r.n_value END)::int AS reported,
      sum(r.sum_value) AS sum, sum(r.sum_num) AS num, sum(r.sum_den) AS den,
      array_agg(DISTINCT r.level - t.level) FILTER (WHERE CASE WHEN i.value_type = 'ratio' THEN r.n_ratio ELSE r.n_value END > 0) AS depths`;
  const parts = [];
  if (q.provinceTargets.length)
    parts.push(sql`
      SELECT m.indicator_id, m.req, t.id AS target_id, ${stats}
      FROM ${m} CROSS JOIN ${t(q.provinceTargets)}
      JOIN indicator i ON i.id = m.indicator_id
      JOIN data_value_rollup r ON r.province_id = t.id AND r.indicator_id = m.indicator_id AND r.period_id = m.period_id
      GROUP BY m.indicator_id, m.req, t.id`);
  if (q.nationTargets.length)
    parts.push(sql`
      SELECT m.indicator_id, m.req, t.id AS target_id, ${stats}
      FROM ${m} CROSS JOIN ${t(q.nationTargets)}
      JOIN indicator i ON i.id = m.indicator_id
      JOIN data_value_rollup r ON r.indicator_id = m.indicator_id AND r.period_id = m.period_id
      GROUP BY m.indicator_id, m.req, t.id`);
  const r =
    await sql<SumsRow>`SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) x WHERE x.reported > 0`.execute(
      database.db,
    );
  return r.rows.map(sumsRow);
}

export interface WholeProvinceQuery {
  /** One row per (indicator, asked period index, stored period id); an asked period may span many stored ones. */
  map: Array<{ indicatorId: number; req: number; periodId: number }>;
  /** The targets, each with the provinces (province_id values) whose every row it covers. */
  targets: Array<{ id: number; level: number; provinceIds: number[] }>;
}

/**
 * The statistics of `aggregateValues` for whole provinces and the nation over a time roll-up (a
 * year of monthly values), straight from each province's rows: no closure join and no per-unit
 * grouping. Exact for indicators without disaggregation whose unit rule is sum or ratio and whose
 * time rule is sum: a unit's year is the sum of its months, so the target's sum (Σnum, Σden) is the
 * sum over the rows, and `reported` counts the distinct units with a value in the window. Only
 * `reported`, `sum`, `num`, `den` and `depths` are filled: those rules read nothing else.
 */
export async function wholeProvinceValues(
  database: Database,
  q: WholeProvinceQuery,
): Promise<AggregateRow[]> {
  if (q.map.length === 0 || q.targets.length === 0) return [];
  const tIds: number[] = [];
  const tLevels: number[] = [];
  const tProvinces: number[] = [];
  for (const t of q.targets)
    for (const p of t.provinceIds) {
      tIds.push(t.id);
      tLevels.push(t.level);
      tProvinces.push(p);
    }
  if (tIds.length === 0) return [];
  const r = await sql<SumsRow>`
    WITH d AS MATERIALIZED (
      SELECT p.target_id, p.target_level, m.indicator_id, m.req, v.org_unit_id, v.value, v.numerator, v.denominator
      FROM unnest(${tIds}::int[], ${tLevels}::int[], ${tProvinces}::int[]) AS p(target_id, target_level, province_id)
      CROSS JOIN unnest(${q.map.map((x) => x.indicatorId)}::int[], ${q.map.map((x) => x.req)}::int[],
        ${q.map.map((x) => x.periodId)}::int[]) AS m(indicator_id, req, period_id)
      JOIN indicator i ON i.id = m.indicator_id
      CROSS JOIN LATERAL (
        -- one primary-key lookup per (province, indicator, stored period), as aggregateValues
        SELECT v.org_unit_id, v.value, v.numerator, v.denominator FROM data_value v
        WHERE v.province_id = p.province_id AND v.indicator_id = m.indicator_id AND v.period_id = m.period_id
          AND v.status <> 'draft'
          AND CASE WHEN i.value_type = 'ratio' THEN v.numerator IS NOT NULL AND v.denominator IS NOT NULL
                   ELSE v.value IS NOT NULL END
        OFFSET 0) v)
    SELECT d.indicator_id, d.req, d.target_id, count(DISTINCT d.org_unit_id)::int AS reported,
      sum(d.value) AS sum, sum(d.numerator) AS num, sum(d.denominator) AS den,
      array_agg(DISTINCT u.level - d.target_level) AS depths
    FROM d JOIN org_unit u ON u.id = d.org_unit_id
    GROUP BY d.indicator_id, d.req, d.target_id`.execute(database.db);
  return r.rows.map(sumsRow);
}

/** The latest period with a (non-draft) value of each indicator in a unit's subtree, at or before `maxPeriodId`. */
export async function latestPeriods(
  database: Database,
  q: {
    indicatorIds: number[];
    provinceId: number;
    unitId: number;
    /** the unit is a province (level 1) or the national root (level 0): read the rollup */
    whole: 'province' | 'nation' | null;
    maxPeriodId: number;
  },
) {
  const r = q.whole
    ? await sql<{ indicatorId: number; periodId: number | null }>`
        SELECT i.id AS "indicatorId",
          (SELECT max(r.period_id) FROM data_value_rollup r
            WHERE r.indicator_id = i.id AND r.period_id <= ${q.maxPeriodId} AND r.n_rows > 0
              ${q.whole === 'province' ? sql`AND r.province_id = ${q.provinceId}` : sql``}) AS "periodId"
        FROM unnest(${q.indicatorIds}::int[]) AS i(id)`.execute(database.db)
    : await sql<{ indicatorId: number; periodId: number | null }>`
        SELECT i.id AS "indicatorId",
          (SELECT max(d.period_id) FROM data_value d JOIN org_unit_closure c ON c.descendant_id = d.org_unit_id
            WHERE d.province_id = ${q.provinceId} AND d.indicator_id = i.id AND d.period_id <= ${q.maxPeriodId}
              AND c.ancestor_id = ${q.unitId} AND d.status <> 'draft') AS "periodId"
        FROM unnest(${q.indicatorIds}::int[]) AS i(id)`.execute(database.db);
  return r.rows;
}

/** The latest period with a (non-draft) value of each indicator among some units, at or before `maxPeriodId`. */
export async function latestPeriodsOfUnits(
  database: Database,
  q: { indicatorIds: number[]; provinceIds: number[]; unitIds: number[]; maxPeriodId: number },
) {
  const r = await sql<{ indicatorId: number; periodId: number | null }>`
    SELECT i.id AS "indicatorId",
      (SELECT max(d.period_id) FROM data_value d
        WHERE d.province_id = ANY(${q.provinceIds}::int[]) AND d.indicator_id = i.id
          AND d.period_id <= ${q.maxPeriodId} AND d.org_unit_id = ANY(${q.unitIds}::int[])
          AND d.status <> 'draft') AS "periodId"
    FROM unnest(${q.indicatorIds}::int[]) AS i(id)`.execute(database.db);
  return r.rows;
}

/**
 * What the geography mapping (domain/geography.ts) needs to place the figures of `provinceIds`' units:
 * every version and lineage row of the provinces connected to them through lineage (a unit's figures
 * only move along its parents, inside its province, and along lineage rows). One row of JSON text:
 * far cheaper to carry than thousands of rows.
 */
export async function geographyInputs(
  database: Database,
  provinceIds: number[],
): Promise<{ versions: VersionNode[]; lineage: LineageEdge[] }> {
  const r = await sql<{ versions: string; lineage: string }>`
    WITH RECURSIVE crossing AS (
      SELECT DISTINCT n.province_id AS a, o.province_id AS b
      FROM org_unit_lineage l JOIN org_unit n ON n.id = l.new_unit_id JOIN org_unit o ON o.id = l.old_unit_id
      WHERE n.province_id <> o.province_id),
    reach(p) AS (
      SELECT unnest(${provinceIds}::int[])
      UNION
      SELECT CASE WHEN k.a = r.p THEN k.b ELSE k.a END FROM crossing k JOIN reach r ON r.p IN (k.a, k.b))
    SELECT
      (SELECT coalesce(json_agg(json_build_array(u.id, u.parent_id, u.path, u.level, u.kind, u.valid_from, u.valid_to)), '[]')::text
        FROM org_unit u WHERE u.province_id IN (SELECT p FROM reach) OR u.level = 0) AS versions,
      (SELECT coalesce(json_agg(json_build_array(l.new_unit_id, l.old_unit_id, l.kind, l.share)), '[]')::text
        FROM org_unit_lineage l JOIN org_unit n ON n.id = l.new_unit_id
        WHERE n.province_id IN (SELECT p FROM reach)) AS lineage`.execute(database.db);
  const row = r.rows[0];
  type V = [number, number | null, number[], number, string, string | null, string | null];
  type L = [number, number, 'full' | 'partial', number];
  return {
    versions: (JSON.parse(row.versions) as V[]).map(
      ([id, parentId, path, level, kind, validFrom, validTo]) => ({
        id,
        parentId,
        path,
        level,
        kind,
        validFrom,
        validTo,
      }),
    ),
    lineage: (JSON.parse(row.lineage) as L[]).map(([newUnitId, oldUnitId, kind, share]) => ({
      newUnitId,
      oldUnitId,
      kind,
      share: Number(share),
    })),
  };
}
