-- The calls list at a million calls: every filter of GET /v1/calls gets an index that leads with the filtered column
-- and ends with the default order (started_at, id), so a filtered page is a range scan that stops after the page
-- instead of a sort of every match. The other orders get (key, id) indexes; ended_at and duration are sorted as
-- COALESCE expressions (the same text as CallOrder, so both engines use these expression indexes).
-- V1 already has (started_at, id), (direction, ...), (status, ...) and (agent_id, ...).
CREATE INDEX calls_outcome_idx   ON calls (outcome, started_at, id);
CREATE INDEX calls_sentiment_idx ON calls (sentiment, started_at, id);
CREATE INDEX calls_campaign_idx  ON calls (campaign_id, started_at, id);
CREATE INDEX calls_batch_list_idx ON calls (batch_id, started_at, id);
CREATE INDEX calls_contact_idx   ON calls (contact_id, started_at, id);
CREATE INDEX calls_from_idx      ON calls (from_number, started_at, id);
CREATE INDEX calls_to_idx        ON calls (to_number, started_at, id);
-- The usual combination of an operator's view: one agent's calls of one direction or status.
CREATE INDEX calls_agent_direction_idx ON calls (agent_id, direction, started_at, id);
CREATE INDEX calls_agent_status_idx    ON calls (agent_id, status, started_at, id);
CREATE INDEX calls_created_idx   ON calls (created_at, id);
CREATE INDEX calls_ended_idx     ON calls ((COALESCE(ended_at, '')), id);
CREATE INDEX calls_duration_idx  ON calls ((COALESCE(duration_seconds, -1)), id);

-- Operators' notes on a call (POST /v1/calls/{id}/notes), oldest first. Times as in calls.
CREATE TABLE call_notes (
    id         VARCHAR(64) NOT NULL PRIMARY KEY,
    call_id    VARCHAR(64) NOT NULL,
    author     TEXT        NOT NULL,
    text       TEXT        NOT NULL,
    created_at VARCHAR(24) NOT NULL,
    FOREIGN KEY (call_id) REFERENCES calls (id)
);
CREATE INDEX call_notes_call_idx ON call_notes (call_id, created_at, id);
