-- Notifications (thông báo): one row per person per event — a report returned or approved, a task
-- or target assigned to their unit, a report or task due soon. Written in the transaction of the
-- event itself, so a notification exists exactly when its event was committed; e-mail goes out
-- afterwards from these rows (emailed_at), so a crash between the two sends late, never never.
CREATE TABLE notification (
  id          serial PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('report_returned','report_approved','assignment','report_due','task_due')),
  params      jsonb NOT NULL DEFAULT '{}',
  link        text,
  -- one notification per person per event: a re-run of the reminder job adds nothing
  dedupe_key  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  emailed_at  timestamptz,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);
CREATE INDEX notification_unsent_idx ON notification (created_at) WHERE emailed_at IS NULL;

-- Each person's choices per kind of notification: shown in the app, sent by e-mail. No row = the default.
CREATE TABLE notification_preference (
  user_id  integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  kind     text NOT NULL CHECK (kind IN ('report_returned','report_approved','assignment','report_due','task_due','digest')),
  in_app   boolean NOT NULL,
  email    boolean NOT NULL,
  PRIMARY KEY (user_id, kind)
);
