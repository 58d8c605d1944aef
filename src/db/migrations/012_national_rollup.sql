-- The national root and the province rollup (issue #14; docs/decisions/0012-national-root-rollup.md).
--
-- 1. Việt Nam (code VN) is the one unit of level 0, kind 'nation', valid over all dates. It is no
--    unit's parent: provinces keep no parent (parent_id NULL, as the unit files give them), but it
--    heads every path and has a closure row to every unit, so a subtree read over VN covers the
--    nation. Its province_id is NULL: province_id stays "the level-1 ancestor" (the distribution key).
--    repositories/orgUnits.ts rebuildTree keeps it (creates it when there are provinces and no root).
ALTER TABLE org_unit DROP CONSTRAINT org_unit_level_check;
ALTER TABLE org_unit ADD CONSTRAINT org_unit_level_check CHECK (level BETWEEN 0 AND 10);
ALTER TABLE org_unit DROP CONSTRAINT org_unit_kind_check;
ALTER TABLE org_unit ADD CONSTRAINT org_unit_kind_check
  CHECK (kind IN ('nation','province','district','commune','hamlet','department','agency','community_team'));
ALTER TABLE org_unit ADD CONSTRAINT org_unit_nation_level CHECK ((kind = 'nation') = (level = 0));
-- at most one root
CREATE UNIQUE INDEX org_unit_one_root_uq ON org_unit ((true)) WHERE level = 0;

INSERT INTO org_unit (code, name, name_search, kind, type, level)
SELECT 'VN', 'Việt Nam', 'viet nam', 'nation', 'Quốc gia', 0
WHERE EXISTS (SELECT 1 FROM org_unit WHERE level = 1)
  AND NOT EXISTS (SELECT 1 FROM org_unit WHERE code = 'VN');

UPDATE org_unit o SET path = r.id || o.path
FROM org_unit r WHERE r.level = 0 AND o.level > 0 AND NOT (r.id = ANY(o.path))
  AND o.path[1] IN (SELECT id FROM org_unit WHERE parent_id IS NULL AND level = 1);
UPDATE org_unit SET path = ARRAY[id], province_id = NULL WHERE level = 0;
INSERT INTO org_unit_closure (ancestor_id, descendant_id, depth)
SELECT r.id, o.id, (cardinality(o.path) - 1)::smallint
FROM org_unit r JOIN org_unit o ON o.path[1] = r.id
WHERE r.level = 0
ON CONFLICT DO NOTHING;

-- 2. The rollup: per (province, indicator, stored period, level of the reporting unit), the
--    non-draft values summed, kept by statement triggers in the writing statement's own
--    transaction (every writer: merge, COPY, delete, status changes, re-parenting), so a read after
--    the write's commit sees it. Sums and counts only: read for the unit rules sum and ratio of
--    indicators without disaggregation (each unit one row), where they are exact.
CREATE TABLE data_value_rollup (
  province_id   integer NOT NULL,
  indicator_id  integer NOT NULL,
  period_id     integer NOT NULL,
  level         smallint NOT NULL,
  n_rows        integer NOT NULL,           -- non-draft rows (any value): "has data" for latest periods
  n_value       integer NOT NULL,           -- rows with a value
  sum_value     double precision NOT NULL,  -- Σ value over them
  n_ratio       integer NOT NULL,           -- rows with numerator and denominator
  sum_num       double precision NOT NULL,  -- Σ numerator over them
  sum_den       double precision NOT NULL,  -- Σ denominator over them
  PRIMARY KEY (province_id, indicator_id, period_id, level)
);
CREATE INDEX data_value_rollup_ind_idx ON data_value_rollup (indicator_id, period_id);

-- adds each changed row's part (+1 new, -1 old) in key order (concurrent writers lock rows in one
-- order); a change that moves no sum or count (an approval, a comment, a follow-up mark) locks nothing
CREATE FUNCTION data_value_rollup_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS s FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS s FROM old_rows'
    ELSE 'SELECT *, 1 AS s FROM new_rows UNION ALL SELECT *, -1 AS s FROM old_rows' END;
