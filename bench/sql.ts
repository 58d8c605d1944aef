/**
 * Hand-written SQL that answers the benchmark's two analytics questions straight from the tables,
 * written for this schema by hand (it does not call src/repositories): the reference the API is
 * measured against. The rules are PRODUCT.md's: options add up per unit and period; drafts never
 * count; ratios aggregate as Σnumerator/Σdenominator × scale; a unit without a value is missing;
 * a longer period rolls up by the indicator's time rule.
 */
import { sql } from 'kysely';
import type { Database } from '../src/db/index.js';

export interface SqlRow {
  indicator: string;
  orgUnit: string;
  period: number;
  value: number | null;
  reported: number;
  expected: number;
  previousValue?: number | null;
}

/** The value of one indicator over a set of unit values (x), by its unit rule. */
const ruleValue = (a: string) =>
  sql.raw(`
  CASE WHEN ${a}.reported IS NULL OR ${a}.reported = 0 THEN NULL
       WHEN i.value_type = 'ratio' AND i.aggregation IN ('ratio','sum','none')
         THEN CASE WHEN i.aggregation = 'none' AND ${a}.reported > 1 THEN NULL
                   ELSE ${a}.n / NULLIF(${a}.dn, 0) * i.ratio_scale END
       WHEN i.aggregation = 'sum' THEN ${a}.s
       WHEN i.aggregation = 'average' THEN ${a}.a
       WHEN i.aggregation = 'min' THEN ${a}.mi
       WHEN i.aggregation = 'max' THEN ${a}.ma
       WHEN ${a}.reported = 1 THEN ${a}.ma
  END`);

/** One index range (indicator, period) of the province: options add up per unit, then units combine. */
const unitsAt = (period: ReturnType<typeof sql.raw>) => sql`
  SELECT count(*)::int AS reported, sum(c.v) AS s, avg(c.v) AS a, min(c.v) AS mi, max(c.v) AS ma,
         sum(c.n) AS n, sum(c.dn) AS dn
  FROM (
    SELECT sum(d.numerator) AS n, sum(d.denominator) AS dn,
           CASE WHEN i.value_type = 'ratio' THEN sum(d.numerator) / NULLIF(sum(d.denominator), 0) * i.ratio_scale
                ELSE sum(d.value) END AS v,
           CASE WHEN i.value_type = 'ratio' THEN sum(d.numerator) IS NOT NULL AND sum(d.denominator) IS NOT NULL
                ELSE sum(d.value) IS NOT NULL END AS ok
    FROM data_value d
    WHERE d.province_id = (SELECT id FROM prov) AND d.indicator_id = p.id AND d.period_id = ${period}
      AND d.status <> 'draft'
    GROUP BY d.org_unit_id) c
  WHERE c.ok`;

/**
 * Province overview: for every (non-derived) indicator, its latest period with data in the
 * province (at or before `maxPeriodId`), the province value then and in the period before, and
 * how many units reported out of how many should have. The whole province is province_id = P.
 */
export async function provinceOverview(database: Database, provinceCode: string, maxPeriodId: number) {
  const r = await provinceOverviewQuery(provinceCode, maxPeriodId).execute(database.db);
  return r.rows;
}

export function provinceOverviewQuery(provinceCode: string, maxPeriodId: number) {
  return sql<SqlRow>`
    WITH prov AS MATERIALIZED (SELECT id FROM org_unit WHERE code = ${provinceCode}),
    per AS MATERIALIZED (
      -- each indicator's latest period with data, and the period before it
      -- (period ids are (year*100 + end month)*10 + type digit)
      SELECT l.id, l.pid, m.len,
        ((((l.pid / 10 / 100) * 12 + (l.pid / 10) % 100 - 1 - m.len) / 12) * 100
          + ((l.pid / 10 / 100) * 12 + (l.pid / 10) % 100 - 1 - m.len) % 12 + 1) * 10 + l.pid % 10 AS prev_pid
      FROM (
        SELECT i.id,
          (SELECT d.period_id FROM data_value d
            WHERE d.province_id = (SELECT id FROM prov) AND d.indicator_id = i.id AND d.period_id <= ${maxPeriodId}
              AND d.status <> 'draft'
            ORDER BY d.period_id DESC LIMIT 1) AS pid
        FROM indicator i WHERE i.formula IS NULL) l
      JOIN (VALUES (0, 12), (1, 12), (2, 6), (3, 3), (4, 1)) AS m(digit, len) ON m.digit = l.pid % 10),
    kinds AS MATERIALIZED (
      SELECT u.kind, u.valid_from, u.valid_to, count(*)::int AS n
      FROM org_unit u WHERE u.province_id = (SELECT id FROM prov) GROUP BY 1, 2, 3)
    SELECT i.code AS indicator, ${provinceCode} AS "orgUnit", p.pid AS period,
      ${ruleValue('cur')} AS value,
      COALESCE(cur.reported, 0) AS reported,
      (SELECT COALESCE(sum(k.n), 0)::int FROM kinds k
        WHERE k.kind = ANY(i.reporting_kinds)
          AND (k.valid_from IS NULL OR k.valid_from <= b.p_end)
          AND (k.valid_to IS NULL OR k.valid_to >= b.p_start)) AS expected,
      ${ruleValue('prev')} AS "previousValue"
    FROM per p
    JOIN indicator i ON i.id = p.id
    CROSS JOIN LATERAL (
      SELECT (make_date(p.pid / 1000, (p.pid / 10) % 100, 1) + interval '1 month' - interval '1 day')::date AS p_end,
             (make_date(p.pid / 1000, (p.pid / 10) % 100, 1) - make_interval(months => p.len - 1))::date AS p_start) b
    CROSS JOIN LATERAL (${unitsAt(sql.raw('p.pid'))}) cur
    CROSS JOIN LATERAL (${unitsAt(sql.raw('p.prev_pid'))}) prev
    ORDER BY i.code`;
}

