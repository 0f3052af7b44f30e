package dev.voiceengine.control.store;

import java.time.Instant;

/**
 * One row of the call event log: the event's number (increasing, never reused), its call, the call's organization
 * (null until calls have one), when it happened, its type (e.g. {@code call.answered}) and the event as stored bytes.
 */
public record LoggedEvent(long id, String callId, String orgId, Instant occurredAt, String type, byte[] payload) {}