BEGIN
  EXECUTE format($q$
    INSERT INTO data_value_rollup AS r (province_id, indicator_id, period_id, level,
      n_rows, n_value, sum_value, n_ratio, sum_num, sum_den)
    SELECT * FROM (
      SELECT d.province_id, d.indicator_id, d.period_id, u.level,
        sum(d.s)::int AS n_rows,
        coalesce(sum(d.s) FILTER (WHERE d.value IS NOT NULL), 0)::int AS n_value,
        coalesce(sum(d.s * d.value), 0) AS sum_value,
        coalesce(sum(d.s) FILTER (WHERE d.numerator IS NOT NULL AND d.denominator IS NOT NULL), 0)::int AS n_ratio,
        coalesce(sum(d.s * d.numerator) FILTER (WHERE d.denominator IS NOT NULL), 0) AS sum_num,
        coalesce(sum(d.s * d.denominator) FILTER (WHERE d.numerator IS NOT NULL), 0) AS sum_den
      FROM (%s) d JOIN org_unit u ON u.id = d.org_unit_id
      WHERE d.status <> 'draft'
      GROUP BY 1, 2, 3, 4) x
    WHERE (x.n_rows, x.n_value, x.sum_value, x.n_ratio, x.sum_num, x.sum_den) <> (0, 0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (province_id, indicator_id, period_id, level) DO UPDATE SET
      n_rows = r.n_rows + excluded.n_rows, n_value = r.n_value + excluded.n_value,
      sum_value = r.sum_value + excluded.sum_value, n_ratio = r.n_ratio + excluded.n_ratio,
      sum_num = r.sum_num + excluded.sum_num, sum_den = r.sum_den + excluded.sum_den$q$, src);
  IF TG_OP <> 'INSERT' THEN
    -- a key with no row left goes (and with it any rounding left in its sums)
    EXECUTE format($q$
      DELETE FROM data_value_rollup r
      USING (SELECT DISTINCT province_id, indicator_id, period_id FROM (%s) d) k
      WHERE r.province_id = k.province_id AND r.indicator_id = k.indicator_id
        AND r.period_id = k.period_id AND r.n_rows = 0$q$, src);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER data_value_rollup_ins AFTER INSERT ON data_value
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_value_rollup_keep();
CREATE TRIGGER data_value_rollup_del AFTER DELETE ON data_value
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_value_rollup_keep();
CREATE TRIGGER data_value_rollup_upd AFTER UPDATE ON data_value
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_value_rollup_keep();

-- TRUNCATE fires no delete trigger: it empties the rollup too (by DELETE: a TRUNCATE here would fail
-- when the same statement truncates the rollup as well — "TRUNCATE data_value, data_value_rollup",
-- as a restore or a reset of every table does — and the rollup is small)
CREATE FUNCTION data_value_rollup_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM data_value_rollup;
  RETURN NULL;
END $$;
CREATE TRIGGER data_value_rollup_truncate AFTER TRUNCATE ON data_value
  FOR EACH STATEMENT EXECUTE FUNCTION data_value_rollup_clear();

-- the values already stored
INSERT INTO data_value_rollup (province_id, indicator_id, period_id, level,
  n_rows, n_value, sum_value, n_ratio, sum_num, sum_den)
SELECT d.province_id, d.indicator_id, d.period_id, u.level, count(*)::int, count(d.value)::int,
  coalesce(sum(d.value), 0),
  count(*) FILTER (WHERE d.numerator IS NOT NULL AND d.denominator IS NOT NULL)::int,
  coalesce(sum(d.numerator) FILTER (WHERE d.denominator IS NOT NULL), 0),
  coalesce(sum(d.denominator) FILTER (WHERE d.numerator IS NOT NULL), 0)
FROM data_value d JOIN org_unit u ON u.id = d.org_unit_id
WHERE d.status <> 'draft'
GROUP BY 1, 2, 3, 4;
