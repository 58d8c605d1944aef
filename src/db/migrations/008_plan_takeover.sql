-- A merged unit's plan taken over by its successor (issue: units over time, plans across the break).
-- The plan keeps the scope it was made for in taken_over_from; a target's baseline read from the old
-- units' data is recomputed in the new geography and stored, estimated when partial lineage went in.
ALTER TABLE plan ADD COLUMN taken_over_from integer REFERENCES org_unit(id);
ALTER TABLE plan ADD COLUMN taken_over_at timestamptz;
ALTER TABLE target ADD COLUMN baseline_estimated boolean NOT NULL DEFAULT false;
ALTER TABLE target ADD COLUMN taken_over_from integer REFERENCES org_unit(id);
