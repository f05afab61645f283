-- Monitors of online endpoints. The spec (signals, thresholds, schedule, webhooks) is one JSON
-- document; a monitor's status is its runs. No foreign key to endpoints: a monitor outlives a
-- deleted endpoint and its runs then say that the endpoint is gone.
CREATE TABLE monitors (
  name          TEXT    NOT NULL PRIMARY KEY,
  endpoint_name TEXT    NOT NULL,
  spec_json     TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX monitors_endpoint ON monitors (endpoint_name);

-- One computed run, stored whole once computed: run_json is the run without its histograms (what
-- run lists read), histograms_json the per-feature histograms (read for one run and its report).
-- The other columns repeat fields of the JSON for queries by people.
CREATE TABLE monitor_runs (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  monitor_name    TEXT    NOT NULL REFERENCES monitors (name),
  started_at      INTEGER NOT NULL,
  finished_at     INTEGER NOT NULL,
  window_from     INTEGER NOT NULL,
  window_to       INTEGER NOT NULL,
  verdict         TEXT    NOT NULL,
  production_rows INTEGER NOT NULL,
  labeled_rows    INTEGER NOT NULL,
  run_json        TEXT    NOT NULL,
  histograms_json TEXT    NOT NULL
);

CREATE INDEX monitor_runs_monitor ON monitor_runs (monitor_name, id);

-- Alerts of runs over threshold; delivery is updated as webhooks answer (none, pending, delivered, failed: ...).
CREATE TABLE monitor_alerts (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  monitor_name TEXT    NOT NULL REFERENCES monitors (name),
  run_id       INTEGER NOT NULL REFERENCES monitor_runs (id),
  created_at   INTEGER NOT NULL,
  signals_json TEXT    NOT NULL,
  message      TEXT    NOT NULL,
  delivery     TEXT    NOT NULL
);

CREATE INDEX monitor_alerts_monitor ON monitor_alerts (monitor_name, id);

-- True labels posted after scoring, by the correlation id scoring returned and the row's index in
-- its request; a label posted again for the same row replaces the earlier one.
CREATE TABLE ground_truth (
  endpoint_name  TEXT    NOT NULL,
  correlation_id TEXT    NOT NULL,
  row_index      INTEGER NOT NULL,
  label          TEXT    NOT NULL,
  received_at    INTEGER NOT NULL,
  PRIMARY KEY (endpoint_name, correlation_id, row_index)
) WITHOUT ROWID;
