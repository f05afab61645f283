-- Tracking schema, shaped on MLflow's: experiments, runs, params, tags, metric history and the
-- latest value of each metric (what RunData shows and what filters and ordering compare).
-- Columns avoid the words key/value; WITHOUT ROWID tables are clustered on their primary key.

CREATE TABLE experiments (
  experiment_id     INTEGER PRIMARY KEY,
  name              TEXT    NOT NULL UNIQUE,
  artifact_location TEXT    NOT NULL,
  lifecycle_stage   TEXT    NOT NULL,
  creation_time     INTEGER NOT NULL,
  last_update_time  INTEGER NOT NULL
);

CREATE TABLE experiment_tags (
  experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
  tag_key       TEXT    NOT NULL,
  tag_value     TEXT    NOT NULL,
  PRIMARY KEY (experiment_id, tag_key)
) WITHOUT ROWID;

CREATE TABLE runs (
  run_id          TEXT    NOT NULL PRIMARY KEY,
  experiment_id   INTEGER NOT NULL REFERENCES experiments (experiment_id),
  run_name        TEXT    NOT NULL,
  user_id         TEXT,
  status          TEXT    NOT NULL,
  start_time      INTEGER NOT NULL,
  end_time        INTEGER,
  artifact_uri    TEXT    NOT NULL,
  lifecycle_stage TEXT    NOT NULL,
  deleted_time    INTEGER
) WITHOUT ROWID;

-- The default order of runs/search: newest first within the searched experiments.
CREATE INDEX runs_by_experiment_start ON runs (experiment_id, start_time DESC, run_id);

CREATE TABLE params (
  run_id      TEXT NOT NULL REFERENCES runs (run_id),
  param_key   TEXT NOT NULL,
  param_value TEXT NOT NULL,
  PRIMARY KEY (run_id, param_key)
) WITHOUT ROWID;

CREATE TABLE tags (
  run_id    TEXT NOT NULL REFERENCES runs (run_id),
  tag_key   TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  PRIMARY KEY (run_id, tag_key)
) WITHOUT ROWID;

-- Every logged (value, timestamp, step); an exact repeat is ignored, as MLflow does.
-- NaN is stored as value 0 with is_nan = 1 because SQLite turns a bound NaN into NULL.
CREATE TABLE metrics (
  run_id           TEXT    NOT NULL REFERENCES runs (run_id),
  metric_key       TEXT    NOT NULL,
  metric_step      INTEGER NOT NULL,
  metric_timestamp INTEGER NOT NULL,
  metric_value     REAL    NOT NULL,
  is_nan           INTEGER NOT NULL,
  PRIMARY KEY (run_id, metric_key, metric_step, metric_timestamp, metric_value, is_nan)
) WITHOUT ROWID;

CREATE TABLE latest_metrics (
  run_id           TEXT    NOT NULL REFERENCES runs (run_id),
  metric_key       TEXT    NOT NULL,
  metric_step      INTEGER NOT NULL,
  metric_timestamp INTEGER NOT NULL,
  metric_value     REAL    NOT NULL,
  is_nan           INTEGER NOT NULL,
  PRIMARY KEY (run_id, metric_key)
) WITHOUT ROWID;

INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active',
        CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000);
