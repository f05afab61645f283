-- Model registry. A version row is inserted only after its files are in the artifact store, so a
-- crash mid-registration leaves at most unreferenced files. last_version hands out version numbers
-- (never reused, even after a delete); alias moves are kept forever.
CREATE TABLE registered_models (
  model_name   TEXT    NOT NULL PRIMARY KEY,
  description  TEXT,
  tags_json    TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  last_version INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE model_versions (
  model_name   TEXT    NOT NULL REFERENCES registered_models (model_name),
  version      INTEGER NOT NULL,
  source_path  TEXT    NOT NULL,
  sha256       TEXT    NOT NULL,
  run_id       TEXT,
  job_name     TEXT,
  status       TEXT    NOT NULL,
  description  TEXT,
  tags_json    TEXT    NOT NULL,
  lineage_json TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (model_name, version)
) WITHOUT ROWID;

CREATE INDEX model_versions_run ON model_versions (run_id);

CREATE TABLE model_aliases (
  model_name TEXT    NOT NULL,
  alias_name TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  PRIMARY KEY (model_name, alias_name),
  FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
) WITHOUT ROWID;

CREATE TABLE model_alias_moves (
  move_id      INTEGER PRIMARY KEY,
  model_name   TEXT    NOT NULL REFERENCES registered_models (model_name),
  alias_name   TEXT    NOT NULL,
  from_version INTEGER,
  to_version   INTEGER,
  moved_by     TEXT,
  moved_at     INTEGER NOT NULL,
  reason       TEXT
);

CREATE INDEX model_alias_moves_model ON model_alias_moves (model_name, move_id);

-- What depends on a version (an endpoint deployment, later); such versions cannot be deleted.
CREATE TABLE model_version_usages (
  model_name TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  used_by    TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (model_name, version, used_by),
  FOREIGN KEY (model_name, version) REFERENCES model_versions (model_name, version)
) WITHOUT ROWID;