/**
 * One indicator for one year, one row per level-2 unit of the province (districts and
 * departments): each unit's subtree is found through org_unit.path (the entry after the province
 * is the level-2 ancestor; the national root heads the path); each reporting unit's months combine by the time rule, then units by the unit rule.
 * `periodIds` are the stored periods (of the indicator's frequency) that make up the year.
 */
export async function indicatorByLevel2(
  database: Database,
  provinceCode: string,
  indicatorCode: string,
  periodIds: number[],
) {
  const r = await sql<SqlRow>`
    WITH prov AS (SELECT id FROM org_unit WHERE code = ${provinceCode}),
    i AS (SELECT * FROM indicator WHERE code = ${indicatorCode}),
    target AS (SELECT u.id, u.code FROM org_unit u, prov WHERE u.province_id = prov.id AND u.level = 2),
    cell AS (
      SELECT o.path[array_position(o.path, o.province_id) + 1] AS target_id, d.org_unit_id, d.period_id,
             sum(d.value) AS v, sum(d.numerator) AS n, sum(d.denominator) AS dn
      FROM data_value d JOIN org_unit o ON o.id = d.org_unit_id
      WHERE d.province_id = (SELECT id FROM prov) AND d.indicator_id = (SELECT id FROM i)
        AND d.period_id = ANY(${periodIds}::int[]) AND d.status <> 'draft' AND o.level >= 2
      GROUP BY 1, 2, 3),
    unit_time AS (
      SELECT c.target_id, c.org_unit_id,
        CASE i.time_aggregation WHEN 'sum' THEN sum(c.v) WHEN 'average' THEN avg(c.v)
             ELSE (array_agg(c.v ORDER BY c.period_id DESC))[1] END AS v,
        CASE i.time_aggregation WHEN 'sum' THEN sum(c.n) WHEN 'average' THEN avg(c.n)
             ELSE (array_agg(c.n ORDER BY c.period_id DESC))[1] END AS n,
        CASE i.time_aggregation WHEN 'sum' THEN sum(c.dn) WHEN 'average' THEN avg(c.dn)
             ELSE (array_agg(c.dn ORDER BY c.period_id DESC))[1] END AS dn
      FROM cell c, i
      WHERE CASE WHEN i.value_type = 'ratio' THEN c.n IS NOT NULL AND c.dn IS NOT NULL ELSE c.v IS NOT NULL END
      GROUP BY c.target_id, c.org_unit_id, i.time_aggregation),
    unitval AS (
      SELECT t.target_id, t.n, t.dn,
             CASE WHEN i.value_type = 'ratio' THEN t.n / NULLIF(t.dn, 0) * i.ratio_scale ELSE t.v END AS v
      FROM unit_time t, i),
    agg AS (
      SELECT target_id, count(*)::int AS reported, sum(v) AS s, avg(v) AS a, min(v) AS mi, max(v) AS ma,
             sum(n) AS n, sum(dn) AS dn
      FROM unitval GROUP BY target_id),
    expected AS (
      SELECT o.path[array_position(o.path, o.province_id) + 1] AS target_id, count(*)::int AS n
      FROM org_unit o, prov, i
      WHERE o.province_id = prov.id AND o.level >= 2 AND o.kind = ANY(i.reporting_kinds)
      GROUP BY 1)
    SELECT i.code AS indicator, t.code AS "orgUnit", 0 AS period,
      ${ruleValue('x')} AS value, COALESCE(x.reported, 0) AS reported, COALESCE(e.n, 0) AS expected
    FROM target t CROSS JOIN i
    LEFT JOIN agg x ON x.target_id = t.id
    LEFT JOIN expected e ON e.target_id = t.id
    ORDER BY t.code`.execute(database.db);
  return r.rows;
}
