-- Statistics of decided grades (docs/statistics.md). The statistics read review_subjects through a covering index,
-- and for cycles that service::stats::refresh_counts has summed, from stats_rollup: the counts of each unit's whole
-- subtree, so that the statistics of a unit read that unit's and its children's rows whatever the dataset's size.

-- Covers the GROUP BY of the per-unit counts (no table access while counting).
CREATE INDEX review_subjects_stats ON review_subjects (cycle_id, unit_id, place, kind, graded, state, grade);

-- A cycle whose counts are in stats_rollup and stats_leader_outliers, and when they were computed.
CREATE TABLE stats_cycles (
  cycle_id     INTEGER PRIMARY KEY REFERENCES review_cycles (id),
  refreshed_at INTEGER NOT NULL
);

-- The subjects of a unit and everything below it, per category (members, cells, leaders_province, ...), per grade.
CREATE TABLE stats_rollup (
  cycle_id   INTEGER NOT NULL REFERENCES review_cycles (id),
  unit_id    INTEGER NOT NULL REFERENCES units (id),
  category   TEXT NOT NULL,
  htxsnv     INTEGER NOT NULL DEFAULT 0,
  httnv      INTEGER NOT NULL DEFAULT 0,
  htnv       INTEGER NOT NULL DEFAULT 0,
  khtnv      INTEGER NOT NULL DEFAULT 0,
  not_graded INTEGER NOT NULL DEFAULT 0,
  pending    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (cycle_id, unit_id, category)
);

-- Heads graded above the organization (or collective) they lead, per cycle.
CREATE TABLE stats_leader_outliers (
  cycle_id           INTEGER NOT NULL REFERENCES review_cycles (id),
  post_id            INTEGER NOT NULL REFERENCES posts (id),
  person_id          INTEGER NOT NULL REFERENCES people (id),
  unit_id            INTEGER NOT NULL REFERENCES units (id),
  leader_grade       TEXT NOT NULL,
  organization_kind  TEXT NOT NULL,
  organization_grade TEXT NOT NULL,
  PRIMARY KEY (cycle_id, post_id)
);

-- The grassroots organizations of a subtree (the "all good" outlier view) without reading every unit of it.
CREATE INDEX units_kind_path ON units (kind, path);
