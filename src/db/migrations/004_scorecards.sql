-- Scorecards (bộ chỉ số đánh giá), their yearly versions, self-assessment and appraisal of leaves,
-- and frozen emulation reviews (sơ kết / tổng kết). PostgreSQL 15 SQL.

CREATE TABLE scorecard (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One definition per year it takes effect; a period is scored by the version with the largest
-- valid_from ≤ the period's year (valid_from 0: in force since always). Old versions are kept.
CREATE TABLE scorecard_version (
  id            serial PRIMARY KEY,
  scorecard_id  integer NOT NULL REFERENCES scorecard(id) ON DELETE CASCADE,
  valid_from    smallint NOT NULL DEFAULT 0 CHECK (valid_from = 0 OR valid_from BETWEEN 1990 AND 2100),
  name          text NOT NULL,
  definition    jsonb NOT NULL,
  created_by    integer,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (scorecard_id, valid_from)
);

-- A unit's self-assessment of a leaf, the appraisal council's score and the final score, side by side.
CREATE TABLE scorecard_assessment (
  province_id      integer NOT NULL,
  scorecard_id     integer NOT NULL REFERENCES scorecard(id) ON DELETE CASCADE,
  period_id        integer NOT NULL,
  org_unit_id      integer NOT NULL REFERENCES org_unit(id),
  component_code   text NOT NULL,
  self_score       double precision CHECK (self_score BETWEEN 0 AND 1),
  self_evidence    text,
  self_url         text,
  self_by          integer,
  self_at          timestamptz,
  appraised_score  double precision CHECK (appraised_score BETWEEN 0 AND 1),
  appraised_note   text,
  appraised_by     integer,
  appraised_at     timestamptz,
  final_score      double precision CHECK (final_score BETWEEN 0 AND 1),
  final_note       text,
  final_by         integer,
  final_at         timestamptz,
  PRIMARY KEY (province_id, scorecard_id, period_id, org_unit_id, component_code)
);

-- A frozen emulation review: the ranking (and target statuses) as they stood, never recomputed.
CREATE TABLE emulation_review (
  id            serial PRIMARY KEY,
  scorecard_id  integer NOT NULL REFERENCES scorecard(id),
  kind          text NOT NULL CHECK (kind IN ('interim','final')),
  title         text NOT NULL,
  review_date   date NOT NULL,
  period        text NOT NULL,
  scope         jsonb NOT NULL,
  snapshot      jsonb NOT NULL,
  created_by    integer,
  created_by_name text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX emulation_review_date_idx ON emulation_review (review_date DESC, id DESC);
