-- The annual (or quarterly) review, issue 4, docs/workflow.md "Stored and exposed". Dates are 'YYYY-MM-DD' text,
-- timestamps Unix milliseconds, booleans 0/1 (store/database.hpp). Meetings, votes, decisions and complaints come
-- in later migrations; review_subjects.state already holds every state of workflow::ReviewState.

-- A cycle opened by an upper level for the subtree of root_unit_id; every level below sees it at once.
CREATE TABLE review_cycles (
  id             INTEGER PRIMARY KEY,
  year           INTEGER NOT NULL,
  quarter        INTEGER NOT NULL DEFAULT 0 CHECK (quarter BETWEEN 0 AND 3),  -- 0: the annual review
  ruleset        TEXT NOT NULL,
  root_unit_id   INTEGER NOT NULL REFERENCES units (id),
  status         TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  complaint_days INTEGER NOT NULL,
  grading_date   TEXT NOT NULL,  -- the date eligibility is judged at (admitted < 6 months before it, ...)
  opened_by      INTEGER REFERENCES accounts (id),
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX review_cycles_root ON review_cycles (root_unit_id, year, quarter);

-- The deadlines of one calendar level (cell, grassroots, upper_grassroots, province), one row per level.
CREATE TABLE review_cycle_calendar (
  cycle_id    INTEGER NOT NULL REFERENCES review_cycles (id),
  level       TEXT NOT NULL CHECK (level IN ('cell', 'grassroots', 'upper_grassroots', 'province')),
  self_review TEXT NOT NULL,
  meeting     TEXT NOT NULL,
  proposal    TEXT NOT NULL,
  decision    TEXT NOT NULL,
  reporting   TEXT NOT NULL,
  PRIMARY KEY (cycle_id, level)
);

-- One review of one subject in a cycle: a member at their cell, a member at a post (reviewed, graded at the
-- cell), later a party organization or a leadership collective. Members neither reviewed nor graded are kept too,
-- with the rule that says why (reasons_json: [{rule, vi, en}]).
CREATE TABLE review_subjects (
  id            INTEGER PRIMARY KEY,
  cycle_id      INTEGER NOT NULL REFERENCES review_cycles (id),
  kind          TEXT NOT NULL CHECK (kind IN ('member', 'party_organization', 'leadership_collective')),
  person_id     INTEGER REFERENCES people (id),
  collective_id INTEGER REFERENCES collectives (id),
  unit_id       INTEGER NOT NULL REFERENCES units (id),  -- where the review takes place
  place         TEXT NOT NULL CHECK (place IN ('cell', 'post')),
  post_title    TEXT,
  profile       TEXT NOT NULL,
  form          TEXT NOT NULL,
  reviewed      INTEGER NOT NULL,
  graded        INTEGER NOT NULL,
  grading_unit_id INTEGER REFERENCES units (id),  -- the cell whose meeting proposes the grade, when graded
  civil_servant_grade_needed INTEGER NOT NULL DEFAULT 0,
  reasons_json  TEXT NOT NULL DEFAULT '[]',
  comments_json TEXT NOT NULL DEFAULT '[]',       -- comments the meeting needs: [{source, unit, rule}]
  state         TEXT NOT NULL DEFAULT 'not_started' CHECK (state IN ('not_started', 'draft', 'submitted',
                  'reviewed', 'proposed', 'decided', 'published', 'complaint_filed', 'regrading')),
  grade         TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  CHECK (person_id IS NOT NULL OR collective_id IS NOT NULL OR kind = 'party_organization')
);
CREATE INDEX review_subjects_cycle_unit ON review_subjects (cycle_id, unit_id);
CREATE INDEX review_subjects_person ON review_subjects (person_id);

-- The subject's statement (Mẫu 01/02A/02B/02C/05): body_json holds sections, scores or ratings, tasks with their
-- evidence and limitations, as the API sends them. entered_by is the account that typed it; on_behalf marks a
-- secretary entering it for the member.
CREATE TABLE review_statements (
  id           INTEGER PRIMARY KEY,
  subject_id   INTEGER NOT NULL UNIQUE REFERENCES review_subjects (id),
  form         TEXT NOT NULL,
  body_json    TEXT NOT NULL,
  proposed     TEXT CHECK (proposed IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
  status       TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
  entered_by   INTEGER REFERENCES accounts (id),
  on_behalf    INTEGER NOT NULL DEFAULT 0,
  submitted_at INTEGER,
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

-- Every accepted state change of a subject (workflow::Transition), oldest first.
CREATE TABLE review_transitions (
  id         INTEGER PRIMARY KEY,
  subject_id INTEGER NOT NULL REFERENCES review_subjects (id),
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  action     TEXT NOT NULL,
  actor      TEXT NOT NULL,  -- the part played: subject, secretary, appraiser, competent_level, superior_level
  account_id INTEGER REFERENCES accounts (id),
  at         INTEGER NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  grade      TEXT
);
CREATE INDEX review_transitions_subject ON review_transitions (subject_id, id);
