-- The call record's new columns, shared by the outbound calls, voicemail detection, transfer, contacts and post-call
-- analysis. Each feature's own tables (the dial queue, batches, notes, webhook outbox...) come in later migrations.
-- Same portability rules as V1: plain ALTERs that SQLite and PostgreSQL both take, no defaults, NULL when unknown.

-- Outbound request: what the API was asked (JSON objects as text), and which batch/campaign it belongs to.
ALTER TABLE calls ADD COLUMN batch_id VARCHAR(64);
ALTER TABLE calls ADD COLUMN campaign_id VARCHAR(64);
ALTER TABLE calls ADD COLUMN first_message TEXT;
ALTER TABLE calls ADD COLUMN context_json TEXT;
ALTER TABLE calls ADD COLUMN metadata_json TEXT;
-- ISO-8601 UTC like the other times: when the far end started ringing (180/183) on an outbound call.
ALTER TABLE calls ADD COLUMN ringing_at VARCHAR(24);
-- The SIP reason phrase of the final response when the far end refused or failed the call (sip_status holds the code).
ALTER TABLE calls ADD COLUMN sip_reason TEXT;

-- Answering-machine detection: human | machine | unknown; milliseconds from the answer. went_to_voicemail is 0 or 1.
ALTER TABLE calls ADD COLUMN amd_result VARCHAR(16);
ALTER TABLE calls ADD COLUMN amd_decision_ms BIGINT;
ALTER TABLE calls ADD COLUMN amd_beep_at_ms BIGINT;
ALTER TABLE calls ADD COLUMN went_to_voicemail INTEGER;

-- Blind transfer (REFER): where to, how far it got, the last SIP status seen.
ALTER TABLE calls ADD COLUMN transfer_target TEXT;
ALTER TABLE calls ADD COLUMN transfer_state VARCHAR(16);
ALTER TABLE calls ADD COLUMN transfer_sip_status INTEGER;

-- The contact the call is with (from the outbound request, or matched by number on inbound).
ALTER TABLE calls ADD COLUMN contact_id VARCHAR(64);
ALTER TABLE calls ADD COLUMN contact_first_name TEXT;
ALTER TABLE calls ADD COLUMN contact_last_name TEXT;
ALTER TABLE calls ADD COLUMN contact_email TEXT;

-- Post-call analysis. sentiment: positive | neutral | negative. tags: comma-separated with a leading and trailing
-- comma (",billing,refund,") so one tag is found with LIKE '%,tag,%' on both engines. call_success is 0 or 1.
-- ended_reason: who hung up and why. analysis_json: the custom template's fields. analysis_method: "heuristic" or the
-- model that did it.
ALTER TABLE calls ADD COLUMN summary TEXT;
ALTER TABLE calls ADD COLUMN sentiment VARCHAR(16);
ALTER TABLE calls ADD COLUMN tags TEXT;
ALTER TABLE calls ADD COLUMN call_success INTEGER;
ALTER TABLE calls ADD COLUMN ended_reason TEXT;
ALTER TABLE calls ADD COLUMN analysis_json TEXT;
ALTER TABLE calls ADD COLUMN analysis_method TEXT;
ALTER TABLE calls ADD COLUMN analyzed_at VARCHAR(24);
