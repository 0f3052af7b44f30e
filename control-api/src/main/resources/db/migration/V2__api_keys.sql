-- API keys: only the SHA-256 of each key (64 lower-case hex characters) is stored, never the key itself.
CREATE TABLE api_keys (
    id         VARCHAR(64) NOT NULL PRIMARY KEY,
    hash       CHAR(64)    NOT NULL UNIQUE,
    name       TEXT        NOT NULL,
    created_at VARCHAR(24) NOT NULL
);
