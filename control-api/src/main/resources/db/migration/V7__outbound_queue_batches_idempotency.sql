-- Outbound calling: the persisted dial queue, batches of calls and the Idempotency-Key memory of POST /v1/calls.
-- Same portability rules as V1 (SQLite and PostgreSQL): plain types, times as ISO-8601 UTC text, no defaults.

-- Calls waiting to be dialled (their record has status queued). The dialer deletes a row and marks the call dialing
-- in one transaction, so no call is dialled twice; a deferred call gets its row back with a later not_before.
CREATE TABLE dial_queue (
    call_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    batch_id    VARCHAR(64),
    position    INTEGER      NOT NULL,
    not_before  VARCHAR(24)  NOT NULL,
    attempts    INTEGER      NOT NULL,
    last_reason TEXT,
    created_at  VARCHAR(24)  NOT NULL
);
-- position: the recipient's index in its batch (0 for single calls), so a batch is dialled in the order given.
CREATE INDEX dial_queue_due_idx ON dial_queue (not_before, created_at, position);
CREATE INDEX dial_queue_batch_idx ON dial_queue (batch_id);

-- A batch of calls with one agent. state: running | paused | canceled | completed. calls_per_second NULL: no limit
-- beyond the trunk's.
CREATE TABLE batches (
    id               VARCHAR(64)      NOT NULL PRIMARY KEY,
    agent_id         TEXT             NOT NULL,
    from_number      TEXT,
    calls_per_second DOUBLE PRECISION,
    state            VARCHAR(16)      NOT NULL,
    total            INTEGER          NOT NULL,
    created_at       VARCHAR(24)      NOT NULL,
    updated_at       VARCHAR(24)      NOT NULL,
    completed_at     VARCHAR(24)
);

-- The recipients of a batch in the order given, each with the call placed for it.
CREATE TABLE batch_recipients (
    batch_id  VARCHAR(64)  NOT NULL,
    position  INTEGER      NOT NULL,
    call_id   VARCHAR(64)  NOT NULL,
    to_number TEXT         NOT NULL,
    PRIMARY KEY (batch_id, position)
);
CREATE INDEX batch_recipients_call_idx ON batch_recipients (call_id);
CREATE INDEX calls_batch_idx ON calls (batch_id, status);

-- Idempotency-Key of a POST: the SHA-256 of the request (path and canonical body) and what it created.
CREATE TABLE idempotency_keys (
    idem_key     VARCHAR(255) NOT NULL PRIMARY KEY,
    request_hash VARCHAR(64)  NOT NULL,
    resource_id  VARCHAR(64)  NOT NULL,
    created_at   VARCHAR(24)  NOT NULL
);
