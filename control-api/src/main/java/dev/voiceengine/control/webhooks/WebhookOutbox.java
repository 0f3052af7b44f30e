package dev.voiceengine.control.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.control.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes deliveries into the outbox on the caller's transaction: one row per endpoint that wants the event, holding
 * the exact body that will be signed and sent ({@code {"id","type","created_at","data"}}), so every attempt sends
 * the same bytes and the receiver dedupes by {@code id}. Rows are numbered in the order they were written; the
 * deliverer keeps that order per call and endpoint.
 */
final class WebhookOutbox {
  static final String PENDING = "pending";
  static final String DELIVERED = "delivered";
  static final String FAILED = "failed";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSERT = "INSERT INTO webhook_outbox (id, seq, org_id, endpoint_id, call_id, batch_id,"
      + " event, body, created_at, next_attempt_at, attempts, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)";

  private final List<WebhookEndpoint> endpoints;
  private final Clock clock;
  private final AtomicLong seq;

  /** @param lastSeq the highest row number stored (see {@link #lastSeq}) */
  WebhookOutbox(List<WebhookEndpoint> endpoints, Clock clock, long lastSeq) {
    this.endpoints = List.copyOf(endpoints);
    this.clock = clock;
    this.seq = new AtomicLong(lastSeq);
  }

  /** The highest row number in the outbox (0 when empty). */
  static long lastSeq(Connection connection) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT MAX(seq) FROM webhook_outbox");
        ResultSet rows = s.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  /** Whether any endpoint wants this event (callers skip building the payload otherwise). */
  boolean wanted(String orgId, WebhookEvent event) {
    return endpoints.stream().anyMatch(e -> e.orgId().equals(orgId) && e.wants(event));
  }

  /** Queues the event for every endpoint of the organization that wants it; returns how many rows were written. */
  int enqueue(Connection connection, String orgId, String callId, String batchId, WebhookEvent event,
      ObjectNode data) throws SQLException {
    int written = 0;
    for (WebhookEndpoint endpoint : endpoints) {
      if (!endpoint.orgId().equals(orgId) || !endpoint.wants(event)) {
        continue;
      }
      String id = "evt_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
      String now = Timestamps.format(Timestamps.clamp(clock.instant()));
      ObjectNode body = JSON.createObjectNode();
      body.put("id", id);
      body.put("type", event.wire());
      body.put("created_at", now);
      body.set("data", data);
      try (PreparedStatement s = connection.prepareStatement(INSERT)) {
        s.setString(1, id);
        s.setLong(2, seq.incrementAndGet());
        s.setString(3, orgId);
        s.setString(4, endpoint.id());
        s.setString(5, callId);
        s.setString(6, batchId);
        s.setString(7, event.wire());
        s.setString(8, body.toString());
        s.setString(9, now);
        s.setString(10, now);
        s.setString(11, PENDING);
        s.executeUpdate();
      }
      written++;
    }
    return written;
  }

  /** Now, as stored. */
  String now() {
    return Timestamps.format(Timestamps.clamp(clock.instant()));
  }

  Instant instant() {
    return clock.instant();
  }
}
