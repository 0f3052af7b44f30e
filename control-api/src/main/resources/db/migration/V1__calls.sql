-- Call records, one row per call, written from the media engine's CallEvents.
--
-- Portable across SQLite and PostgreSQL: TEXT, INTEGER, BIGINT and DOUBLE PRECISION only, no engine-specific defaults.
-- Conventions:
--   * ids are UUID strings (lower case);
--   * times are ISO-8601 UTC text with exactly three fraction digits ("2025-03-20T09:15:00.000Z"), so that text
--     order is time order and range filters are plain string comparisons on both engines;
--   * duration_seconds is fractional (millisecond precision): answered_at to ended_at, NULL when never answered;
--   * recording is a path relative to the data directory.
-- Status values (ringing, in-progress, completed, failed) are validated by the application, not by a CHECK, so that
-- new values (queued, voicemail, ...) need no table rebuild on SQLite.
CREATE TABLE calls (
    id                VARCHAR(64)      NOT NULL PRIMARY KEY,
    sip_call_id       TEXT,
    direction         VARCHAR(16),
    from_number       TEXT,
    to_number         TEXT,
    agent_id          TEXT,
    trunk_id          TEXT,
    source            TEXT,
    codec             TEXT,
    status            VARCHAR(16)      NOT NULL,
    outcome           TEXT,
    error             TEXT,
    sip_status        INTEGER,
    started_at        VARCHAR(24)      NOT NULL,
    answered_at       VARCHAR(24),
    ended_at          VARCHAR(24),
    duration_seconds  DOUBLE PRECISION,
    recording         TEXT,
    recording_seconds DOUBLE PRECISION,
    packets_in        BIGINT,
    packets_out       BIGINT,
    bytes_in          BIGINT,
    bytes_out         BIGINT,
    packets_lost      BIGINT,
    packets_late      BIGINT,
    packets_duplicate BIGINT,
    packets_invalid   BIGINT,
    jitter_ms         DOUBLE PRECISION,
    max_jitter_ms     DOUBLE PRECISION,
    dtmf_packets      BIGINT,
    created_at        VARCHAR(24)      NOT NULL,
    updated_at        VARCHAR(24)      NOT NULL
);

-- The list is sorted by (started_at DESC, id DESC); each filter gets an index that also serves that sort.
CREATE INDEX calls_started_idx   ON calls (started_at, id);
CREATE INDEX calls_direction_idx ON calls (direction, started_at, id);
CREATE INDEX calls_status_idx    ON calls (status, started_at, id);
CREATE INDEX calls_agent_idx     ON calls (agent_id, started_at, id);
CREATE INDEX calls_sip_call_idx  ON calls (sip_call_id);
