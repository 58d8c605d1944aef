-- Periodic reporting (chế độ báo cáo): report forms, their indicators, submissions per
-- form × unit × period and the submissions' event history. PostgreSQL 15 SQL.
-- Submissions and events are large tables: they carry province_id first in their keys (Citus).

CREATE TABLE report_form (
  id                 serial PRIMARY KEY,
  code               text NOT NULL UNIQUE,
  name               text NOT NULL,
  name_en            text NOT NULL DEFAULT '',
  period_type        text NOT NULL CHECK (period_type IN ('month','quarter','half','nine_months','year')),
  -- reporting units: {"units": ["718", …]} or {"within": "74", "level": 2, "kind": "district"}
  unit_spec          jsonb NOT NULL,
  due_working_days   smallint NOT NULL DEFAULT 5 CHECK (due_working_days BETWEEN 0 AND 120),
  reminder_days      smallint NOT NULL DEFAULT 3 CHECK (reminder_days BETWEEN 0 AND 120),
  lock_days          smallint NOT NULL DEFAULT 30 CHECK (lock_days BETWEEN 0 AND 3650),
  approval_levels    smallint NOT NULL DEFAULT 1 CHECK (approval_levels BETWEEN 1 AND 5),
  rules              jsonb NOT NULL DEFAULT '[]',
  created_by         integer,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE report_form_indicator (
  form_id       integer NOT NULL REFERENCES report_form(id) ON DELETE CASCADE,
  indicator_id  integer NOT NULL REFERENCES indicator(id),
  sort          smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (form_id, indicator_id)
);
CREATE INDEX report_form_indicator_ind_idx ON report_form_indicator (indicator_id);

-- One per form × unit × period. first_submitted_at decides timeliness (a resubmission after a
-- return does not make a report late); submitted_at is the latest submission.
CREATE TABLE report_submission (
  province_id        integer NOT NULL,
  form_id            integer NOT NULL,
  period_id          integer NOT NULL,
  org_unit_id        integer NOT NULL,
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','returned')),
  approvals_done     smallint NOT NULL DEFAULT 0,
  first_submitted_at timestamptz,
  submitted_at       timestamptz,
  submitted_by       integer,
  approved_at        timestamptz,
  approved_by        integer,
  returned_at        timestamptz,
  returned_by        integer,
  return_reason      text,
  unlocked_at        timestamptz,
  unlocked_by        integer,
  unlock_reason      text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (province_id, form_id, period_id, org_unit_id)
);
CREATE INDEX report_submission_form_period_idx ON report_submission (form_id, period_id);
CREATE INDEX report_submission_unit_idx ON report_submission (org_unit_id, period_id);

-- Every state change of a submission: who, when, from, to, why. Append-only.
CREATE TABLE report_submission_event (
  id            bigserial,
  province_id   integer NOT NULL,
  form_id       integer NOT NULL,
  period_id     integer NOT NULL,
  org_unit_id   integer NOT NULL,
  action        text NOT NULL,
  from_status   text,
  to_status     text NOT NULL,
  reason        text,
  user_id       integer,
  at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (province_id, id)
);
CREATE INDEX report_submission_event_key_idx ON report_submission_event (province_id, form_id, org_unit_id, period_id);
