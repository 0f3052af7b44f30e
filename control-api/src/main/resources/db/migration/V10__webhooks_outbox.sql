-- Webhook outbox: one row per (event, endpoint), inserted in the transaction that stored the event, so an event that
-- was stored always has its deliveries. The deliverer sends them in seq order per call and endpoint.
-- id is the event id the receiver dedupes by. Times are ISO-8601 UTC strings (fixed width: they sort as text).
-- state: pending | delivered | failed. Portable SQL (SQLite and PostgreSQL): no defaults, no engine-specific types.
CREATE TABLE webhook_outbox (
  id VARCHAR(64) PRIMARY KEY,
  seq BIGINT NOT NULL,
  org_id VARCHAR(64) NOT NULL,
  endpoint_id VARCHAR(64) NOT NULL,
  call_id VARCHAR(64),
  batch_id VARCHAR(64),
  event VARCHAR(32) NOT NULL,
  body TEXT NOT NULL,
  created_at VARCHAR(24) NOT NULL,
  next_attempt_at VARCHAR(24) NOT NULL,
  attempts INTEGER NOT NULL,
  state VARCHAR(16) NOT NULL
);
CREATE UNIQUE INDEX webhook_outbox_seq ON webhook_outbox (seq);
CREATE INDEX webhook_outbox_due ON webhook_outbox (state, next_attempt_at);
CREATE INDEX webhook_outbox_call ON webhook_outbox (call_id, seq);

-- Every delivery attempt: the HTTP status and the start of the response, or the error when there was no response.
CREATE TABLE webhook_attempts (
  outbox_id VARCHAR(64) NOT NULL,
  attempted_at VARCHAR(24) NOT NULL,
  status_code INTEGER,
  response_excerpt TEXT,
  error TEXT,
  duration_ms BIGINT NOT NULL
);
CREATE INDEX webhook_attempts_outbox ON webhook_attempts (outbox_id, attempted_at);
