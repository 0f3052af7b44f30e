-- What went wrong with a call's recording, as the engine reports it in CallEnded: a human-readable error (NULL when
-- nothing did) and the seconds of the call's audio missing from the WAV (replaced by silence or not written).
ALTER TABLE calls ADD COLUMN recording_error TEXT;
ALTER TABLE calls ADD COLUMN recording_dropped_seconds DOUBLE PRECISION;
