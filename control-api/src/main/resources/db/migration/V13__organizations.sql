-- Organizations: every API key, call and batch belongs to one, and a key sees only its organization's data.
-- The id is the organization's name as operators type it (voice-engine keys create --org NAME). The 'default'
-- organization holds everything stored before organizations existed and every key given in configuration, so a
-- deployment with one organization behaves as before. Portable SQL (SQLite and PostgreSQL), as in V1.
CREATE TABLE organizations (
    id         VARCHAR(64) NOT NULL PRIMARY KEY,
    name       VARCHAR(64) NOT NULL UNIQUE,
    created_at VARCHAR(24) NOT NULL
);
INSERT INTO organizations (id, name, created_at) VALUES ('default', 'default', '1970-01-01T00:00:00.000Z');

-- prefix: the key's first characters, shown in lists (NULL for keys stored before V13: only their hash is known).
-- revoked_at: a revoked key is kept (for the list) but no longer authenticates.
ALTER TABLE api_keys ADD COLUMN org_id VARCHAR(64) NOT NULL DEFAULT 'default';
ALTER TABLE api_keys ADD COLUMN prefix VARCHAR(16);
ALTER TABLE api_keys ADD COLUMN revoked_at VARCHAR(24);

-- Calls and batches of one organization; the list of one organization is a range scan in the default order.
ALTER TABLE calls ADD COLUMN org_id VARCHAR(64) NOT NULL DEFAULT 'default';
CREATE INDEX calls_org_idx ON calls (org_id, started_at, id);
ALTER TABLE batches ADD COLUMN org_id VARCHAR(64) NOT NULL DEFAULT 'default';
