-- The review meeting of a unit in a cycle (issue 4 step 2; docs/workflow.md "Stored and exposed", "Quorum and
-- vote"): its facts and rules, the attendance taken from the roster, and per subject the comments raised, the
-- comments received, the civil-servant grade and the vote. The vote's outcome goes to review_subjects.meeting_grade
-- (migration 0004). Dates are 'YYYY-MM-DD' text, timestamps Unix milliseconds, booleans 0/1.

-- One meeting per unit and cycle (a cell, or a committee for the posts reviewed there). minutes is the text frozen
-- when the meeting is closed; until then it is generated on every read.
CREATE TABLE review_meetings (
  id                   INTEGER PRIMARY KEY,
  cycle_id             INTEGER NOT NULL REFERENCES review_cycles (id),
  unit_id              INTEGER NOT NULL REFERENCES units (id),
  meeting_date         TEXT NOT NULL,
  place                TEXT NOT NULL,
  chair_id             INTEGER NOT NULL REFERENCES people (id),
  secretary_id         INTEGER NOT NULL REFERENCES people (id),
  quorum_numerator     INTEGER NOT NULL DEFAULT 1,
  quorum_denominator   INTEGER NOT NULL DEFAULT 2,
  quorum_strict        INTEGER NOT NULL DEFAULT 1,
  approval_numerator   INTEGER NOT NULL DEFAULT 1,
  approval_denominator INTEGER NOT NULL DEFAULT 2,
  approval_strict      INTEGER NOT NULL DEFAULT 1,
  cumulative           INTEGER NOT NULL DEFAULT 1,
  vote_method          TEXT NOT NULL CHECK (vote_method IN ('show_of_hands', 'secret_ballot')),
  status               TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  minutes              TEXT,
  closed_at            INTEGER,
  created_by           INTEGER REFERENCES accounts (id),
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  UNIQUE (cycle_id, unit_id)
);

-- The roster at the meeting (workflow::Attendee), filled from the unit's members when the meeting is created.
CREATE TABLE review_meeting_attendees (
  meeting_id            INTEGER NOT NULL REFERENCES review_meetings (id),
  person_id             INTEGER NOT NULL REFERENCES people (id),
  official              INTEGER NOT NULL,  -- 0: probationary (attends, does not vote)
  exempt                INTEGER NOT NULL DEFAULT 0,
  suspended             INTEGER NOT NULL DEFAULT 0,
  temporarily_elsewhere INTEGER NOT NULL DEFAULT 0,
  presence              TEXT NOT NULL DEFAULT 'present'
                          CHECK (presence IN ('present', 'absent_with_reason', 'absent_without_reason')),
  absence_reason        TEXT NOT NULL DEFAULT '',
  absence_approved      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (meeting_id, person_id)
);

-- One row per review subject of the meeting's unit: what the meeting holds for it and its vote. The tally is
-- counts only (votes_*); tally_source says where they came from. While a secret ballot is open the counts run and
-- are never shown; closing it freezes them. Casting a ballot changes only the counts and review_ballot_voters:
-- neither version nor updated_at moves, so no row tells when a ballot was cast.
CREATE TABLE review_meeting_subjects (
  subject_id          INTEGER PRIMARY KEY REFERENCES review_subjects (id),
  meeting_id          INTEGER NOT NULL REFERENCES review_meetings (id),
  civil_servant_grade TEXT CHECK (civil_servant_grade IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
  vote_method         TEXT NOT NULL CHECK (vote_method IN ('show_of_hands', 'secret_ballot')),
  tally_source        TEXT CHECK (tally_source IN ('show_of_hands', 'secret_ballot', 'paper_ballot')),
  ballot              TEXT NOT NULL DEFAULT 'none' CHECK (ballot IN ('none', 'open', 'closed')),
  votes_htxsnv        INTEGER NOT NULL DEFAULT 0,
  votes_httnv         INTEGER NOT NULL DEFAULT 0,
  votes_htnv          INTEGER NOT NULL DEFAULT 0,
  votes_khtnv         INTEGER NOT NULL DEFAULT 0,
  votes_blank         INTEGER NOT NULL DEFAULT 0,
  concluded_at        INTEGER,
  version             INTEGER NOT NULL DEFAULT 1,
  updated_at          INTEGER NOT NULL
);
CREATE INDEX review_meeting_subjects_meeting ON review_meeting_subjects (meeting_id);

-- Who has cast a secret ballot on a subject, to refuse a second one. Nothing else: no choice, no time, no id, and
-- WITHOUT ROWID so that not even SQLite's hidden row number keeps the order of casting.
CREATE TABLE review_ballot_voters (
  subject_id INTEGER NOT NULL REFERENCES review_subjects (id),
  person_id  INTEGER NOT NULL REFERENCES people (id),
  PRIMARY KEY (subject_id, person_id)
) WITHOUT ROWID;

-- The comments and criticism raised at the meeting (who said what), in the order recorded.
CREATE TABLE review_meeting_comments (
  id         INTEGER PRIMARY KEY,
  subject_id INTEGER NOT NULL REFERENCES review_subjects (id),
  speaker_id INTEGER NOT NULL REFERENCES people (id),
  body       TEXT NOT NULL,
  criticism  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX review_meeting_comments_subject ON review_meeting_comments (subject_id, id);

-- The written comments the meeting received: residence place, previous cell, temporary cell.
CREATE TABLE review_meeting_received (
  id         INTEGER PRIMARY KEY,
  subject_id INTEGER NOT NULL REFERENCES review_subjects (id),
  source     TEXT NOT NULL CHECK (source IN ('previous_cell', 'temporary_cell', 'residence')),
  unit_id    INTEGER REFERENCES units (id),
  body       TEXT NOT NULL
);
CREATE INDEX review_meeting_received_subject ON review_meeting_received (subject_id, id);
