-- What the conversation of a call was and what it cost: its turns (the transcript with per-turn latencies), the
-- provider failures during the call, and what the call used of each provider (from CallEnded).
--
-- Same portability rules as V1 (TEXT, INTEGER, BIGINT, DOUBLE PRECISION; no engine-specific defaults). Events may be
-- applied twice (re-applied from pending-events.pb after a crash), so every table has a natural key and rows are
-- written with INSERT ... ON CONFLICT DO NOTHING (SQLite 3.24+ and PostgreSQL 9.5+ both accept it): the first write
-- stays, a replay changes nothing.

-- One row per turn. Times are milliseconds from the answer of the call. The latencies (caller turns only) are NULL
-- when the stage did not happen; interrupted is 0 or 1 (agent turns only).
CREATE TABLE call_turns (
    call_id            VARCHAR(64) NOT NULL,
    idx                INTEGER     NOT NULL,
    role               VARCHAR(16),
    text               TEXT        NOT NULL,
    start_ms           BIGINT      NOT NULL,
    end_ms             BIGINT      NOT NULL,
    interrupted        INTEGER     NOT NULL,
    endpoint_ms        BIGINT,
    stt_final_ms       BIGINT,
    llm_first_token_ms BIGINT,
    tts_first_audio_ms BIGINT,
    voice_to_voice_ms  BIGINT,
    intended_text      TEXT,
    PRIMARY KEY (call_id, idx),
    FOREIGN KEY (call_id) REFERENCES calls (id)
);

-- One row per provider failure. capability, provider and code are part of the key and therefore never NULL ('' when
-- the engine did not say): NULLs are distinct in a unique constraint on both engines, so a replay would duplicate.
-- occurred_at is the event's time (ISO-8601 UTC, as in calls); at_ms is milliseconds from the answer.
CREATE TABLE provider_errors (
    call_id     VARCHAR(64)  NOT NULL,
    at_ms       BIGINT       NOT NULL,
    capability  VARCHAR(16)  NOT NULL,
    provider    VARCHAR(255) NOT NULL,
    code        VARCHAR(64)  NOT NULL,
    message     TEXT,
    action      VARCHAR(32),
    occurred_at VARCHAR(24)  NOT NULL,
    PRIMARY KEY (call_id, at_ms, capability, provider, code),
    FOREIGN KEY (call_id) REFERENCES calls (id)
);

-- What one call used of one capability's provider ("stt", "llm", "tts"). Only the counters that apply to the
-- capability are meaningful (stt: audio_seconds; llm: the tokens; tts: characters); the others are 0.
CREATE TABLE call_provider_usage (
    call_id       VARCHAR(64)      NOT NULL,
    capability    VARCHAR(16)      NOT NULL,
    provider      TEXT,
    model         TEXT,
    audio_seconds DOUBLE PRECISION NOT NULL,
    input_tokens  BIGINT           NOT NULL,
    output_tokens BIGINT           NOT NULL,
    characters    BIGINT           NOT NULL,
    requests      BIGINT           NOT NULL,
    PRIMARY KEY (call_id, capability),
    FOREIGN KEY (call_id) REFERENCES calls (id)
);
