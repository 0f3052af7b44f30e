package dev.voiceengine.control.webhooks;

import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the outbox for operators: deliveries newest first, each with its attempts. Blocking JDBC. */
public final class DeliveryQueries {
  /** Most deliveries one read returns. */
  public static final int MAX_LIMIT = 500;
  /** The states a delivery can be in. */
  public static final Set<String> STATES =
      Set.of(WebhookOutbox.PENDING, WebhookOutbox.DELIVERED, WebhookOutbox.FAILED);

  private final Database database;

  public DeliveryQueries(Database database) {
    this.database = database;
  }

  /** The newest deliveries of the organization, optionally of one call and/or in one state (nulls: any). */
  public List<Delivery> list(String orgId, String callId, String state, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT id, org_id, endpoint_id, call_id, batch_id, event, state, attempts,"
        + " created_at, next_attempt_at, body FROM webhook_outbox WHERE org_id = ?");
    List<String> args = new ArrayList<>(List.of(orgId));
    if (callId != null) {
      sql.append(" AND call_id = ?");
      args.add(callId);
    }
    if (state != null) {
      sql.append(" AND state = ?");
      args.add(state);
    }
    sql.append(" ORDER BY seq DESC LIMIT ").append(Math.max(1, Math.min(limit, MAX_LIMIT)));
    return database.read(c -> {
      Map<String, Delivery> rows = new LinkedHashMap<>();
      try (PreparedStatement s = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          s.setString(i + 1, args.get(i));
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            rows.put(r.getString(1), new Delivery(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.getInt(8), Timestamps.parse(r.getString(9)),
                Timestamps.parse(r.getString(10)), r.getString(11), new ArrayList<>()));
          }
        }
      }
      for (Delivery d : rows.values()) {
        d.attemptLog().addAll(attempts(c, d.id()));
      }
      return rows.values().stream()
          .map(d -> new Delivery(d.id(), d.orgId(), d.endpointId(), d.callId(), d.batchId(), d.event(), d.state(),
              d.attempts(), d.createdAt(), d.nextAttemptAt(), d.body(), List.copyOf(d.attemptLog())))
          .toList();
    });
  }

  private static List<DeliveryAttempt> attempts(Connection c, String outboxId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT attempted_at, status_code, response_excerpt, error,"
        + " duration_ms FROM webhook_attempts WHERE outbox_id = ? ORDER BY attempted_at")) {
      s.setString(1, outboxId);
      List<DeliveryAttempt> attempts = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          int status = r.getInt(2);
          Integer code = r.wasNull() ? null : status;
          attempts.add(new DeliveryAttempt(Timestamps.parse(r.getString(1)), code, r.getString(3), r.getString(4),
              r.getLong(5)));
        }
      }
      return attempts;
    }
  }
}
