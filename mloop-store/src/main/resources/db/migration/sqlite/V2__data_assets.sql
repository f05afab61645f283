-- Data asset versions: 1, 2, 3... per name. Files live in the artifact store under artifact_path.
CREATE TABLE data_assets (
  asset_name    TEXT    NOT NULL,
  version       INTEGER NOT NULL,
  asset_type    TEXT    NOT NULL,
  description   TEXT,
  artifact_path TEXT    NOT NULL,
  sha256        TEXT    NOT NULL,
  size_bytes    INTEGER NOT NULL,
  file_count    INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  tags_json     TEXT    NOT NULL,
  PRIMARY KEY (asset_name, version)
) WITHOUT ROWID;
