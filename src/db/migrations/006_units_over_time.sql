-- Units over time (docs/ARCHITECTURE.md "Units over time"; decision 0008 on lineage weighting).
-- A code names one unit at one date: each version of a unit is its own org_unit row with its own
-- id, parent, level, name and validity [valid_from, valid_to] (NULL = open). Data values, targets,
-- submissions and grants point at a version. Two versions of one code never overlap in time.
ALTER TABLE org_unit DROP CONSTRAINT org_unit_code_key;
CREATE UNIQUE INDEX org_unit_code_from_uq ON org_unit (code, (COALESCE(valid_from, DATE '0001-01-01')));

CREATE FUNCTION org_unit_versions_disjoint() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM org_unit o
    WHERE o.code = NEW.code AND o.id <> NEW.id
      AND COALESCE(o.valid_from, DATE '0001-01-01') <= COALESCE(NEW.valid_to, DATE '9999-12-31')
      AND COALESCE(NEW.valid_from, DATE '0001-01-01') <= COALESCE(o.valid_to, DATE '9999-12-31')) THEN
    RAISE EXCEPTION 'org unit % has overlapping versions', NEW.code USING ERRCODE = '23P01';
  END IF;
  RETURN NULL;
END $$;

-- checked at commit, so a restructuring can close the old version and open the new one in any order
CREATE CONSTRAINT TRIGGER org_unit_versions_disjoint
  AFTER INSERT OR UPDATE OF code, valid_from, valid_to ON org_unit
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION org_unit_versions_disjoint();

-- Which old versions each new version was formed from, on the date the restructuring took effect.
-- kind 'full': the whole old unit went in (share 1). 'partial': a part of it did; share is that part,
-- given in the file or, when not given, assumed by the weighting method (setting 'lineage.weighting',
-- 'equal' by default: the old unit's unshared remainder split equally among its partial parts).
CREATE TABLE org_unit_lineage (
  id            serial PRIMARY KEY,
  effective     date NOT NULL,
  new_unit_id   integer NOT NULL REFERENCES org_unit(id),
  old_unit_id   integer NOT NULL REFERENCES org_unit(id),
  kind          text NOT NULL CHECK (kind IN ('full','partial')),
  share         double precision NOT NULL CHECK (share > 0 AND share <= 1),
  share_method  text NOT NULL DEFAULT 'given' CHECK (share_method IN ('given','equal','population','area')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (old_unit_id, new_unit_id),
  CHECK (kind = 'partial' OR share = 1)
);
CREATE INDEX org_unit_lineage_new_idx ON org_unit_lineage (new_unit_id);
