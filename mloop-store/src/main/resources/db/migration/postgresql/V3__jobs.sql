-- Jobs: the full Job record is a JSON document; the columns are what listing and filtering need.
CREATE TABLE jobs (
  job_name        TEXT    NOT NULL PRIMARY KEY,
  experiment_name TEXT,
  status          TEXT    NOT NULL,
  run_id          TEXT,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  job_json        TEXT    NOT NULL
);

CREATE INDEX jobs_by_created ON jobs (created_at);
CREATE INDEX jobs_by_status ON jobs (status, created_at);
CREATE INDEX jobs_by_experiment ON jobs (experiment_name, created_at);
