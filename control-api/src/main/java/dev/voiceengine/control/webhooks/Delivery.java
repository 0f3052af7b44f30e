package dev.voiceengine.control.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * One outbox row as {@code GET /v1/webhooks/deliveries} shows it: an event for one endpoint, its state and its
 * attempts in order.
 *
 * @param state pending | delivered | failed
 * @param nextAttemptAt when a pending delivery is tried next (for the others: when it was settled)
 */
public record Delivery(String id, String orgId, String endpointId, String callId, String batchId, String event,
    String state, int attempts, Instant createdAt, Instant nextAttemptAt, String body,
    List<DeliveryAttempt> attemptLog) {}
