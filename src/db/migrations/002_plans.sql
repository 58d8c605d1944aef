-- Plans (kế hoạch / đề án), their quantified targets (mục tiêu) and tasks (nhiệm vụ).
-- PostgreSQL 15 SQL. Every table carries province_id (the scope unit's province), the key it
-- would be distributed on under Citus.

CREATE TABLE plan (
  id              serial PRIMARY KEY,
  province_id     integer NOT NULL,
  code            text NOT NULL UNIQUE,
  name            text NOT NULL,
  name_en         text,
  issuing_body    text,
  document_number text,
  document_date   date,
  period_from     text NOT NULL,             -- period code (2023, 2024Q1 …)
  period_to       text NOT NULL,
  scope_unit_id   integer NOT NULL REFERENCES org_unit(id),
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('draft','active','completed','cancelled')),
  links           jsonb NOT NULL DEFAULT '[]', -- [{"url", "note"}]: linked documents
  description     text,
  created_by      integer,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_scope_idx ON plan (scope_unit_id);

-- A target applies to one unit (scope_level NULL) or to every unit of scope_level (and
-- scope_kind, when given) inside scope_unit_id: "60% at commune level" answers one item per unit.
CREATE TABLE target (
  id                   serial PRIMARY KEY,
  province_id          integer NOT NULL,
  plan_id              integer NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  indicator_id         integer NOT NULL REFERENCES indicator(id),
  category_option_id   integer REFERENCES category_option(id),
  scope_unit_id        integer NOT NULL REFERENCES org_unit(id),
  scope_level          smallint CHECK (scope_level BETWEEN 1 AND 10),
  scope_kind           text,
  baseline_value       double precision,      -- NULL: read from the data at baseline_period
  baseline_period      text NOT NULL,
  target_value         double precision NOT NULL,
  comparator           text NOT NULL CHECK (comparator IN ('>=','<=','=')),
  deadline_period      text NOT NULL,
  lead_unit_id         integer REFERENCES org_unit(id),
  cooperating_unit_ids integer[] NOT NULL DEFAULT '{}',
  responsible_person   text,
  notes                text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX target_plan_idx ON target (plan_id);
CREATE INDEX target_indicator_idx ON target (indicator_id);

CREATE TABLE task (
  id                   serial PRIMARY KEY,
  province_id          integer NOT NULL,
  plan_id              integer NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  title                text NOT NULL,
  description          text,
  lead_unit_id         integer NOT NULL REFERENCES org_unit(id),
  cooperating_unit_ids integer[] NOT NULL DEFAULT '{}',
  responsible_person   text,
  start_date           date,
  due_date             date NOT NULL,
  status               text NOT NULL DEFAULT 'not_started'
                         CHECK (status IN ('not_started','in_progress','done','cancelled')),
  percent_complete     smallint NOT NULL DEFAULT 0 CHECK (percent_complete BETWEEN 0 AND 100),
  evidence             text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (start_date IS NULL OR start_date <= due_date)
);
CREATE INDEX task_plan_idx ON task (plan_id);
CREATE INDEX task_lead_idx ON task (lead_unit_id);
CREATE INDEX task_due_idx ON task (due_date);

CREATE TABLE task_target (
  task_id   integer NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  target_id integer NOT NULL REFERENCES target(id) ON DELETE CASCADE,
  PRIMARY KEY (task_id, target_id)
);
CREATE INDEX task_target_target_idx ON task_target (target_id);

CREATE TABLE task_comment (
  id         serial PRIMARY KEY,
  task_id    integer NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  user_id    integer,
  username   text,
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_comment_task_idx ON task_comment (task_id);
