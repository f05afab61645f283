-- Roles, scopes, expiry and last use of API tokens. Tokens made before roles existed could do
-- everything: they become admin tokens for the whole workspace, so nothing breaks.
ALTER TABLE tokens ADD COLUMN role TEXT NOT NULL DEFAULT 'admin';
ALTER TABLE tokens ADD COLUMN scope TEXT NOT NULL DEFAULT '';
ALTER TABLE tokens ADD COLUMN expires_at INTEGER;
ALTER TABLE tokens ADD COLUMN last_used_at INTEGER;
