-- Login throttling (src/domain/loginThrottle.ts): counters keyed by the typed username, folded, so an
-- unknown username is throttled exactly like a real one. address '' holds the account-wide counter
-- (failures from every address within a window); other rows count one address's consecutive failures.
CREATE TABLE login_throttle (
  account_key    text NOT NULL,
  address        text NOT NULL,
  failures       integer NOT NULL DEFAULT 0,
  blocked_until  timestamptz,
  window_start   timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_key, address)
);
CREATE INDEX login_throttle_updated ON login_throttle (updated_at);

-- Browsers that logged in to an account before (hash of an HttpOnly device cookie): while the
-- account is under attack from elsewhere, they still pass with the right password.
CREATE TABLE known_device (
  user_id       integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  device_hash   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, device_hash)
);
