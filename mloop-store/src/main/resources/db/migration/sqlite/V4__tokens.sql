-- API tokens: only the sha256 of a token is kept.
CREATE TABLE tokens (
  token_id   TEXT    NOT NULL PRIMARY KEY,
  token_name TEXT    NOT NULL,
  sha256     TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
