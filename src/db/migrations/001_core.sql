-- chiso core schema. PostgreSQL 15 SQL only (PGlite runs a newer engine; keep to what 15 has).
-- Large tables carry province_id, the key they would be distributed on under Citus.

CREATE TABLE org_unit (
  id            serial PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  name_search   text NOT NULL,            -- folded: lower case, no diacritics
  kind          text NOT NULL CHECK (kind IN ('province','district','commune','hamlet','department','agency','community_team')),
  type          text,                     -- the source's Vietnamese type: Tỉnh, Huyện, Xã, Sở …
  level         smallint NOT NULL CHECK (level BETWEEN 1 AND 10),
  parent_id     integer REFERENCES org_unit(id),
  province_id   integer,                  -- the level-1 ancestor (itself for a province)
  path          integer[] NOT NULL DEFAULT '{}', -- ids from the root down to this unit
  valid_from    date,
  valid_to      date,
  geometry      jsonb,                    -- GeoJSON geometry, optional
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX org_unit_parent_idx ON org_unit (parent_id);
CREATE INDEX org_unit_level_idx ON org_unit (level, province_id);

-- Every (ancestor, descendant) pair, the unit itself included at depth 0.
CREATE TABLE org_unit_closure (
  ancestor_id   integer NOT NULL,
  descendant_id integer NOT NULL,
  depth         smallint NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX org_unit_closure_desc_idx ON org_unit_closure (descendant_id);

CREATE TABLE pillar (
  code     text PRIMARY KEY,
  name     text NOT NULL,
  name_en  text NOT NULL,
  sort     smallint NOT NULL DEFAULT 0
);

CREATE TABLE field (
  code     text PRIMARY KEY,
  name     text NOT NULL,
  name_en  text NOT NULL
);

CREATE TABLE category (
  code     text PRIMARY KEY,
  name     text NOT NULL,
  name_en  text NOT NULL
);

CREATE TABLE category_option (
  id            serial PRIMARY KEY,
  category_code text NOT NULL REFERENCES category(code),
  code          text NOT NULL,
  name          text NOT NULL,
  name_en       text NOT NULL,
  sort          smallint NOT NULL DEFAULT 0,
  UNIQUE (category_code, code)
);

CREATE TABLE indicator (
  id               serial PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  name             text NOT NULL,
  name_en          text NOT NULL,
  name_search      text NOT NULL,
  definition       text,
  definition_en    text,
  unit             text NOT NULL DEFAULT '',
  pillar           text NOT NULL REFERENCES pillar(code),
  field            text REFERENCES field(code),
  value_type       text NOT NULL CHECK (value_type IN ('number','count','ratio','boolean')),
  aggregation      text NOT NULL CHECK (aggregation IN ('sum','average','ratio','min','max','none')),
  time_aggregation text NOT NULL CHECK (time_aggregation IN ('sum','last','average')),
  polarity         text NOT NULL DEFAULT 'higher' CHECK (polarity IN ('higher','lower')),
  frequency        text NOT NULL CHECK (frequency IN ('month','quarter','half','nine_months','year')),
  ratio_scale      double precision NOT NULL DEFAULT 100,
  decimals         smallint,
  owner_unit_id    integer REFERENCES org_unit(id),
  source           text,
  reporting_kinds  text[] NOT NULL DEFAULT '{}',
  category_code    text REFERENCES category(code),
  formula          text,
  published        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- One value per indicator × unit × period × category option (0 = no disaggregation).
-- period_id encodes the period and sorts by end date (src/domain/period.ts).
CREATE TABLE data_value (
  province_id        integer NOT NULL,
  indicator_id       integer NOT NULL,
  period_id          integer NOT NULL,
  org_unit_id        integer NOT NULL,
  category_option_id integer NOT NULL DEFAULT 0,
  value              double precision,
  numerator          double precision,
  denominator        double precision,
  comment            text,
  status             text NOT NULL DEFAULT 'submitted' CHECK (status IN ('draft','submitted','approved','returned')),
  source             text NOT NULL DEFAULT 'api' CHECK (source IN ('form','import','api','dhis2','demo')),
  created_by         integer,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_by         integer,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (province_id, indicator_id, period_id, org_unit_id, category_option_id)
);

-- Every change of a stored value: the value before and after, who and when. Append-only.
CREATE TABLE data_value_history (
  id                 bigserial,
  province_id        integer NOT NULL,
  indicator_id       integer NOT NULL,
  period_id          integer NOT NULL,
  org_unit_id        integer NOT NULL,
  category_option_id integer NOT NULL DEFAULT 0,
  change             text NOT NULL CHECK (change IN ('update','delete')),
  old_value          double precision,
  old_numerator      double precision,
  old_denominator    double precision,
  old_status         text,
  old_by             integer,
  old_at             timestamptz,
  new_value          double precision,
  new_numerator      double precision,
  new_denominator    double precision,
  new_status         text,
  changed_by         integer,
  changed_at         timestamptz NOT NULL DEFAULT now(),
  source             text,
  PRIMARY KEY (province_id, id)
);
CREATE INDEX data_value_history_key_idx ON data_value_history (province_id, indicator_id, org_unit_id, period_id);

CREATE TABLE app_user (
  id                  serial PRIMARY KEY,
  username            text NOT NULL UNIQUE,
  display_name        text NOT NULL DEFAULT '',
  email               text,
  password_hash       text NOT NULL,
  is_admin            boolean NOT NULL DEFAULT false,
  org_unit_id         integer REFERENCES org_unit(id),
  disabled            boolean NOT NULL DEFAULT false,
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at          timestamptz NOT NULL DEFAULT now()
);

-- A role granted on an org-unit subtree (admin, leader, secretariat, reporter, viewer).
CREATE TABLE user_grant (
  id          serial PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('admin','leader','secretariat','reporter','viewer')),
  org_unit_id integer NOT NULL REFERENCES org_unit(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, role, org_unit_id)
);

CREATE TABLE user_session (
  id_hash     text PRIMARY KEY,            -- sha-256 of the cookie value
  user_id     integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token  text NOT NULL,
  ip          text,
  user_agent  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE api_token (
  id           serial PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,       -- sha-256 of the token
  prefix       text NOT NULL,              -- first characters, to recognise it in lists
  scope        text NOT NULL DEFAULT 'write' CHECK (scope IN ('read','write')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz
);

-- Every write, append-only: who, when, from where, what, before and after.
CREATE TABLE audit_log (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  user_id   integer,
  username  text,
  ip        text,
  action    text NOT NULL,
  entity    text NOT NULL,
  key       text,
  before    jsonb,
  after     jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, key);

CREATE TABLE setting (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
