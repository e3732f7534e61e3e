-- Organization tree and people (docs/organization.md). Dates are 'YYYY-MM-DD' text; every validity interval is
-- half-open [valid_from, valid_to), valid_to NULL meaning "still valid", so "as of D" reads
-- valid_from <= D AND (valid_to IS NULL OR valid_to > D).

CREATE TABLE units (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('province_committee', 'upper_grassroots_committee',
                   'grassroots_committee', 'grassroots_cell', 'sectional_committee', 'cell', 'agency')),
  name           TEXT NOT NULL,
  code           TEXT NOT NULL,
  established_on TEXT NOT NULL,
  dissolved_on   TEXT,
  -- The current parent and the materialized path of current ancestors ("/1/7/42/"), kept in step with
  -- unit_parents so that scope checks are one indexed lookup.
  parent_id      INTEGER REFERENCES units (id),
  path           TEXT NOT NULL DEFAULT '',
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
-- A code is unique among current units; a dissolved unit's code may be reused.
CREATE UNIQUE INDEX units_current_code ON units (code) WHERE dissolved_on IS NULL;
CREATE INDEX units_path ON units (path);
CREATE INDEX units_parent ON units (parent_id);

-- The history of the unit -> parent relation; parent_id NULL for a root.
CREATE TABLE unit_parents (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units (id),
  parent_id  INTEGER REFERENCES units (id),
  valid_from TEXT NOT NULL,
  valid_to   TEXT,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX unit_parents_parent ON unit_parents (parent_id, valid_from);
CREATE INDEX unit_parents_unit ON unit_parents (unit_id, valid_from);

-- Restructuring events (merge, split, move), for the record and the history view.
CREATE TABLE unit_events (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('create', 'move', 'merge', 'split', 'dissolve')),
  effective  TEXT NOT NULL,
  details    TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

-- Leadership collectives attached to the unit they lead.
CREATE TABLE collectives (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units (id),
  kind       TEXT NOT NULL CHECK (kind IN ('executive_committee', 'standing_committee', 'cell_committee',
                   'leadership_board', 'other')),
  name       TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to   TEXT,
  version    INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX collectives_unit ON collectives (unit_id);

CREATE TABLE people (
  id               INTEGER PRIMARY KEY,
  card_number      TEXT UNIQUE,
  full_name        TEXT NOT NULL,
  -- Vietnamese order (text::person_sort_key_hex: byte order is vi order) and the diacritic-free search key.
  sort_key         TEXT NOT NULL,
  search_key       TEXT NOT NULL,
  gender           TEXT CHECK (gender IN ('male', 'female')),
  birth_date       TEXT,
  admitted_on      TEXT,
  official_on      TEXT,
  status           TEXT NOT NULL CHECK (status IN ('active', 'probationary', 'exempt', 'suspended')),
  residence        TEXT,
  is_civil_servant INTEGER NOT NULL DEFAULT 0,
  -- The cell where the member is currently active (mirrors the open membership row).
  unit_id          INTEGER REFERENCES units (id),
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX people_unit_sort ON people (unit_id, sort_key);
CREATE INDEX people_sort ON people (sort_key);

-- Where a member was active, over time.
CREATE TABLE memberships (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES people (id),
  unit_id    INTEGER NOT NULL REFERENCES units (id),
  valid_from TEXT NOT NULL,
  valid_to   TEXT,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX memberships_person ON memberships (person_id, valid_from);
CREATE INDEX memberships_unit ON memberships (unit_id, valid_from);

-- Leadership and management posts (bí thư, phó bí thư, chủ tịch, giám đốc, ...), in a unit and optionally as a
-- member of one of its collectives.
CREATE TABLE posts (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES people (id),
  unit_id       INTEGER NOT NULL REFERENCES units (id),
  collective_id INTEGER REFERENCES collectives (id),
  title         TEXT NOT NULL,
  is_head       INTEGER NOT NULL DEFAULT 0,
  is_leadership INTEGER NOT NULL DEFAULT 1,
  valid_from    TEXT NOT NULL,
  valid_to      TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX posts_person ON posts (person_id);
CREATE INDEX posts_unit ON posts (unit_id);
