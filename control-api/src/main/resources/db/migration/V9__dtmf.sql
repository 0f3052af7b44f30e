-- The keys the caller pressed (DtmfReceived events), one row per key press, in the order they were reported. seq is
-- 1, 2, 3… within a call. at_ms is milliseconds from the answer to the key going down, duration_ms how long it was
-- held (0 when its end was not seen); source is "rfc4733" (telephone-events) or "inband" (tones in the audio).
--
-- Same portability rules as V1 and V4. Events may be applied twice (re-applied after a crash): a key press is known
-- by when it started and how it was heard, so the natural key (call_id, source, at_ms, digit) lets a replay change
-- nothing (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE call_dtmf (
    call_id     VARCHAR(64) NOT NULL,
    seq         INTEGER     NOT NULL,
    digit       VARCHAR(1)  NOT NULL,
    at_ms       BIGINT      NOT NULL,
    duration_ms BIGINT      NOT NULL,
    source      VARCHAR(16) NOT NULL,
    PRIMARY KEY (call_id, seq),
    UNIQUE (call_id, source, at_ms, digit),
    FOREIGN KEY (call_id) REFERENCES calls (id)
);
