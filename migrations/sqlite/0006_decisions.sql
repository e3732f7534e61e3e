-- Step 3 of the review (issue 4, docs/workflow.md "Stored and exposed"): the decision of a competent level over a
-- batch of subjects, publication, notifications, complaints, and the conclusions (discipline, degradation) that
-- feed the engine and may reopen an earlier year (R-DISC-3). Dates 'YYYY-MM-DD', timestamps Unix milliseconds.

-- A decision record (quyết định): one per batch decided at once; kind 'decision' for the first grading,
-- 'regrade' after a cancellation or a reopening, 'complaint' after an upheld complaint (complaint_id set).
-- Never updated except for its publication; a later re-grade is a new record, so the history stays.
CREATE TABLE review_decisions (
  id            INTEGER PRIMARY KEY,
  cycle_id      INTEGER NOT NULL REFERENCES review_cycles (id),
  unit_id       INTEGER NOT NULL REFERENCES units (id),  -- the deciding unit
  organ         TEXT NOT NULL CHECK (organ IN ('committee', 'standing_committee', 'politburo')),
  kind          TEXT NOT NULL CHECK (kind IN ('decision', 'regrade', 'complaint')),
  number        TEXT NOT NULL,
  decided_on    TEXT NOT NULL,
  signer        TEXT NOT NULL,
  body          TEXT NOT NULL DEFAULT '',  -- the text of the decision as signed
  complaint_id  INTEGER,                   -- REFERENCES review_complaints (id), declared below
  appraisal_json TEXT NOT NULL,            -- what the engine said when it was decided (findings, quota meters)
  published_at  INTEGER,
  published_by  INTEGER REFERENCES accounts (id),
  decided_by    INTEGER REFERENCES accounts (id),
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX review_decisions_cycle ON review_decisions (cycle_id, unit_id);

-- The grade a decision gave each of its subjects, and the grade it replaced (a re-grade).
CREATE TABLE decision_grades (
  decision_id    INTEGER NOT NULL REFERENCES review_decisions (id),
  subject_id     INTEGER NOT NULL REFERENCES review_subjects (id),
  grade          TEXT CHECK (grade IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
  previous_grade TEXT CHECK (previous_grade IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
  PRIMARY KEY (decision_id, subject_id)
);
CREATE INDEX decision_grades_subject ON decision_grades (subject_id);

-- A complaint about a published grade (workflow::file_complaint / answer_complaint).
CREATE TABLE review_complaints (
  id           INTEGER PRIMARY KEY,
  subject_id   INTEGER NOT NULL REFERENCES review_subjects (id),
  decision_id  INTEGER NOT NULL REFERENCES review_decisions (id),  -- the contested decision
  filed_by     INTEGER REFERENCES accounts (id),
  filed_on     TEXT NOT NULL,
  text         TEXT NOT NULL,
  requested    TEXT CHECK (requested IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
  outcome      TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'upheld', 'rejected')),
  answered_on  TEXT,
  answered_by  INTEGER REFERENCES accounts (id),
  reasons      TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX review_complaints_subject ON review_complaints (subject_id);

-- In-app notifications: to a person (their account sees it in /me/notifications) and to the unit managing the
-- subject (its officials see the unit's list).
CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER REFERENCES people (id),
  account_id INTEGER REFERENCES accounts (id),
  unit_id    INTEGER NOT NULL REFERENCES units (id),
  kind       TEXT NOT NULL,  -- grade_published, complaint_answered, grade_cancelled, grade_reopened
  subject_id INTEGER REFERENCES review_subjects (id),
  text_vi    TEXT NOT NULL,
  text_en    TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at    INTEGER
);
CREATE INDEX notifications_person ON notifications (person_id, created_at);
CREATE INDEX notifications_unit ON notifications (unit_id, created_at);

-- Conclusions of a competent level about a member that the engine weighs (FORMAT.md discipline,
-- degradation_concluded, must_not_do_violation); recorded by the inspection commission or the committee.
CREATE TABLE member_conclusions (
  id                     INTEGER PRIMARY KEY,
  person_id              INTEGER NOT NULL REFERENCES people (id),
  kind                   TEXT NOT NULL CHECK (kind IN ('discipline', 'degradation', 'must_not_do_violation')),
  decided_on             TEXT NOT NULL,
  form                   TEXT CHECK (form IN ('khien_trach', 'canh_cao', 'cach_chuc', 'khai_tru')),
  violation_year         INTEGER NOT NULL,
  self_detected_remedied INTEGER NOT NULL DEFAULT 0,
  note                   TEXT NOT NULL DEFAULT '',
  recorded_by            INTEGER REFERENCES accounts (id),
  created_at             INTEGER NOT NULL,
  CHECK (kind <> 'discipline' OR form IS NOT NULL)
);
CREATE INDEX member_conclusions_person ON member_conclusions (person_id, decided_on);
