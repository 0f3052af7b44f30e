-- The call event log: every call event the store took, numbered, so live watchers (SSE, gRPC WatchEvents) can
-- replay what they missed and resume from an event id.
--
-- Written in the same transaction as the event itself, so an event is in the log exactly when the store has it.
-- The id is given by the single event writer (the largest id + 1): it increases across restarts because pruning
-- never deletes the newest row. Pruned to a bounded window: rows logged more than 24 hours ago and rows more than
-- 100 000 behind the newest (CallEventLogRows). payload is the CallEvent protobuf. org_id is NULL until calls
-- belong to organizations. Portable SQL (SQLite and PostgreSQL), as in V1.
CREATE TABLE call_event_log (
    id          BIGINT       NOT NULL PRIMARY KEY,
    call_id     VARCHAR(64)  NOT NULL,
    org_id      VARCHAR(64),
    occurred_at VARCHAR(32)  NOT NULL,
    logged_at   VARCHAR(32)  NOT NULL,
    type        VARCHAR(32)  NOT NULL,
    payload     BYTEA        NOT NULL
);

CREATE INDEX call_event_log_call ON call_event_log (call_id, id);
CREATE INDEX call_event_log_logged ON call_event_log (logged_at);
