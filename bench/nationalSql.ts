/**
 * Hand-written SQL for the national benchmark's questions (written for this schema by hand, not
 * calling src/repositories): the reference the API is measured against. The rules are
 * PRODUCT.md's, as in ./sql.ts: drafts never count; a unit's months combine by the time rule
 * (`sum` for every national indicator), then units by the unit rule (sum, or Σnum/Σden × scale).
 */
import { sql } from 'kysely';
import type { Database } from '../src/db/index.js';
import type { SqlRow } from './sql.js';

/** One indicator for one year, one row per province (level 1): Σ over communes of Σ over months. */
export async function indicatorByProvince(database: Database, indicatorCode: string, periodIds: number[]) {
  const r = await sql<SqlRow>`
    WITH i AS MATERIALIZED (SELECT * FROM indicator WHERE code = ${indicatorCode}),
    unitval AS (
      SELECT d.province_id, d.org_unit_id, sum(d.value) AS v, sum(d.numerator) AS n, sum(d.denominator) AS dn
      FROM data_value d
      WHERE d.province_id = ANY(ARRAY(SELECT id FROM org_unit WHERE level = 1))
        AND d.indicator_id = (SELECT id FROM i) AND d.period_id = ANY(${periodIds}::int[]) AND d.status <> 'draft'
        AND CASE WHEN (SELECT value_type FROM i) = 'ratio' THEN d.numerator IS NOT NULL AND d.denominator IS NOT NULL
                 ELSE d.value IS NOT NULL END
      GROUP BY 1, 2),
    agg AS (
      SELECT province_id, count(*)::int AS reported, sum(v) AS s, sum(n) AS n, sum(dn) AS dn
      FROM unitval GROUP BY 1),
    expected AS (
      SELECT o.province_id, count(*)::int AS n FROM org_unit o, i
      WHERE o.level >= 2 AND o.kind = ANY(i.reporting_kinds) GROUP BY 1)
    SELECT i.code AS indicator, p.code AS "orgUnit", 0 AS period,
      CASE WHEN x.reported IS NULL THEN NULL
           WHEN i.value_type = 'ratio' THEN x.n / NULLIF(x.dn, 0) * i.ratio_scale ELSE x.s END AS value,
      COALESCE(x.reported, 0) AS reported, COALESCE(e.n, 0) AS expected
    FROM org_unit p CROSS JOIN i
    LEFT JOIN agg x ON x.province_id = p.id
    LEFT JOIN expected e ON e.province_id = p.id
    WHERE p.level = 1
    ORDER BY p.code`.execute(database.db);
  return r.rows;
}

/** A ratio for the whole nation in one year: Σnumerator / Σdenominator × scale. */
export async function nationalRatio(database: Database, indicatorCode: string, periodIds: number[]) {
  const r = await sql<{ value: number | null; numerator: number | null; denominator: number | null }>`
    SELECT sum(d.numerator) / NULLIF(sum(d.denominator), 0) * i.ratio_scale AS value,
           sum(d.numerator) AS numerator, sum(d.denominator) AS denominator
    FROM indicator i JOIN data_value d ON d.indicator_id = i.id
    WHERE d.province_id = ANY(ARRAY(SELECT id FROM org_unit WHERE level = 1))
      AND i.code = ${indicatorCode} AND d.period_id = ANY(${periodIds}::int[]) AND d.status <> 'draft'
      AND d.numerator IS NOT NULL AND d.denominator IS NOT NULL
    GROUP BY i.ratio_scale`.execute(database.db);
  const row = r.rows[0];
  return row
    ? { value: Number(row.value), numerator: Number(row.numerator), denominator: Number(row.denominator) }
    : { value: null, numerator: null, denominator: null };
}

export interface RankComponent {
  code: string;
  indicator: string;
  weight: number;
}

/**
 * A DTI-style ranking of the provinces for a year and the year before: each component's province
 * value (as indicatorByProvince), scored min-max across the provinces that have a value (a
 * province without one scores 0), weighted, summed, ranked 1, 2, 2, 4.
 */
export async function provinceRanking(
  database: Database,
  components: RankComponent[],
  years: number[],
  decimals: number,
) {
  const comp = sql.join(
    components.map((c) => sql`(${c.code}::text, ${c.indicator}::text, ${c.weight}::float8)`),
  );
  const r = await sql<{ year: number; orgUnit: string; score: number; rank: number }>`
    WITH comp(code, indicator, weight) AS (VALUES ${comp}),
    yr(year) AS (SELECT unnest(${years}::int[])),
    vals AS (
      SELECT c.code, y.year, d.province_id,
        CASE WHEN i.value_type = 'ratio' THEN sum(d.numerator) / NULLIF(sum(d.denominator), 0) * i.ratio_scale
             ELSE sum(d.value) END AS v
      FROM comp c JOIN indicator i ON i.code = c.indicator CROSS JOIN yr y
      JOIN data_value d ON d.province_id = ANY(ARRAY(SELECT id FROM org_unit WHERE level = 1)) AND d.indicator_id = i.id
        AND d.period_id BETWEEN y.year * 1000 + 14 AND y.year * 1000 + 124 AND d.period_id % 10 = 4
      WHERE d.status <> 'draft'
        AND CASE WHEN i.value_type = 'ratio' THEN d.numerator IS NOT NULL AND d.denominator IS NOT NULL
                 ELSE d.value IS NOT NULL END
      GROUP BY c.code, y.year, d.province_id, i.value_type, i.ratio_scale),
    scored AS (
      SELECT code, year, province_id,
        CASE WHEN max(v) OVER w = min(v) OVER w THEN 1
             ELSE (v - min(v) OVER w) / (max(v) OVER w - min(v) OVER w) END AS s
      FROM vals WINDOW w AS (PARTITION BY code, year)),
    total AS (
      SELECT y.year, p.id, p.code,
        round(COALESCE(sum(c.weight * s.s), 0)::numeric, ${decimals}::int)::float8 AS score
      FROM org_unit p CROSS JOIN yr y CROSS JOIN comp c
      LEFT JOIN scored s ON s.province_id = p.id AND s.year = y.year AND s.code = c.code
      WHERE p.level = 1
      GROUP BY y.year, p.id, p.code)
    SELECT year, code AS "orgUnit", score, rank() OVER (PARTITION BY year ORDER BY score DESC)::int AS rank
    FROM total ORDER BY year, rank, code`.execute(database.db);
  return r.rows;
}
