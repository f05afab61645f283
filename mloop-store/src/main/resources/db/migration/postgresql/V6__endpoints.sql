-- Online endpoints. generation grows by one with every change to an endpoint or one of its
-- deployments (in the same transaction), so a scoring host notices a change with one cheap read.
-- Traffic maps are small JSON objects {"blue": 90, "green": 10}; keys are kept readable, as
-- Azure's get-keys returns them.
CREATE TABLE endpoints (
  name          TEXT    NOT NULL PRIMARY KEY,
  description   TEXT,
  auth_mode     TEXT    NOT NULL,
  primary_key   TEXT    NOT NULL,
  secondary_key TEXT    NOT NULL,
  traffic_json  TEXT    NOT NULL,
  mirror_json   TEXT    NOT NULL,
  generation    BIGINT  NOT NULL,
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL
);

-- A deployment serves one fixed model version; requested_model keeps what was asked (diabetes@staging).
CREATE TABLE deployments (
  endpoint_name   TEXT    NOT NULL REFERENCES endpoints (name),
  name            TEXT    NOT NULL,
  model_name      TEXT    NOT NULL,
  model_version   INTEGER NOT NULL,
  requested_model TEXT    NOT NULL,
  instance_count  INTEGER NOT NULL,
  sample_percent  DOUBLE PRECISION NOT NULL,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  PRIMARY KEY (endpoint_name, name),
  FOREIGN KEY (model_name, model_version) REFERENCES model_versions (model_name, version)
);

CREATE INDEX deployments_model ON deployments (model_name, model_version);

-- Log lines of scoring hosts; id orders them across hosts and is never reused (a reader tails with afterId).
CREATE TABLE deployment_events (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint_name   TEXT    NOT NULL,
  deployment_name TEXT    NOT NULL,
  event_time      BIGINT  NOT NULL,
  host            TEXT    NOT NULL,
  message         TEXT    NOT NULL,
  FOREIGN KEY (endpoint_name, deployment_name) REFERENCES deployments (endpoint_name, name)
);

CREATE INDEX deployment_events_deployment ON deployment_events (endpoint_name, deployment_name, id);
