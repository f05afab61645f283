-- Monitors of online endpoints. The spec (signals, thresholds, schedule, webhooks) is one JSON
-- document; a monitor's status is its runs. No foreign key to endpoints: a monitor outlives a
-- deleted endpoint and its runs then say that the endpoint is gone.
CREATE TABLE monitors (
  name          TEXT    NOT NULL PRIMARY KEY,
  endpoint_name TEXT    NOT NULL,
  spec_json     TEXT    NOT NULL,
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL
);

CREATE INDEX monitors_endpoint ON monitors (endpoint_name);

-- One computed run, stored whole once computed: run_json is the run without its histograms (what
-- run lists read), histograms_json the per-feature histograms (read for one run and its report).
-- The other columns repeat fields of the JSON for queries by people.
CREATE TABLE monitor_runs (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  monitor_name    TEXT    NOT NULL REFERENCES monitors (name),
  started_at      BIGINT  NOT NULL,
  finished_at     BIGINT  NOT NULL,
  window_from     BIGINT  NOT NULL,
  window_to       BIGINT  NOT NULL,
  verdict         TEXT    NOT NULL,
  production_rows BIGINT  NOT NULL,
  labeled_rows    BIGINT  NOT NULL,
  run_json        TEXT    NOT NULL,
  histograms_json TEXT    NOT NULL
);

CREATE INDEX monitor_runs_monitor ON monitor_runs (monitor_name, id);

-- Alerts of runs over threshold; delivery is updated as webhooks answer (none, pending, delivered, failed: ...).
CREATE TABLE monitor_alerts (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  monitor_name TEXT    NOT NULL REFERENCES monitors (name),
  run_id       BIGINT  NOT NULL REFERENCES monitor_runs (id),
  created_at   BIGINT  NOT NULL,
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
  received_at    BIGINT  NOT NULL,
  PRIMARY KEY (endpoint_name, correlation_id, row_index)
);
