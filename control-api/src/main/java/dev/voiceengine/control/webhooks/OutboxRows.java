package dev.voiceengine.control.webhooks;

import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The deliverer's reads and writes of the outbox. A row is due when it is pending, its time has come, its endpoint
 * is enabled, and no earlier row of the same call for the same endpoint is still pending: that last rule is what
 * keeps a call's events in order (call.ended never overtakes a call.answered that is being retried).
 */
final class OutboxRows {
  private static final String HEAD = " FROM webhook_outbox o WHERE o.state = 'pending' AND o.endpoint_id IN (%s)"
      + " AND NOT EXISTS (SELECT 1 FROM webhook_outbox p WHERE p.state = 'pending' AND p.call_id = o.call_id"
      + " AND p.endpoint_id = o.endpoint_id AND p.seq < o.seq)";

  /** A row to send. */
  record Due(String id, String endpointId, String event, String body, Instant createdAt, int attempts) {}

  private final Database database;
  private final List<String> endpointIds;
  private final String head;

  OutboxRows(Database database, List<String> endpointIds) {
    this.database = database;
    this.endpointIds = List.copyOf(endpointIds);
    this.head = String.format(HEAD, endpointIds.isEmpty() ? "NULL"
        : String.join(", ", Collections.nCopies(endpointIds.size(), "?")));
  }

  /** The rows due at {@code now}, oldest first. */
  List<Due> due(String now, int limit) throws SQLException {
    if (endpointIds.isEmpty()) {
      return List.of();
    }
    String sql = "SELECT o.id, o.endpoint_id, o.event, o.body, o.created_at, o.attempts" + head
        + " AND o.next_attempt_at <= ? ORDER BY o.seq LIMIT " + limit;
    return database.read(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = bindEndpoints(s);
        s.setString(i, now);
        List<Due> due = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            due.add(new Due(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                Timestamps.parse(r.getString(5)), r.getInt(6)));
          }
        }
        return due;
      }
    });
  }

  /** The earliest time a row that may be sent next is due; null when none is pending. */
  Instant nextAttempt() throws SQLException {
    if (endpointIds.isEmpty()) {
      return null;
    }
    String sql = "SELECT MIN(o.next_attempt_at)" + head;
    return database.read(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        bindEndpoints(s);
        try (ResultSet r = s.executeQuery()) {
          String at = r.next() ? r.getString(1) : null;
          return at == null ? null : Timestamps.parse(at);
        }
      }
    });
  }

  /** Stores the attempt and the row's new state in one transaction. */
  void recordAttempt(String id, DeliveryAttempt attempt, int attempts, String state, Instant next)
      throws SQLException {
    database.transaction(c -> {
      insertAttempt(c, id, attempt);
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE webhook_outbox SET attempts = ?, state = ?, next_attempt_at = ? WHERE id = ?")) {
        s.setInt(1, attempts);
        s.setString(2, state);
        s.setString(3, Timestamps.format(Timestamps.clamp(next)));
        s.setString(4, id);
        s.executeUpdate();
      }
      return null;
    });
  }

  /** Fails the pending rows of endpoints that are no longer configured or enabled; returns how many. */
  int failOrphans(String now) throws SQLException {
    String notIn = endpointIds.isEmpty() ? "" : " AND endpoint_id NOT IN ("
        + String.join(", ", Collections.nCopies(endpointIds.size(), "?")) + ")";
    return database.transaction(c -> {
      try (PreparedStatement attempts = c.prepareStatement("INSERT INTO webhook_attempts (outbox_id, attempted_at,"
          + " status_code, response_excerpt, error, duration_ms) SELECT id, ?, NULL, NULL,"
          + " 'endpoint no longer configured or enabled', 0 FROM webhook_outbox WHERE state = 'pending'" + notIn);
          PreparedStatement fail = c.prepareStatement("UPDATE webhook_outbox SET state = 'failed',"
              + " next_attempt_at = ? WHERE state = 'pending'" + notIn)) {
        attempts.setString(1, now);
        fail.setString(1, now);
        for (int i = 0; i < endpointIds.size(); i++) {
          attempts.setString(i + 2, endpointIds.get(i));
          fail.setString(i + 2, endpointIds.get(i));
        }
        attempts.executeUpdate();
        return fail.executeUpdate();
      }
    });
  }

  private int bindEndpoints(PreparedStatement s) throws SQLException {
    int i = 1;
    for (String id : endpointIds) {
      s.setString(i++, id);
    }
    return i;
  }

  static void insertAttempt(Connection c, String outboxId, DeliveryAttempt a) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_attempts (outbox_id, attempted_at,"
        + " status_code, response_excerpt, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setString(1, outboxId);
      s.setString(2, Timestamps.format(Timestamps.clamp(a.attemptedAt())));
      if (a.statusCode() == null) {
        s.setNull(3, java.sql.Types.INTEGER);
      } else {
        s.setInt(3, a.statusCode());
      }
      s.setString(4, a.responseExcerpt());
      s.setString(5, a.error());
      s.setLong(6, a.durationMs());
      s.executeUpdate();
    }
  }
}
