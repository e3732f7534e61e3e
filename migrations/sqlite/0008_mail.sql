-- E-mail reminders (issue 4, docs/workflow.md "E-mail reminders"): an account's optional e-mail address and the
-- outbox the reminder job fills and the sender empties over SMTP. Timestamps are Unix milliseconds.

ALTER TABLE accounts ADD COLUMN email TEXT;  -- NULL: no e-mail is sent to this account

-- One row per message. dedupe_key says what the message is about (step, subject or unit, deadline, account), so the
-- job queues each reminder once however often it runs. A failed delivery stays unsent with its error, for retry.
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  dedupe_key TEXT NOT NULL UNIQUE,
  account_id INTEGER REFERENCES accounts(id),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_attempt_at INTEGER,
  last_error TEXT
);
CREATE INDEX mail_outbox_unsent ON mail_outbox (sent_at, id);
