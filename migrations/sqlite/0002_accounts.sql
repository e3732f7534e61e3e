-- Accounts and access (issue 2): accounts, role grants, sessions, login throttling, the append-only audit log,
-- and idempotency keys. Timestamps are Unix milliseconds; booleans 0/1 (store/database.hpp).

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,          -- lower-cased, NFC
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,            -- Argon2id string (libsodium crypto_pwhash_str)
  person_id INTEGER REFERENCES people(id),
  home_unit_id INTEGER NOT NULL REFERENCES units(id),  -- who administers the account: manage_accounts here
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX accounts_home_unit ON accounts(home_unit_id);
CREATE INDEX accounts_person ON accounts(person_id);

CREATE TABLE role_grants (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL CHECK (role IN ('member', 'cell_secretary', 'committee_staff', 'committee',
                                     'organization_board', 'inspection', 'administrator')),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  granted_by INTEGER REFERENCES accounts(id),
  granted_at INTEGER NOT NULL,
  UNIQUE (account_id, role, unit_id)
);
CREATE INDEX role_grants_unit ON role_grants(unit_id);

-- Only a hash of the session token is stored, so a copy of the database cannot be used to log in.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,            -- absolute expiry; idle expiry is last_seen_at + ApiOptions::session_hours
  remote_address TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  at INTEGER NOT NULL,
  success INTEGER NOT NULL CHECK (success IN (0, 1))
);
CREATE INDEX login_attempts_username ON login_attempts(username, at);
CREATE INDEX login_attempts_address ON login_attempts(remote_address, at);

-- Append-only: triggers refuse UPDATE and DELETE. scope_path is "/root/…/unit/" of the unit the change concerns
-- at the time of the write, so a subtree's log stays readable to that subtree after restructuring.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_account_id INTEGER,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  scope_path TEXT,
  before_json TEXT,
  after_json TEXT,
  request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_scope ON audit_log(scope_path);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- status 0 marks a request still running under that key.
CREATE TABLE idempotency_keys (
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response_body TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, key)
);
